""" "Hushåll": the members, inviting by email (the register decides who may) and joining."""

from __future__ import annotations

import re
import smtplib
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from stub_services.common.emails import normalise_email
from stub_services.common.i18n import STRINGS, Lang, t
from stub_services.common.openapi_docs import language_pages
from stub_services.common.register_client import (
    Household,
    InvitationInvalid,
    InviteRefused,
    mask_card,
)
from stub_services.common.web import PathLang
from stub_services.etukortti.deps import SignedIn, SiteDep, posted_form
from stub_services.etukortti.invitation_mail import invitation_mail
from stub_services.etukortti.site import Site, Visitor

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
    site: Site,
    request: Request,
    lang: Lang,
    visitor: Visitor,
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
    roles = {
        "owner": t(lang, "household.role.owner"),
        "member": t(lang, "household.role.member"),
    }
    reason = refused or household.reason
    return site.render(
        request,
        "household.html",
        lang,
        visitor,
        status_code,
        switch_to="/household",
        members=[(m.name, roles.get(m.role, m.role), m.masked_card) for m in household.members],
        can_invite=household.can_invite and refused is None,
        reason=refusal(lang, reason),
        no_card=reason == "no_card",
        add_card_url=site.add_card_url(lang, f"/{lang}/household"),
        typed=typed,
        invalid=invalid,
        mail_failed=mail_failed,
        sent=sent,
    )


def _join_page(
    site: Site,
    request: Request,
    lang: Lang,
    visitor: Visitor,
    token: str,
    status_code: int = 200,
    **ctx: Any,
) -> HTMLResponse:
    switch = f"/household/join?token={quote(token, safe='')}"
    return site.render(request, "join.html", lang, visitor, status_code, switch, token=token, **ctx)


def household_path(lang: PathLang) -> str:
    return f"/{lang}/household"


def join_path(lang: PathLang, token: Annotated[str, Form()] = "") -> str:
    return f"/{lang}/household/join?token={quote(token, safe='')}"


# The visitors who posted the invitation form and the join form, with the session's token.
InviteForm = Annotated[Visitor, posted_form("invite", household_path)]
JoinForm = Annotated[Visitor, posted_form("join", join_path)]


@router.get("/{lang}/household", response_model=None, responses=language_pages(303, 503))
def household(request: Request, lang: PathLang, site: SiteDep, visitor: SignedIn) -> Response:
    found = site.register.household(visitor.account.sub)
    return _household_page(site, request, lang, visitor, found)


@router.post(
    "/{lang}/household/invitations",
    response_model=None,
    responses=language_pages(303, 403, 422, 503),
)
def invite(
    request: Request,
    lang: PathLang,
    site: SiteDep,
    visitor: InviteForm,
    email: Annotated[str, Form()] = "",
) -> Response:
    sub = visitor.account.sub
    found = site.register.household(sub)
    invitee = normalise_email(email)
    if invitee is None:
        return _household_page(site, request, lang, visitor, found, 422, typed=email, invalid=True)
    if not found.can_invite:
        return _household_page(site, request, lang, visitor, found, 403)
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
        return _household_page(site, request, lang, visitor, found, 403, refused=exc.reason)
    except (OSError, smtplib.SMTPException) as exc:
        site.events.record("invitation_not_sent", visitor.account.email, error=type(exc).__name__)
        return _household_page(
            site, request, lang, visitor, found, 503, typed=email, mail_failed=True
        )
    site.events.record("invitation_sent", visitor.account.email, to=invitee)
    return _household_page(site, request, lang, visitor, found, sent=invitee)


@router.get("/{lang}/household/join", response_model=None, responses=language_pages(303, 410))
def join(
    request: Request, lang: PathLang, site: SiteDep, visitor: SignedIn, token: str = ""
) -> Response:
    if not token:
        return _join_page(site, request, lang, visitor, token, 410, outcome="invalid")
    return _join_page(site, request, lang, visitor, token)


@router.post(
    "/{lang}/household/join",
    response_model=None,
    responses=language_pages(303, 403, 409, 410, 503),
)
def accept(
    request: Request,
    lang: PathLang,
    site: SiteDep,
    visitor: JoinForm,
    token: Annotated[str, Form()] = "",
) -> Response:
    email = visitor.account.email
    try:
        card = site.register.accept_invitation(token, visitor.account.sub, name_from_email(email))
    except InvitationInvalid as exc:
        if exc.reason == "has_card":
            return _join_page(site, request, lang, visitor, token, 409, outcome="has_card")
        site.events.record("invitation_invalid", email)
        return _join_page(site, request, lang, visitor, token, 410, outcome="invalid")
    site.events.record("household_joined", email)
    return _join_page(site, request, lang, visitor, token, outcome="joined", card=mask_card(card))
