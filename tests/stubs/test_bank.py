"""The bank broker: OIDC with PKCE and RS256 ID tokens, bank pages, scripted outcomes."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt
import pytest

from stub_services.bank.app import create_app
from stub_services.bank.keys import KEY_FILE, load_or_create
from stub_services.common.settings import Settings

from .support import TestClient, query_of

BANK_URL = "https://tunnistus.test"
CALLBACK = "https://login.s-ryhma.test/bank/callback"
SECRET = "bank-client-secret-in-tests"
VERIFIER = "verifier-of-tessa-with-plenty-of-entropy-0123456789abcdef"
TESSA = "010280-952L"
VAINO = "070770-905D"


@pytest.fixture(scope="session")
def signing_key_pem(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """One RSA key for the session: generating one per test would dominate the run time."""
    folder = tmp_path_factory.mktemp("bank-key")
    load_or_create(folder)
    return (folder / KEY_FILE).read_bytes()


@pytest.fixture
def bank_settings(settings: Settings, signing_key_pem: bytes) -> Settings:
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    key_file = settings.state_dir / KEY_FILE
    key_file.write_bytes(signing_key_pem)
    key_file.chmod(0o600)
    return dataclasses.replace(settings, bank_client_secret=SECRET)


@pytest.fixture
def bank(bank_settings: Settings) -> Iterator[TestClient]:
    app = create_app(bank_settings)
    with TestClient(app, base_url=BANK_URL, follow_redirects=False) as client:
        yield client


def challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorize_query(**overrides: str) -> str:
    params = {
        "response_type": "code",
        "client_id": "s-login",
        "redirect_uri": CALLBACK,
        "state": "state-of-tessa",
        "nonce": "nonce-of-tessa",
        "code_challenge": challenge(VERIFIER),
        "code_challenge_method": "S256",
        "ui_locales": "sv",
    }
    params.update(overrides)
    return urlencode(params)


def start(bank: TestClient, lang: str = "sv") -> str:
    """GET /authorize; returns the request id of the bank choice page."""
    response = bank.get(f"/authorize?{authorize_query(ui_locales=lang)}")
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert location.startswith(f"/{lang}/select?request=")
    return query_of(location)["request"]


def identify(bank: TestClient, request_id: str, user: str, slug: str = "op") -> httpx.Response:
    response: httpx.Response = bank.post(
        f"/sv/bank/{slug}", data={"user": user, "request": request_id}
    )
    return response


def code_for(bank: TestClient, hetu: str = TESSA, slug: str = "op") -> str:
    done = identify(bank, start(bank), hetu, slug)
    assert done.status_code == 303, done.text
    assert done.headers["location"].startswith(f"{CALLBACK}?")
    query = query_of(done.headers["location"])
    assert query["state"] == "state-of-tessa"
    return query["code"]


def exchange(bank: TestClient, code: str, **overrides: str) -> httpx.Response:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": CALLBACK,
        "client_id": "s-login",
        "client_secret": SECRET,
        "code_verifier": VERIFIER,
    }
    form.update(overrides)
    response: httpx.Response = bank.post("/token", data=form)
    return response


def verified_claims(bank: TestClient, id_token: str) -> dict[str, Any]:
    header = jwt.get_unverified_header(id_token)
    keys = {k["kid"]: k for k in bank.get("/jwks.json").json()["keys"]}
    public_key = jwt.PyJWK(keys[header["kid"]]).key
    claims: dict[str, Any] = jwt.decode(
        id_token, public_key, algorithms=["RS256"], audience="s-login", issuer=BANK_URL
    )
    return claims


def test_health_discovery_and_jwks(bank: TestClient) -> None:
    assert bank.get("/healthz").json() == {"status": "ok", "service": "bank"}
    config = bank.get("/.well-known/openid-configuration").json()
    assert config["issuer"] == BANK_URL
    assert config["authorization_endpoint"] == f"{BANK_URL}/authorize"
    assert config["token_endpoint"] == f"{BANK_URL}/token"
    assert config["jwks_uri"] == f"{BANK_URL}/jwks.json"
    assert config["id_token_signing_alg_values_supported"] == ["RS256"]
    assert config["code_challenge_methods_supported"] == ["S256"]
    (key,) = bank.get("/jwks.json").json()["keys"]
    assert (key["kty"], key["alg"], key["use"]) == ("RSA", "RS256", "sig")
    assert "d" not in key


def test_back_channel_endpoints_follow_the_address_the_server_used(
    bank_settings: Settings,
) -> None:
    with TestClient(create_app(bank_settings), base_url="https://127.0.0.1:4443") as server:
        config = server.get("/.well-known/openid-configuration").json()
    assert config["issuer"] == BANK_URL
    assert config["authorization_endpoint"] == f"{BANK_URL}/authorize"
    assert config["token_endpoint"] == "https://127.0.0.1:4443/token"


def test_signing_key_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    first = load_or_create(tmp_path)
    assert (tmp_path / KEY_FILE).stat().st_mode & 0o077 == 0
    again = load_or_create(tmp_path)
    assert again.kid == first.kid
    assert again.jwk() == first.jwk()


def test_signing_key_is_kept_across_restarts(bank_settings: Settings, bank: TestClient) -> None:
    first = bank.get("/jwks.json").json()
    with TestClient(create_app(bank_settings), base_url=BANK_URL) as restarted:
        assert restarted.get("/jwks.json").json() == first


def test_id_token_verifies_with_the_jwks_and_carries_the_identity(bank: TestClient) -> None:
    tokens = exchange(bank, code_for(bank, TESSA, "spankki"))
    assert tokens.status_code == 200, tokens.text
    body = tokens.json()
    assert set(body) == {"id_token", "access_token", "token_type", "expires_in"}
    assert body["token_type"] == "Bearer"
    assert tokens.headers["cache-control"] == "no-store"
    claims = verified_claims(bank, body["id_token"])
    assert claims["nonce"] == "nonce-of-tessa"
    assert claims["hetu"] == TESSA
    assert claims["ftn_idp"] == "fi-spankki"
    assert claims["birthdate"] == "1980-02-01"
    assert (claims["given_name"], claims["family_name"]) == ("Tessa", "Testilä")
    assert claims["name"] == "Tessa Testilä"
    assert claims["sub"]
    assert claims["sub"] != TESSA
    assert claims["exp"] > claims["iat"]


@pytest.mark.parametrize(
    ("slug", "idp"),
    [("op", "fi-op"), ("nordea", "fi-nordea"), ("aktia", "fi-aktia"), ("danske", "fi-danske")],
)
def test_each_bank_names_itself_in_ftn_idp(bank: TestClient, slug: str, idp: str) -> None:
    claims = verified_claims(bank, exchange(bank, code_for(bank, VAINO, slug)).json()["id_token"])
    assert claims["ftn_idp"] == idp


def test_same_person_gets_the_same_sub(bank: TestClient) -> None:
    subs = {
        verified_claims(bank, exchange(bank, code_for(bank, VAINO)).json()["id_token"])["sub"]
        for _ in range(2)
    }
    assert len(subs) == 1


@pytest.mark.parametrize(
    "overrides",
    [
        {"redirect_uri": CALLBACK + "/"},
        {"redirect_uri": CALLBACK + "?x=1"},
        {"redirect_uri": "https://evil.test/bank/callback"},
        {"client_id": "someone-else"},
    ],
    ids=["trailing-slash", "extra-query", "other-host", "unknown-client"],
)
def test_invalid_client_or_redirect_uri_is_a_400_page_never_a_redirect(
    bank: TestClient, overrides: dict[str, str]
) -> None:
    page = bank.get(f"/authorize?{authorize_query(**overrides)}")
    assert page.status_code == 400
    assert "location" not in page.headers
    assert "<h1>Ogiltig identifieringsbegäran</h1>" in page.text


@pytest.mark.parametrize(
    "overrides",
    [{"code_challenge_method": "plain"}, {"code_challenge": ""}, {"nonce": ""}],
    ids=["plain", "no-challenge", "no-nonce"],
)
def test_pkce_s256_and_nonce_are_required(bank: TestClient, overrides: dict[str, str]) -> None:
    refused = bank.get(f"/authorize?{authorize_query(**overrides)}")
    assert refused.status_code == 303
    query = query_of(refused.headers["location"])
    assert query["error"] == "invalid_request"
    assert query["state"] == "state-of-tessa"


def test_pkce_verifier_mismatch_is_refused(bank: TestClient) -> None:
    refused = exchange(bank, code_for(bank), code_verifier=VERIFIER + "x")
    assert refused.status_code == 400
    assert refused.json()["error"] == "invalid_grant"


def test_token_redirect_uri_must_match(bank: TestClient) -> None:
    refused = exchange(bank, code_for(bank), redirect_uri=CALLBACK + "/")
    assert refused.status_code == 400


def test_wrong_client_secret_is_refused(bank: TestClient) -> None:
    refused = exchange(bank, code_for(bank), client_secret="wrong")
    assert refused.status_code == 401
    assert refused.json()["error"] == "invalid_client"


def test_client_secret_may_come_as_http_basic(bank: TestClient) -> None:
    basic = base64.b64encode(f"s-login:{SECRET}".encode()).decode()
    response = bank.post(
        "/token",
        data={
            "grant_type": "authorization_code",
            "code": code_for(bank),
            "redirect_uri": CALLBACK,
            "code_verifier": VERIFIER,
        },
        headers={"Authorization": f"Basic {basic}"},
    )
    assert response.status_code == 200, response.text


def test_code_replay_is_refused(bank: TestClient) -> None:
    code = code_for(bank)
    assert exchange(bank, code).status_code == 200
    replay = exchange(bank, code)
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"


def test_code_lives_sixty_seconds_of_service_time(bank: TestClient) -> None:
    code = code_for(bank)
    bank.post("/_control/clock/advance", json={"seconds": 61})
    expired = exchange(bank, code)
    assert expired.status_code == 400
    assert expired.json()["error_description"] == "code expired"


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
