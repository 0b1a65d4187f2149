"""The command line's own choices: worker count, and listing what can be chosen."""

from __future__ import annotations

import pytest

from harness.cli import default_workers, list_choices, worker_args
from harness.cookie_policies import POLICIES
from harness.devices import DEVICES
from harness.matrix import PRESETS


def test_an_explicit_worker_count_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARNESS_WORKERS", "3")
    assert worker_args(["-k", "x"]) == ["-n", "3"]
    assert worker_args(["-n", "2"]) == []
    assert worker_args(["-n2"]) == []
    assert worker_args(["--numprocesses=2"]) == []


def test_one_worker_means_no_xdist(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARNESS_WORKERS", "1")
    assert worker_args([]) == []


def test_default_workers_leave_two_cores_per_browser() -> None:
    assert default_workers() >= 1


def test_list_names_every_device_policy_and_preset(capsys: pytest.CaptureFixture[str]) -> None:
    assert list_choices() == 0
    shown = capsys.readouterr().out
    for name in [*DEVICES, *POLICIES, *PRESETS, "block-site:HOST"]:
        assert name in shown
    assert "not WebKit" in shown
