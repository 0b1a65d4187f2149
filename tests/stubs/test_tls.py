"""Throwaway TLS material: hosts in the certificate, reuse, and the SPKI pin."""

from __future__ import annotations

import ipaddress
from pathlib import Path

from cryptography import x509

from stub_services.common.tls import ensure_tls, spki_sha256


def test_leaf_covers_both_hosts_localhost_and_loopback_ip(tmp_path: Path) -> None:
    tls = ensure_tls(tmp_path)
    cert = x509.load_pem_x509_certificate(tls.cert_file.read_bytes())
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert set(san.get_values_for_type(x509.DNSName)) >= {
        "login.s-ryhma.test",
        "s-etukortti.test",
        "localhost",
    }
    assert ipaddress.ip_address("127.0.0.1") in san.get_values_for_type(x509.IPAddress)
    assert tls.key_file.stat().st_mode & 0o077 == 0


def test_material_is_reused_and_pin_is_stable(tmp_path: Path) -> None:
    first = ensure_tls(tmp_path)
    second = ensure_tls(tmp_path)
    assert first == second
    assert first.spki_sha256 == spki_sha256(first.cert_file.read_bytes())
    assert len(first.spki_sha256) == 44
