"""A wait for a code mail that the sign-in service capped says so, asked of the world's
event log over HTTP; a world without that log keeps the plain timeout."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from harness.clients.abuse import Stranger
from harness.clients.control import ControlClient
from harness.clients.inbox import MailpitClient
from harness.clients.send_caps import FEATURE, SendCapNote
from harness.environment import Environment, Site, StubWorldProcess
from harness.tools.mailpit import MailpitEndpoints
from harness.waiting import WaitTimeout

# The per-recipient cap of the sign-in service (docs/stub-world.md, "Send caps").
CAP = 5


@pytest.fixture(scope="module")
def world(
    own_mailpit: MailpitEndpoints, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Environment]:
    process = StubWorldProcess(tmp_path_factory.mktemp("capped-world"), own_mailpit)
    environment = process.start()
    yield environment
    process.stop()


def test_a_capped_code_mail_is_named_in_the_timeout(world: Environment) -> None:
    address = f"elias.{uuid.uuid4().hex[:10]}@example.com"
    control = ControlClient(world.signin, world.verify())
    inbox = MailpitClient(world.mailpit.api_url, timeout_s=1, explain_missing=SendCapNote(control))
    stranger = Stranger(world)
    try:
        mailbox = inbox.mailbox(address)
        for _ in range(CAP + 1):
            stranger.ask_for_code(address)
        for _ in range(CAP):
            mailbox.next_message(timeout_s=15)
        with pytest.raises(WaitTimeout) as timed_out:
            mailbox.next_message()
    finally:
        stranger.close()
        inbox.close()
        control.close()
    text = str(timed_out.value)
    assert f"The sign-in service capped code mails to {address}: 1 request(s)" in text, text
    assert "one address in 15 minutes" in text
    assert FEATURE in text


def test_an_uncapped_wait_and_a_world_without_an_event_log_keep_the_plain_timeout(
    world: Environment, own_mailpit: MailpitEndpoints
) -> None:
    # Mailpit answers 404 at /_control/events, as a world without that log would.
    no_log = Site("signin", world.signin.public_url, own_mailpit.api_url)
    for site in (world.signin, no_log):
        control = ControlClient(site, world.verify())
        inbox = MailpitClient(
            own_mailpit.api_url, timeout_s=0.3, explain_missing=SendCapNote(control)
        )
        try:
            with pytest.raises(WaitTimeout) as timed_out:
                inbox.mailbox(f"nobody.{uuid.uuid4().hex[:10]}@example.com").next_message()
        finally:
            inbox.close()
            control.close()
        assert "capped" not in str(timed_out.value)
        assert "0 earlier message(s)" in str(timed_out.value)
