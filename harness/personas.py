"""Personas: named customers with realistic Finnish data, unique per scenario and worker."""

from __future__ import annotations

import dataclasses
import functools
import os
import random
import unicodedata
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from harness.clients.identity import Card
from harness.clients.inbox import Mailbox, MailpitClient
from harness.clients.sms import Phone, SmsGatewayClient
from harness.cookie_policies import POLICIES, CookiePolicy, cookie_policy
from harness.devices import DEVICES, DeviceProfile, device
from harness.env_profiles import DEFAULT_MAIL_DOMAIN, TestUser
from harness.identity_data import Identity, random_identity

if TYPE_CHECKING:
    from faker import Faker

# The default domain of generated addresses (example.com); an environment names its own.
EMAIL_DOMAIN = DEFAULT_MAIL_DOMAIN


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


@dataclass
class Persona:
    """A customer in a scenario. The name is the one the feature file uses."""

    name: str
    last_name: str
    email: str
    mailbox: Mailbox
    slot: int
    language: str = "sv"
    # Profiles, not names: an unknown device fails where a step names it, not at launch.
    device: DeviceProfile = DEVICES["desktop-chrome"]
    cookie_policy: CookiePolicy = POLICIES["allow"]
    identity: Identity = field(default_factory=lambda: random_identity(random.Random()))
    card: Card | None = None
    business_id: str | None = None
    phone_inbox: Phone | None = None
    # Her inbox before she changed the S-login's address (it has seen that inbox's mail).
    previous_mailbox: Mailbox | None = None
    # A user the environment already has (its file's [users]); she needs no new S-login.
    provisioned: TestUser | None = None
    # What steps said each of her devices' browser does with cookies, by device name.
    said: dict[str, CookiePolicy] = field(default_factory=dict)
    # The scenario's default policy (its @cookies tag, --cookie-policy, or allow).
    scenario_policy: CookiePolicy = POLICIES["allow"]

    def use(self, device: DeviceProfile, cookie_policy: CookiePolicy) -> None:
        """From now on she uses this device, whose browser has this cookie policy."""
        self.device, self.cookie_policy = device, cookie_policy
        self.said[device.name] = cookie_policy

    def move_to(self, device: DeviceProfile, stated: CookiePolicy | None = None) -> None:
        """She picks up another (or the same) device. Its browser does what this step
        states, else what an earlier step said of that device, else the scenario's
        default; a step that contradicts an earlier one is refused, never obeyed silently."""
        earlier = self.said.get(device.name)
        if stated is not None and earlier is not None and stated != earlier:
            raise ValueError(
                f"An earlier step said {self.name}'s {device.label} browser {earlier.label}; "
                f"this step says it {stated.label}. A device's browser keeps its cookie "
                "setting within a scenario: change one of the two steps."
            )
        self.device = device
        self.cookie_policy = stated or earlier or self.scenario_policy
        self.said[device.name] = self.cookie_policy

    def phone(self, gateway: SmsGatewayClient) -> Phone:
        """Her phone's messages; one inbox per scenario, so read messages stay read."""
        if self.phone_inbox is None:
            self.phone_inbox = gateway.phone(self.identity.mobile_e164)
        return self.phone_inbox


def _device(chosen: DeviceProfile | str) -> DeviceProfile:
    return device(chosen) if isinstance(chosen, str) else chosen


def _policy(chosen: CookiePolicy | str) -> CookiePolicy:
    return cookie_policy(chosen) if isinstance(chosen, str) else chosen


@functools.cache
def shared_faker() -> Faker:
    """One generator per process: making a Faker costs milliseconds per scenario, and only
    its names and addresses are used; uniqueness comes from the addresses' random suffix.

    Faker is imported here, not with this module: importing it lists every locale Faker
    has (~0.15 s of CPU), which a BDD run spends in the background while its world starts
    (harness/pytest/personas.py) instead of before its first scenario."""
    from faker import Faker

    return Faker("fi_FI")


def provision(persona: Persona, user: TestUser, inbox: MailpitClient) -> None:
    """The environment's own user behind this persona: her address, phone, card, identity."""
    persona.email, persona.mailbox, persona.provisioned = (
        user.email,
        inbox.mailbox(user.email),
        user,
    )
    identity = persona.identity
    if user.phone:
        identity = dataclasses.replace(identity, mobile_e164=user.phone)
    if user.bank_identity:
        identity = dataclasses.replace(identity, hetu=user.bank_identity)
    persona.identity = identity
    if user.card:
        persona.card = Card(user.card, customer_id="")


class PersonaBook:
    """Creates each named persona on first mention; every address is new for every scenario."""

    def __init__(
        self,
        inbox: MailpitClient,
        *,
        device: DeviceProfile | str,
        cookie_policy: CookiePolicy | str,
        seed: int | None = None,
        mail_domain: str = EMAIL_DOMAIN,
        users: dict[str, TestUser] | None = None,
    ) -> None:
        if seed is None:
            self._faker = shared_faker()
        else:
            from faker import Faker

            self._faker = Faker("fi_FI")
            self._faker.seed_instance(seed)
        self._inbox = inbox
        self._device = _device(device)
        self._cookie_policy = _policy(cookie_policy)
        self._people: dict[str, Persona] = {}
        self._domain = mail_domain
        self._users = users or {}
        self._worker = os.environ.get("PYTEST_XDIST_WORKER", "main")

    def __getitem__(self, name: str) -> Persona:
        if name not in self._people:
            last = self._faker.last_name()
            # A random suffix keeps addresses unique across scenarios, reruns and workers.
            unique = f"{self._worker}{uuid.uuid4().hex[:10]}"
            email = f"{_ascii(name)}.{_ascii(last)}.{unique}@{self._domain}"
            user = self._users.get(name)
            self._people[name] = persona = Persona(
                name=name,
                last_name=last,
                email=email,
                mailbox=self._inbox.mailbox(email),
                slot=len(self._people),
                device=self._device,
                cookie_policy=self._cookie_policy,
                scenario_policy=self._cookie_policy,
            )
            if user is not None:
                provision(persona, user, self._inbox)
        return self._people[name]

    def everyone(self) -> list[Persona]:
        return list(self._people.values())

    def clean_up(self) -> None:
        """Delete the scenario's own mail only; other workers' messages stay untouched."""
        for persona in self._people.values():
            persona.mailbox.clear()
            if persona.previous_mailbox is not None:
                persona.previous_mailbox.clear()
