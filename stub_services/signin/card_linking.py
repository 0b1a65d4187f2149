"""Linking the identified person's (or business's) card to an S-login, all or nothing."""

from __future__ import annotations

from stub_services.common.register_client import BusinessLookup, RegisterError
from stub_services.signin.context import Signin
from stub_services.signin.id_token import BankIdentity
from stub_services.signin.identity_store import BankTx

# Reasons a link can fail; each has a sentence "linkcard.reason.<reason>" on the failure page.
REASONS = frozenset(
    {"no_card", "linked_to_other", "cancelled", "bank_failed", "business", "unexpected"}
)


def _find_card(ctx: Signin, tx: BankTx, identity: BankIdentity) -> tuple[str | None, str]:
    """The card to link, or None and the reason there is none."""
    if tx.kind == "business":
        found = ctx.register.business_card(tx.business_id, identity.hetu)
        if found.outcome is not BusinessLookup.FOUND or found.card_number is None:
            return None, "business"
        return found.card_number, ""
    card = ctx.register.person_card(identity.hetu)
    return (card, "") if card else (None, "no_card")


def _unlink(ctx: Signin, card: str, sub: str, email: str, reason: str) -> None:
    try:
        ctx.register.unlink(card, sub)
    except RegisterError as exc:
        ctx.events.record("card_unlink_failed", email, reason=reason, error=str(exc)[:120])
        return
    ctx.events.record("card_unlinked", email, reason=reason, card_last4=card[-4:])


def link_card(ctx: Signin, tx: BankTx, identity: BankIdentity, email: str) -> str | None:
    """Link the card; None on success, else the failure reason. Nothing stays half-linked:
    if anything fails after the register accepted the link, the link is undone."""
    account = ctx.store.account(email)
    if account is None:
        return "unexpected"
    previous = ctx.identity.link_of(email)
    try:
        card, reason = _find_card(ctx, tx, identity)
        if card is None:
            return reason
        if not ctx.register.link(card, account.sub):
            return "linked_to_other"
    except RegisterError as exc:
        ctx.events.record("register_failed", email, error=str(exc)[:120])
        return "unexpected"
    # Relinking the card this S-login already had must not undo the earlier, good link.
    already_ours = previous is not None and previous.card_number == card
    try:
        ctx.identity.save_link(email, card, tx.kind, identity.hetu)
        ctx.events.record("card_linked", email, kind=tx.kind, card_last4=card[-4:])
    except Exception as exc:  # anything at all: the register must not keep a link we lost
        ctx.events.record("card_link_error", email, error=type(exc).__name__)
        if not already_ours:
            _unlink(ctx, card, account.sub, email, "link_not_recorded")
        return "unexpected"
    if previous is not None and not already_ours:
        _unlink(ctx, previous.card_number, account.sub, email, "replaced")
    return None
