"""The sign-in service driven by a maintained third-party OpenID Connect client (Authlib),
as any relying party's code would use it: configured from the discovery document only,
the ID token checked with the published JWKS only (no client secret as a signing key)."""

from __future__ import annotations

import warnings
from dataclasses import replace
from typing import Any

import httpx
import pytest

from stub_services.common.settings import Settings
from stub_services.signin.app import create_app as create_signin

with warnings.catch_warnings():
    # Authlib nudges towards httpx2 and joserfc; the httpx and authlib.jose it falls back
    # to are what is installed here, and what many relying parties still use.
    warnings.simplefilter("ignore")
    from authlib.common.security import generate_token
    from authlib.integrations.httpx_client import OAuth2Client, OAuthError
    from authlib.jose import JsonWebKey
    from authlib.jose import jwt as jose_jwt
    from authlib.oidc.core import CodeIDToken
    from authlib.oidc.discovery import OpenIDProviderMetadata

from .support import (
    REDIRECT_URI,
    SIGNIN_URL,
    TEST_SECRET,
    Mailbox,
    TestClient,
    query_of,
    request_id,
    skip_card_linking,
    submit_code,
    submit_email,
)

SARA = "sara.virtanen@example.com"
CLIENT_ID = "s-etukortti"
AUTH_METHODS = ["client_secret_basic", "client_secret_post"]


class ThroughApp(httpx.BaseTransport):
    """Server-to-server requests of the relying party, answered by the in-process app."""

    def __init__(self, app_client: TestClient) -> None:
        self._app = app_client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        answer = self._app.request(
            request.method,
            str(request.url),
            headers={k: v for k, v in request.headers.items() if k.lower() != "cookie"},
            content=request.read(),
            follow_redirects=False,
        )
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)


@pytest.fixture
def metadata(signin: TestClient) -> OpenIDProviderMetadata:
    found = OpenIDProviderMetadata(signin.get("/.well-known/openid-configuration").json())
    found.validate()  # Authlib's own check of Discovery 1.0 metadata
    return found


def rp_client(signin: TestClient, method: str, secret: str = TEST_SECRET) -> OAuth2Client:
    return OAuth2Client(
        client_id=CLIENT_ID,
        client_secret=secret,
        token_endpoint_auth_method=method,
        redirect_uri=REDIRECT_URI,
        scope="openid email",
        code_challenge_method="S256",
        mounts={"all://": ThroughApp(signin)},
    )


def browser_signs_in(signin: TestClient, mailbox: Mailbox, authorization_url: str) -> str:
    """The user's part: the authorization URL, a new S-login by email code, back to the
    client; the callback URL with code and state."""
    path = authorization_url.removeprefix(SIGNIN_URL)
    start = signin.get(f"{path}&prompt=create")
    assert start.status_code == 303, start.text
    rid = request_id(start)
    assert submit_email(signin, SARA, intent="create", request=rid).status_code == 303
    done = skip_card_linking(signin, submit_code(signin, mailbox.latest_code(SARA), request=rid))
    location = str(done.headers["location"])
    assert location.startswith(f"{REDIRECT_URI}?"), location
    return location


def start(client: OAuth2Client, metadata: OpenIDProviderMetadata) -> tuple[str, str, str]:
    """(authorization URL, nonce, PKCE verifier) as Authlib makes them."""
    nonce, verifier = generate_token(20), generate_token(48)
    url, _ = client.create_authorization_url(
        metadata["authorization_endpoint"], nonce=nonce, code_verifier=verifier
    )
    return url, nonce, verifier


def id_token_claims(
    client: OAuth2Client, metadata: OpenIDProviderMetadata, token: dict[str, Any], nonce: str
) -> CodeIDToken:
    """The ID token checked as Authlib checks one: JWKS signature, iss, aud, exp, iat,
    nonce and at_hash."""
    keys = JsonWebKey.import_key_set(client.get(metadata["jwks_uri"]).json())
    claims: CodeIDToken = jose_jwt.decode(
        token["id_token"],
        keys,
        claims_cls=CodeIDToken,
        claims_options={"iss": {"essential": True, "value": metadata["issuer"]}},
        claims_params={
            "nonce": nonce,
            "client_id": CLIENT_ID,
            "access_token": token["access_token"],
        },
    )
    claims.validate(leeway=30)
    return claims


def test_discovery_names_every_endpoint_and_capability(metadata: OpenIDProviderMetadata) -> None:
    assert metadata["issuer"] == SIGNIN_URL
    assert metadata["id_token_signing_alg_values_supported"] == ["RS256"]
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert set(metadata["token_endpoint_auth_methods_supported"]) == set(AUTH_METHODS)
    assert metadata["backchannel_logout_supported"] is True
    for endpoint in ("authorization", "token", "userinfo", "end_session"):
        assert metadata[f"{endpoint}_endpoint"].startswith("https://")


@pytest.mark.parametrize("method", AUTH_METHODS)
def test_code_flow_with_pkce_through_discovery_and_jwks(
    signin: TestClient, mailbox: Mailbox, metadata: OpenIDProviderMetadata, method: str
) -> None:
    client = rp_client(signin, method)
    url, nonce, verifier = start(client, metadata)
    callback = browser_signs_in(signin, mailbox, url)
    token = client.fetch_token(
        metadata["token_endpoint"], authorization_response=callback, code_verifier=verifier
    )
    claims = id_token_claims(client, metadata, token, nonce)
    assert claims["email"] == SARA
    by_get = client.get(metadata["userinfo_endpoint"]).json()
    by_post = client.post(metadata["userinfo_endpoint"]).json()
    assert by_get == by_post
    assert by_get["sub"] == claims["sub"]
    assert by_get["email"] == SARA


def test_wrong_secret_is_refused_with_www_authenticate(
    signin: TestClient, mailbox: Mailbox, metadata: OpenIDProviderMetadata
) -> None:
    client = rp_client(signin, "client_secret_basic", secret="not-the-secret")
    url, _, verifier = start(client, metadata)
    callback = browser_signs_in(signin, mailbox, url)
    with pytest.raises(OAuthError, match="invalid_client"):
        client.fetch_token(
            metadata["token_endpoint"], authorization_response=callback, code_verifier=verifier
        )
    raw = signin.post("/token", auth=(CLIENT_ID, "not-the-secret"), data={"code": "x"})
    assert raw.status_code == 401
    assert raw.headers["www-authenticate"].startswith("Basic ")


def test_reused_code_and_bad_verifier_are_refused(
    signin: TestClient, mailbox: Mailbox, metadata: OpenIDProviderMetadata
) -> None:
    client = rp_client(signin, "client_secret_basic")
    url, _, verifier = start(client, metadata)
    callback = browser_signs_in(signin, mailbox, url)
    with pytest.raises(OAuthError, match="invalid_grant"):
        client.fetch_token(
            metadata["token_endpoint"], authorization_response=callback, code_verifier="x" * 50
        )
    with pytest.raises(OAuthError, match="invalid_grant"):  # the failed try spent the code
        client.fetch_token(
            metadata["token_endpoint"], authorization_response=callback, code_verifier=verifier
        )


def test_wrong_redirect_uri_is_refused(
    signin: TestClient, mailbox: Mailbox, metadata: OpenIDProviderMetadata
) -> None:
    client = rp_client(signin, "client_secret_post")
    url, _, verifier = start(client, metadata)
    elsewhere = url.replace("s-etukortti.test%2Fcallback", "s-etukortti.test%2Fother")
    assert signin.get(elsewhere.removeprefix(SIGNIN_URL)).status_code == 400
    callback = browser_signs_in(signin, mailbox, url)
    with pytest.raises(OAuthError, match="invalid_grant"):
        client.fetch_token(
            metadata["token_endpoint"],
            authorization_response=callback,
            code_verifier=verifier,
            redirect_uri="https://s-etukortti.test/other",
        )


def test_authorization_request_by_post_is_served(
    signin: TestClient, metadata: OpenIDProviderMetadata
) -> None:
    client = rp_client(signin, "client_secret_basic")
    url, _, _ = start(client, metadata)
    posted = signin.post("/authorize", data=query_of(url), headers={"Sec-Fetch-Site": "cross-site"})
    assert posted.status_code == 303, posted.text
    assert posted.headers["location"].startswith("/sv/login?request=")


def test_rotated_keys_verify_old_and_new_tokens(
    signin: TestClient, mailbox: Mailbox, metadata: OpenIDProviderMetadata
) -> None:
    client = rp_client(signin, "client_secret_basic")
    url, nonce, verifier = start(client, metadata)
    callback = browser_signs_in(signin, mailbox, url)
    token = client.fetch_token(
        metadata["token_endpoint"], authorization_response=callback, code_verifier=verifier
    )
    old_kid = signin.get("/jwks.json").json()["keys"][0]["kid"]
    new_kid = signin.post("/_control/keys/rotate").json()["kid"]
    assert new_kid != old_kid
    assert [k["kid"] for k in signin.get("/jwks.json").json()["keys"]] == [new_kid, old_kid]
    id_token_claims(client, metadata, token, nonce)  # signed before: still verifies


def test_signing_keys_survive_a_restart(settings: Settings, mailbox: Mailbox) -> None:
    """The keys live in the service's SQLite store: a restarted process signs with the
    same key, so relying parties' cached JWKS stay valid."""
    kids = []
    for _ in range(2):
        with TestClient(create_signin(settings, mailer=mailbox.send), base_url=SIGNIN_URL) as app:
            kids.append([key["kid"] for key in app.get("/jwks.json").json()["keys"]])
    assert kids[0] == kids[1]
    assert len(kids[0]) == 1


def test_a_developers_own_client_signs_in_through_discovery(
    settings: Settings, mailbox: Mailbox
) -> None:
    """SIGNIN_EXTRA_CLIENTS registers an application of one's own (docs/stub-world.md)."""
    callback = "http://localhost:3000/auth/callback"
    mine = replace(settings, signin_extra_clients=f"my-app|my-secret-0123456789|{callback}")
    app = create_signin(mine, mailer=mailbox.send)
    with TestClient(app, base_url=SIGNIN_URL, follow_redirects=False) as signin:
        found = OpenIDProviderMetadata(signin.get("/.well-known/openid-configuration").json())
        client = OAuth2Client(
            client_id="my-app",
            client_secret="my-secret-0123456789",
            redirect_uri=callback,
            scope="openid email",
            code_challenge_method="S256",
            mounts={"all://": ThroughApp(signin)},
        )
        verifier = generate_token(48)
        url, _ = client.create_authorization_url(
            found["authorization_endpoint"], nonce="n-of-my-app", code_verifier=verifier
        )
        start = signin.get(url.removeprefix(SIGNIN_URL) + "&prompt=create")
        rid = request_id(start)
        submit_email(signin, SARA, intent="create", request=rid)
        done = skip_card_linking(
            signin, submit_code(signin, mailbox.latest_code(SARA), request=rid)
        )
        assert done.headers["location"].startswith(f"{callback}?")
        token = client.fetch_token(
            found["token_endpoint"],
            authorization_response=done.headers["location"],
            code_verifier=verifier,
        )
        assert "id_token" in token


def test_rp_initiated_logout_with_the_id_token_authlib_got(
    signin: TestClient, mailbox: Mailbox, metadata: OpenIDProviderMetadata
) -> None:
    """RP-Initiated Logout 1.0 as a relying party does it: the end_session_endpoint of
    discovery, the ID token as id_token_hint, a registered post-logout URI and a state."""
    client = rp_client(signin, "client_secret_basic")
    url, _, verifier = start(client, metadata)
    callback = browser_signs_in(signin, mailbox, url)
    token = client.fetch_token(
        metadata["token_endpoint"], authorization_response=callback, code_verifier=verifier
    )
    logout = httpx.URL(metadata["end_session_endpoint"]).copy_merge_params(
        {
            "id_token_hint": token["id_token"],
            "post_logout_redirect_uri": "https://s-etukortti.test/sv/",
            "state": "after-logout",
        }
    )
    out = signin.get(str(logout).removeprefix(SIGNIN_URL))
    assert out.status_code == 303, out.text[:300]
    assert out.headers["location"] == "https://s-etukortti.test/sv/?state=after-logout"
    assert "Inloggad som" not in signin.get("/sv/").text
