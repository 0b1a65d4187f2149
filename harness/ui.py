"""A persona's view of the system: her browser page and the page objects on it."""

from __future__ import annotations

from dataclasses import dataclass, field

from playwright.sync_api import Page

from harness.browsers import BrowserKey, ScenarioBrowsers
from harness.cookie_policies import cookie_policy
from harness.devices import device
from harness.environment import Environment
from harness.labels import Labels, labels
from harness.pages.etukortti import EtukorttiSite
from harness.pages.signin import SignInPages
from harness.personas import Persona


@dataclass
class CustomerUI:
    """What one persona has in front of her right now."""

    persona: Persona
    page: Page
    labels: Labels
    signin: SignInPages
    etukortti: EtukorttiSite


@dataclass
class UI:
    """Hands each persona the browser of her current device and cookie policy."""

    browsers: ScenarioBrowsers
    environment: Environment
    _views: dict[tuple[str, BrowserKey, str], CustomerUI] = field(default_factory=dict)

    def of(self, persona: Persona) -> CustomerUI:
        key = BrowserKey(persona.device, persona.cookie_policy, persona.slot)
        view = self._views.get((persona.name, key, persona.language))
        if view is None:
            view = self._views[(persona.name, key, persona.language)] = self._open(persona, key)
        return view

    def restart_browser(self, persona: Persona) -> CustomerUI:
        """The persona's browser is closed and reopened; her tab comes back."""
        key = BrowserKey(persona.device, persona.cookie_policy, persona.slot)
        self.of(persona)
        self.browsers.restart(key)
        self._views = {k: v for k, v in self._views.items() if k[1] != key}
        return self.of(persona)

    def _open(self, persona: Persona, key: BrowserKey) -> CustomerUI:
        page = self.browsers.page(key, device(persona.device), cookie_policy(persona.cookie_policy))
        words = labels(persona.language)
        return CustomerUI(
            persona=persona,
            page=page,
            labels=words,
            signin=SignInPages(page, words),
            etukortti=EtukorttiSite(page, self.environment.etukortti, words, persona.language),
        )
