// The formatter's own writer: Cucumber Messages (NDJSON) into one self-contained HTML page.
// Usage: node render.mjs OUTPUT.html INPUT.ndjson
// The harness writes the report in Python (harness/living_docs/render.py) with the same
// template, stylesheet and app; tests/harness/test_report_render.py runs this script to
// prove that both write the same bytes.
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { createRequire } from 'node:module'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { CucumberHtmlStream } from '@cucumber/html-formatter'

const [output, input] = process.argv.slice(2)
if (!output || !input) {
  console.error('usage: node render.mjs OUTPUT.html INPUT.ndjson')
  process.exit(2)
}
const dist = path.dirname(createRequire(import.meta.url).resolve('@cucumber/html-formatter/dist/main.css'))

async function * envelopes () {
  const lines = readline.createInterface({ input: fs.createReadStream(input), crlfDelay: Infinity })
  for await (const line of lines) {
    if (line.trim()) yield JSON.parse(line)
  }
}

await pipeline(
  Readable.from(envelopes()),
  new CucumberHtmlStream(path.join(dist, 'main.css'), path.join(dist, 'main.js')),
  fs.createWriteStream(output)
)
