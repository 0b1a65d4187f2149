"""What strangers try against a customer's S-login, and what the customer then still has."""

from __future__ import annotations

from harness.clients.abuse import Stranger
from harness.environment import Environment
from harness.personas import Persona
from harness.waiting import wait_until

# What the sign-in service promises (docs/stub-world.md, "Abuse limits"): at most this many
# code emails to one address in 15 minutes, whoever asks.
CODE_EMAILS_PER_QUARTER_HOUR = 5


def flood_with_code_requests(environment: Environment, persona: Persona, times: int) -> None:
    stranger = Stranger(environment, persona.language)
    try:
        for _ in range(times):
            stranger.ask_for_code(persona.email)
    finally:
        stranger.close()


def guess_codes(environment: Environment, persona: Persona, guesses: int) -> None:
    """A stranger guesses at codes for her address. The codes of the stranger's requests
    land in her inbox too; she knows them for what they are (she did not ask for them), so
    they are set aside and her own request's email stays the one she reads next."""
    mailbox = persona.mailbox
    wait_until(
        lambda: mailbox.unseen_count() >= 1 or None,
        timeout_s=mailbox.client.timeout_s,
        what=f"{persona.name}'s own code email",
        describe=mailbox.client.recent_summary,
    )
    before = {str(m["ID"]) for m in mailbox.client.summaries_to(mailbox.address)}
    stranger = Stranger(environment, persona.language)
    try:
        statuses = stranger.guess_codes(persona.email, guesses)
    finally:
        stranger.close()
    for summary in mailbox.client.summaries_to(mailbox.address):
        if str(summary["ID"]) not in before:
            mailbox.read[str(summary["ID"])] = mailbox.client.message(str(summary["ID"]))
    if 200 in statuses or 303 in statuses:
        raise AssertionError(f"A guess was taken as right: the code form answered {statuses}")


def expect_at_most_code_emails(persona: Persona, most: int) -> None:
    """The service sends each mail before it answers, so once the inbox stops short of
    more than `most`, nothing else is on its way; wait for the cap's worth first."""
    mailbox = persona.mailbox
    wait_until(
        lambda: mailbox.count() >= min(most, 1) or None,
        timeout_s=mailbox.client.timeout_s,
        what=f"the code emails to {persona.email}",
        describe=mailbox.client.recent_summary,
    )
    count = mailbox.count()
    assert count <= most, (
        f"{persona.name}'s inbox got {count} emails from the sign-in service; the limit is "
        f"{most} in a quarter of an hour, however many requests are made."
    )
