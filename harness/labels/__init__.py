"""The UI texts a customer reads, one catalogue per language: what the page objects look for.

They are the harness's expectations of the product, kept apart from the stubs on
purpose: if the stub (or staging) changes a label, the scenarios notice.
"""

from __future__ import annotations

from harness.labels.catalogue import Labels
from harness.labels.en import EN
from harness.labels.fi import FI
from harness.labels.sv import SV
from harness.lookup import named

__all__ = ["LABELS", "LANGUAGES", "Labels", "labels"]

# How features name a language, and the language code of the sites' paths.
LANGUAGES = {"Swedish": "sv", "Finnish": "fi", "English": "en"}
LABELS: dict[str, Labels] = {"sv": SV, "fi": FI, "en": EN}


def labels(language: str) -> Labels:
    """The catalogue of one language, or an error that lists the languages there are."""
    return named(LABELS, language, "language")
