"""Pages and labels of the sign-in service in Swedish, Finnish and English; AUTH-4376."""

from __future__ import annotations

import pytest

from stub_services.common.i18n import LANGS, STRINGS, Lang

from .support import TestClient, request_id, submit_code, submit_email

FAILURE = {
    "sv": ("Inloggning misslyckades", "felkod: AUTH-4376", "Försök igen", "mån–fre 9–16"),
    "fi": ("Kirjautuminen epäonnistui", "virhekoodi: AUTH-4376", "Yritä uudelleen", "ma–pe 9–16"),
    "en": ("Sign-in failed", "error code: AUTH-4376", "Try again", "Mon–Fri 9–16"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_missing_transaction_cookie_shows_auth_4376(signin: TestClient, lang: str) -> None:
    sent = submit_email(signin, "sara.virtanen@example.com", intent="create", lang=lang)
    rid = request_id(sent)
    signin.cookies.clear()  # a browser that blocks cookies never sends it back
    page = submit_code(signin, "1234", lang=lang, request=rid)
    heading, code, retry, hours = FAILURE[lang]
    assert page.status_code == 400
    assert f'<html lang="{lang}">' in page.text
    assert f"<h1>{heading}</h1>" in page.text
    assert f'<p class="error">{code}</p>' in page.text
    assert f'<a href="/{lang}/login?request={rid}">{retry}</a>' in page.text
    assert "<p>010 76 5859</p>" in page.text
    assert f"<p>{hours}</p>" in page.text
    events = signin.get("/_control/events?email=sara.virtanen@example.com").json()
    assert events[-1]["type"] == "auth_4376"


def test_unknown_transaction_cookie_shows_auth_4376(signin: TestClient) -> None:
    signin.cookies.set("__Host-login_tx", "forged", domain="login.s-ryhma.test")
    page = submit_code(signin, "1234")
    assert page.status_code == 400
    assert "felkod: AUTH-4376" in page.text


@pytest.mark.parametrize("lang", LANGS)
def test_login_page_labels(signin: TestClient, lang: Lang) -> None:
    page = signin.get(f"/{lang}/login?request=abc")
    assert page.status_code == 200
    assert f'<html lang="{lang}">' in page.text
    assert f"<h1>{STRINGS['login.heading'][lang]}</h1>" in page.text
    label = STRINGS["login.email_label"][lang]
    assert f'<label for="email">{label}</label>' in page.text
    assert 'name="email"' in page.text
    assert f'<button type="submit">{STRINGS["login.submit"][lang]}</button>' in page.text
    assert f'href="/{lang}/register?request=abc">{STRINGS["login.create_link"][lang]}</a>' in (
        page.text
    )
    assert 'name="viewport"' in page.text


def test_register_and_code_pages_in_swedish(signin: TestClient) -> None:
    register = signin.get("/sv/register")
    assert "<h1>Skapa S-inloggning</h1>" in register.text
    assert '<label for="email">E-postadress</label>' in register.text
    assert '<button type="submit">Skicka kod</button>' in register.text
    code = signin.get("/sv/login/code?request=abc")
    assert code.status_code == 200
    assert "<h1>Ange bekräftelsekoden</h1>" in code.text
    assert '<label for="code">Bekräftelsekod</label>' in code.text
    assert 'name="code"' in code.text
    assert '<button type="submit">Logga in</button>' in code.text


def test_unknown_language_is_not_found(signin: TestClient) -> None:
    assert signin.get("/de/login").status_code == 404


def test_root_goes_to_swedish(signin: TestClient) -> None:
    assert signin.get("/").headers["location"] == "/sv/"


def test_security_headers(signin: TestClient) -> None:
    headers = signin.get("/sv/login").headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "https://s-etukortti.test" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_every_string_exists_in_every_language() -> None:
    for key, texts in STRINGS.items():
        assert set(texts) == set(LANGS), key
        assert all(texts.values()), key


def test_language_links_of_a_refused_form_open_the_form_again(signin: TestClient) -> None:
    refused = submit_email(signin, "not-an-address", lang="fi", request="abc")
    assert refused.status_code == 422
    assert '<a href="/sv/login?request=abc" hreflang="sv"' in refused.text
    assert signin.get("/sv/login?request=abc").status_code == 200
