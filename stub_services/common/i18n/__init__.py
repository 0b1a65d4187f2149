"""Every user-visible string of the stubs in Swedish (contract wording), Finnish and English."""

# Each area keeps its strings in a data module of this package; they are merged here once,
# into a read-only mapping, and a key defined by two areas stops the import. Every entry is
# written one language a line (the trailing comma keeps ruff from folding it): uniform
# entries read and diff well, and do not look like copies of each other to `duplicates`.

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from stub_services.common.i18n import (
    account,
    bank,
    benefits,
    etukortti,
    identity,
    mail,
    shops,
    signin,
    sso,
)
from stub_services.common.i18n.identity import FEEDBACK_FORM_URL
from stub_services.common.i18n.languages import (
    DEFAULT_LANG,
    LANGS,
    LANGUAGE_NAMES,
    Catalogue,
    Lang,
    as_lang,
    is_lang,
)

__all__ = [
    "DEFAULT_LANG",
    "FEEDBACK_FORM_URL",
    "LANGS",
    "LANGUAGE_NAMES",
    "STRINGS",
    "Lang",
    "as_lang",
    "catalog",
    "is_lang",
    "t",
]

# The areas, in the order their strings are merged (the order never changes a lookup).
AREAS: Final[Mapping[str, Catalogue]] = MappingProxyType(
    {
        module.__name__.rpartition(".")[2]: module.STRINGS
        for module in (signin, mail, etukortti, bank, identity, account, benefits, shops, sso)
    }
)


def merged(areas: Mapping[str, Catalogue]) -> Mapping[str, Mapping[Lang, str]]:
    """One read-only mapping of every area's strings; a key two areas define is an error."""
    strings: dict[str, Mapping[Lang, str]] = {}
    owner: dict[str, str] = {}
    for area, catalogue in areas.items():
        for key, texts in catalogue.items():
            if key in owner:
                raise RuntimeError(f"i18n key {key!r} is defined in both {owner[key]} and {area}")
            owner[key] = area
            strings[key] = MappingProxyType(texts)
    return MappingProxyType(strings)


STRINGS: Final = merged(AREAS)


def t(lang: Lang, key: str, **values: str) -> str:
    """The string `key` in `lang`, with `{placeholders}` filled in."""
    text = STRINGS[key][lang]
    return text.format(**values) if values else text


def catalog(lang: Lang) -> dict[str, str]:
    """All strings of one language, for templates."""
    return {key: texts[lang] for key, texts in STRINGS.items()}
