"""Start stub processes by forking the world after it has imported them all once.

Every stub is its own process (the world restarts one that dies; a fault scenario kills one
by its pid), but before this each was a fresh `python -m stub_services.NAME` that imported
FastAPI, uvicorn, pydantic, Jinja and its own app again: ~0.8 s of CPU a stub, six stubs,
most of the world's start-up on a 2-core machine. Forked from a world that imported them
once, a stub only builds its app and binds its port; restarts are as quick.

`STUB_WORLD_SPAWN=exec` (or a platform without fork) keeps the old way, a new interpreter
a stub; benchmarks.inner_loop compares the two.
"""

from __future__ import annotations

import ctypes
import importlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from contract.lifetime import end_with_parent
from stub_services.common.polling import poll_until

SPAWN_VARIABLE = "STUB_WORLD_SPAWN"
PR_SET_NAME = 15
# Looked up before any fork; forked stubs keep the world's command line, so each names
# itself (`ps -o comm`, top: "stub-signin") to be told apart from the world.
_PRCTL = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None


def forking() -> bool:
    """Whether stubs are forked (the default where the platform can) or exec'd afresh."""
    mode = os.environ.get(SPAWN_VARIABLE, "fork").strip().lower() or "fork"
    if mode not in ("fork", "exec"):
        raise ValueError(f"{SPAWN_VARIABLE}={mode!r}: give 'fork' (the default) or 'exec'")
    return mode == "fork" and hasattr(os, "fork")


def preload(names: Sequence[str]) -> None:
    """Import each stub's app and the server once, in the world, before any fork."""
    importlib.import_module("stub_services.common.server")
    for name in names:
        importlib.import_module(f"stub_services.{name}.app")


class ForkedStub:
    """A forked stub as the world uses a `subprocess.Popen`: pid, poll, wait, signals."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                self.returncode = -1
                return self.returncode
            if pid == self.pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if timeout is None:
            if self.returncode is None:
                try:
                    _, status = os.waitpid(self.pid, 0)
                    self.returncode = os.waitstatus_to_exitcode(status)
                except ChildProcessError:
                    self.returncode = -1
            return self.returncode
        try:
            return poll_until(self.poll, deadline=time.monotonic() + timeout, interval_s=0.01)
        except TimeoutError:
            raise subprocess.TimeoutExpired(f"stub pid {self.pid}", timeout) from None

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def fork_stub(name: str, argv: list[str], env: dict[str, str], log: IO[bytes]) -> ForkedStub:
    """Fork a child that serves stub `name` with `argv` (its --host/--port/--ssl-… flags)
    in environment `env`, its output going to `log`."""
    # Whatever the world has buffered must not be written twice, once by each process.
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return ForkedStub(pid)
    code = 1
    try:
        _become_stub(name, argv, env, log)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # the child must never return into the world's code
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    raise AssertionError("unreachable")  # pragma: no cover


def _become_stub(name: str, argv: list[str], env: dict[str, str], log: IO[bytes]) -> None:
    end_with_parent()
    if _PRCTL is not None:
        _PRCTL(PR_SET_NAME, ctypes.c_char_p(f"stub-{name}"[:15].encode()), 0, 0, 0)
    # The world's handlers only set its stop flag; a stub stops on SIGTERM as uvicorn does.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.dup2(log.fileno(), 1)
    os.dup2(log.fileno(), 2)
    os.environ.clear()
    os.environ.update(env)
    sys.argv = [str(Path(sys.executable)), *argv]
    from stub_services.common.server import main

    app = importlib.import_module(f"stub_services.{name}.app")
    main(app.create_app, name, argv)
