"""A Chromium served over Playwright's remote protocol (`playwright launch-server`).

What a browser grid node runs; the harness uses it to prove that scenarios work through a
remote browser. The stub world's host mapping must be given at launch, as on a real node.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

from harness.errors import HarnessSetupError
from harness.tools.processes import stop_process
from harness.waiting import WaitTimeout, wait_until


class BrowserServer:
    """Starts `python -m playwright launch-server` and reads its WebSocket URL."""

    def __init__(self, executable_path: str, args: list[str], workdir: Path) -> None:
        self.executable_path = executable_path
        self.args = args
        self.workdir = workdir
        self._process: subprocess.Popen[str] | None = None
        self._lines: list[str] = []

    def start(self, *, timeout_s: float = 30.0) -> str:
        self.workdir.mkdir(parents=True, exist_ok=True)
        config = self.workdir / "launch-server.json"
        config.write_text(
            json.dumps(
                {
                    "executablePath": self.executable_path,
                    "args": self.args,
                    "headless": True,
                    "port": 0,
                    "wsPath": "/s-login-harness",
                }
            )
        )
        self._process = subprocess.Popen(
            [sys.executable, "-m", "playwright", "launch-server", "--browser", "chromium",
             "--config", str(config)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True,
        )  # fmt: skip
        stdout = self._process.stdout
        if stdout is None:
            raise HarnessSetupError("The browser server gave no output stream.")
        threading.Thread(target=self._read, args=(stdout,), daemon=True).start()

        def endpoint() -> str | None:
            if self._process is not None and self._process.poll() is not None:
                raise HarnessSetupError(
                    f"The browser server exited with {self._process.returncode}: "
                    + " ".join(self._lines)[-1500:]
                )
            return next((line for line in self._lines if line.startswith("ws://")), None)

        try:
            return wait_until(
                endpoint,
                timeout_s=timeout_s,
                what="the browser server's WebSocket URL",
                describe=lambda: f"It printed: {self._lines[-5:]}",
            )
        except WaitTimeout as exc:
            self.stop()
            raise HarnessSetupError(str(exc)) from exc

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._lines.append(line.strip())

    def stop(self) -> None:
        if self._process is not None:
            stop_process(self._process, group=True)
        self._process = None
