"""The HTML report written in Python has the bytes @cucumber/html-formatter's own writer
(CucumberHtmlStream, run through Node.js by tools/report/render.mjs) gives the same
messages. A run's real messages are compared in test_living_docs.py; here the messages a
run rarely writes: numbers JavaScript writes its own way, escapes, lone surrogates, keys
JavaScript orders first, text that could close the page's script."""

from __future__ import annotations

import json
import math
import random
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from harness.errors import HarnessSetupError
from harness.living_docs.render import (
    RENDER_SCRIPT,
    REPORT_TOOLS,
    js_number,
    missing_tools,
    render_html,
)

# Messages as JSON text, written as they are: some are not what Python's json would write.
TRICKY_LINES = [
    '{"meta":{"protocolVersion":"34.2.1","implementation":{"name":"x","version":"0.1.0"}}}',
    '{"numbers":[1.0,-0,-0.0,0.5,1e5,1E-7,1e21,1e-6,123.456,5e-324,1.7976931348623157e308]}',
    '{"ints":[9007199254740992,9007199254740993,12345678901234567890,-9007199254740995]}',
    '{"text":"</script><script>alert(1)</script> < <<"}',
    '{"controls":"\\u0000\\u0001\\b\\f\\n\\r\\t\\u001f\\u007f \\u2028 \\u2029 \\"quoted\\" \\\\"}',
    '{"lone":"\\ud800 and \\udfff, a pair \\ud83d\\ude00 and é ü ☃ 😀"}',
    '{"b":1,"10":2,"2":3,"a":4,"1":5,"01":6,"4294967295":7,"4294967294":8}',
    '{"a":1,"b":2,"a":3}',
    '{ "x" : 1 , "7" : [ 2 , true ] , "y" : { "0" :null} }',
    '{"deep":[[[{"x":[null,true,false,{}]}]],[],""]}',
    "   ",
    '{"attachment":{"body":"aGVsbG8=","mediaType":"image/png","contentEncoding":"BASE64"}}',
]


def node_render(ndjson: Path, html: Path) -> None:
    """The formatter's own writer, through Node.js."""
    node = shutil.which("node")
    if node is None or missing_tools():
        pytest.fail(f"{missing_tools() or 'Node.js is missing'}: run ./qa setup", pytrace=False)
    done = subprocess.run(
        [node, str(RENDER_SCRIPT), str(html), str(ndjson)],
        cwd=REPORT_TOOLS,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def page_difference(ndjson: Path, folder: Path) -> str | None:
    """Where our page and the formatter's differ, or None when they are the same bytes."""
    ours, theirs = folder / "ours.html", folder / "theirs.html"
    render_html(ndjson, ours)
    node_render(ndjson, theirs)
    mine, formatter = ours.read_bytes(), theirs.read_bytes()
    if mine == formatter:
        return None
    at = next(
        (i for i, (a, b) in enumerate(zip(mine, formatter, strict=False)) if a != b),
        min(len(mine), len(formatter)),
    )
    return (
        f"the pages differ at byte {at} (ours {len(mine)} bytes, the formatter's "
        f"{len(formatter)}):\nours:      {mine[max(0, at - 80) : at + 80]!r}\n"
        f"formatter: {formatter[max(0, at - 80) : at + 80]!r}"
    )


def random_floats(seed: int, count: int) -> list[float]:
    """Finite doubles of every size: random bit patterns, and decimal fractions."""
    rng = random.Random(seed)
    found: list[float] = []
    while len(found) < count:
        value = struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0]
        if math.isfinite(value):
            found.append(value)
        found.append(round(rng.uniform(-1e6, 1e6), rng.randint(0, 9)))
        found.append(rng.randint(1, 999) * 10.0 ** rng.randint(-30, 30))
    return found


def test_the_page_has_the_formatters_bytes_for_messages_a_run_rarely_writes(
    tmp_path: Path,
) -> None:
    seed = random.randrange(2**32)
    floats = random_floats(seed, 3000)
    lines = [*TRICKY_LINES]
    lines += [json.dumps({"floats": floats[i : i + 100]}) for i in range(0, len(floats), 100)]
    ndjson = tmp_path / "messages.ndjson"
    ndjson.write_text("\n".join(lines) + "\n", encoding="utf-8")
    difference = page_difference(ndjson, tmp_path)
    assert difference is None, f"{difference}\n(random floats of seed {seed})"


def test_no_messages_give_the_formatters_empty_page(tmp_path: Path) -> None:
    ndjson = tmp_path / "messages.ndjson"
    ndjson.write_text("", encoding="utf-8")
    assert page_difference(ndjson, tmp_path) is None


@pytest.mark.parametrize(
    ("number", "written"),
    [
        (1.0, "1"),
        (-0.0, "0"),
        (0.1, "0.1"),
        (1e-6, "0.000001"),
        (1e-7, "1e-7"),
        (1.5e-7, "1.5e-7"),
        (1e20, "100000000000000000000"),
        (1e21, "1e+21"),
        (123456.789, "123456.789"),
        (-2.5e300, "-2.5e+300"),
        (math.nan, "null"),
        (math.inf, "null"),
    ],
)
def test_numbers_are_written_as_javascript_writes_them(number: float, written: str) -> None:
    assert js_number(number) == written


def test_a_line_that_is_not_json_is_a_clear_error_and_leaves_no_page(tmp_path: Path) -> None:
    ndjson = tmp_path / "messages.ndjson"
    ndjson.write_text('{"meta":{}}\n{"broken": \n', encoding="utf-8")
    html = tmp_path / "report.html"
    with pytest.raises(HarnessSetupError, match=r"Writing report.html from .* failed"):
        render_html(ndjson, html)
    assert not html.exists()


def test_the_formatters_files_are_copied_with_their_line_endings(tmp_path: Path) -> None:
    """Node.js reads them as they are; a CRLF in a future formatter's files stays one."""
    from harness.living_docs.render import _read

    written = tmp_path / "main.css"
    written.write_bytes(b"a {}\r\nb {}\rc {}\n")
    assert _read(written) == "a {}\r\nb {}\rc {}\n"
