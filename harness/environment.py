"""The system under test as the harness sees it: sites, their control APIs, browser flags.

Either the embedded stub world, started as a separate process and described by the
manifest it writes; a stub world someone else started (its manifest again); or a remote
environment named by an environment profile, known only by its public URLs. Nothing here
imports the stub services: the manifest file and HTTP are the only links.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import signal
import socket
import ssl
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from contract.sites import SiteId
from harness.clients.tls import ca_context, default_context, verify_for
from harness.env_profiles import PROJECT_ROOT, EnvironmentProfile
from harness.errors import HarnessSetupError
from harness.tools.mailpit import MailpitEndpoints
from harness.tools.processes import ManagedProcess
from harness.waiting import WaitTimeout, wait_until

HostMap = dict[str, tuple[str, int]]


@dataclass(frozen=True)
class Site:
    """One web site of the system: its public URL and where its control API answers."""

    name: str
    public_url: str
    control_url: str | None
    # The bearer token its control API asks for (the stub world's manifest names it).
    control_token: str | None = None

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
    # Host names the local DNS does not know, and where their connections go.
    hosts: HostMap = field(default_factory=dict)

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

    def verify(self) -> ssl.SSLContext:
        """What httpx should trust when talking to the sites."""
        return ca_context(self.ca_file) if self.ca_file else default_context()

    def transport(self) -> httpx.BaseTransport:
        """An httpx transport that trusts the environment's CA and knows its [hosts]."""
        return HostMapTransport(self.hosts, self.verify())


class HostMapTransport(httpx.BaseTransport):
    """Connections to a mapped host name go to its address, as curl --resolve does: the URL,
    the Host header, the TLS name checked and the cookies all stay the public name's."""

    def __init__(self, hosts: HostMap, verify: ssl.SSLContext | bool) -> None:
        self._hosts = hosts
        self._inner = httpx.HTTPTransport(verify=verify)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        target = self._hosts.get(request.url.host)
        if target is not None:
            # A copy: the client files cookies and redirects under the request it built.
            request = httpx.Request(
                request.method,
                request.url.copy_with(host=target[0], port=target[1]),
                headers=request.headers,
                stream=request.stream,
                extensions={**request.extensions, "sni_hostname": request.url.host},
            )
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


def host_resolver_rules(hosts: HostMap) -> tuple[str, ...]:
    """Chromium's flag for the same map (empty without one)."""
    if not hosts:
        return ()
    rules = ", ".join(f"MAP {name} {address}:{port}" for name, (address, port) in hosts.items())
    return (f"--host-resolver-rules={rules}",)


def remote_environment(
    profile: EnvironmentProfile, mailpit: MailpitEndpoints, pins: tuple[str, ...] = ()
) -> Environment:
    """A remote environment: public URLs only, no control API, its own certificates.

    `pins` are the SPKI hashes of the certificates its sites presented, each already
    verified against the profile's CA: Chromium accepts those (and only those) the way
    the stub world's leaf is accepted, so a private CA needs no system trust store.
    """
    hosts = profile.hosts_map()
    args = list(host_resolver_rules(hosts))
    if pins:
        args.append(f"--ignore-certificate-errors-spki-list={','.join(sorted(set(pins)))}")
    optional = {
        name: Site(name, url, None) for name, url in profile.sites.items()
        if name not in ("signin", "etukortti")
    }  # fmt: skip
    return Environment(
        signin=Site("signin", profile.sites["signin"], None),
        etukortti=Site("etukortti", profile.sites["etukortti"], None),
        mailpit=mailpit,
        chromium_args=tuple(args),
        ca_file=profile.ca_file,
        bank=optional.get("bank"),
        shops={name: Site(name, url, None) for name, url in profile.shops.items()},
        hosts=hosts,
    )


def remote_site_urls(profile: EnvironmentProfile) -> dict[str, str]:
    """Every site of a remote profile by the setting that names it (sites.*, shops.*)."""
    urls = {f"sites.{name}": url for name, url in profile.sites.items()}
    urls.update({f"shops.{name}": url for name, url in profile.shops.items()})
    return urls


@dataclass(frozen=True)
class Reach:
    """What connecting to one site showed: nothing wrong (problem None), or what failed."""

    url: str
    problem: str | None = None
    # dns, refused, timeout, unreachable, ca, untrusted, tls, http; "" when reached
    kind: str = ""
    spki_sha256: str | None = None
    status: int | None = None


def reach(url: str, hosts: HostMap, ca_file: str | None, *, timeout_s: float = 5.0) -> Reach:
    """Connect to `url` as a browser would (its [hosts] address, TLS with the CA, then one
    GET) and say what went wrong first; on success, the certificate's SPKI pin."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    address = hosts.get(host, (host, parts.port or 443))
    shown = f"{address[0]}:{address[1]}"
    try:
        context = ssl.create_default_context(cafile=ca_file) if ca_file else None
    except (OSError, ssl.SSLError) as exc:
        return Reach(url, f"the CA bundle {ca_file} cannot be read ({exc})", "ca")
    context = context or ssl.create_default_context()
    try:
        sock = socket.create_connection(address, timeout=timeout_s)
    except socket.gaierror as exc:
        return Reach(url, f"the name {host} does not resolve ({exc.strerror})", "dns")
    except ConnectionRefusedError:
        return Reach(url, f"nothing listens on {shown} (connection refused)", "refused")
    except TimeoutError:
        return Reach(url, f"{shown} does not answer within {timeout_s:g} s", "timeout")
    except OSError as exc:
        return Reach(url, f"{shown} is unreachable ({exc.strerror or exc})", "unreachable")
    try:
        with context.wrap_socket(sock, server_hostname=host) as tls:
            der = tls.getpeercert(binary_form=True)
    except ssl.SSLCertVerificationError as exc:
        why = exc.verify_message or exc.reason or str(exc)
        problem = f"its certificate is not trusted (CERTIFICATE_VERIFY_FAILED: {why})"
        return Reach(url, problem, "untrusted")
    except (ssl.SSLError, OSError) as exc:
        return Reach(url, f"the TLS handshake with {shown} failed ({exc})", "tls")
    finally:
        sock.close()
    pin = spki_sha256(der) if der else None
    try:
        with httpx.Client(transport=HostMapTransport(hosts, context), timeout=timeout_s) as http:
            status = http.get(url + "/").status_code
    except httpx.HTTPError as exc:
        return Reach(url, f"the HTTPS request failed ({type(exc).__name__}: {exc})", "http", pin)
    if status >= 500:
        return Reach(url, f"it answered HTTP {status}", "http", pin, status)
    return Reach(url, None, "", pin, status)


def spki_sha256(der: bytes) -> str:
    """Base64 SHA-256 of a certificate's SubjectPublicKeyInfo, as Chromium's pin list wants."""
    # Imported here: only `./qa doctor` asks, and cryptography's x509 cost every test run
    # a few hundredths of a second of start-up.
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    key = x509.load_der_x509_certificate(der).public_key()
    spki = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(hashlib.sha256(spki).digest()).decode("ascii")


# The world's start deadline on an idle machine; a busy one gets proportionally more.
WORLD_START_IDLE_S = 40.0
WORLD_START_MAX_S = 300.0
# The harness waits this much longer than the world, so the world's own message (which
# names the stub that was late) arrives first.
WORLD_START_MARGIN_S = 10.0
_READY_LINE = re.compile(r"^stub world: (\w+) ready", re.MULTILINE)


@dataclass(frozen=True)
class StartDeadline:
    """How long the stub world may take to start, and why that long."""

    seconds: float
    why: str

    @classmethod
    def choose(cls, configured: float | None) -> StartDeadline:
        """The configured deadline, or one that grows with the machine's load: a world
        that needs 10 s on an idle 2-core machine needed 30+ s at a load of 6."""
        if configured is not None:
            return cls(configured, "HARNESS_WORLD_START_TIMEOUT or timeouts.world_start_s")
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        load = os.getloadavg()[0]
        factor = max(1.0, load / max(cores, 1))
        seconds = min(WORLD_START_MAX_S, WORLD_START_IDLE_S * factor)
        return cls(
            round(seconds),
            f"adapted to the load: {load:.1f} on {cores} core(s); set "
            "HARNESS_WORLD_START_TIMEOUT or timeouts.world_start_s to choose",
        )


def world_progress(log: str) -> str:
    """Which stubs the world's log says are ready, and which it is still waiting for."""
    ready = list(dict.fromkeys(_READY_LINE.findall(log)))
    waiting = [site.value for site in SiteId if site.value not in ready]
    if not waiting:
        return "Every stub was ready; the world had not yet written its manifest."
    return f"Ready: {', '.join(ready) or 'none yet'}; still waiting for: {', '.join(waiting)}."


class StubWorldProcess(ManagedProcess):
    """Runs `python -m stub_services.world` and reads the manifest it writes."""

    def __init__(
        self, state_dir: Path, mailpit: MailpitEndpoints, *, timeout_s: float | None = None
    ):
        super().__init__(state_dir / "world.log")
        self.state_dir = state_dir
        self.mailpit = mailpit
        self.deadline = StartDeadline.choose(timeout_s)
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
            *world_mailpit_args(self.mailpit),
            "--startup-timeout", f"{self.deadline.seconds:g}",
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
                timeout_s=self.deadline.seconds + WORLD_START_MARGIN_S,
                what=f"the stub world to start (deadline {self.deadline.why})",
                describe=lambda: (
                    f"{world_progress(self.log_tail(20000))} Log so far:\n{self.log_tail()}"
                ),
                # A file's existence is cheap to check; a slow back-off only adds latency.
                max_interval_s=0.05,
            )
        except WaitTimeout as exc:
            self.stop()
            raise HarnessSetupError(str(exc)) from exc
        return replace(
            environment_from_manifest(data, self.mailpit), manifest_path=self.manifest_path
        )


def world_mailpit_args(mailpit: MailpitEndpoints) -> list[str]:
    """The world's options that name its Mailpit: SMTP to send, the API for its manifest."""
    return [
        "--smtp", f"{mailpit.smtp_host}:{mailpit.smtp_port}",
        "--mailpit-api", mailpit.api_url,
    ]  # fmt: skip


def environment_from_manifest(data: dict[str, object], mailpit: MailpitEndpoints) -> Environment:
    """Build the environment from the world's manifest (see docs/stub-world.md)."""
    sites = data.get("sites")
    if not isinstance(sites, dict) or not {"signin", "etukortti"} <= sites.keys():
        raise HarnessSetupError(f"The stub world's manifest lacks its sites: {data!r}")

    token = control_token(data)

    def site(name: str) -> Site:
        entry = sites[name]
        return Site(name, str(entry["public_url"]), str(entry["control_url"]), token)

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


def control_token(data: dict[str, object]) -> str | None:
    """The world's control API token: its manifest's, else SLOGIN_CONTROL_TOKEN (a world
    whose manifest does not carry it, e.g. one started elsewhere with STUB_CONTROL_TOKEN)."""
    token = data.get("control_token") or os.environ.get("SLOGIN_CONTROL_TOKEN")
    return str(token) if token else None


def shops_from_manifest(data: dict[str, object]) -> dict[str, Site]:
    """Each storefront with the shops process's control URL (older manifests have none)."""
    shops, sites = data.get("shops"), data.get("sites")
    if not isinstance(shops, dict) or not isinstance(sites, dict) or "shops" not in sites:
        return {}
    control, token = str(sites["shops"]["control_url"]), control_token(data)
    return {
        name: Site(name, str(entry["public_url"]), control, token) for name, entry in shops.items()
    }


def manifest_mailpit(data: dict[str, object], manifest_path: Path) -> MailpitEndpoints:
    """The Mailpit a served world sends its mail to, as its manifest names it."""
    entry = data.get("mailpit")
    if not isinstance(entry, dict) or not entry.get("api_url"):
        raise HarnessSetupError(
            f"The stub world of {manifest_path} does not name its Mailpit (it was started by "
            "an older ./qa serve, or without --mailpit-api). Restart it with ./qa serve, or "
            "set MAILPIT_URL and MAILPIT_SMTP to the Mailpit it sends its mail to."
        )
    endpoints = MailpitEndpoints(
        str(entry["api_url"]), str(entry["smtp_host"]), int(entry["smtp_port"])
    )
    try:
        httpx.get(
            f"{endpoints.api_url}/readyz", timeout=5, verify=verify_for(endpoints.api_url)
        ).raise_for_status()
    except httpx.HTTPError as exc:
        raise HarnessSetupError(
            f"The Mailpit of the stub world of {manifest_path} ({endpoints.api_url}) is not "
            f"answering ({type(exc).__name__}). Is ./qa serve still running? Restart it."
        ) from exc
    return endpoints


def running_world(manifest_path: Path, mailpit: MailpitEndpoints | None = None) -> Environment:
    """A stub world someone else started (e.g. `./qa serve`), named by its manifest, with
    the Mailpit the manifest names unless `mailpit` (MAILPIT_URL) overrides it."""
    environment = world_of_manifest(manifest_path, mailpit)
    dead = check_alive(environment)
    if dead:
        raise HarnessSetupError(
            f"The stub world of {manifest_path} is not answering: {'; '.join(dead)}. Is ./qa "
            "serve still running? Restart it."
        )
    return environment


def world_of_manifest(manifest_path: Path, mailpit: MailpitEndpoints | None = None) -> Environment:
    """What a served world's manifest says, without asking the world whether it answers
    (running_world does)."""
    try:
        data = json.loads(manifest_path.read_text())
    except (OSError, ValueError) as exc:
        raise HarnessSetupError(
            f"The stub world's manifest {manifest_path} cannot be read ({exc}). Start the "
            "world with ./qa serve (it writes .stub-state/world.json), or choose another "
            "environment (SLOGIN_WORLD_MANIFEST / --env)."
        ) from exc
    inbox = mailpit or manifest_mailpit(data, manifest_path)
    return replace(environment_from_manifest(data, inbox), manifest_path=manifest_path)


def check_alive(environment: Environment) -> list[str]:
    """Which sites do not answer their health route (empty when all are well)."""
    verify = environment.verify()
    found = (unhealthy(site, verify, environment.hosts) for site in environment.sites)
    return [problem for problem in found if problem]


def unhealthy(
    site: Site, verify: ssl.SSLContext | bool, hosts: HostMap | None = None
) -> str | None:
    """What is wrong with one site's health route, or None when it answers."""
    base = site.control_url or site.public_url
    try:
        with httpx.Client(transport=HostMapTransport(hosts or {}, verify), timeout=3) as http:
            response = http.get(f"{base}/healthz")
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
