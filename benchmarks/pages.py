"""Pages as the load benchmark's screenless browsers read them: forms, links, details."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

import httpx


class SignInFailed(Exception):
    """A sign-in did not end signed in as itself; `kind` groups failures in the summary."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


@dataclass
class Form:
    action: str
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class Page:
    """What a user would act on: forms, links by their text, and the dt/dd pairs shown."""

    url: str
    status: int
    forms: list[Form] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    details: dict[str, str] = field(default_factory=dict)
    heading: str = ""

    def form_with(self, field_name: str) -> Form:
        for form in self.forms:
            if field_name in form.fields:
                return form
        raise SignInFailed(f"no form with a {field_name!r} field", self.where())

    def where(self) -> str:
        return f"{self.status} {self.url}"


class _PageParser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.text: list[str] | None = None  # text being collected for the open element
        self.href = ""
        self.term = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.page.forms.append(Form(urljoin(self.page.url, attr.get("action", ""))))
        elif tag == "input" and self.page.forms and attr.get("name"):
            self.page.forms[-1].fields[attr["name"]] = attr.get("value", "")
        elif tag in {"a", "h1", "dt", "dd"}:
            self.text, self.href = [], urljoin(self.page.url, attr.get("href", ""))

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.text is None or tag not in {"a", "h1", "dt", "dd"}:
            return
        text, self.text = " ".join("".join(self.text).split()), None
        if tag == "a":
            self.page.links.setdefault(text, self.href)
        elif tag == "h1":
            self.page.heading = text
        elif tag == "dt":
            self.term = text
        else:
            self.page.details.setdefault(self.term, text)


def read_page(response: httpx.Response) -> Page:
    page = Page(str(response.url), response.status_code)
    _PageParser(page).feed(response.text)
    return page
