"""EAN-13 coupon codes as SVG barcodes, drawn by the python-barcode library."""

from __future__ import annotations

import io

from barcode import EAN13  # type: ignore[import-untyped]
from barcode.writer import SVGWriter  # type: ignore[import-untyped]

# The SVG the library writes styles its bars with style attributes; as an image of its own
# it needs a policy that allows them (and nothing else).
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"


def check_digit(first12: str) -> int:
    """The EAN-13 check digit of the first twelve digits (weights 1, 3, 1, 3, …)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def is_ean13(code: str) -> bool:
    """Thirteen ASCII digits whose last one is the check digit."""
    return (
        len(code) == 13
        and code.isascii()
        and code.isdigit()
        and check_digit(code[:12]) == int(code[12])
    )


def ean13_svg(code: str) -> bytes:
    """The barcode of `code` as an SVG document; refuses a code that is not a valid EAN-13
    (the library would silently replace a wrong check digit, and the till would not scan
    the code the page shows as text)."""
    if not is_ean13(code):
        raise ValueError("not a valid EAN-13 code")
    out = io.BytesIO()
    EAN13(code, writer=SVGWriter()).write(out, options={"module_height": 15.0})
    return out.getvalue()
