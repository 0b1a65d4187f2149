"""A persona's view of the system: her browser page and every page object on it."""

from __future__ import annotations

from dataclasses import dataclass, field

from playwright.sync_api import Page

from harness.browsers import BrowserKey, ScenarioBrowsers
from harness.environment import Environment
from harness.labels import Labels, labels
from harness.pages.benefits import BenefitsPages
from harness.pages.etukortti import EtukorttiSite
from harness.pages.identity import (
    AccountPage,
    BankPages,
    CustomerDataForm,
    LinkCardPages,
    TermsPage,
)
from harness.pages.shop import ShopSite
from harness.pages.signin import SignInPages
from harness.personas import Persona, PersonaBook
from harness.scenario_log import CustomerLog, ScenarioLog


@dataclass
class Customer:
    """One persona in front of her current browser: who she is, what she has done in this
    scenario, and the page objects of every site she can reach."""

    persona: Persona
    log: CustomerLog
    page: Page
    labels: Labels
    environment: Environment
    signin: SignInPages
    etukortti: EtukorttiSite
    benefits: BenefitsPages
    link_card: LinkCardPages
    bank: BankPages
    account: AccountPage
    customer_data: CustomerDataForm
    terms: TermsPage

    @property
    def name(self) -> str:
        return self.persona.name

    def shop(self, shop_id: str) -> ShopSite:
        """A web shop or app site by its id ("prisma", "s-kaupat" …)."""
        site = self.environment.shop(shop_id)
        return ShopSite(self.page, site, self.labels, self.persona.language)


@dataclass
class UI:
    """Hands each persona the browser of her current device and cookie policy, and keeps
    the scenario's log."""

    browsers: ScenarioBrowsers
    environment: Environment
    log: ScenarioLog = field(default_factory=ScenarioLog)
    _views: dict[tuple[str, BrowserKey, str], Customer] = field(default_factory=dict)

    def of(self, persona: Persona) -> Customer:
        key = _key(persona)
        view = self._views.get((persona.name, key, persona.language))
        if view is None:
            view = self._views[(persona.name, key, persona.language)] = self._open(persona, key)
        return view

    def restart_browser(self, persona: Persona) -> Customer:
        """The persona's browser is closed and reopened; her tab comes back."""
        key = _key(persona)
        self.of(persona)
        self.browsers.restart(key)
        self._views = {k: v for k, v in self._views.items() if k[1] != key}
        return self.of(persona)

    def _open(self, persona: Persona, key: BrowserKey) -> Customer:
        page = self.browsers.page(key, persona.device, persona.cookie_policy)
        words = labels(persona.language)
        return Customer(
            persona=persona,
            log=self.log.of(persona.name),
            page=page,
            labels=words,
            environment=self.environment,
            signin=SignInPages(page, words),
            etukortti=EtukorttiSite(page, self.environment.etukortti, words, persona.language),
            benefits=BenefitsPages(page, self.environment.etukortti, words),
            link_card=LinkCardPages(page, words),
            bank=BankPages(page, words),
            account=AccountPage(page, words),
            customer_data=CustomerDataForm(page, words),
            terms=TermsPage(page, words),
        )


def _key(persona: Persona) -> BrowserKey:
    return BrowserKey(persona.device.name, persona.cookie_policy.name, persona.slot)


@dataclass
class Customers:
    """Turns a name from a feature into that customer, in front of her current browser."""

    personas: PersonaBook
    ui: UI

    def __getitem__(self, name: str) -> Customer:
        return self.ui.of(self.personas[name])

    def first(self) -> Customer:
        """The first customer the scenario named (opening her browser if need be)."""
        everyone = self.personas.everyone()
        assert everyone, "The scenario has named no customer yet"
        return self.ui.of(everyone[0])

    def restart_browser(self, name: str) -> Customer:
        return self.ui.restart_browser(self.personas[name])
