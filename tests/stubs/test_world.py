"""`python -m stub_services.world` against a real Mailpit: health, manifest, mail, shutdown."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from harness.config import HarnessConfig
from harness.identity_data import make_hetu
from harness.tools.mailpit import MailpitEndpoints, harness_mailpit
from harness.waiting import wait_until
from stub_services.common.settings import DEV_REGISTER_TOKEN

T = TypeVar("T")
# Every stub of the world, in start order, with its public host name.
SHOP_HOSTS = (
    "prisma.test", "sokos.test", "sokoshotels.test", "xn--yhteishyv-32a.test",
    "s-kaupat.test", "abc.test",
)  # fmt: skip
SITES = {
    "signin": "login.s-ryhma.test",
    "etukortti": "s-etukortti.test",
    "bank": "tunnistus.test",
    "register": "asiakasrekisteri.test",
    "sms": "sms.test",
    "shops": "prisma.test",
}


def poll(what: str, probe: Callable[[], T | None], seconds: float = 30.0) -> T:
    """Call `probe` until it returns something, or fail after `seconds`."""
    return wait_until(probe, timeout_s=seconds, what=what, describe=lambda: "")


@pytest.fixture
def mailpit(tmp_path: Path) -> Iterator[MailpitEndpoints]:
    """A real Mailpit from where the harness installs it; a missing one fails with the hint."""
    config = HarnessConfig.from_env()
    with harness_mailpit(config.mailpit_bin, config.tools_dir, tmp_path / "mailpit") as inbox:
        yield inbox


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_world_serves_https_writes_manifest_sends_mail_and_stops_cleanly(
    tmp_path: Path, mailpit: MailpitEndpoints
) -> None:
    smtp_port, api = mailpit.smtp_port, mailpit.api_url
    manifest_path = tmp_path / "world.json"
    world = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "stub_services.world",
            "--state-dir",
            str(tmp_path / "state"),
            "--manifest",
            str(manifest_path),
            "--smtp",
            f"127.0.0.1:{smtp_port}",
            "--mailpit-api",
            api,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:

        def manifest_ready() -> dict[str, Any] | None:
            if world.poll() is not None:
                pytest.fail(f"world exited early:\n{world.stderr.read() if world.stderr else ''}")
            if not manifest_path.exists():
                return None
            data: dict[str, Any] = json.loads(manifest_path.read_text())
            return data

        manifest = poll("manifest", manifest_ready, 60)
        assert set(manifest) == {
            "sites", "ca_file", "spki_sha256", "chromium_args", "shops", "smtp", "mailpit", "pid",
            "control_token",
        }  # fmt: skip
        # Made up for this world, and readable by its owner only.
        assert len(manifest["control_token"]) >= 32
        assert manifest_path.stat().st_mode & 0o077 == 0
        assert manifest["shops"]["yhteishyva"] == {"public_url": "https://xn--yhteishyv-32a.test"}
        assert manifest["pid"] == world.pid
        assert manifest["smtp"] == {"host": "127.0.0.1", "port": smtp_port}
        # The Mailpit, named whole, so that reusing the world needs no other setting.
        assert manifest["mailpit"] == {
            "api_url": api, "smtp_host": "127.0.0.1", "smtp_port": smtp_port
        }  # fmt: skip
        assert set(manifest["sites"]) == set(SITES)
        for name, host in SITES.items():
            site = manifest["sites"][name]
            assert set(site) == {"public_url", "host", "bind", "port", "control_url", "pid"}
            assert site["public_url"] == f"https://{host}"
            assert site["host"] == host
            assert site["control_url"] == f"https://127.0.0.1:{site['port']}"
        ports = {name: manifest["sites"][name]["port"] for name in SITES}
        assert len(set(ports.values())) == len(SITES)
        maps = [f"MAP {host}:443 127.0.0.1:{ports[name]}" for name, host in SITES.items()]
        # Every storefront is served by the shops process (docs/owner-customer.md).
        maps += [
            f"MAP {host}:443 127.0.0.1:{ports['shops']}"
            for host in SHOP_HOSTS
            if host != SITES["shops"]
        ]
        rules = ", ".join(maps)
        assert manifest["chromium_args"] == [
            f"--host-resolver-rules={rules}",
            f"--ignore-certificate-errors-spki-list={manifest['spki_sha256']}",
        ]

        trust = ssl.create_default_context(cafile=manifest["ca_file"])
        with httpx.Client(verify=trust, timeout=10) as client:
            for name in SITES:
                health = client.get(f"{manifest['sites'][name]['control_url']}/healthz")
                assert health.json() == {"status": "ok", "service": name}
            signin = manifest["sites"]["signin"]["control_url"]
            sent = client.post(
                f"{signin}/en/login/email",
                data={"email": "elias.nieminen@example.com", "intent": "create"},
            )
            assert sent.status_code == 303, sent.text

        def code_mail() -> str | None:
            listing = httpx.get(f"{api}/api/v1/messages", timeout=5).json()
            for message in listing["messages"]:
                if message["To"][0]["Address"] == "elias.nieminen@example.com":
                    full = httpx.get(f"{api}/api/v1/message/{message['ID']}", timeout=5).json()
                    return str(full["Subject"]) + "\n" + str(full["Text"])
            return None

        mail = poll("the code mail in Mailpit", code_mail)
        assert mail.startswith("Your S-login confirmation code\n")
        # Mailpit returns the text part with CRLF line ends.
        assert len([line for line in mail.splitlines() if re.fullmatch(r"\d{4}", line)]) == 1

        # A stub that dies is restarted on its own port, and keeps its data (SQLite on disk).
        register = manifest["sites"]["register"]
        hetu = make_hetu(date(1990, 1, 1), 901, "-")
        with httpx.Client(verify=trust, timeout=10, base_url=register["control_url"]) as client:
            person = {"kind": "person", "hetu": hetu, "given_name": "Elias", "family_name": "N"}
            # The control API wants the world's token, which only its manifest names.
            assert client.post("/_control/customers", json=person).status_code == 401
            control = {"Authorization": f"Bearer {manifest['control_token']}"}
            seeded = client.post("/_control/customers", json=person, headers=control).json()
            os.kill(register["pid"], signal.SIGKILL)

            def restarted() -> dict[str, Any] | None:
                data: dict[str, Any] = json.loads(manifest_path.read_text())
                return data if data["sites"]["register"]["pid"] != register["pid"] else None

            assert poll("the register to be restarted", restarted)["restarts"] == {"register": 1}
            card = client.get(
                f"/api/v1/persons/{hetu}/card",
                headers={"Authorization": f"Bearer {DEV_REGISTER_TOKEN}"},
            )
            assert card.json()["card_number"] == seeded["card_number"]

        children = children_of(world.pid)
        assert len(children) == len(SITES)
        # Issue 19: each stub is forked from the world, which imported them all once, not a
        # new interpreter importing FastAPI again (STUB_WORLD_SPAWN=exec does that).
        world_command = Path(f"/proc/{world.pid}/cmdline").read_bytes()
        commands = {pid: Path(f"/proc/{pid}/cmdline").read_bytes() for pid in children}
        assert all(command == world_command for command in commands.values()), commands
    finally:
        world.send_signal(signal.SIGTERM)
        try:
            world.wait(timeout=20)
        finally:
            if world.poll() is None:
                world.kill()
    assert world.returncode == 0
    assert not manifest_path.exists()
    assert not [pid for pid in children if alive(pid)]
    for port in ports.values():
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0
