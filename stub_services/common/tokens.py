"""Hashing of bearer secrets (session tokens, codes, links) before they reach a store."""

from __future__ import annotations

import hashlib


def digest(token: str) -> str:
    """Tokens are stored only as SHA-256 hashes, so a copied database grants nothing."""
    return hashlib.sha256(token.encode()).hexdigest()
