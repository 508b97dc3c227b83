"""A story is read as the records are: in Unicode's composed form (NFC), and without the
characters that draw nothing, so that its title, summary and text sort, search, and are shared
as they show. Typed on macOS or some Vietnamese keyboards, "ậ" is "a" and two combining marks;
pasted from Word or Zalo, a text brings zero-width spaces, soft hyphens and direction marks."""

from __future__ import annotations

import unicodedata

import pytest
from conftest import Project, parse
from test_bad_input import check

# Each drawing nothing, in the title, the summary and the text; a farmer emoji (a man, a
# zero-width joiner and a sheaf of rice), whose joiner is kept.
TITLE = "Mùa\u200b ép dầu lạc mới ở Tiên\u00ad Yên"
SUMMARY = "\u200eHợp tác xã Hải Yến ép mẻ dầu đầu tiên của vụ."
TEXT = "Người nông dân 👨\u200d🌾 mang lạc\u2060 tới hợp tác xã.\n"
STORY = (
    f"Title: {TITLE}\nDate: 2026-06-05\nLang: vi\nSlug: mua-ep-dau\nSummary: {SUMMARY}\n"
    f"Products: dau-lac-hai-yen\n\n{TEXT}"
)


def decomposed(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_a_story_is_published_composed_and_without_the_characters_that_draw_nothing(project: Project, capsys):
    project.write("content/stories/mua-ep-dau.vi.md", decomposed(STORY))
    code, printed = project.build(capsys)
    assert code == 0, printed
    page = parse(project.output / "tin-tuc/mua-ep-dau/index.html")
    assert page.select_one("article h1").get_text() == "Mùa ép dầu lạc mới ở Tiên Yên"
    assert page.title.get_text().startswith("Mùa ép dầu lạc mới ở Tiên Yên ·")
    assert page.select_one("meta[name=description]")["content"] == "Hợp tác xã Hải Yến ép mẻ dầu đầu tiên của vụ."
    assert page.select_one(".prose").get_text().strip() == "Người nông dân 👨\u200d🌾 mang lạc tới hợp tác xã."
    # The pages listing it, which Pagefind indexes and search engines read, show the same.
    for listing in ("tin-tuc/index.html", "san-pham/dau-lac-hai-yen/index.html"):
        assert "Mùa ép dầu lạc mới ở Tiên Yên" in parse(project.output / listing).get_text(), listing
    for path in project.output.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", html), path
        assert not any(character in html for character in "\u200b\u00ad\u200e\u2060"), path


@pytest.mark.parametrize(
    "lang",
    [
        "\u200bLang: vi",  # ended the metadata there: "Lang" and "Slug" were missing
        "Lang: vi\u200b",  # an unknown language 'vi\u200b'
    ],
    ids=["before-the-key", "after-the-value"],
)
def test_a_story_pasted_with_invisible_characters_is_checked_as_it_shows(project: Project, capsys, lang):
    project.write("content/stories/tin-moi.md", f"Title: Tin mới\nDate: 2026-06-05\n{lang}\nSlug: tin-moi\n\nA.\n")
    code, printed = check(project, capsys)
    assert code == 0, "\n".join(printed)


def test_a_problem_of_a_key_pasted_after_an_invisible_character_is_told_at_its_line(project: Project, capsys):
    story = "Title: Tin mới\nDate: 2026-06-05\nLang: vi\nSlug: tin-moi\n\u200bProducts: khong-co\n\nA.\n"
    project.write("content/stories/tin-moi.md", story)
    _, printed = check(project, capsys)
    assert [line for line in printed if line.startswith("content/")] == [
        "content/stories/tin-moi.md:5: Products: no product 'khong-co' in data/products/"
    ]
