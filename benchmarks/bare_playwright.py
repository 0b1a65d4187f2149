"""The baseline: the same sign-in as the harness's scenario, as a bare Playwright script
with a new browser context per scenario. Run by benchmarks.signin; prints nothing.

It stands for a script written by hand: it launches Chromium with the offline flags every
run here needs (harness.browsers.BASE_ARGS), not with the harness's own tuning
(TUNING_ARGS), which is part of what the benchmark measures.

Usage: python -m benchmarks.bare_playwright N TIMING_OUT  (reads the world and Mailpit
from SLOGIN_WORLD_MANIFEST, MAILPIT_URL and MAILPIT_SMTP, like the harness)
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from benchmarks.timing import ScenarioClock
from harness.browsers import BASE_ARGS
from harness.clients.accounts import create_s_login
from harness.clients.inbox import MailpitClient
from harness.devices import device
from harness.environment import environment_from_manifest
from harness.tools.chromium import find_chromium
from harness.tools.mailpit import external_endpoints


def main(count: int, timing_out: Path) -> None:
    endpoints = external_endpoints(os.environ["MAILPIT_URL"], os.environ["MAILPIT_SMTP"])
    manifest = json.loads(Path(os.environ["SLOGIN_WORLD_MANIFEST"]).read_text())
    environment = environment_from_manifest(manifest, endpoints)
    inbox = MailpitClient(endpoints.api_url)
    clock = ScenarioClock()
    desktop = device("desktop-chrome").context_options()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=find_chromium(os.environ.get("CHROMIUM_PATH")).path,
            args=[*BASE_ARGS, *environment.chromium_args],
        )
        for _ in range(count):
            mailbox = inbox.mailbox(f"bench.{uuid.uuid4().hex[:12]}@example.com")
            create_s_login(environment, mailbox)
            context = browser.new_context(**desktop)
            page = context.new_page()
            page.goto(environment.etukortti.url("/sv/"))
            page.get_by_role("link", name="Logga in", exact=True).click()
            page.get_by_label("E-postadress").fill(mailbox.address)
            page.get_by_role("button", name="Skicka kod").click()
            expect(page.get_by_role("heading", name="Ange bekräftelsekoden")).to_be_visible()
            page.get_by_label("Bekräftelsekod").fill(mailbox.next_message().one_time_code())
            page.get_by_role("button", name="Logga in").click()
            expect(page.get_by_role("heading", name="Mina uppgifter")).to_be_visible()
            context.close()
            clock.scenario_done()
        browser.close()
    clock.write(timing_out)


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
