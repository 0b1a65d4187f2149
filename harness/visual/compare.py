"""Comparing a screenshot with its approved picture: pixelmatch, with a tolerance.

Pillow first checks whether the two pictures are identical, which they are whenever the
page did not change (fonts are pinned, animations off, the caret hidden), so the usual
comparison costs one decode of each picture. Only a difference runs pixelmatch, which
counts the pixels a person would see differ, leaving out antialiased edges, and draws the
diff picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops
from pixelmatch.contrib.PIL import pixelmatch

# pixelmatch's colour distance (0–1) under which two pixels count as the same: its own
# default, which absorbs a font's antialiasing shades, not a moved or recoloured element.
COLOUR_THRESHOLD = 0.1
# The share of pixels that may differ, after antialiasing is left out: a few stray pixels
# of subpixel text positioning, never a shifted button (thousands of pixels).
DEFAULT_TOLERANCE = 0.001


@dataclass(frozen=True)
class Comparison:
    """What the comparison found: differing pixels of all, or pictures of other sizes."""

    differing: int
    total: int
    expected_size: tuple[int, int]
    actual_size: tuple[int, int]
    tolerance: float

    @property
    def same_size(self) -> bool:
        return self.expected_size == self.actual_size

    @property
    def ratio(self) -> float:
        return self.differing / self.total if self.total else 1.0

    @property
    def matches(self) -> bool:
        return self.same_size and self.ratio <= self.tolerance

    def describe(self) -> str:
        if not self.same_size:
            (ew, eh), (aw, ah) = self.expected_size, self.actual_size
            return f"the page is {aw}×{ah} px, the approved picture {ew}×{eh} px"
        return (
            f"{self.differing} of {self.total} pixels differ ({self.ratio:.2%}; "
            f"{self.tolerance:.2%} allowed)"
        )


def compare(
    expected: Path, actual: Path, diff: Path, tolerance: float = DEFAULT_TOLERANCE
) -> Comparison:
    """Compare two PNGs; write `diff` (changed pixels red over a faded copy) when they
    differ at all. Pictures of different sizes are drawn side by side instead."""
    with Image.open(expected) as e, Image.open(actual) as a:
        want, got = e.convert("RGBA"), a.convert("RGBA")
    total = got.width * got.height
    if want.size != got.size:
        _side_by_side(want, got).save(diff)
        return Comparison(total, total, want.size, got.size, tolerance)
    # alpha_only=False: Pillow's getbbox of an RGBA picture otherwise looks at alpha alone,
    # and screenshots are opaque everywhere.
    if ImageChops.difference(want, got).getbbox(alpha_only=False) is None:
        return Comparison(0, total, want.size, got.size, tolerance)
    drawn = Image.new("RGBA", got.size)
    differing = pixelmatch(want, got, drawn, threshold=COLOUR_THRESHOLD, includeAA=False)
    drawn.save(diff)
    return Comparison(differing, total, want.size, got.size, tolerance)


def _side_by_side(left: Image.Image, right: Image.Image) -> Image.Image:
    both = Image.new("RGBA", (left.width + right.width, max(left.height, right.height)), "white")
    both.paste(left, (0, 0))
    both.paste(right, (left.width, 0))
    return both
