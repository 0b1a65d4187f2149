"""Merge the reports of CI shards into one: messages, HTML report, summary and claims page.

    python -m harness.living_docs.merge OUTPUT_DIR SHARD_DIR [SHARD_DIR ...]

Each shard folder is a `reports/` folder of one shard. Gherkin ids are derived from the
feature files, so the shards agree on them; attachment links are rewritten to point
into the shard folders from the output folder.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from harness.config import PROJECT_ROOT
from harness.living_docs.claims_page import load_summary, write_claims_page
from harness.living_docs.gherkin_source import Envelope
from harness.living_docs.inventory import read_inventory
from harness.living_docs.messages import write_ndjson
from harness.living_docs.plugin import HTML, NDJSON
from harness.living_docs.render import render_html
from harness.report import RunSummary

# Messages every shard writes for the same thing: keep one of each.
SHARED = {"hook": "id", "source": "uri", "gherkinDocument": "uri", "pickle": "id"}


def merge_messages(shards: list[Path], output_dir: Path) -> list[Envelope]:
    run_id = uuid.uuid4().hex
    head: list[Envelope] = []
    gherkin: list[Envelope] = []
    body: list[Envelope] = []
    seen: set[tuple[str, str]] = set()
    starts: list[dict[str, Any]] = []
    finishes: list[dict[str, Any]] = []
    for shard in shards:
        for line in (shard / NDJSON).read_text(encoding="utf-8").splitlines():
            envelope: Envelope = json.loads(line)
            kind = next(iter(envelope))
            message = envelope[kind]
            if kind == "meta":
                head = head or [envelope]
            elif kind == "testRunStarted":
                starts.append(message)
            elif kind == "testRunFinished":
                finishes.append(message)
            elif kind in SHARED:
                key = (kind, str(message[SHARED[kind]]))
                if key not in seen:
                    seen.add(key)
                    gherkin.append(envelope)
            else:
                if kind == "testCase":
                    message["testRunStartedId"] = run_id
                if kind == "attachment" and message.get("url") and "://" not in message["url"]:
                    target = os.path.relpath(shard / message["url"], output_dir)
                    message["url"] = Path(target).as_posix()
                body.append(envelope)
    started = min(starts, key=lambda m: (m["timestamp"]["seconds"], m["timestamp"]["nanos"]))
    finished = max(finishes, key=lambda m: (m["timestamp"]["seconds"], m["timestamp"]["nanos"]))
    run_started = {"testRunStarted": {"id": run_id, "timestamp": started["timestamp"]}}
    run_finished = {
        "testRunFinished": {
            "success": all(m["success"] for m in finishes),
            "testRunStartedId": run_id,
            "timestamp": finished["timestamp"],
        }
    }
    return [*head, run_started, *gherkin, *body, run_finished]


def merge_summaries(shards: list[Path], output_dir: Path) -> None:
    # The project's feature files, so claims no shard reached read "not run".
    merged = RunSummary(output_dir, read_inventory(PROJECT_ROOT, PROJECT_ROOT / "features"))
    for shard in shards:
        if (shard / "summary.json").exists():
            merged.results.update(load_summary(shard).results)
    merged.write()
    write_claims_page(output_dir)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harness.living_docs.merge")
    parser.add_argument("output_dir", type=Path)
    parser.add_argument("shards", type=Path, nargs="+")
    args = parser.parse_args(argv)
    shards = [s for s in args.shards if (s / NDJSON).exists()]
    if not shards:
        print(f"No {NDJSON} in {', '.join(map(str, args.shards))}", file=sys.stderr)
        return 1
    args.output_dir.mkdir(parents=True, exist_ok=True)
    write_ndjson(merge_messages(shards, args.output_dir), args.output_dir / NDJSON)
    merge_summaries(shards, args.output_dir)
    html = render_html(args.output_dir / NDJSON, args.output_dir / HTML)
    print(f"merged {len(shards)} shard(s) into {html}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
