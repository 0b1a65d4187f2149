"""Customer data on "Mina uppgifter" (C05): postal address, validated, CSRF-protected."""

from __future__ import annotations

import re

import httpx
import pytest

from .identity_flows import events_of, sign_up_on_card_site
from .support import Mailbox, TestClient

SARA = "sara.virtanen@example.com"
ADDRESS = {"street": "Mannerheimintie 12 B 7", "postal_code": "00100", "city": "Helsinki"}


@pytest.fixture
def signed_in(card_site: TestClient, s_login: TestClient, mailbox: Mailbox) -> TestClient:
    sign_up_on_card_site(card_site, s_login, mailbox, SARA)
    return card_site


def _csrf(client: TestClient) -> str:
    form = client.get("/sv/profile/customer-data")
    match = re.search(r'name="csrf_token" value="([0-9a-f]+)"', form.text)
    assert match, "the form carries no CSRF token"
    return match.group(1)


def _save(client: TestClient, **fields: str) -> httpx.Response:
    data = {**ADDRESS, "csrf_token": _csrf(client), **fields}
    response: httpx.Response = client.post("/sv/profile/customer-data", data=data)
    return response


def test_profile_has_a_customer_data_section(signed_in: TestClient) -> None:
    profile = signed_in.get("/sv/profile")
    assert '<h2 id="customer-heading">Kunduppgifter</h2>' in profile.text
    assert "<dd>Ingen postadress</dd>" in profile.text
    assert '<a href="/sv/profile/customer-data">Ändra kunduppgifter</a>' in profile.text
    form = signed_in.get("/sv/profile/customer-data")
    assert '<label for="street">Gatuadress</label>' in form.text
    assert '<label for="postal-code">Postnummer</label>' in form.text
    assert '<label for="city">Postort</label>' in form.text
    assert '<button type="submit">Spara</button>' in form.text
    assert "<legend>Postadress</legend>" in form.text


def test_saved_address_shows_on_mina_uppgifter(signed_in: TestClient) -> None:
    saved = _save(signed_in, street="  Mannerheimintie 12 B 7 ")
    assert saved.headers["location"] == "/sv/profile?saved=1"
    profile = signed_in.get(saved.headers["location"])
    assert "Uppgifterna har sparats" in profile.text
    assert "<dd>Mannerheimintie 12 B 7<br>00100 Helsinki</dd>" in profile.text
    assert "Uppgifterna har sparats" not in signed_in.get("/sv/profile").text
    assert 'value="00100"' in signed_in.get("/sv/profile/customer-data").text
    assert "customer_data_saved" in events_of(signed_in, SARA)


@pytest.mark.parametrize("postal_code", ["0010", "001000", "00 100", "abcde", "٠٠١٠٠"])
def test_postal_code_must_be_five_digits(signed_in: TestClient, postal_code: str) -> None:
    page = _save(signed_in, postal_code=postal_code)
    assert page.status_code == 422
    assert "Kontrollera postnumret" in page.text
    assert f'value="{postal_code}"' in page.text
    assert 'value="Mannerheimintie 12 B 7"' in page.text
    assert "<dd>Ingen postadress</dd>" in signed_in.get("/sv/profile").text


def test_every_field_is_required(signed_in: TestClient) -> None:
    for name in ADDRESS:
        page = _save(signed_in, **{name: "  "})
        assert page.status_code == 422, name
        assert "Fyll i uppgiften" in page.text
    assert "<dd>Ingen postadress</dd>" in signed_in.get("/sv/profile").text


def test_form_without_the_csrf_token_is_refused(signed_in: TestClient) -> None:
    refused = signed_in.post("/sv/profile/customer-data", data=ADDRESS)
    assert refused.status_code == 403
    assert "<h1>Formuläret kunde inte tas emot</h1>" in refused.text
    forged = signed_in.post("/sv/profile/customer-data", data={**ADDRESS, "csrf_token": "0" * 64})
    assert forged.status_code == 403
    assert "<dd>Ingen postadress</dd>" in signed_in.get("/sv/profile").text


def test_csrf_token_is_bound_to_the_session(
    signed_in: TestClient, s_login: TestClient, mailbox: Mailbox
) -> None:
    token = _csrf(signed_in)
    signed_in.post("/sv/logout")
    signed_in.cookies.clear()
    s_login.cookies.clear()
    sign_up_on_card_site(signed_in, s_login, mailbox, "elias.korhonen@example.com")
    assert token != _csrf(signed_in)
    data = {**ADDRESS, "csrf_token": token}
    assert signed_in.post("/sv/profile/customer-data", data=data).status_code == 403


def test_customer_data_needs_a_session(card_site: TestClient) -> None:
    assert card_site.get("/sv/profile/customer-data").headers["location"] == "/sv/login"
    posted = card_site.post("/sv/profile/customer-data", data=ADDRESS)
    assert posted.headers["location"] == "/sv/login"


def test_finnish_form_keeps_the_labels_of_its_language(signed_in: TestClient) -> None:
    form = signed_in.get("/fi/profile/customer-data")
    assert '<html lang="fi">' in form.text
    assert '<label for="postal-code">Postinumero</label>' in form.text
    assert 'action="/fi/profile/customer-data"' in form.text
