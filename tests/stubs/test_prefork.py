"""How the world starts its stubs: forked after one import of them all (issue 19)."""

from __future__ import annotations

import os

import pytest

from stub_services.common import prefork


def test_stubs_are_forked_unless_asked_to_exec(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(prefork.SPAWN_VARIABLE, raising=False)
    assert prefork.forking()
    monkeypatch.setenv(prefork.SPAWN_VARIABLE, "exec")
    assert not prefork.forking()
    monkeypatch.setenv(prefork.SPAWN_VARIABLE, "threads")
    with pytest.raises(ValueError, match=r"give 'fork' .* or 'exec'"):
        prefork.forking()


def test_a_forked_stub_reports_its_exit_as_popen_does() -> None:
    child = prefork.ForkedStub(_fork_exiting(3))
    assert child.wait(timeout=10) == 3
    assert child.poll() == 3
    child.terminate()  # a finished child is left alone, as Popen does


def _fork_exiting(code: int) -> int:
    pid = os.fork()
    if pid == 0:
        os._exit(code)
    return pid
