"""The key pages a scenario may compare with an approved picture, and what each masks.

A mask covers what changes from run to run on that page (an address, a date, a card
number, a typed code), so the picture compares only what a release may change. Masks are
CSS selectors of block-level boxes where possible: a masked box whose size follows its
text (an email address) would differ in width from run to run.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.lookup import named


@dataclass(frozen=True)
class KeyPage:
    """A page with approved pictures: its name in features, its folder, its masks."""

    name: str
    slug: str
    masks: tuple[str, ...] = ()


KEY_PAGES: dict[str, KeyPage] = {
    page.name: page
    for page in (
        KeyPage("sign-in email form", "sign-in-email-form", ("input[type=email]",)),
        KeyPage("code form", "code-form", ("input[autocomplete=one-time-code]",)),
        KeyPage("AUTH-4376 page", "auth-4376-page"),
        # "Mina uppgifter": her address, the date she created her S-login, her card number
        # and postal address are all description-list values.
        KeyPage("Mina uppgifter", "mina-uppgifter", ("main dd",)),
        KeyPage("card linking", "card-linking", ("input#business_id",)),
        # The coupon's validity date follows the stub world's clock; its barcode and
        # digits are the coupon's own EAN-13, new for every coupon offered.
        KeyPage(
            "coupon in the mobile view",
            "coupon-in-the-mobile-view",
            ("main p:has(> time)", "img.barcode", "dd.code-digits"),
        ),
    )
}


def key_page(name: str) -> KeyPage:
    """The key page a feature names; a ValueError lists the known ones."""
    return named(KEY_PAGES, name, "key page")
