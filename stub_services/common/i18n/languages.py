"""The stubs' languages and the shape of a catalogue: every key in sv, fi and en."""

from __future__ import annotations

from typing import Final, Literal, TypeGuard

Lang = Literal["sv", "fi", "en"]
LANGS: Final[tuple[Lang, ...]] = ("sv", "fi", "en")
DEFAULT_LANG: Final[Lang] = "sv"

LANGUAGE_NAMES: Final[dict[Lang, str]] = {"sv": "Svenska", "fi": "Suomi", "en": "English"}

# One string in each language; a catalogue maps keys ("login.heading") to them.
Texts = dict[Lang, str]
Catalogue = dict[str, Texts]


def same(text: str) -> Texts:
    """A name that is not translated (brands, product codes)."""
    return {"sv": text, "fi": text, "en": text}


def is_lang(value: str) -> TypeGuard[Lang]:
    return value in LANGS


def as_lang(value: str | None) -> Lang:
    """The language named by a path segment or `ui_locales`, else the default."""
    for token in (value or "").replace(",", " ").split():
        base = token.split("-")[0].lower()
        if is_lang(base):
            return base
    return DEFAULT_LANG
