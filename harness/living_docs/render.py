"""Write the HTML report from Cucumber Messages with the pinned @cucumber/html-formatter.

The report is the formatter's page: its template (`dist/src/index.mustache`), icon,
stylesheet and React app (`dist/main.css`, `dist/main.js`), with the run's messages as a
JavaScript array between them. The formatter's own writer (`CucumberHtmlStream`, a
Node.js stream of ~100 lines) does nothing else: it copies the template's parts and the
files in order and writes every message as `JSON.stringify(envelope)` with `<` written
as `\\x3C`. This module does the same in the run's own Python instead of starting Node.js
for it: that start cost ~0.15 s of wall time and CPU at the end of every run, the
largest part of a one-scenario run's reports (issue 19).

The bytes are the formatter's: `tests/harness/test_report_render.py` renders the same
messages with `CucumberHtmlStream` itself (tools/report/render.mjs, through Node.js) and
compares, for a run's real messages and for generated ones (numbers, escapes, lone
surrogates, keys that JavaScript orders first). An upgrade of the formatter that changes
its writer fails that test.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from harness.config import PROJECT_ROOT
from harness.errors import HarnessSetupError

REPORT_TOOLS = PROJECT_ROOT / "tools" / "report"
FORMATTER_DIR = REPORT_TOOLS / "node_modules" / "@cucumber" / "html-formatter"
FORMATTER = FORMATTER_DIR / "package.json"
# The formatter's own writer, run by the tests that compare (see the module's docstring).
RENDER_SCRIPT = REPORT_TOOLS / "render.mjs"

# What CucumberHtmlStream reads: its template and icon (dist/src), its stylesheet and app.
_TEMPLATE = FORMATTER_DIR / "dist" / "src" / "index.mustache"
_ICON = FORMATTER_DIR / "dist" / "src" / "icon.url"
_CSS = FORMATTER_DIR / "dist" / "main.css"
_SCRIPT = FORMATTER_DIR / "dist" / "main.js"

# A key JavaScript orders before all others in an object: an array index ("0", "17").
_INDEX_KEY = re.compile(r'[{,]\s*"(?:0|[1-9][0-9]{0,9})"\s*:')
_SURROGATE = re.compile("[\ud800-\udfff]")
# Beyond this, a JavaScript number is not the integer the text wrote.
_EXACT_INT = 2**53


def missing_tools() -> str | None:
    """Why the HTML report cannot be written here, or None when it can."""
    if not FORMATTER.exists():
        return f"@cucumber/html-formatter is not installed in {REPORT_TOOLS}: run ./qa setup."
    missing = [p.name for p in (_TEMPLATE, _ICON, _CSS, _SCRIPT) if not p.exists()]
    if missing:
        return (
            f"@cucumber/html-formatter in {REPORT_TOOLS} lacks {', '.join(missing)}: "
            "run ./qa setup (it installs the pinned version again)."
        )
    return None


def render_html(ndjson: Path, html: Path) -> Path:
    """The report page for the messages in `ndjson` (one JSON envelope a line), as the
    formatter's CucumberHtmlStream writes it."""
    problem = missing_tools()
    if problem:
        raise HarnessSetupError(problem)
    template = _read(_TEMPLATE)

    def between(begin: str | None, end: str | None) -> str:
        start = 0 if begin is None else template.index(begin) + len(begin)
        stop = len(template) if end is None else template.index(end)
        return template[start:stop]

    try:
        with (
            ndjson.open(encoding="utf-8") as lines,
            html.open("w", encoding="utf-8", newline="") as out,
        ):
            out.write(between(None, "{{title}}"))
            out.write("Cucumber")
            out.write(between("{{title}}", "{{icon}}"))
            out.write(_read(_ICON))
            out.write(between("{{icon}}", "{{css}}"))
            out.write(_read(_CSS))
            out.write(between("{{css}}", "{{custom_css}}"))
            out.write(between("{{custom_css}}", "{{messages}}"))
            _write_messages(lines, out)
            out.write(between("{{messages}}", "{{script}}"))
            out.write(_read(_SCRIPT))
            out.write(between("{{script}}", "{{custom_script}}"))
            out.write(between("{{custom_script}}", None))
    except (OSError, ValueError) as exc:  # ValueError: a line that is not JSON
        html.unlink(missing_ok=True)
        raise HarnessSetupError(f"Writing {html.name} from {ndjson} failed: {exc}") from exc
    return html


def _read(path: Path) -> str:
    """A file of the formatter as Node.js reads it: no line endings translated."""
    with path.open(encoding="utf-8", newline="") as text:
        return text.read()


def _write_messages(lines: Iterable[str], out: TextIO) -> None:
    first = True
    for line in lines:
        if not line.strip():
            continue
        if not first:
            out.write(",")
        first = False
        out.write(js_stringify_line(line).replace("<", "\\x3C"))


class _NotPlain(Exception):
    """A number JavaScript writes otherwise than Python (see js_stringify_line)."""


def _not_plain(_text: str) -> float:
    raise _NotPlain


def _plain_int(text: str) -> int:
    number = int(text)
    if abs(number) > _EXACT_INT:
        raise _NotPlain
    return number


def js_stringify_line(line: str) -> str:
    """`JSON.stringify(JSON.parse(line))` as JavaScript writes it.

    Python's compact `json.dumps` writes the same bytes except for numbers with a
    fraction or exponent, integers beyond 2**53 (JavaScript rounds them), NaN and the
    infinities, lone surrogates and keys JavaScript orders first; a line with any of
    those takes the exact, slower way (`js_stringify`).
    """
    if _INDEX_KEY.search(line) is None:
        try:
            parsed = json.loads(
                line, parse_float=_not_plain, parse_int=_plain_int, parse_constant=_not_plain
            )
        except _NotPlain:
            pass
        else:
            text = json.dumps(parsed, ensure_ascii=False, separators=(",", ":"))
            if _SURROGATE.search(text) is None:
                return text
    return js_stringify(json.loads(line, object_pairs_hook=_js_object))


class _JsObject(dict[str, Any]):
    """An object with its keys in JavaScript's order."""


def _js_object(pairs: list[tuple[str, Any]]) -> _JsObject:
    merged: dict[str, Any] = {}
    for key, value in pairs:  # a repeated key keeps its first place and its last value
        merged[key] = value
    index = sorted((int(k), k) for k in merged if _is_array_index(k))
    ordered = _JsObject({k: merged[k] for _, k in index})
    ordered.update((k, v) for k, v in merged.items() if k not in ordered)
    return ordered


def _is_array_index(key: str) -> bool:
    return key.isascii() and key.isdigit() and str(int(key)) == key and int(key) < 2**32 - 1


def js_stringify(value: Any) -> str:
    """JSON.stringify of a parsed JSON value (null, bool, number, string, list, dict)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if abs(value) <= _EXACT_INT:
            return str(value)
        return js_number(float(value)) if abs(value) < 2**1024 else "null"  # Infinity
    if isinstance(value, float):
        return js_number(value)
    if isinstance(value, str):
        return _js_string(value)
    if isinstance(value, list):
        return "[" + ",".join(js_stringify(v) for v in value) + "]"
    return "{" + ",".join(f"{_js_string(k)}:{js_stringify(v)}" for k, v in value.items()) + "}"


def _js_string(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)
    # Well-formed JSON.stringify writes a lone surrogate as an escape.
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def js_number(number: float) -> str:
    """Number.prototype.toString (ECMAScript's Number::toString), as JSON.stringify uses
    it; NaN and the infinities become null."""
    if number != number or number in (math.inf, -math.inf):
        return "null"
    if number == 0:
        return "0"
    if number < 0:
        return "-" + js_number(-number)
    # The shortest digits that read back as this number, as JavaScript chooses them.
    _sign, digit_tuple, exponent = Decimal(repr(number)).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0")
    assert isinstance(exponent, int)  # a finite number's
    k = len(digits)
    n = exponent + len(digit_tuple)  # the decimal point's place: value = 0.DIGITS × 10^n
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * -n + digits
    e = n - 1
    mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
    return f"{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"
