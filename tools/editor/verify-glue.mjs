// Usage: npm ci && node verify-glue.mjs ../..   (from tools/editor)
// Checks the editor glue file with @cucumber/language-service, the library the official
// Cucumber VS Code extension's language server runs: every step of every feature is
// defined, a misspelled one is underlined, completion and go-to-definition answer.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, resolve, dirname } from 'node:path'
import { createRequire } from 'node:module'
import {
  ExpressionBuilder, getGherkinDiagnostics, getGherkinCompletionItems,
  getStepDefinitionLocationLinks, buildSuggestions, jsSearchIndex,
  parseGherkinDocument, extractStepTexts,
} from '@cucumber/language-service'
import { WasmParserAdapter } from '@cucumber/language-service/wasm'

const root = resolve(process.argv[2])
const require = createRequire(import.meta.url)
const dist = dirname(dirname(dirname(require.resolve('@cucumber/language-service'))))
const adapter = new WasmParserAdapter(dist)
await adapter.init()
const glue = join(root, '.vscode', 'steps_glue.py')
const built = new ExpressionBuilder(adapter).build(
  [{ languageName: 'python', uri: `file://${glue}`, content: readFileSync(glue, 'utf8') }], [])
const expressions = built.expressionLinks.map((l) => l.expression)
console.log(`glue: ${expressions.length} step expressions, ${built.errors.length} errors`)
for (const e of built.errors.slice(0, 5)) console.log('  error:', e.message)

const features = []
const walk = (dir) => { for (const name of readdirSync(dir)) {
  const path = join(dir, name)
  if (statSync(path).isDirectory()) walk(path); else if (name.endsWith('.feature')) features.push(path)
} }
walk(join(root, 'features'))
let undefinedSteps = 0
const stepTexts = []
for (const path of features) {
  const source = readFileSync(path, 'utf8')
  const diagnostics = getGherkinDiagnostics(source, expressions)
  for (const d of diagnostics) { undefinedSteps++; console.log(`  ${path}:${d.range.start.line + 1}: ${d.message}`) }
  const { gherkinDocument } = parseGherkinDocument(source)
  if (gherkinDocument) stepTexts.push(...extractStepTexts(gherkinDocument, []))
}
console.log(`features: ${features.length} files, ${undefinedSteps} diagnostics (undefined steps)`)

const typo = 'Feature: F\n  Scenario: S\n    Given Sara has an S-logni\n'
console.log(`misspelled step: ${getGherkinDiagnostics(typo, expressions).map((d) => d.message).join('; ')}`)

const index = jsSearchIndex(buildSuggestions(built.registry, stepTexts, expressions))
const sv = 'Egenskap: F\n  Scenario: S\n    Givet Sara har en S-inloggning\n'
const links = getStepDefinitionLocationLinks('# language: sv\n' + sv, { line: 3, character: 12 }, built.expressionLinks)
console.log(`go to definition of "Givet Sara har en S-inloggning": ${links.map((l) => `${l.targetUri.split('/').slice(-2).join('/')}:${l.targetRange.start.line + 1}`).join(', ')}`)
const s2 = 'Feature: F\n  Scenario: S\n    Given Sara uses a\n'
const first = getGherkinCompletionItems(s2, { line: 2, character: 21 }, index)[0]
console.log(`completion for "Given Sara uses a": ${first ? first.textEdit.newText : 'none'}`)
process.exitCode = built.errors.length || undefinedSteps ? 1 : 0
