"""Start the whole stub world: TLS material, one HTTPS process per stub, and the manifest."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import secrets
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO, Any
from urllib.parse import urlsplit

import httpx

from contract.lifetime import end_with_parent
from contract.sites import REGISTER_HOST, SMS_HOST, https
from stub_services.common.polling import poll_until
from stub_services.common.prefork import ForkedStub, fork_stub, forking, preload
from stub_services.common.settings import Settings
from stub_services.common.tls import TlsMaterial, ensure_tls

STARTUP_SECONDS = 30.0
STOP_SECONDS = 10.0
MAX_RESTARTS = 3
# Only servers call these two, but they have host names like the others (identity-flows.md).
REGISTER_PUBLIC_URL = https(REGISTER_HOST)
SMS_PUBLIC_URL = https(SMS_HOST)


@dataclass
class Stub:
    """One stub process and what the manifest says about it."""

    name: str
    public_url: str
    port: int
    # A forked child (stub_services.common.prefork) or, with STUB_WORLD_SPAWN=exec, a new
    # interpreter; the world uses both alike.
    process: ForkedStub | subprocess.Popen[bytes] | None = None
    log_path: Path | None = None
    log: IO[bytes] | None = None

    @property
    def host(self) -> str:
        return urlsplit(self.public_url).hostname or ""


def free_port(bind: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((bind, 0))
        return int(sock.getsockname()[1])


def busy_ports(wanted: dict[str, int], bind: str) -> list[str]:
    """Which of the requested ports something else already listens on, said per stub."""
    busy = []
    for name, port in wanted.items():
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((bind, port))
            except OSError as exc:
                busy.append(f"port {port} for {name} on {bind} is busy ({exc.strerror})")
    return busy


def assign_ports(names: list[str], fixed: list[int], bind: str) -> dict[str, int]:
    """The fixed ports in order, then distinct free ports for the remaining stubs."""
    ports = dict(zip(names, fixed, strict=False))
    for name in names[len(fixed) :]:
        port = free_port(bind)
        while port in ports.values():
            port = free_port(bind)
        ports[name] = port
    return ports


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m stub_services.world", description=__doc__)
    parser.add_argument("--state-dir", type=Path, default=Path(".stub-state"))
    parser.add_argument("--manifest", type=Path, default=None, help="default STATE_DIR/world.json")
    parser.add_argument("--smtp", default="127.0.0.1:1025", help="HOST:PORT of Mailpit's SMTP")
    parser.add_argument(
        "--mailpit-api", default=None, help="URL of that Mailpit's API, named in the manifest"
    )
    parser.add_argument(
        "--startup-timeout", type=float, default=STARTUP_SECONDS, help="seconds to be ready"
    )
    # Browsers on other machines (Selenium Grid nodes) reach the stubs at an address of
    # this machine: listen there (or on 0.0.0.0) and advertise it in the host mapping.
    parser.add_argument("--bind", default=os.environ.get("STUB_WORLD_BIND", "127.0.0.1"))
    parser.add_argument(
        "--advertise",
        default=os.environ.get("STUB_WORLD_ADVERTISE") or None,
        help="address browsers reach the stubs at (default: the --bind address)",
    )
    parser.add_argument(
        "--ports",
        default=None,
        help='fixed "SIGNIN,ETUKORTTI[,BANK,REGISTER,SMS]" ports (the rest are free ports)',
    )
    return parser.parse_args(argv)


def child_env(
    settings: Settings, state_dir: Path, tls: TlsMaterial, bind: str, ports: dict[str, int]
) -> dict[str, str]:
    """The same environment for every stub: each may call any other (docs/identity-flows.md)."""
    # Servers reach each other directly on the loopback address, not via DNS.
    internal = {name: f"https://{control_host(bind)}:{port}" for name, port in ports.items()}
    env = dict(os.environ)
    env.update(
        {
            "STUB_STATE_DIR": str(state_dir),
            "SIGNIN_PUBLIC_URL": settings.signin_public_url,
            "SIGNIN_INTERNAL_URL": internal["signin"],
            "ETUKORTTI_PUBLIC_URL": settings.etukortti_public_url,
            "BANK_PUBLIC_URL": settings.bank_public_url,
            "BANK_INTERNAL_URL": internal["bank"],
            "REGISTER_INTERNAL_URL": internal["register"],
            "SMS_INTERNAL_URL": internal["sms"],
            "ETUKORTTI_INTERNAL_URL": internal["etukortti"],
            "SHOPS_INTERNAL_URL": internal["shops"],
            "SHOP_PUBLIC_URLS": ",".join(f"{n}={u}" for n, u in settings.shop_public_urls.items()),
            "BANK_CLIENT_SECRET": settings.bank_client_secret,
            "SMS_API_TOKEN": settings.sms_api_token,
            "REGISTER_API_TOKEN": settings.register_api_token,
            "STUB_CA_FILE": str(tls.ca_file),
            "SMTP_HOST": settings.smtp_host,
            "SMTP_PORT": str(settings.smtp_port),
            "PYTHONUNBUFFERED": "1",
            # One token for every stub's control API, made up per world (main) unless
            # STUB_CONTROL_TOKEN chose it; the manifest hands it to the harness.
            "STUB_CONTROL_TOKEN": settings.control_token,
            # Every browser of a test run reaches this world from one address (loopback,
            # or a few Grid nodes): a per-client send cap would cap the whole run (a
            # nightly matrix sends thousands of codes). Per-recipient caps stay on.
            "SIGNIN_CLIENT_SEND_LIMIT": os.environ.get("SIGNIN_CLIENT_SEND_LIMIT", "0"),
        }
    )
    return env


def start(
    stub: Stub,
    bind: str,
    tls: TlsMaterial,
    env: dict[str, str],
    state_dir: Path,
    *,
    append: bool = False,
) -> None:
    stub.log_path = state_dir / f"{stub.name}.log"
    stub.log = stub.log_path.open("ab" if append else "wb")
    flags = ["--host", bind, "--port", str(stub.port),
             "--ssl-certfile", str(tls.cert_file), "--ssl-keyfile", str(tls.key_file)]  # fmt: skip
    if forking():
        # Issue 19: forked from the world, which imported every stub once (see prefork).
        stub.process = fork_stub(stub.name, flags, env, stub.log)
        return
    stub.process = subprocess.Popen(
        [sys.executable, "-m", f"stub_services.{stub.name}", *flags],
        env=env,
        stdout=stub.log,
        stderr=subprocess.STDOUT,
        preexec_fn=end_with_parent,
    )


def report_failure(stub: Stub, reason: str, lines: int = 30) -> None:
    """Say which stub failed and show the end of its output."""
    tail = ""
    if stub.log_path is not None and stub.log_path.exists():
        tail = "\n".join(stub.log_path.read_text(errors="replace").splitlines()[-lines:])
    print(f"stub world: {reason}\n--- {stub.name} log tail ---\n{tail}", file=sys.stderr)


def wait_healthy(stub: Stub, bind: str, tls: TlsMaterial, deadline: float) -> None:
    """Poll /healthz over HTTPS until it answers, the process dies, or the deadline passes."""
    context = ssl.create_default_context(cafile=str(tls.ca_file))
    url = f"https://{control_host(bind)}:{stub.port}/healthz"
    with httpx.Client(verify=context, timeout=2.0) as client:

        def healthy() -> bool | None:
            if stub.process is not None and stub.process.poll() is not None:
                raise RuntimeError(f"{stub.name} exited with {stub.process.returncode}")
            try:
                return True if client.get(url).json().get("service") == stub.name else None
            except (httpx.HTTPError, ValueError):
                return None

        try:
            poll_until(healthy, deadline=deadline, interval_s=0.1)
        except TimeoutError:
            raise RuntimeError(f"{stub.name} not healthy at {url} in time") from None


def control_host(bind: str) -> str:
    return "127.0.0.1" if bind in {"0.0.0.0", ""} else bind  # noqa: S104


def manifest(
    stubs: list[Stub],
    bind: str,
    tls: TlsMaterial,
    smtp_host: str,
    smtp_port: int,
    shop_urls: dict[str, str] | None = None,
    mailpit_api: str | None = None,
    advertise: str | None = None,
    control_token: str | None = None,
) -> dict[str, Any]:
    """What the harness needs (docs/stub-world.md); the shops share the `shops` process, so
    every shop host maps to its port. Browsers map the hosts to `advertise` (default: the
    bind address), the harness's control clients use the bind address."""
    shop_urls = shop_urls or {}
    hosts = [(s.host, s.port) for s in stubs]
    shops_port = next((s.port for s in stubs if s.name == "shops"), None)
    if shops_port is not None:
        hosts += [(urlsplit(url).hostname or "", shops_port) for url in shop_urls.values()]
    unique = list(dict.fromkeys(hosts))
    reach = advertise or control_host(bind)
    rules = ", ".join(f"MAP {host}:443 {reach}:{port}" for host, port in unique)
    return {
        "sites": {
            s.name: {
                "public_url": s.public_url,
                "host": s.host,
                "bind": bind,
                "port": s.port,
                "control_url": f"https://{control_host(bind)}:{s.port}",
                "pid": s.process.pid if s.process is not None else None,
            }
            for s in stubs
        },
        "ca_file": str(tls.ca_file.resolve()),
        "spki_sha256": tls.spki_sha256,
        "chromium_args": [
            f"--host-resolver-rules={rules}",
            f"--ignore-certificate-errors-spki-list={tls.spki_sha256}",
        ],
        "shops": {name: {"public_url": url} for name, url in shop_urls.items()},
        "smtp": {"host": smtp_host, "port": smtp_port},
        # The Mailpit whose SMTP that is, so that reusing the world needs nothing else.
        **(
            {"mailpit": {"api_url": mailpit_api, "smtp_host": smtp_host, "smtp_port": smtp_port}}
            if mailpit_api
            else {}
        ),
        "pid": os.getpid(),
        # `Authorization: Bearer <control_token>` on every /_control/… request.
        **({"control_token": control_token} if control_token else {}),
    }


def write_atomically(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    # Owner only: the manifest holds the control API's token.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(json.dumps(data, indent=2) + "\n")
    os.replace(tmp, path)


def stop(stubs: list[Stub]) -> None:
    """SIGTERM every child, wait with a deadline, then SIGKILL what is left."""
    running = [s.process for s in stubs if s.process is not None and s.process.poll() is None]
    for process in running:
        process.terminate()
    deadline = time.monotonic() + STOP_SECONDS
    for process in running:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    for stub in stubs:
        if stub.log is not None:
            stub.log.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    state_dir: Path = args.state_dir.resolve()
    manifest_path: Path = (args.manifest or state_dir / "world.json").resolve()
    smtp_host, _, smtp_port = args.smtp.rpartition(":")
    base = Settings.from_env()
    settings = dataclasses.replace(
        base,
        state_dir=state_dir,
        smtp_host=smtp_host or "127.0.0.1",
        smtp_port=int(smtp_port),
        control_token=base.control_token or secrets.token_urlsafe(32),
    )
    tls = ensure_tls(state_dir / "tls")
    public_urls = {
        "signin": settings.signin_public_url,
        "etukortti": settings.etukortti_public_url,
        "bank": settings.bank_public_url,
        "register": REGISTER_PUBLIC_URL,
        "sms": SMS_PUBLIC_URL,
        "shops": settings.shop_public_urls["prisma"],
    }
    fixed = [int(p) for p in args.ports.split(",")] if args.ports else []
    if len(fixed) not in (0, 2, len(public_urls)):
        print("--ports needs SIGNIN,ETUKORTTI[,BANK,REGISTER,SMS,SHOPS] ports", file=sys.stderr)
        return 2
    busy = busy_ports(dict(zip(public_urls, fixed, strict=False)), args.bind)
    if busy:
        print(
            f"stub world: {'; '.join(busy)}. Stop what uses it, or give other ports with "
            "--ports (or leave --ports out to use free ones).",
            file=sys.stderr,
        )
        return 2
    ports = assign_ports(list(public_urls), fixed, args.bind)
    stubs = [Stub(name, url, ports[name]) for name, url in public_urls.items()]
    stopping = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    env = child_env(settings, state_dir, tls, args.bind, ports)
    try:
        fork = forking()
    except ValueError as exc:
        print(f"stub world: {exc}", file=sys.stderr)
        return 2
    if fork:
        preload([stub.name for stub in stubs])  # issue 19: import once, fork six times
    try:
        for stub in stubs:
            start(stub, args.bind, tls, env, state_dir)
        began = time.monotonic()
        deadline = began + args.startup_timeout
        for stub in stubs:
            try:
                wait_healthy(stub, args.bind, tls, deadline)
            except RuntimeError as exc:
                report_failure(stub, f"{exc} (--startup-timeout {args.startup_timeout:g} s)")
                return 1
            # Progress the harness quotes if the start takes too long.
            print(f"stub world: {stub.name} ready ({time.monotonic() - began:.1f} s)", flush=True)
        data = manifest(
            stubs, args.bind, tls, settings.smtp_host, settings.smtp_port,
            settings.shop_public_urls, args.mailpit_api, args.advertise, settings.control_token,
        )  # fmt: skip
        write_atomically(manifest_path, data)
        print_banner(stubs, data, manifest_path)
        supervisor = Supervisor(stubs, args.bind, tls, env, state_dir, manifest_path, data)
        return supervisor.run(stopping)
    finally:
        stop(stubs)
        manifest_path.unlink(missing_ok=True)


def print_banner(stubs: list[Stub], data: dict[str, Any], manifest_path: Path) -> None:
    lines = ["stub world ready"]
    for stub in stubs:
        site = data["sites"][stub.name]
        lines.append(f"  {stub.name:<10} {stub.public_url}  ->  {site['control_url']}")
    lines.append(f"  manifest   {manifest_path}")
    if data.get("control_token"):
        lines.append(f"  control    Authorization: Bearer {data['control_token']}")
    args = " ".join(f"'{arg}'" for arg in data["chromium_args"])
    etukortti = data["sites"]["etukortti"]["public_url"]
    lines.append(f"  chromium --user-data-dir=$(mktemp -d) {args} {etukortti}/sv/")
    print("\n".join(lines), flush=True)


@dataclass
class Supervisor:
    """Restarts a stub that dies, as a service manager would (systemd's Restart=on-failure):
    on the same port with the same state folder, so its SQLite data is still there. A stub
    that dies more than MAX_RESTARTS times ends the world (exit 1, naming it)."""

    stubs: list[Stub]
    bind: str
    tls: TlsMaterial
    env: dict[str, str]
    state_dir: Path
    manifest_path: Path
    data: dict[str, Any]
    restarts: dict[str, int] = dataclasses.field(default_factory=dict)

    def run(self, stopping: threading.Event) -> int:
        """Wait for a signal (exit 0), restarting stubs that die on the way."""
        while not stopping.wait(0.2):
            for stub in self.stubs:
                dead = stub.process is not None and stub.process.poll() is not None
                if dead and not self.restart(stub):
                    return 1
        return 0

    def restart(self, stub: Stub) -> bool:
        code = stub.process.returncode if stub.process is not None else None
        count = self.restarts.get(stub.name, 0) + 1
        if count > MAX_RESTARTS:
            report_failure(stub, f"{stub.name} exited with {code} after {MAX_RESTARTS} restarts")
            return False
        self.restarts[stub.name] = count
        print(f"stub world: {stub.name} exited with {code}; restart {count}", flush=True)
        if stub.log is not None:
            stub.log.close()
        start(stub, self.bind, self.tls, self.env, self.state_dir, append=True)
        try:
            wait_healthy(stub, self.bind, self.tls, time.monotonic() + STARTUP_SECONDS)
        except RuntimeError as exc:
            report_failure(stub, f"{stub.name} did not come back: {exc}")
            return False
        self.data["sites"][stub.name]["pid"] = stub.process.pid if stub.process else None
        self.data["restarts"] = dict(self.restarts)
        write_atomically(self.manifest_path, self.data)
        return True


if __name__ == "__main__":
    sys.exit(main())
