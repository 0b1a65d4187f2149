"""Why an awaited code mail never came, when the sign-in service capped its sends.

A capped request gets the very answer of a sent one (the code page), so a scenario sees only
an inbox that stays empty; the service's event log (`code_send_capped`) tells the reason.
"""

from __future__ import annotations

from harness.clients.control import ControlClient

FEATURE = "features/security/code-requests-by-strangers.feature"
# The event's `limit`, in words (docs/stub-world.md, "Send caps").
LIMITS = {
    "recipient": "its cap on code mails to one address in 15 minutes",
    "recipient_day": "its daily cap on code mails to one address",
    "client_sends": "its hourly cap on code sends from one client address",
}
CAPPED = "code_send_capped"
# Events that mean a mail went out to the address (the outcome a capped send replaces).
SENT = frozenset({"code_sent", "no_account_mail_sent"})


class SendCapNote:
    """`note(address)`: a sentence for a mail wait's timeout when the address's last code
    send was capped; None otherwise, or when the world keeps no event log."""

    def __init__(self, control: ControlClient) -> None:
        self.control = control

    def __call__(self, address: str) -> str | None:
        events = self.control.events(address)
        if not events:
            return None
        sends = [e for e in events if e.get("type") in SENT or e.get("type") == CAPPED]
        if not sends or sends[-1].get("type") != CAPPED:
            return None
        capped = [e for e in sends if e.get("type") == CAPPED]
        limit = str((sends[-1].get("detail") or {}).get("limit", ""))
        return (
            f"The sign-in service capped code mails to {address}: {len(capped)} request(s) "
            f"sent no mail, by {LIMITS.get(limit, f'its {limit!r} cap')}. A scenario that "
            f"asks for many codes for one address meets this on purpose; see {FEATURE} "
            '(and docs/stub-world.md, "Send caps").'
        )
