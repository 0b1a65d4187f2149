"""The bank broker as an OIDC provider: discovery, JWKS, RS256 ID tokens, PKCE and codes."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from stub_services.bank.app import create_app
from stub_services.bank.keys import KEY_FILE, load_or_create
from stub_services.common.settings import Settings
from tests.stubs.support import TestClient, query_of

from .support import (
    BANK_URL,
    CALLBACK,
    SECRET,
    TESSA,
    VAINO,
    VERIFIER,
    authorize_query,
    code_for,
    exchange,
    verified_claims,
)


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
