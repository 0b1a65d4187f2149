"""Steps that move the stub world's clock, so expiry is tested without waiting."""

from __future__ import annotations

from pytest_bdd import given, parsers

from harness.clients.control import ControlClient


@given(parsers.re(r"(?P<minutes>\d+) minutes have passed"))
def minutes_pass(stub_control: dict[str, ControlClient], minutes: str) -> None:
    stub_control["signin"].advance_clock(int(minutes) * 60)
