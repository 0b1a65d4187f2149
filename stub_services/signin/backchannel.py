"""Back-channel logout (OpenID Connect Back-Channel Logout 1.0): when a session ends, each
client that got a code in it is sent a logout token, server to server.

Chosen over front-channel logout, which needs third-party cookies in iframes (blocked by
WebView and Samsung Internet). A client that is down or slow never holds up the sign-out.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from stub_services.common.logout_token import make_logout_token
from stub_services.signin.context import Client, Signin
from stub_services.signin.store import EndedSession

BACKCHANNEL_TIMEOUT = 3.0  # seconds, each client
_MAX_PARALLEL = 8


def send_logout_tokens(ctx: Signin, ended: EndedSession, sub: str) -> None:
    """POST a logout token to every client of the session that has a back-channel URI, in
    parallel (so slow clients cost one timeout, not one each); record how each went."""
    targets = [
        client
        for client_id in ended.client_ids
        if (client := ctx.clients.get(client_id)) is not None and client.backchannel_logout_uri
    ]
    if not targets or not ended.sid:
        return
    with ThreadPoolExecutor(max_workers=min(len(targets), _MAX_PARALLEL)) as pool:
        errors = list(pool.map(lambda client: _send(ctx, client, sub, ended.sid), targets))
    for client, error in zip(targets, errors, strict=True):
        if error is None:
            ctx.events.record("backchannel_sent", ended.email, client_id=client.client_id)
        else:
            ctx.events.record(
                "backchannel_failed", ended.email, client_id=client.client_id, error=error
            )


def _send(ctx: Signin, client: Client, sub: str, sid: str) -> str | None:
    """None when the client took the token (2xx), else why not (for the event log)."""
    try:
        token = make_logout_token(
            ctx.settings.signin_public_url, client.client_id, ctx.keys.current(), sub, sid
        )
        url, host = ctx.settings.server_route(client.backchannel_logout_uri or "")
        response = ctx.backchannel.post(
            url,
            data={"logout_token": token},
            headers={"Host": host} if host else {},
            timeout=BACKCHANNEL_TIMEOUT,
        )
    except Exception as exc:  # anything at all: one client must not stop the sign-out
        return f"{type(exc).__name__}: {exc}"[:160]
    if not response.is_success:
        return f"HTTP {response.status_code}"
    return None
