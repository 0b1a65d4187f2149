"""The world's share of the identity stubs: certificate host names, ports and environment."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import trustme
from cryptography import x509

from stub_services.common.settings import Settings
from stub_services.common.tls import HOSTS, covers_hosts, ensure_tls
from stub_services.world import assign_ports, child_env, main

NEW_HOSTS = {"tunnistus.test", "asiakasrekisteri.test", "sms.test"}


def dns_names(cert_file: Path) -> set[str]:
    cert = x509.load_pem_x509_certificate(cert_file.read_bytes())
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    return set(san.get_values_for_type(x509.DNSName))


def test_certificate_covers_the_identity_stub_hosts(tmp_path: Path) -> None:
    assert dns_names(ensure_tls(tmp_path).cert_file) >= NEW_HOSTS


def test_a_certificate_from_before_the_new_stubs_is_replaced(tmp_path: Path) -> None:
    ca = trustme.CA()
    leaf = ca.issue_cert("login.s-ryhma.test", "s-etukortti.test", "localhost", "127.0.0.1")
    (tmp_path / "ca.pem").write_bytes(ca.cert_pem.bytes())
    (tmp_path / "cert.pem").write_bytes(b"".join(b.bytes() for b in leaf.cert_chain_pems))
    (tmp_path / "key.pem").write_bytes(leaf.private_key_pem.bytes())
    assert not covers_hosts((tmp_path / "cert.pem").read_bytes())
    tls = ensure_tls(tmp_path)
    assert covers_hosts(tls.cert_file.read_bytes())
    assert dns_names(tls.cert_file) >= {h for h in HOSTS if h != "127.0.0.1"}


def test_every_stub_gets_every_url_token_and_secret(tmp_path: Path) -> None:
    tls = ensure_tls(tmp_path / "tls")
    ports = {"signin": 4001, "etukortti": 4002, "bank": 4003, "register": 4004, "sms": 4005}
    ports["shops"] = 4006
    settings = Settings(bank_client_secret="b", sms_api_token="s", register_api_token="r")
    env = child_env(settings, tmp_path, tls, "127.0.0.1", ports)
    assert env["SIGNIN_INTERNAL_URL"] == "https://127.0.0.1:4001"
    assert env["BANK_PUBLIC_URL"] == "https://tunnistus.test"
    assert env["BANK_INTERNAL_URL"] == "https://127.0.0.1:4003"
    assert env["REGISTER_INTERNAL_URL"] == "https://127.0.0.1:4004"
    assert env["SMS_INTERNAL_URL"] == "https://127.0.0.1:4005"
    assert env["SHOPS_INTERNAL_URL"] == "https://127.0.0.1:4006"
    assert env["ETUKORTTI_INTERNAL_URL"] == "https://127.0.0.1:4002"
    assert (env["BANK_CLIENT_SECRET"], env["SMS_API_TOKEN"], env["REGISTER_API_TOKEN"]) == (
        "b",
        "s",
        "r",
    )
    # What the stubs read back is what the world meant.
    seen = Settings.from_env(env)
    assert seen.bank_internal_url == "https://127.0.0.1:4003"
    assert seen.register_api_token == "r"
    assert seen.server_route("https://sokos.test/backchannel-logout") == (
        "https://127.0.0.1:4006/backchannel-logout",
        "sokos.test",
    )
    assert seen.shop_public_urls["yhteishyva"] == "https://xn--yhteishyv-32a.test"


def test_the_certificate_names_every_shop(tmp_path: Path) -> None:
    hosts = {urlsplit(url).hostname for url in Settings().shop_public_urls.values()}
    assert dns_names(ensure_tls(tmp_path).cert_file) >= hosts


def test_fixed_ports_come_first_and_the_rest_are_distinct() -> None:
    names = ["signin", "etukortti", "bank", "register", "sms"]
    ports = assign_ports(names, [4101, 4102], "127.0.0.1")
    assert list(ports) == names
    assert (ports["signin"], ports["etukortti"]) == (4101, 4102)
    assert len(set(ports.values())) == len(names)


def test_a_busy_fixed_port_is_named_with_the_way_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["--state-dir", str(tmp_path), "--ports", f"{port},0"])
    assert code == 2
    err = capsys.readouterr().err
    assert f"port {port} for signin on 127.0.0.1 is busy" in err
    assert "--ports" in err
