"""The register's households: who may invite, single-use invitations, members' own cards."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from stub_services.common.register_client import (
    Household,
    HouseholdMember,
    HttpRegister,
    InvitationInvalid,
    InviteRefused,
    RegisterError,
    mask_card,
)
from stub_services.common.settings import Settings
from stub_services.register.app import create_app
from stub_services.register.cards import is_valid
from stub_services.register.households import age_on

from .support import TestClient
from .test_register import (
    AUTH,
    REGISTER_URL,
    TESSA,
    TOKEN,
    VAINO,
    link,
    seed_business,
    seed_person,
)

HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
WEEK = 7 * 24 * 3600


@pytest.fixture
def register_settings(settings: Settings) -> Settings:
    return dataclasses.replace(settings, register_api_token=TOKEN)


@pytest.fixture
def register(register_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(register_settings), base_url=REGISTER_URL) as client:
        yield client


@pytest.fixture
def api(register: TestClient) -> HttpRegister:
    return HttpRegister(register, REGISTER_URL, TOKEN)


def hetu_born(born: date, individual: int = 950) -> str:
    """A temporary personal identity code of someone born on `born`."""
    sign = {1900: "-", 2000: "A"}[born.year // 100 * 100]
    digits = born.strftime("%d%m") + f"{born.year % 100:02d}"
    return f"{digits}{sign}{individual:03d}{HETU_CHECK[int(f'{digits}{individual:03d}') % 31]}"


def register_today(client: TestClient) -> date:
    return datetime.fromisoformat(client.get("/_control/clock").json()["now"]).date()


def linked_owner(client: TestClient, hetu: str = TESSA, s_login: str = "sub-of-tessa") -> str:
    card: str = seed_person(client, hetu)["card_number"]
    assert link(client, card, s_login).status_code == 200
    return card


def household(client: TestClient, s_login: str) -> dict[str, Any]:
    response = client.get(f"/api/v1/links/{s_login}/household", headers=AUTH)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def invite(client: TestClient, s_login: str, email: str = "elias@example.test") -> Any:
    return client.post(f"/api/v1/links/{s_login}/invitations", json={"email": email}, headers=AUTH)


def accept(client: TestClient, token: str, s_login: str, name: str = "Elias Esimerkki") -> Any:
    return client.post(
        f"/api/v1/invitations/{token}/accept", json={"s_login": s_login, "name": name}, headers=AUTH
    )


def token_of(client: TestClient, s_login: str = "sub-of-tessa") -> str:
    response = invite(client, s_login)
    assert response.status_code == 200, response.text
    token: str = response.json()["token"]
    return token


def test_a_linked_person_card_heads_its_own_household(register: TestClient) -> None:
    card = linked_owner(register)
    assert household(register, "sub-of-tessa") == {
        "members": [{"name": "Tessa Testilä", "role": "owner", "masked_card": mask_card(card)}],
        "can_invite": True,
        "reason": None,
    }


def test_without_a_card_there_is_no_household(register: TestClient) -> None:
    assert household(register, "sub-without-card") == {
        "members": [],
        "can_invite": False,
        "reason": "no_card",
    }
    refused = invite(register, "sub-without-card")
    assert refused.status_code == 403
    assert refused.json()["reason"] == "no_card"


def test_a_business_card_never_invites(register: TestClient) -> None:
    card = seed_business(register, authorised=VAINO)["card_number"]
    link(register, card, "sub-of-vaino")
    view = household(register, "sub-of-vaino")
    assert (view["can_invite"], view["reason"]) == (False, "not_owner")
    assert invite(register, "sub-of-vaino").json()["reason"] == "not_owner"


def test_a_minor_owner_may_not_invite(register: TestClient) -> None:
    today = register_today(register)
    twelve = hetu_born(today.replace(year=today.year - 12, day=min(today.day, 28)))
    linked_owner(register, twelve, "sub-of-minor")
    view = household(register, "sub-of-minor")
    assert (view["can_invite"], view["reason"]) == (False, "minor")
    refused = invite(register, "sub-of-minor")
    assert refused.status_code == 403
    assert refused.json()["reason"] == "minor"


@pytest.mark.parametrize(
    ("born", "today", "age"),
    [
        (date(2008, 11, 27), date(2026, 11, 27), 18),
        (date(2008, 11, 28), date(2026, 11, 27), 17),
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(1970, 7, 7), date(2026, 11, 27), 56),
    ],
)
def test_age_counts_completed_years(born: date, today: date, age: int) -> None:
    assert age_on(born, today) == age


def test_an_owner_who_turns_18_today_may_invite(register: TestClient) -> None:
    today = register_today(register)
    if today.month == 2 and today.day == 29:
        pytest.skip("no 18th birthday on 29 February")
    linked_owner(register, hetu_born(today.replace(year=today.year - 18)), "sub-of-adult")
    assert household(register, "sub-of-adult")["can_invite"] is True


def test_an_invited_member_gets_an_own_card_in_the_same_household(register: TestClient) -> None:
    owner_card = linked_owner(register)
    invited = invite(register, "sub-of-tessa")
    assert invited.status_code == 200
    assert invited.headers["cache-control"] == "no-store"
    joined = accept(register, invited.json()["token"], "sub-of-elias")
    assert joined.status_code == 200, joined.text
    member_card = joined.json()["card_number"]
    assert is_valid(member_card)
    assert member_card != owner_card
    assert register.get("/api/v1/links/sub-of-elias", headers=AUTH).json() == {
        "card_number": member_card
    }
    members = [
        {"name": "Tessa Testilä", "role": "owner", "masked_card": mask_card(owner_card)},
        {"name": "Elias Esimerkki", "role": "member", "masked_card": mask_card(member_card)},
    ]
    assert household(register, "sub-of-tessa") == {
        "members": members,
        "can_invite": True,
        "reason": None,
    }
    assert household(register, "sub-of-elias") == {
        "members": members,
        "can_invite": False,
        "reason": "not_owner",
    }
    assert invite(register, "sub-of-elias").json()["reason"] == "not_owner"


def test_members_purchases_count_for_the_whole_household(register: TestClient) -> None:
    linked_owner(register)
    member_card = accept(register, token_of(register), "sub-of-elias").json()["card_number"]
    for s_login, ref, cents in (("sub-of-tessa", "o-1", 12000), ("sub-of-elias", "o-2", 8000)):
        body = {
            "s_login": s_login,
            "shop": "prisma",
            "order_ref": ref,
            "amount_cents": cents,
            "owner_saving_cents": 10,
            "purchased_on": "2026-11-10",
        }
        assert register.post("/api/v1/purchases", json=body, headers=AUTH).status_code == 200
    till = {
        "card_number": member_card,
        "shop": "S-market",
        "amount_cents": 1000,
        "purchased_on": "2026-11-11",
    }
    assert register.post("/_control/purchases", json=till).status_code == 200
    expected = [
        {
            "month": "2026-11",
            "purchases_cents": 21000,
            "bonus_percent": "1.5",
            "bonus_cents": 315,
            "savings_cents": 20,
        }
    ]
    for s_login in ("sub-of-tessa", "sub-of-elias"):
        response = register.get(f"/api/v1/links/{s_login}/bonus", headers=AUTH)
        assert response.json() == expected


def test_an_invitation_works_once(register: TestClient) -> None:
    linked_owner(register)
    token = token_of(register)
    assert accept(register, token, "sub-of-elias").status_code == 200
    again = accept(register, token, "sub-of-someone-else")
    assert again.status_code == 410
    assert again.json()["reason"] == "used"
    assert register.get("/api/v1/links/sub-of-someone-else", headers=AUTH).status_code == 404


def test_an_invitation_expires_after_seven_days_on_the_register_clock(
    register: TestClient,
) -> None:
    linked_owner(register)
    fresh, stale = token_of(register), token_of(register)
    assert fresh != stale
    register.post("/_control/clock/advance", json={"seconds": WEEK - 60})
    assert accept(register, fresh, "sub-of-elias").status_code == 200
    register.post("/_control/clock/advance", json={"seconds": 60})
    expired = accept(register, stale, "sub-of-aino")
    assert expired.status_code == 410
    assert expired.json()["reason"] == "expired"


def test_an_unknown_token_is_gone(register: TestClient) -> None:
    linked_owner(register)
    response = accept(register, "not-a-token-anyone-was-given", "sub-of-elias")
    assert response.status_code == 410
    assert response.json()["reason"] == "unknown"


def test_an_s_login_with_a_card_cannot_join_and_the_invitation_stays_valid(
    register: TestClient,
) -> None:
    linked_owner(register)
    linked_owner(register, VAINO, "sub-of-vaino")
    token = token_of(register)
    refused = accept(register, token, "sub-of-vaino")
    assert refused.status_code == 409
    assert refused.json()["reason"] == "has_card"
    assert accept(register, token, "sub-of-elias").status_code == 200


def test_a_full_household_invites_no_more(register_settings: Settings) -> None:
    small = dataclasses.replace(register_settings, household_max_members=2)
    with TestClient(create_app(small), base_url=REGISTER_URL) as client:
        linked_owner(client)
        first, second = token_of(client), token_of(client)
        assert accept(client, first, "sub-of-elias").status_code == 200
        view = household(client, "sub-of-tessa")
        assert (len(view["members"]), view["can_invite"], view["reason"]) == (2, False, "full")
        assert invite(client, "sub-of-tessa").json()["reason"] == "full"
        late = accept(client, second, "sub-of-aino")
        assert late.status_code == 410
        assert late.json()["reason"] == "full"


def test_bad_invitation_requests_are_422(register: TestClient) -> None:
    linked_owner(register)
    assert invite(register, "sub-of-tessa", "not an address").status_code == 422
    assert accept(register, token_of(register), "sub-of-elias", name=" ").status_code == 422


def test_seeding_the_owner_again_starts_a_fresh_household(register: TestClient) -> None:
    linked_owner(register)
    joined_token, pending = token_of(register), token_of(register)
    accept(register, joined_token, "sub-of-elias")
    linked_owner(register)
    assert household(register, "sub-of-tessa")["members"][1:] == []
    assert household(register, "sub-of-elias")["reason"] == "no_card"
    assert accept(register, pending, "sub-of-aino").json()["reason"] == "unknown"


def test_a_state_file_from_before_households_keeps_working(register_settings: Settings) -> None:
    # The register as it was before households: customers and links only.
    path = register_settings.state_dir / "register.sqlite3"
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as conn:
        conn.executescript(
            """
            CREATE TABLE customers (
                customer_id TEXT PRIMARY KEY, kind TEXT NOT NULL, hetu TEXT UNIQUE,
                business_id TEXT UNIQUE, name TEXT NOT NULL, card_number TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL);
            CREATE TABLE links (
                card_number TEXT PRIMARY KEY, s_login TEXT NOT NULL, linked_at TEXT NOT NULL);
            INSERT INTO customers VALUES
                ('c1', 'person', '010280-952L', NULL, 'Tessa Testilä', '6043000000000003', 'x');
            INSERT INTO links VALUES ('6043000000000003', 'sub-of-tessa', 'x');
            """
        )
    conn.close()
    with TestClient(create_app(register_settings), base_url=REGISTER_URL) as client:
        view = household(client, "sub-of-tessa")
        assert (view["members"][0]["role"], view["can_invite"]) == ("owner", True)


def test_http_register_household_invite_and_accept(register: TestClient, api: HttpRegister) -> None:
    owner_card = linked_owner(register)
    before = datetime.fromisoformat(register.get("/_control/clock").json()["now"])
    invitation = api.invite("sub-of-tessa", "elias@example.test")
    assert len(invitation.token) >= 43  # 256 bits, URL-safe base64
    assert before + timedelta(days=7) <= invitation.expires_at
    assert invitation.expires_at <= before + timedelta(days=7, minutes=1)
    member_card = api.accept_invitation(invitation.token, "sub-of-elias", "Elias Esimerkki")
    assert api.linked_card("sub-of-elias") == member_card
    assert api.household("sub-of-tessa") == Household(
        members=[
            HouseholdMember("Tessa Testilä", "owner", mask_card(owner_card)),
            HouseholdMember("Elias Esimerkki", "member", mask_card(member_card)),
        ],
        can_invite=True,
        reason=None,
    )
    assert api.household("sub-without-card") == Household([], False, "no_card")


def test_http_register_raises_the_reasons(register: TestClient, api: HttpRegister) -> None:
    linked_owner(register)
    with pytest.raises(InviteRefused) as refused:
        api.invite("sub-of-elias", "x@example.test")
    assert refused.value.reason == "no_card"
    token = api.invite("sub-of-tessa", "elias@example.test").token
    with pytest.raises(InvitationInvalid) as has_card:
        api.accept_invitation(token, "sub-of-tessa", "Tessa again")
    assert has_card.value.reason == "has_card"
    api.accept_invitation(token, "sub-of-elias", "Elias Esimerkki")
    with pytest.raises(InvitationInvalid) as used:
        api.accept_invitation(token, "sub-of-aino", "Aino")
    assert used.value.reason == "used"
    assert isinstance(used.value, RegisterError)
    with pytest.raises(InviteRefused) as member:
        api.invite("sub-of-elias", "x@example.test")
    assert member.value.reason == "not_owner"
