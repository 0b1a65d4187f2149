"""Steps that move the stub world's clocks, so expiry is tested without waiting."""

from __future__ import annotations

from pytest_bdd import given, parsers

from harness.clients.control import ControlClient
from harness.clients.identity import RegisterControl


@given(parsers.re(r"(?P<minutes>\d+) minutes have passed"), converters={"minutes": int})
def minutes_pass(signin_control: ControlClient, minutes: int) -> None:
    """The sign-in service's clock moves on."""
    signin_control.advance_clock(minutes * 60)


@given(
    parsers.re(r"(?P<days>\d+) days have passed at the customer register"), converters={"days": int}
)
def days_pass(register_control: RegisterControl, days: int) -> None:
    """The customer register's clock moves on."""
    register_control.advance_clock(days * 86400)
