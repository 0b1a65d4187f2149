"""Keeps installed packages from importing parts a harness process never uses (issue 19).

`import httpx` also imports httpx's command-line client, and with it click and rich,
whenever those are installed (here they come with uvicorn and schemathesis): ~0.08 s of
CPU in every process that talks HTTP, almost half of `import httpx` (encode/httpx#3547).
The harness never runs that client, and httpx falls back to a stub when the client cannot
be imported, so a harness process marks it as not importable before anything imports
httpx. The root conftest.py (every pytest run) and ./qa import this module first.
"""

from __future__ import annotations

import sys

# A None entry makes `import httpx._main` raise ImportError, which httpx expects.
if "httpx" not in sys.modules:
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
