"""Finding, installing and running the real Mailpit that catches the stub world's email."""

from __future__ import annotations

import os
import platform
import shutil
import signal
import socket
import subprocess
import tarfile
import tempfile
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from harness.clients.tls import verify_for
from harness.errors import HarnessSetupError
from harness.tools.processes import ManagedProcess
from harness.waiting import WaitTimeout, wait_until

MAILPIT_VERSION = "v1.33.1"
MAILPIT_MODULE = f"github.com/axllent/mailpit@{MAILPIT_VERSION}"
RELEASE_URL = (
    "https://github.com/axllent/mailpit/releases/download/"
    f"{MAILPIT_VERSION}/mailpit-linux-{{arch}}.tar.gz"
)

HELP = (
    "No Mailpit found. Options, in the order the harness tries them:\n"
    "  1. point at a running Mailpit: MAILPIT_URL=http://host:8025 MAILPIT_SMTP=host:1025;\n"
    "  2. put a 'mailpit' binary on PATH (or set MAILPIT_BIN=/path/to/mailpit);\n"
    "  3. run ./qa setup: it installs one into .tools/bin (with Go, or the release binary);\n"
    f"  4. with Go installed: go install {MAILPIT_MODULE};\n"
    "  5. download the official release binary from github.com/axllent/mailpit/releases."
)


@dataclass(frozen=True)
class MailpitEndpoints:
    """Where the inbox API and the SMTP server of one Mailpit are."""

    api_url: str
    smtp_host: str
    smtp_port: int


def _parse_smtp(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit():
        raise HarnessSetupError(
            f"MAILPIT_SMTP={value!r} is not HOST:PORT (for example 127.0.0.1:1025)."
        )
    return host, int(port)


def external_endpoints(api_url: str, smtp: str | None) -> MailpitEndpoints:
    """An already running Mailpit named by configuration; it must answer /readyz."""
    if smtp is None:
        raise HarnessSetupError(
            f"MAILPIT_URL={api_url} is set but MAILPIT_SMTP is not: the stub world needs "
            "Mailpit's SMTP address too (for example MAILPIT_SMTP=127.0.0.1:1025)."
        )
    host, port = _parse_smtp(smtp)
    try:
        response = httpx.get(f"{api_url}/readyz", timeout=5, verify=verify_for(api_url))
    except httpx.HTTPError as exc:
        raise HarnessSetupError(
            f"Mailpit at MAILPIT_URL={api_url} is not reachable ({exc}). Start it, or unset "
            "MAILPIT_URL so the harness starts its own."
        ) from exc
    if response.status_code != 200:
        raise HarnessSetupError(
            f"Mailpit at {api_url} answered /readyz with {response.status_code}, not 200."
        )
    return MailpitEndpoints(api_url, host, port)


def _go_bin_dir() -> Path | None:
    go = shutil.which("go")
    if go is None:
        return None
    done = subprocess.run([go, "env", "GOPATH"], capture_output=True, text=True, check=False)
    gopath = done.stdout.strip().split(os.pathsep)[0] if done.returncode == 0 else ""
    return Path(gopath) / "bin" if gopath else None


def find_mailpit(explicit: str | None, tools_dir: Path) -> str | None:
    """The Mailpit binary to start, if one is already installed."""
    if explicit:
        if not Path(explicit).exists():
            raise HarnessSetupError(f"MAILPIT_BIN={explicit} does not exist.\n{HELP}")
        return explicit
    candidates = [shutil.which("mailpit"), str(tools_dir / "bin" / "mailpit")]
    go_bin = _go_bin_dir()
    if go_bin is not None:
        candidates.append(str(go_bin / "mailpit"))
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def require_mailpit(explicit: str | None, tools_dir: Path) -> str:
    """The installed Mailpit, found where the harness looks for it; else how to install one.

    Everything that starts a Mailpit (the plugin, the harness's and the stubs' own tests)
    asks here, so a binary that ./qa setup put in .tools/bin is found by all of them.
    """
    found = find_mailpit(explicit, tools_dir)
    if found is None:
        raise HarnessSetupError(HELP)
    return found


def _go_install(tools_dir: Path) -> tuple[str | None, str]:
    go = shutil.which("go")
    if go is None:
        return None, "Go is not installed"
    bin_dir = tools_dir / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    print(f"Installing Mailpit with: go install {MAILPIT_MODULE} (takes a few minutes once)")
    env = {**os.environ, "GOBIN": str(bin_dir), "CGO_ENABLED": "0"}
    done = subprocess.run(
        [go, "install", MAILPIT_MODULE], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return None, f"go install failed (exit {done.returncode}): {done.stderr.strip()[-1500:]}"
    binary = bin_dir / "mailpit"
    return (str(binary), "") if binary.exists() else (None, "go install produced no binary")


def _download_release(tools_dir: Path) -> tuple[str | None, str]:
    arch = {"x86_64": "amd64", "aarch64": "arm64", "arm64": "arm64"}.get(platform.machine())
    if arch is None or platform.system() != "Linux":
        return None, f"no release binary chosen for {platform.system()} {platform.machine()}"
    url = RELEASE_URL.format(arch=arch)
    bin_dir = tools_dir / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            archive = Path(tmp) / "mailpit.tar.gz"
            urllib.request.urlretrieve(url, archive)  # noqa: S310 - fixed https URL
            with tarfile.open(archive) as tar:
                tar.extract("mailpit", bin_dir, filter="data")
    except Exception as exc:
        return None, f"download of {url} failed: {exc}"
    binary = bin_dir / "mailpit"
    binary.chmod(0o755)
    return str(binary), ""


def ensure_mailpit(explicit: str | None, tools_dir: Path) -> str:
    """Find Mailpit, or install it with Go, or from the release binary; else explain."""
    found = find_mailpit(explicit, tools_dir)
    if found:
        return found
    attempts: list[str] = []
    for installer in (_go_install, _download_release):
        binary, why = installer(tools_dir)
        if binary:
            return binary
        attempts.append(why)
    raise HarnessSetupError(HELP + "\nTried here:\n  - " + "\n  - ".join(attempts))


def free_port(host: str = "127.0.0.1") -> int:
    """A port the kernel says is free now (the caller binds it right away)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


class MailpitProcess(ManagedProcess):
    """One Mailpit started by the harness on free ports, stopped at the end."""

    def __init__(
        self,
        binary: str,
        workdir: Path,
        *,
        ready_timeout_s: float = 20.0,
        extra_args: tuple[str, ...] = (),
    ) -> None:
        super().__init__(workdir / "mailpit.log")
        self.binary = binary
        # More of Mailpit's own flags, e.g. ("--ui-auth-file", PATH) for an inbox that, like
        # a shared environment's, asks for basic auth.
        self.extra_args = extra_args
        self.workdir = workdir
        self.ready_timeout_s = ready_timeout_s
        self.endpoints: MailpitEndpoints | None = None
        self._launched: MailpitEndpoints | None = None

    def start(self, ports: tuple[int, int] | None = None) -> MailpitEndpoints:
        """Start on free ports, or on `ports` (HTTP, SMTP) to come back where it was."""
        self.launch(ports)
        return self.wait_ready()

    def launch(self, ports: tuple[int, int] | None = None) -> MailpitEndpoints:
        """Spawn it without waiting: its endpoints, which answer once `wait_ready` returns.
        The stub world can be started beside it (issue 19: harness/pytest/early_start.py)."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        http_port, smtp_port = ports or (free_port(), free_port())
        command = [
            self.binary,
            "--listen", f"127.0.0.1:{http_port}",
            "--smtp", f"127.0.0.1:{smtp_port}",
            "--database", str(self.workdir / "mailpit.db"),
            "--disable-version-check",
            "--smtp-disable-rdns",
            "--max", "5000",
            *self.extra_args,
        ]  # fmt: skip
        self._spawn(command)
        self._launched = MailpitEndpoints(f"http://127.0.0.1:{http_port}", "127.0.0.1", smtp_port)
        return self._launched

    def wait_ready(self) -> MailpitEndpoints:
        """Wait until the launched Mailpit answers; its endpoints."""
        launched = self._launched
        assert launched is not None, "launch() first"
        api_url = launched.api_url
        last: list[str] = ["no answer yet"]

        def ready() -> bool | None:
            code = self.exit_code()
            if code is not None:
                raise HarnessSetupError(
                    f"Mailpit exited with code {code} right after start. "
                    f"Its log:\n{self.log_tail(2000)}"
                )
            try:
                status = httpx.get(
                    f"{api_url}/readyz", timeout=1, verify=verify_for(api_url)
                ).status_code
            except httpx.HTTPError as exc:
                last[0] = f"connection: {exc.__class__.__name__}"
                return None
            last[0] = f"/readyz answered {status}"
            return True if status == 200 else None

        try:
            wait_until(
                ready,
                timeout_s=self.ready_timeout_s,
                what=f"Mailpit at {api_url} to be ready",
                describe=lambda: f"Last seen: {last[0]}. Log:\n{self.log_tail(2000)}",
            )
        except WaitTimeout as exc:
            self.stop()
            raise HarnessSetupError(str(exc)) from exc
        self.endpoints = launched
        return self.endpoints

    # Outages for fault scenarios (features/sign-in/email-service-down.feature): the real
    # process is stopped or frozen, so senders meet a refused or a silent SMTP port.

    def go_down(self) -> None:
        """Stop Mailpit: its ports refuse connections until `come_back`."""
        if self.endpoints is None:
            raise HarnessSetupError("Mailpit was never started, so it cannot go down")
        self.stop()

    def come_back(self) -> MailpitEndpoints:
        """Start again on the same ports with the same database."""
        if self.endpoints is None:
            raise HarnessSetupError("Mailpit was never started, so it cannot come back")
        if self.exit_code() is None and self._process is not None:
            self.resume()
            return self.endpoints
        http_port = int(self.endpoints.api_url.rsplit(":", 1)[1])
        return self.start((http_port, self.endpoints.smtp_port))

    def freeze(self) -> None:
        """SIGSTOP: connections are accepted by the kernel but never answered."""
        if self._process is None or self.exit_code() is not None:
            raise HarnessSetupError("Mailpit is not running, so it cannot be frozen")
        os.kill(self._process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        """SIGCONT after `freeze` (harmless when it was not frozen)."""
        if self._process is not None and self.exit_code() is None:
            os.kill(self._process.pid, signal.SIGCONT)


@contextmanager
def harness_mailpit(
    explicit: str | None, tools_dir: Path, workdir: Path
) -> Iterator[MailpitEndpoints]:
    """A Mailpit found as the harness finds it, on free ports, stopped on leaving.

    For tests that need a real inbox of their own; a missing binary fails with the hint.
    """
    process = MailpitProcess(require_mailpit(explicit, tools_dir), workdir)
    endpoints = process.start()
    try:
        yield endpoints
    finally:
        process.stop()
