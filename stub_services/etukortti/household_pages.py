""" "Hushåll": the members, inviting by email (the register decides who may) and joining."""

from __future__ import annotations

import re
import smtplib
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form
from fastapi.responses import HTMLResponse, Response

from stub_services.common.email_address import normalise_email
from stub_services.common.i18n import STRINGS, Lang, t
from stub_services.common.openapi_docs import language_pages
from stub_services.common.register_client import (
    Household,
    InvitationInvalid,
    InviteRefused,
    mask_card,
)
from stub_services.common.web import PathLang
from stub_services.etukortti.deps import SignedInPage, posted_form
from stub_services.etukortti.invitation_mail import invitation_mail
from stub_services.etukortti.site import Page

router = APIRouter(tags=["household"], default_response_class=HTMLResponse)


def name_from_email(email: str) -> str:
    """The new member's name for the register: S-login knows only an address, so the
    local part read as a name (`elias.korhonen@…` → `Elias Korhonen`)."""
    words = [w for w in re.split(r"[._+-]+", email.partition("@")[0]) if w]
    return " ".join(w.capitalize() for w in words) or email


def refusal(lang: Lang, reason: str | None) -> str:
    """Why this customer may not invite, in words ("" when the register gave no reason)."""
    key = f"household.reason.{reason}"
    return t(lang, key) if reason and key in STRINGS else ""


def _household_page(
    page: Page,
    household: Household,
    status_code: int = 200,
    *,
    refused: str | None = None,
    typed: str = "",
    invalid: bool = False,
    mail_failed: bool = False,
    sent: str = "",
) -> HTMLResponse:
    """The page; `refused` is a reason the register gave when asked to invite."""
    lang = page.lang
    roles = {
        "owner": t(lang, "household.role.owner"),
        "member": t(lang, "household.role.member"),
    }
    reason = refused or household.reason
    return page.render(
        "household.html",
        status_code,
        switch_to="/household",
        members=[(m.name, roles.get(m.role, m.role), m.masked_card) for m in household.members],
        can_invite=household.can_invite and refused is None,
        reason=refusal(lang, reason),
        no_card=reason == "no_card",
        add_card_url=page.add_card_url(f"/{lang}/household"),
        typed=typed,
        invalid=invalid,
        mail_failed=mail_failed,
        sent=sent,
    )


def _join_page(page: Page, token: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    switch = f"/household/join?token={quote(token, safe='')}"
    return page.render("join.html", status_code, switch, token=token, **ctx)


def household_path(lang: PathLang) -> str:
    return f"/{lang}/household"


def join_path(lang: PathLang, token: Annotated[str, Form()] = "") -> str:
    return f"/{lang}/household/join?token={quote(token, safe='')}"


# The pages whose invitation and join forms were posted, with the session's CSRF token.
InviteForm = Annotated[Page, posted_form("invite", household_path)]
JoinForm = Annotated[Page, posted_form("join", join_path)]


@router.get("/{lang}/household", response_model=None, responses=language_pages(303, 503))
def household(page: SignedInPage) -> Response:
    return _household_page(page, page.site.register.household(page.account.sub))


@router.post(
    "/{lang}/household/invitations",
    response_model=None,
    responses=language_pages(303, 403, 422, 503),
)
def invite(page: InviteForm, email: Annotated[str, Form()] = "") -> Response:
    site, lang, sub = page.site, page.lang, page.account.sub
    found = site.register.household(sub)
    invitee = normalise_email(email)
    if invitee is None:
        return _household_page(page, found, 422, typed=email, invalid=True)
    if not found.can_invite:
        return _household_page(page, found, 403)
    inviter = next((m.name for m in found.members if m.role == "owner"), "")
    # The mail server is reached before the register makes the invitation: when it is
    # down, nothing is created. Should it fail after that, the token was never sent to
    # anyone and expires unused.
    try:
        with site.outbox() as send:
            invitation = site.register.invite(sub, invitee)
            link = f"{site.settings.etukortti_public_url}/{lang}/household/join?token="
            link += quote(invitation.token, safe="")
            expires = invitation.expires_at.date()
            sender = site.settings.etukortti_mail_from
            send(invitation_mail(lang, sender, invitee, inviter, link, expires))
    except InviteRefused as exc:
        return _household_page(page, found, 403, refused=exc.reason)
    except (OSError, smtplib.SMTPException) as exc:
        site.events.record("invitation_not_sent", page.account.email, error=type(exc).__name__)
        return _household_page(page, found, 503, typed=email, mail_failed=True)
    site.events.record("invitation_sent", page.account.email, to=invitee)
    return _household_page(page, found, sent=invitee)


@router.get("/{lang}/household/join", response_model=None, responses=language_pages(303, 410))
def join(page: SignedInPage, token: str = "") -> Response:
    if not token:
        return _join_page(page, token, 410, outcome="invalid")
    return _join_page(page, token)


@router.post(
    "/{lang}/household/join",
    response_model=None,
    responses=language_pages(303, 403, 409, 410, 503),
)
def accept(page: JoinForm, token: Annotated[str, Form()] = "") -> Response:
    email = page.account.email
    try:
        card = page.site.register.accept_invitation(token, page.account.sub, name_from_email(email))
    except InvitationInvalid as exc:
        if exc.reason == "has_card":
            return _join_page(page, token, 409, outcome="has_card")
        page.site.events.record("invitation_invalid", email)
        return _join_page(page, token, 410, outcome="invalid")
    page.site.events.record("household_joined", email)
    return _join_page(page, token, outcome="joined", card=mask_card(card))
