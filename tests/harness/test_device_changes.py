"""A step that moves a customer to a device never changes its cookie setting behind the
feature's back: it keeps what an earlier Given said of that device, or refuses."""

from __future__ import annotations

import pytest

from harness.cookie_policies import POLICIES
from harness.devices import DEVICES
from harness.personas import Persona


def sara() -> Persona:
    return Persona("Sara", "Virtanen", "sara@example.com", mailbox=None, slot=0)  # type: ignore[arg-type]


def test_a_device_keeps_what_an_earlier_given_said() -> None:
    """Given Sara uses a Pixel phone whose browser blocks cookies;
    When Sara signs in on her Pixel phone …: the Pixel still blocks cookies."""
    persona = sara()
    persona.use(DEVICES["pixel-7-chrome"], POLICIES["block-all"])
    persona.move_to(DEVICES["desktop-chrome"])
    persona.move_to(DEVICES["pixel-7-chrome"])
    assert persona.device is DEVICES["pixel-7-chrome"]
    assert persona.cookie_policy is POLICIES["block-all"]


def test_a_device_nobody_described_has_the_scenarios_default() -> None:
    persona = sara()
    persona.scenario_policy = POLICIES["session-only"]
    persona.use(DEVICES["samsung-s24-internet-29"], POLICIES["block-all"])
    persona.move_to(DEVICES["desktop-chrome"])
    assert persona.cookie_policy is POLICIES["session-only"]


def test_a_step_that_contradicts_an_earlier_given_is_refused() -> None:
    persona = sara()
    persona.use(DEVICES["pixel-7-chrome"], POLICIES["block-all"])
    with pytest.raises(ValueError, match=r"An earlier step said Sara's .* blocks cookies"):
        persona.move_to(DEVICES["pixel-7-chrome"], POLICIES["allow"])
    persona.move_to(DEVICES["pixel-7-chrome"], POLICIES["block-all"])
    assert persona.cookie_policy is POLICIES["block-all"]
