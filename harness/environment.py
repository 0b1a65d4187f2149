"""The system under test as the harness sees it: sites, their control APIs, browser flags.

Either the embedded stub world, started as a separate process and described by the
manifest it writes, or a real environment named by configuration. Nothing here imports
the stub services: the manifest file and HTTP are the only links.
"""

from __future__ import annotations

import json
import os
import signal
import ssl
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from harness.config import PROJECT_ROOT, ExternalTarget
from harness.errors import HarnessSetupError
from harness.tools.mailpit import MailpitEndpoints
from harness.tools.processes import ManagedProcess
from harness.waiting import WaitTimeout, wait_until


@dataclass(frozen=True)
class Site:
    """One web site of the system: its public URL and where its control API answers."""

    name: str
    public_url: str
    control_url: str | None

    @property
    def host(self) -> str:
        return urlsplit(self.public_url).hostname or ""

    def url(self, path: str) -> str:
        return f"{self.public_url}{path}"


@dataclass(frozen=True)
class Environment:
    """Sites plus what a browser and an HTTP client need to reach them."""

    signin: Site
    etukortti: Site
    mailpit: MailpitEndpoints
    chromium_args: tuple[str, ...] = ()
    ca_file: str | None = None
    # Sites of the identity flows and the shops' process, present when the world or the
    # configuration provides them (a real environment has none of them).
    bank: Site | None = None
    register: Site | None = None
    sms: Site | None = None
    shops_service: Site | None = None
    # The group's shops and app sites by their id (docs/owner-customer.md); in the stub world
    # one process (`shops_service`) serves them all, so they share its control URL.
    shops: dict[str, Site] = field(default_factory=dict)
    # The stub world's manifest, which names its processes (None for a real environment).
    manifest_path: Path | None = None

    @property
    def sites(self) -> tuple[Site, ...]:
        optional = (self.bank, self.register, self.sms, self.shops_service)
        return (self.signin, self.etukortti, *(site for site in optional if site is not None))

    def has_site(self, name: str) -> bool:
        return any(site.name == name for site in self.sites)

    def site(self, name: str) -> Site:
        """A site by name, or an error that says this environment lacks it."""
        for candidate in self.sites:
            if candidate.name == name:
                return candidate
        raise HarnessSetupError(
            f"This environment has no {name!r} site (it has "
            f"{', '.join(s.name for s in self.sites)}). The stub world provides it; for a "
            "real environment, configure its URL."
        )

    def shop(self, name: str) -> Site:
        """A shop by id, or an error naming the shops this environment has."""
        if name not in self.shops:
            have = ", ".join(self.shops) or "none"
            raise HarnessSetupError(
                f"This environment has no shop {name!r} (it has: {have}). The stub world "
                "provides prisma, sokos, sokoshotels, yhteishyva, s-kaupat and abc; for a real "
                "environment set SLOGIN_SHOP_URLS=name=https://...,..."
            )
        return self.shops[name]

    @property
    def has_control(self) -> bool:
        return all(site.control_url for site in self.sites)

    def verify(self) -> ssl.SSLContext | bool:
        """What httpx should trust when talking to the sites."""
        return ssl.create_default_context(cafile=self.ca_file) if self.ca_file else True


def external_environment(target: ExternalTarget, mailpit: MailpitEndpoints) -> Environment:
    """A real environment: public URLs only, no control API, the system's own certificates."""
    return Environment(
        signin=Site("signin", target.signin_url, None),
        etukortti=Site("etukortti", target.etukortti_url, None),
        mailpit=mailpit,
        shops={name: Site(name, url, None) for name, url in target.shop_urls},
    )


class StubWorldProcess(ManagedProcess):
    """Runs `python -m stub_services.world` and reads the manifest it writes."""

    def __init__(self, state_dir: Path, mailpit: MailpitEndpoints, *, timeout_s: float = 30.0):
        super().__init__(state_dir / "world.log")
        self.state_dir = state_dir
        self.mailpit = mailpit
        self.timeout_s = timeout_s
        self.manifest_path = state_dir / "world.json"

    def start(self) -> Environment:
        self.launch()
        return self.wait_ready()

    def launch(self) -> None:
        """Spawn the world without waiting for it (issue 19: it boots while pytest collects,
        harness/pytest/early_start.py); `wait_ready` then reads its manifest."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.manifest_path.unlink(missing_ok=True)
        command = [
            sys.executable, "-m", "stub_services.world",
            "--state-dir", str(self.state_dir),
            "--manifest", str(self.manifest_path),
            "--smtp", f"{self.mailpit.smtp_host}:{self.mailpit.smtp_port}",
        ]  # fmt: skip
        env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
        self._spawn(command, cwd=PROJECT_ROOT, env=env)

    def wait_ready(self) -> Environment:
        """The environment of the launched world, once it has written its manifest."""

        def manifest() -> dict[str, object] | None:
            code = self.exit_code()
            if code is not None:
                raise HarnessSetupError(
                    f"The stub world exited with code {code} while starting. "
                    f"Its log:\n{self.log_tail()}"
                )
            if not self.manifest_path.exists():
                return None
            data: dict[str, object] = json.loads(self.manifest_path.read_text())
            return data

        try:
            data = wait_until(
                manifest,
                timeout_s=self.timeout_s,
                what="the stub world to write its manifest",
                describe=lambda: f"Log so far:\n{self.log_tail()}",
                # A file's existence is cheap to check; a slow back-off only adds latency.
                max_interval_s=0.05,
            )
        except WaitTimeout as exc:
            self.stop()
            raise HarnessSetupError(str(exc)) from exc
        return replace(
            environment_from_manifest(data, self.mailpit), manifest_path=self.manifest_path
        )


def environment_from_manifest(data: dict[str, object], mailpit: MailpitEndpoints) -> Environment:
    """Build the environment from the world's manifest (see docs/stub-world.md)."""
    sites = data.get("sites")
    if not isinstance(sites, dict) or not {"signin", "etukortti"} <= sites.keys():
        raise HarnessSetupError(f"The stub world's manifest lacks its sites: {data!r}")

    def site(name: str) -> Site:
        entry = sites[name]
        return Site(name, str(entry["public_url"]), str(entry["control_url"]))

    def optional(name: str) -> Site | None:
        return site(name) if name in sites else None

    args = data.get("chromium_args", [])
    return Environment(
        signin=site("signin"),
        etukortti=site("etukortti"),
        mailpit=mailpit,
        chromium_args=tuple(str(a) for a in args) if isinstance(args, list) else (),
        ca_file=str(data["ca_file"]) if data.get("ca_file") else None,
        bank=optional("bank"),
        register=optional("register"),
        sms=optional("sms"),
        shops_service=optional("shops"),
        shops=shops_from_manifest(data),
    )


def shops_from_manifest(data: dict[str, object]) -> dict[str, Site]:
    """Each storefront with the shops process's control URL (older manifests have none)."""
    shops, sites = data.get("shops"), data.get("sites")
    if not isinstance(shops, dict) or not isinstance(sites, dict) or "shops" not in sites:
        return {}
    control = str(sites["shops"]["control_url"])
    return {name: Site(name, str(entry["public_url"]), control) for name, entry in shops.items()}


def running_world(manifest_path: Path, mailpit: MailpitEndpoints) -> Environment:
    """A stub world someone else started (e.g. `./qa serve`), named by its manifest."""
    try:
        data = json.loads(manifest_path.read_text())
    except (OSError, ValueError) as exc:
        raise HarnessSetupError(
            f"SLOGIN_WORLD_MANIFEST={manifest_path} cannot be read ({exc}). Start the world "
            "with ./qa serve (it prints the manifest path) or unset the variable."
        ) from exc
    environment = replace(environment_from_manifest(data, mailpit), manifest_path=manifest_path)
    dead = check_alive(environment)
    if dead:
        raise HarnessSetupError(
            f"The stub world of {manifest_path} is not answering: {'; '.join(dead)}"
        )
    return environment


def check_alive(environment: Environment) -> list[str]:
    """Which sites do not answer their health route (empty when all are well)."""
    found = (unhealthy(site, environment.verify()) for site in environment.sites)
    return [problem for problem in found if problem]


def unhealthy(site: Site, verify: ssl.SSLContext | bool) -> str | None:
    """What is wrong with one site's health route, or None when it answers."""
    base = site.control_url or site.public_url
    try:
        response = httpx.get(f"{base}/healthz", verify=verify, timeout=3)
    except httpx.HTTPError as exc:
        return f"{site.name} ({base}) unreachable: {exc.__class__.__name__}"
    if response.status_code != 200:
        return f"{site.name} ({base}) answered /healthz with {response.status_code}"
    return None


def crash_stub(environment: Environment, name: str, *, timeout_s: float = 30.0) -> int:
    """Kill one stub process (SIGKILL, as a crash) and wait until the world has restarted
    it and it answers again; the new process id."""
    if environment.manifest_path is None:
        raise HarnessSetupError(
            f"Restarting the {name} service needs the stub world (its manifest names the "
            "processes); a real environment cannot be restarted from a test."
        )
    manifest_path = environment.manifest_path

    def pid_of() -> int:
        data = json.loads(manifest_path.read_text())
        pid = data["sites"][name].get("pid")
        if not isinstance(pid, int):
            raise HarnessSetupError(f"The world's manifest gives no process id for {name}")
        return pid

    old = pid_of()
    os.kill(old, signal.SIGKILL)
    site = environment.site(name)
    last = ["nothing yet"]

    def back() -> int | None:
        pid = pid_of()
        if pid == old:
            last[0] = f"the manifest still names the killed process {old}"
            return None
        problem = unhealthy(site, environment.verify())
        last[0] = problem or "answering"
        return None if problem else pid

    try:
        return wait_until(
            back,
            timeout_s=timeout_s,
            what=f"the stub world to restart {name}",
            describe=lambda: f"Last seen: {last[0]}.",
        )
    except WaitTimeout as exc:
        raise HarnessSetupError(str(exc)) from exc
