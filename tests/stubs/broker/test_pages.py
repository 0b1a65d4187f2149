"""The bank broker's pages and scripting: bank choice, sign-in, outcomes and identities."""

from __future__ import annotations

import pytest

from tests.stubs.support import TestClient

from .support import (
    CALLBACK,
    TESSA,
    VAINO,
    code_for,
    exchange,
    identify,
    start,
    verified_claims,
)


def test_bank_choice_page_offers_every_bank_and_a_cancel_link(bank: TestClient) -> None:
    request_id = start(bank)
    page = bank.get(f"/sv/select?request={request_id}")
    assert page.status_code == 200
    assert '<html lang="sv">' in page.text
    assert "<h1>Välj identifieringsmetod</h1>" in page.text
    for name in ("OP", "Nordea", "Aktia", "S-Pankki", "Danske Bank"):
        assert f'<button type="submit">{name}</button>' in page.text
    assert f'href="/sv/cancel?request={request_id}">Avbryt</a>' in page.text


def test_choice_page_in_finnish_and_english(bank: TestClient) -> None:
    assert (
        "<h1>Valitse tunnistustapa</h1>" in bank.get(f"/fi/select?request={start(bank, 'fi')}").text
    )
    page = bank.get(f"/en/select?request={start(bank, 'en')}")
    assert "<h1>Choose an identification method</h1>" in page.text
    assert ">Cancel</a>" in page.text


def test_bank_page_has_the_bank_name_user_field_and_button(bank: TestClient) -> None:
    page = bank.get(f"/sv/bank/spankki?request={start(bank)}")
    assert page.status_code == 200
    assert "<h1>S-Pankki</h1>" in page.text
    assert '<label for="user">Användar-ID</label>' in page.text
    assert 'name="user"' in page.text
    assert '<button type="submit">Identifiera</button>' in page.text
    assert ">Avbryt</a>" in page.text
    assert bank.get(f"/sv/bank/pankki?request={start(bank)}").status_code == 404


@pytest.mark.parametrize("user", ["010280-952K", "not a code", "", "131052-308T"])
def test_unknown_or_malformed_user_id_rerenders_with_422(bank: TestClient, user: str) -> None:
    request_id = start(bank)
    page = identify(bank, request_id, user)
    assert page.status_code == 422
    assert "Okänt användar-ID" in page.text
    assert f'value="{user}"' in page.text
    # The request is still usable.
    assert identify(bank, request_id, TESSA).status_code == 303


def test_cancel_link_returns_access_denied(bank: TestClient) -> None:
    cancelled = bank.get(f"/sv/cancel?request={start(bank)}")
    assert cancelled.status_code == 303
    assert cancelled.headers["location"] == f"{CALLBACK}?error=access_denied&state=state-of-tessa"


def test_global_outcome_applies_once_then_approve_again(bank: TestClient) -> None:
    bank.post("/_control/next-outcome", json={"outcome": "fail"})
    failed = identify(bank, start(bank), VAINO)
    assert failed.headers["location"] == f"{CALLBACK}?error=server_error&state=state-of-tessa"
    assert "code=" in identify(bank, start(bank), VAINO).headers["location"]


@pytest.mark.parametrize(
    ("outcome", "error"), [("cancel", "access_denied"), ("fail", "server_error")]
)
def test_per_identity_outcome_touches_only_that_identity(
    bank: TestClient, outcome: str, error: str
) -> None:
    scripted = bank.post("/_control/next-outcome", json={"outcome": outcome, "hetu": TESSA})
    assert scripted.status_code == 200
    assert "code=" in identify(bank, start(bank), VAINO).headers["location"]
    done = identify(bank, start(bank), TESSA)
    assert done.status_code == 303
    assert done.headers["location"] == f"{CALLBACK}?error={error}&state=state-of-tessa"
    assert "code=" in identify(bank, start(bank), TESSA).headers["location"]


def test_timeout_shows_the_page_and_returns_temporarily_unavailable(bank: TestClient) -> None:
    bank.post("/_control/next-outcome", json={"outcome": "timeout", "hetu": TESSA})
    request_id = start(bank)
    page = identify(bank, request_id, TESSA)
    assert page.status_code == 200
    assert "Identifieringen tog för lång tid" in page.text
    assert '<button type="submit">Tillbaka till tjänsten</button>' in page.text
    back = bank.post("/sv/return", data={"request": request_id})
    assert back.status_code == 303
    assert back.headers["location"] == (
        f"{CALLBACK}?error=temporarily_unavailable&state=state-of-tessa"
    )


def test_a_finished_request_cannot_be_used_again(bank: TestClient) -> None:
    request_id = start(bank)
    assert identify(bank, request_id, TESSA).status_code == 303
    assert identify(bank, request_id, TESSA).status_code == 400
    assert bank.get(f"/sv/select?request={request_id}").status_code == 400
    assert bank.post("/sv/return", data={"request": request_id}).status_code == 400


def test_added_identities_can_sign_in(bank: TestClient) -> None:
    added = bank.post(
        "/_control/identities",
        json={"hetu": "100190Y999P", "given_name": "Ylva", "family_name": "Uusimerkki"},
    )
    assert added.status_code == 200
    assert added.json()["birthdate"] == "1990-01-10"
    claims = verified_claims(bank, exchange(bank, code_for(bank, "100190Y999P")).json()["id_token"])
    assert (claims["hetu"], claims["given_name"]) == ("100190Y999P", "Ylva")
    # The century sign matters: the old-sign code is another, unknown person.
    assert identify(bank, start(bank), "100190-999P").status_code == 422


@pytest.mark.parametrize(
    "body",
    [
        {"hetu": "100190Y999X", "given_name": "A", "family_name": "B"},
        {"hetu": "100190Z999P", "given_name": "A", "family_name": "B"},
        {"hetu": "100190Y999P", "given_name": " ", "family_name": "B"},
    ],
    ids=["check-char", "century-sign", "blank-name"],
)
def test_invalid_identities_are_422(bank: TestClient, body: dict[str, str]) -> None:
    assert bank.post("/_control/identities", json=body).status_code == 422


def test_built_in_identities_are_listed(bank: TestClient) -> None:
    listed = {i["hetu"] for i in bank.get("/_control/identities").json()}
    assert listed >= {"070770-905D", "010200A9618", "030516D9026", "010170-999R", TESSA}


def test_scripting_validates_outcome_and_hetu(bank: TestClient) -> None:
    assert bank.post("/_control/next-outcome", json={"outcome": "explode"}).status_code == 422
    bad = bank.post("/_control/next-outcome", json={"outcome": "cancel", "hetu": "nope"})
    assert bad.status_code == 422


def test_reset_forgets_scripts_and_added_identities(bank: TestClient) -> None:
    bank.post(
        "/_control/identities", json={"hetu": "100190Y999P", "given_name": "Y", "family_name": "U"}
    )
    bank.post("/_control/next-outcome", json={"outcome": "cancel", "hetu": TESSA})
    bank.post("/_control/reset")
    assert "code=" in identify(bank, start(bank), TESSA).headers["location"]
    assert identify(bank, start(bank), "100190Y999P").status_code == 422


def test_identification_may_finish_at_any_https_relying_party(bank: TestClient) -> None:
    # The post from the bank page redirects to the sign-in service and on to its relying
    # parties (bank-code sign-in ends on the S-Etukortti site); CSP form-action covers
    # that whole chain, so it allows https targets rather than listing one site.
    csp = bank.get(f"/sv/select?request={start(bank)}").headers["content-security-policy"]
    form_action = next(d for d in csp.split(";") if d.strip().startswith("form-action"))
    assert "https:" in form_action.split()
    assert "http:" not in form_action.split()
