"""Child processes the harness starts: spawned with a log, stopped politely, then firmly."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from pathlib import Path
from typing import Any

from contract.lifetime import end_with_parent


def stop_process(
    process: subprocess.Popen[Any], *, sig: int = signal.SIGTERM, group: bool = False
) -> None:
    """Send ``sig``, wait up to 15 s for a clean exit, then kill.

    With ``group``, the signal goes to the process's whole group (start it with
    ``start_new_session=True``): a wrapper that spawns its own children, such as
    `python -m playwright`, would otherwise leave them running.
    """
    if process.poll() is None:
        _signal(process, sig, group)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            _signal(process, signal.SIGKILL, group)
            process.wait(timeout=10)
    if group:
        # The leader may be gone while its children linger; end them too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def _signal(process: subprocess.Popen[Any], sig: int, group: bool) -> None:
    with contextlib.suppress(ProcessLookupError):
        if group:
            os.killpg(process.pid, sig)
        else:
            process.send_signal(sig)


class ManagedProcess:
    """A child process the harness started, writing to a log file it can quote."""

    def __init__(self, log_path: Path) -> None:
        self._log_path = log_path
        self._process: subprocess.Popen[bytes] | None = None

    def _spawn(self, command: list[str], **options: Any) -> subprocess.Popen[bytes]:
        self._log_path.parent.mkdir(parents=True, exist_ok=True)
        with self._log_path.open("wb") as log:
            self._process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=end_with_parent,
                # A group of its own: Ctrl-C in the terminal signals the foreground group,
                # and should stop pytest alone, whose teardown then stops this process after
                # the scenarios' clean-up that still needs it (end_with_parent covers a
                # pytest that dies instead).
                process_group=0,
                **options,
            )
        return self._process

    @property
    def pid(self) -> int | None:
        """The process id while it runs (a benchmark tells its CPU apart from the runs')."""
        return None if self._process is None else self._process.pid

    def exit_code(self) -> int | None:
        """The exit code if the process has ended, else None."""
        return None if self._process is None else self._process.poll()

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self._log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return "(no log)"

    def begin_stop(self) -> None:
        """Ask the process to end (SIGTERM) without waiting for it; stop() then waits.
        A run's world and Mailpit take ~0.5 s each to shut down, which they now spend
        side by side while the run writes its reports (issue 19)."""
        if self._process is not None and self._process.poll() is None:
            _signal(self._process, signal.SIGTERM, group=False)

    def stop(self) -> None:
        if self._process is not None:
            stop_process(self._process)
        self._process = None
