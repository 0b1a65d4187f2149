"""Throwaway TLS material: a trustme CA and one leaf certificate for all the stub hosts."""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import trustme
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from contract.sites import STUB_HOSTS

HOSTS: tuple[str, ...] = (*STUB_HOSTS, "localhost", "127.0.0.1")


@dataclass(frozen=True)
class TlsMaterial:
    """Paths of the PEM files and the pin Chromium needs to trust the leaf."""

    ca_file: Path
    cert_file: Path
    key_file: Path
    spki_sha256: str


def _write_atomically(path: Path, data: bytes, mode: int = 0o644) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.chmod(mode)
    os.replace(tmp, path)


def spki_sha256(cert_pem: bytes) -> str:
    """Base64 SHA-256 of the first certificate's SubjectPublicKeyInfo (DER)."""
    cert = x509.load_pem_x509_certificate(cert_pem)
    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(hashlib.sha256(spki).digest()).decode("ascii")


def covers_hosts(cert_pem: bytes) -> bool:
    """Whether the leaf names every host of HOSTS (a state folder may predate new stubs)."""
    cert = x509.load_pem_x509_certificate(cert_pem)
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    names = set(san.get_values_for_type(x509.DNSName))
    names |= {str(ip) for ip in san.get_values_for_type(x509.IPAddress)}
    return set(HOSTS) <= names


def ensure_tls(folder: Path) -> TlsMaterial:
    """Create ca.pem, cert.pem (leaf + chain) and key.pem in `folder`, reusing existing ones
    that still cover every host."""
    folder.mkdir(parents=True, exist_ok=True)
    ca_file, cert_file, key_file = folder / "ca.pem", folder / "cert.pem", folder / "key.pem"
    present = ca_file.exists() and cert_file.exists() and key_file.exists()
    if not (present and covers_hosts(cert_file.read_bytes())):
        ca = trustme.CA(organization_name="S-login stub world")
        leaf = ca.issue_cert(*HOSTS)
        _write_atomically(key_file, leaf.private_key_pem.bytes(), 0o600)
        _write_atomically(cert_file, b"".join(blob.bytes() for blob in leaf.cert_chain_pems))
        _write_atomically(ca_file, ca.cert_pem.bytes())
    return TlsMaterial(ca_file, cert_file, key_file, spki_sha256(cert_file.read_bytes()))
