"""The comparison: identical pictures pass, antialiased edges are not counted, a moved
element or another page size fails, and the diff picture marks what moved."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from harness.visual.compare import compare

SIZE = (360, 200)


def page(path: Path, *, button_x: int = 20, soft_edges: bool = False) -> Path:
    """A white page with a dark green button; `soft_edges` blends its outline into the
    background the way antialiasing does."""
    image = Image.new("RGBA", SIZE, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((button_x, 80, button_x + 160, 124), fill=(0, 122, 61, 255))
    if soft_edges:
        blend = (128, 189, 158, 255)  # halfway between the button and the page
        draw.line((button_x - 1, 80, button_x - 1, 124), fill=blend)
        draw.line((button_x + 161, 80, button_x + 161, 124), fill=blend)
    image.save(path)
    return path


def test_identical_pictures_match_without_a_diff(tmp_path: Path) -> None:
    found = compare(page(tmp_path / "a.png"), page(tmp_path / "b.png"), tmp_path / "d.png")
    assert found.matches
    assert found.differing == 0
    assert not (tmp_path / "d.png").exists()


def test_antialiased_edges_are_not_counted(tmp_path: Path) -> None:
    sharp, soft = page(tmp_path / "a.png"), page(tmp_path / "b.png", soft_edges=True)
    found = compare(sharp, soft, tmp_path / "d.png")
    assert found.matches, found.describe()


def test_a_moved_button_fails_and_the_diff_marks_it(tmp_path: Path) -> None:
    found = compare(
        page(tmp_path / "a.png"), page(tmp_path / "b.png", button_x=30), tmp_path / "d.png"
    )
    assert not found.matches
    assert found.differing >= 2 * 10 * 44, found.describe()
    assert "pixels differ" in found.describe()
    with Image.open(tmp_path / "d.png") as diff:
        assert diff.convert("RGB").getpixel((25, 100)) == (255, 0, 0)


def test_a_page_of_another_size_fails_with_both_sizes(tmp_path: Path) -> None:
    other = tmp_path / "b.png"
    Image.new("RGBA", (360, 260), "white").save(other)
    found = compare(page(tmp_path / "a.png"), other, tmp_path / "d.png")
    assert not found.matches
    assert found.describe() == "the page is 360×260 px, the approved picture 360×200 px"
    assert (tmp_path / "d.png").exists()
