"""Test identities: the publicly known ones built in, and banks with their `ftn_idp` names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stub_services.common.finnish_ids import parse_hetu


@dataclass(frozen=True)
class Bank:
    slug: str
    name: str

    @property
    def ftn_idp(self) -> str:
        """The bank's name in the `ftn_idp` claim, as the Finnish Trust Network's brokers give."""
        return f"fi-{self.slug}"


BANKS: dict[str, Bank] = {
    bank.slug: bank
    for bank in (
        Bank("op", "OP"),
        Bank("nordea", "Nordea"),
        Bank("aktia", "Aktia"),
        Bank("spankki", "S-Pankki"),
        Bank("danske", "Danske Bank"),
    )
}


@dataclass(frozen=True)
class Identity:
    hetu: str
    given_name: str
    family_name: str

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def birthdate(self) -> date:
        return parse_hetu(self.hetu).birthdate


# The public test identities of Finnish banks (all 900-999). Only Väinö Tunnistus and
# Tessa Testilä have published names; the other names are made up for the stub.
BUILT_IN: dict[str, Identity] = {
    i.hetu: i
    for i in (
        Identity("070770-905D", "Väinö", "Tunnistus"),
        Identity("010200A9618", "Nordea", "Demo"),
        Identity("030516D9026", "Dora", "Uusimerkki"),
        Identity("010170-999R", "Aatu", "Aktia"),
        Identity("010280-952L", "Tessa", "Testilä"),
    )
}
