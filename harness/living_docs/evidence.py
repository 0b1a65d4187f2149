"""Evidence taken while a scenario runs: step screenshots, emails read, browsers opened."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Error

from harness.browsers import BrowserKey, ScenarioBrowsers, page_state
from harness.config import HarnessConfig
from harness.living_docs.records import AttachmentRecord
from harness.personas import PersonaBook


def slug(text: str) -> str:
    """A short, unique folder name for a test id."""
    digest = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:8]
    name = text.split("::")[-1]
    return f"{re.sub(r'[^A-Za-z0-9._-]+', '-', name).strip('-')[:60]}-{digest}"


def active(request: pytest.FixtureRequest, name: str) -> object | None:
    """A fixture's value if the scenario already uses it; never sets one up just to look."""
    if name not in request.fixturenames:
        return None
    value: object = request.getfixturevalue(name)
    return value


@dataclass
class Evidence:
    """Per attempt: where files go and what has already been attached."""

    folder: Path
    reports_dir: Path
    emails_seen: set[str] = field(default_factory=set)
    browsers_seen: set[BrowserKey] = field(default_factory=set)
    browsers: ScenarioBrowsers | None = None
    shots: int = 0

    def collect(
        self, request: pytest.FixtureRequest, *, final: bool = True
    ) -> list[AttachmentRecord]:
        """Everything new since the last step: browsers opened, emails read, screenshots.
        `final` is False for a step the scenario goes on after."""
        found: list[AttachmentRecord] = []
        book = active(request, "personas")
        names = {}
        if isinstance(book, PersonaBook):
            names = {p.slot: p.name for p in book.everyone()}
            found += self._emails(book)
        browsers = active(request, "browsers")
        if isinstance(browsers, ScenarioBrowsers):
            self.browsers = browsers
            found += self._browsers(browsers, names)
            settings = active(request, "harness_config")
            if not isinstance(settings, HarnessConfig) or settings.step_screenshots:
                found += self.screenshots(browsers, names, final=final)
        return found

    def _browsers(
        self, browsers: ScenarioBrowsers, names: dict[int, str]
    ) -> list[AttachmentRecord]:
        found = []
        for key in browsers.pages():
            if key not in self.browsers_seen:
                self.browsers_seen.add(key)
                who = names.get(key.slot, f"persona {key.slot + 1}")
                text = f"{who}'s browser: {key.device} / cookies: {key.policy}"
                node = browsers.node(key)
                if node:
                    text += f" / Grid node: {node}"
                found.append(AttachmentRecord("text/plain", body=text, file_name=text))
        return found

    def _emails(self, book: PersonaBook) -> list[AttachmentRecord]:
        found = []
        for persona in book.everyone():
            for message_id in sorted(persona.mailbox.seen - self.emails_seen):
                self.emails_seen.add(message_id)
                email = persona.mailbox.read[message_id]
                text = f"To: {', '.join(email.to)}\nSubject: {email.subject}\n\n{email.text}"
                found.append(
                    AttachmentRecord("text/plain", body=text, file_name=f"Email to {persona.name}")
                )
        return found

    def screenshots(
        self, browsers: ScenarioBrowsers, names: dict[int, str], *, final: bool = True
    ) -> list[AttachmentRecord]:
        """A screenshot of each page that changed since its last one. A page still loading
        after a step the scenario goes on after is left to the next step's screenshot:
        the next step waits for it anyway, and a half-drawn page explains nothing."""
        found = []
        for key, page in browsers.pages().items():
            if page.is_closed():
                continue
            state = page_state(page, final=final)
            if not state.changed or not (state.loaded or final):
                continue
            self.shots += 1
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self.folder / f"{self.shots:02d}-{key.slug}.jpg"
            try:
                # CSS pixels and JPEG keep a phone's DPR-3 screenshot at tens of kB. The
                # caret as the customer sees it: hiding it costs two more calls into the
                # page (a style added and removed), and no picture here is compared.
                browsers.screenshot(
                    key, path=str(path), type="jpeg", quality=60, scale="css", caret="initial"
                )
            except Error:
                continue
            who = names.get(key.slot, f"persona {key.slot + 1}")
            found.append(
                AttachmentRecord(
                    "image/jpeg",
                    url=path.relative_to(self.reports_dir).as_posix(),
                    file_name=f"{who} on {key.device}",
                )
            )
        return found
