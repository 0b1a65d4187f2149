"""`./qa doctor [--env NAME]`: what the harness would use, and whether the environment
answers, without running a scenario.

The same checks guard a run: against a served or remote environment, pytest's controlling
process runs them before any scenario, and a failure stops the run with these very lines.
Each failed check names the setting to change and how.
"""

from __future__ import annotations

import smtplib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import httpx

from harness.clients.inbox import MailpitClient
from harness.clients.tls import verify_for
from harness.config import HarnessConfig
from harness.cookie_policies import POLICIES
from harness.devices import DEVICES
from harness.env_profiles import EnvironmentProfile, shown_path
from harness.environment import (
    Environment,
    reach,
    remote_environment,
    remote_site_urls,
    running_world,
)
from harness.errors import HarnessSetupError
from harness.tools.chromium import find_chromium
from harness.tools.mailpit import MailpitEndpoints, external_endpoints, find_mailpit
from harness.waiting import WaitTimeout

PROBE_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class Check:
    """One part of the environment: fine, or what is wrong and how to fix it."""

    name: str
    ok: bool
    text: str
    fix: str = ""

    def lines(self) -> list[str]:
        out = [f"  {'ok  ' if self.ok else 'FAIL'} {self.name}: {self.text}"]
        if self.fix:
            out.append(f"       fix: {self.fix}")
        return out


def option_value(args: Sequence[str], option: str) -> str | None:
    """The value of `OPTION VALUE` / `OPTION=VALUE` among arguments meant for pytest."""
    for i, arg in enumerate(args):
        if arg == option and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(f"{option}="):
            return arg.removeprefix(f"{option}=")
    return None


def env_option(args: Sequence[str]) -> str | None:
    """The value of `--env NAME` / `--env=NAME` among arguments meant for pytest."""
    return option_value(args, "--env")


def served_inbox(target: EnvironmentProfile) -> MailpitEndpoints | None:
    """MAILPIT_URL (and MAILPIT_SMTP) over a served world's own Mailpit, if set."""
    inbox = target.inbox
    if not inbox.api_url:
        return None
    if inbox.smtp:
        return external_endpoints(inbox.api_url, inbox.smtp)
    return MailpitEndpoints(inbox.api_url, "", 0)  # read only: the world sends, not we


def target_line(target: EnvironmentProfile) -> str:
    """What the scenarios would run against, in one line."""
    if target.kind == "stub":
        inbox = f", mail to {target.inbox.api_url}" if target.inbox.api_url else ""
        return (
            f"Target: the embedded stub world, started for each run{inbox} "
            f"(environment {target.label})"
        )
    if target.kind == "served":
        manifest = shown_path(Path(target.manifest or ""))
        return f"Target: the stub world of {manifest} (environment {target.label})"
    sites = ", ".join(f"{name} {url}" for name, url in target.sites.items())
    return f"Target: remote environment {target.label}: {sites}"


# The checks of each part.


def site_checks(target: EnvironmentProfile) -> tuple[list[Check], tuple[str, ...]]:
    """Every URL of a remote environment answers with a trusted certificate; the pins of
    the certificates that did, for the browser."""
    checks, pins = [], []
    ca_file = target.ca_file
    if ca_file and not Path(ca_file).is_file():
        checks.append(
            Check(
                "CA bundle",
                False,
                f"{shown_path(Path(ca_file))} does not exist",
                f"set {target.where('tls.ca_file')} to the environment's CA bundle (PEM)",
            )
        )
        ca_file = None  # the sites are still checked, for everything but their CA
    hosts = target.hosts_map()
    for key, url in remote_site_urls(target).items():
        found = reach(url, hosts, ca_file)
        if found.problem is None:
            trusted = f"the CA of {shown_path(Path(ca_file))}" if ca_file else "the system's CAs"
            answer = f"{url} answers (HTTP {found.status}), trusted by {trusted}"
            checks.append(Check(key, True, answer))
            if found.spki_sha256:
                pins.append(found.spki_sha256)
            continue
        fix = _site_fix(target, key, found.kind)
        checks.append(Check(key, False, f"{url}: {found.problem}", fix))
    return checks, tuple(pins)


def _site_fix(target: EnvironmentProfile, key: str, kind: str) -> str:
    where = target.where(key)
    if kind == "dns":
        return (
            f"check {where}; if only your network knows that name, map it to its address "
            f"under [hosts] (or SLOGIN_HOSTS)"
        )
    if kind in ("refused", "timeout", "unreachable"):
        return f"is the environment up? Check {where} (and its [hosts] address, if mapped)"
    if kind == "untrusted" and target.ca_file:
        return (
            f"the certificate is not signed by the CA in {target.where('tls.ca_file')}; "
            "give the CA bundle (PEM) that signed it"
        )
    if kind in ("untrusted", "ca"):
        return f"set {target.where('tls.ca_file')} to the environment's CA bundle (PEM)"
    return f"check that {where} is the site's https:// address"


def inbox_check(
    target: EnvironmentProfile, endpoints: MailpitEndpoints, *, probe: bool
) -> list[Check]:
    """The inbox API answers; with an SMTP address, a probe mail sent there arrives."""
    api = endpoints.api_url
    where = target.where("inbox.api_url") if target.kind != "served" else "the world's manifest"
    checks = []
    try:
        auth = target.inbox.auth()
    except ValueError as exc:
        checks.append(Check("inbox credentials", False, f"for {api}: missing", str(exc)))
        auth = None
    try:
        response = httpx.get(f"{api}/api/v1/info", auth=auth, timeout=5, verify=verify_for(api))
    except httpx.HTTPError as exc:
        return [
            *checks,
            Check(
                "inbox",
                False,
                f"{api} does not answer ({type(exc).__name__}: {exc})",
                f"set {where} to the Mailpit API that receives the environment's mail, "
                "and check that it runs",
            ),
        ]
    if response.status_code in (401, 403):
        variable = target.inbox.auth_env
        fix = (
            f"{variable} holds credentials the inbox refused: set it to the API's USER:PASSWORD"
            if variable and auth
            else f"set {target.where('inbox.auth_env')} to the variable holding the API's "
            "USER:PASSWORD, and that variable"
        )
        refused = f"{api} refused the harness (HTTP {response.status_code})"
        return [*checks, Check("inbox", False, refused, fix)]
    if response.status_code != 200:
        return [
            *checks,
            Check(
                "inbox",
                False,
                f"{api}/api/v1/info answered HTTP {response.status_code}, not Mailpit's API",
                f"set {where} to a Mailpit API (the address of its web UI)",
            ),
        ]
    checks.append(Check("inbox", True, f"{api} answers (Mailpit API)"))
    if probe and endpoints.smtp_port:
        checks.append(_probe_mail(target, endpoints, auth))
    return checks


def _probe_mail(
    target: EnvironmentProfile, endpoints: MailpitEndpoints, auth: tuple[str, str] | None
) -> Check:
    smtp = f"{endpoints.smtp_host}:{endpoints.smtp_port}"
    address = f"qa-doctor-probe-{uuid.uuid4().hex[:12]}@{target.mail_domain}"
    message = EmailMessage()
    message["From"], message["To"] = f"qa-doctor@{target.mail_domain}", address
    message["Subject"] = "S-login harness: ./qa doctor's probe"
    message.set_content("A probe of the test inbox; it is deleted when read.")
    where = target.where("inbox.smtp") if target.kind != "served" else "the world's manifest"
    try:
        with smtplib.SMTP(endpoints.smtp_host, endpoints.smtp_port, timeout=10) as client:
            client.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        return Check(
            "probe mail",
            False,
            f"sending to {smtp} failed ({type(exc).__name__}: {exc})",
            f"check {where}, the SMTP address whose mail reaches the inbox",
        )
    inbox = MailpitClient(endpoints.api_url, timeout_s=PROBE_TIMEOUT_S, auth=auth)
    try:
        mailbox = inbox.mailbox(address)
        mailbox.next_message()
        mailbox.clear()
    except (WaitTimeout, HarnessSetupError, httpx.HTTPError) as exc:
        return Check(
            "probe mail",
            False,
            f"sent to {smtp}, but {endpoints.api_url} did not receive it "
            f"({str(exc).splitlines()[0]})",
            f"check that {where} and {target.where('inbox.api_url')} are the same Mailpit",
        )
    finally:
        inbox.close()
    return Check("probe mail", True, f"sent to {smtp} and read back from the inbox")


def browser_check(config: HarnessConfig, environment: Environment) -> Check:
    """Chromium, with the environment's flags, opens the sign-in site."""
    from playwright.sync_api import Error, sync_playwright

    from harness.browsers import BASE_ARGS

    url = environment.signin.url("/")
    try:
        chromium = find_chromium(config.chromium_path)
    except HarnessSetupError as exc:
        return Check("browser", False, "no Chromium", str(exc).splitlines()[0])
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium.path,
                args=[*BASE_ARGS, *environment.chromium_args],
            )
            try:
                page = browser.new_page()
                response = page.goto(url, timeout=config.ui_timeout_s * 1000)
                status = response.status if response is not None else 0
            finally:
                browser.close()
    except Error as exc:
        first = exc.message.splitlines()[0]
        return Check(
            "browser",
            False,
            f"Chromium cannot open {url} ({first})",
            f"check {environment_where(config)}",
        )
    return Check("browser", True, f"Chromium opens {url} (HTTP {status})")


def environment_where(config: HarnessConfig) -> str:
    target = config.target
    if target.kind == "remote":
        return f"{target.where('sites.signin')} and {target.where('tls.ca_file')}"
    return "that ./qa serve is still running"


# Putting the checks together.


def environment_checks(
    config: HarnessConfig, *, browser: bool
) -> tuple[list[Check], Environment | None]:
    """The checks of a served or remote environment, and the environment when it is usable."""
    target = config.target
    if target.kind == "served":
        try:
            assert target.manifest is not None
            environment = running_world(Path(target.manifest), served_inbox(target))
        except HarnessSetupError as exc:
            return [Check("stub world", False, str(exc), "start it with ./qa serve")], None
        checks = [Check("stub world", True, f"{target.manifest} answers")]
    else:
        checks, pins = site_checks(target)
        api = target.inbox.api_url or ""
        smtp_host, _, smtp_port = (target.inbox.smtp or ":0").rpartition(":")
        endpoints = MailpitEndpoints(api, smtp_host, int(smtp_port))
        environment = remote_environment(target, endpoints, pins if target.ca_file else ())
    checks += inbox_check(target, environment.mailpit, probe=True)
    usable = all(check.ok for check in checks)
    if browser and usable:
        checks.append(browser_check(config, environment))
    return checks, environment if usable else None


def preflight_message(config: HarnessConfig, failed: list[Check]) -> str:
    target = config.target
    lines = [
        f"Environment {target.label} is not usable, so no scenario ran. "
        f"`./qa doctor --env {target.name}` checks it the same way:",
    ]
    for check in failed:
        lines += check.lines()
    return "\n".join(lines)


def connect_remote(config: HarnessConfig) -> Environment:
    """A served or remote environment, checked as `./qa doctor` checks it (the session's
    check before any scenario, and a remote environment's worker's own)."""
    checks, environment = environment_checks(config, browser=False)
    failed = [check for check in checks if not check.ok]
    if failed or environment is None:
        raise HarnessSetupError(preflight_message(config, failed))
    return environment


def doctor(config: HarnessConfig) -> int:
    """Report what the harness would use, without installing or running anything."""
    target = config.target
    print(target_line(target))
    if target.description:
        print(f"  {target.description}")
    problems = 0
    try:
        chromium = find_chromium(config.chromium_path)
        print(f"Chromium: {chromium.path} ({chromium.source})")
    except HarnessSetupError as exc:
        problems += 1
        print(f"Chromium: MISSING\n{exc}")
    if target.kind == "stub":
        problems += _stub_mailpit(config)
    else:
        checks, _ = environment_checks(config, browser=True)
        print("Checks:")
        for check in checks:
            print("\n".join(check.lines()))
        problems += sum(not check.ok for check in checks)
    print(f"Devices: {', '.join(sorted(DEVICES))}")
    print(f"Cookie policies: {', '.join(sorted(POLICIES))}")
    return 1 if problems else 0


def _stub_mailpit(config: HarnessConfig) -> int:
    """The Mailpit the embedded world would send to: a running one, or one to start."""
    inbox = config.target.inbox
    if inbox.api_url:
        try:
            endpoints = external_endpoints(inbox.api_url, inbox.smtp)
        except HarnessSetupError as exc:
            print(f"Mailpit: NOT READY\n{exc}")
            return 1
        # /readyz answers anyone; the API the scenarios read asks for the inbox's
        # credentials (inbox.auth_env), so the check reads it with them.
        failed = [c for c in inbox_check(config.target, endpoints, probe=False) if not c.ok]
        if failed:
            print("Mailpit: NOT USABLE")
            for check in failed:
                print("\n".join(check.lines()))
            return len(failed)
        print(f"Mailpit: {inbox.api_url} ({config.target.where('inbox.api_url')}, ready)")
        return 0
    binary = find_mailpit(config.mailpit_bin, config.tools_dir)
    print(f"Mailpit: {binary or 'MISSING (./qa setup installs it)'}")
    return int(binary is None)
