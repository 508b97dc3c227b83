"""A heading that names a star level in words shows its stars as decoration: read aloud, a
screen reader says "5 stars" once, not the stars' label and then the same words."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import Tag
from conftest import parse


def spoken(element: Tag) -> str:
    """What a screen reader says of ``element``: its text, an image's label instead of its
    content, nothing of what is hidden from it."""
    if element.get("aria-hidden") == "true":
        return ""
    if element.get("role") == "img":
        return element.get("aria-label", "")
    parts = [child if isinstance(child, str) else spoken(child) for child in element.children]
    return " ".join(" ".join(parts).split())


@pytest.mark.parametrize(
    ("page", "heading", "said"),
    [
        ("nhom/thuc-pham", "h2", "5 sao"),
        ("en/groups/thuc-pham", "h2", "5 stars"),
        ("dia-phuong/dong-trieu", "h3", "4 sao"),
        ("en/districts/dong-trieu", "h3", "4 stars"),
        ("hang-sao/5-sao", "h1", "Sản phẩm OCOP 5 sao"),
        ("en/stars/5-star", "h1", "5-star OCOP products"),
    ],
)
def test_a_star_levels_heading_is_said_once(demo_site: Path, page: str, heading: str, said: str):
    headings = [spoken(found) for found in parse(demo_site / page / "index.html").select(f"main {heading}")]
    assert said in headings, headings
