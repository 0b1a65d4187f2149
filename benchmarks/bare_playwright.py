"""The baseline: the harness's scenarios as a bare Playwright script. Run by the
benchmarks; prints nothing.

It stands for a script written by hand: it launches Chromium with the offline flags every
run here needs (harness.browsers.BASE_ARGS), not with the harness's own tuning
(TUNING_ARGS), which is part of what the benchmarks measure.

Scenarios (--scenario):
- `sign-in` (default): an S-login made over HTTP, then the emailed-code sign-in in the
  browser, as benchmarks.signin's generated feature does.
- `create`: features/sign-in/create-s-login.feature: a new customer creates an S-login on
  S-Etukortti with the code from his email, skips adding a card, sees his own address on
  "Mina uppgifter" and is never shown a password field; what benchmarks.inner_loop runs.

Browser state between scenarios (--reuse-tab): by default a new context per scenario, as
an independent script would do; with --reuse-tab one context and one tab for the whole run,
only cookies cleared and the tab sent to about:blank between scenarios. That is a lower
bound for a bare script: it does not clear storage, caches or permissions, as the harness
does between scenarios (tests/harness/test_isolation.py).

Usage: python -m benchmarks.bare_playwright N TIMING_OUT [--scenario create] [--reuse-tab]
(reads the world and Mailpit from SLOGIN_WORLD_MANIFEST, MAILPIT_URL and MAILPIT_SMTP,
like the harness)
"""

from __future__ import annotations

import argparse
import json
import os
import uuid
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from benchmarks.timing import ScenarioClock
from harness.browsers import BASE_ARGS
from harness.clients.accounts import create_s_login
from harness.clients.inbox import MailpitClient
from harness.devices import device
from harness.environment import Environment, environment_from_manifest
from harness.tools.chromium import find_chromium
from harness.tools.mailpit import external_endpoints

SCENARIOS = ("sign-in", "create")


def sign_in(page: Page, environment: Environment, inbox: MailpitClient) -> None:
    mailbox = inbox.mailbox(f"bench.{uuid.uuid4().hex[:12]}@example.com")
    create_s_login(environment, mailbox)
    page.goto(environment.etukortti.url("/sv/"))
    page.get_by_role("link", name="Logga in", exact=True).click()
    page.get_by_label("E-postadress").fill(mailbox.address)
    page.get_by_role("button", name="Skicka kod").click()
    expect(page.get_by_role("heading", name="Ange bekräftelsekoden")).to_be_visible()
    page.get_by_label("Bekräftelsekod").fill(mailbox.next_message().one_time_code())
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Mina uppgifter")).to_be_visible()


def create(page: Page, environment: Environment, inbox: MailpitClient) -> None:
    mailbox = inbox.mailbox(f"elias.{uuid.uuid4().hex[:12]}@example.com")
    passwords = 0
    page.goto(environment.etukortti.url("/sv/"))
    page.get_by_role("link", name="Skapa S-inloggning").click()
    passwords += page.locator("input[type=password]").count()
    page.get_by_label("E-postadress").fill(mailbox.address)
    page.get_by_role("button", name="Skicka kod").click()
    expect(page.get_by_role("heading", name="Ange bekräftelsekoden")).to_be_visible()
    passwords += page.locator("input[type=password]").count()
    page.get_by_label("Bekräftelsekod").fill(mailbox.next_message().one_time_code())
    page.get_by_role("button", name="Logga in").click()
    # A new S-login is offered to add the S-Förmånskort; he has none to add.
    expect(page.get_by_role("heading", name="Lägg till ditt S-Förmånskort")).to_be_visible()
    page.get_by_role("link", name="Hoppa över").click()
    expect(page.get_by_role("heading", name="Mina uppgifter")).to_be_visible()
    expect(page.get_by_text(mailbox.address).first).to_be_visible()
    assert passwords == 0, f"{passwords} password field(s) on the way in"


def main(count: int, timing_out: Path, scenario: str, reuse_tab: bool) -> None:
    endpoints = external_endpoints(os.environ["MAILPIT_URL"], os.environ["MAILPIT_SMTP"])
    manifest = json.loads(Path(os.environ["SLOGIN_WORLD_MANIFEST"]).read_text())
    environment = environment_from_manifest(manifest, endpoints)
    inbox = MailpitClient(endpoints.api_url)
    run_one = create if scenario == "create" else sign_in
    clock = ScenarioClock()
    desktop = device("desktop-chrome").context_options()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=find_chromium(os.environ.get("CHROMIUM_PATH")).path,
            args=[*BASE_ARGS, *environment.chromium_args],
        )
        shared = browser.new_context(**desktop) if reuse_tab else None
        tab = shared.new_page() if shared is not None else None
        for _ in range(count):
            if shared is not None and tab is not None:
                run_one(tab, environment, inbox)
                shared.clear_cookies()
                tab.goto("about:blank")
            else:
                context = browser.new_context(**desktop)
                run_one(context.new_page(), environment, inbox)
                context.close()
            clock.scenario_done()
        browser.close()
    clock.write(timing_out)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("timing_out", type=Path)
    parser.add_argument("--scenario", choices=SCENARIOS, default="sign-in")
    parser.add_argument("--reuse-tab", action="store_true")
    args = parser.parse_args()
    main(args.count, args.timing_out, args.scenario, args.reuse_tab)
