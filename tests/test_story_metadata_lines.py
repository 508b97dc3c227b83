"""A story's metadata as editors mistype it. Markdown ends the metadata at the first line
that is not ``Key: value``; the keys below it are then the story's text. The line is told
for what it is, and the keys written on or below it are not also told missing (on line 1,
before the line that causes it). Lines of three dashes around the metadata, as in YAML
front matter, are Markdown's own form: the story is published as Pelican reads it."""

from __future__ import annotations

import pytest
from conftest import Project, parse
from test_bad_stories import STORY, check_and_build, published

PATH = "content/stories/tin-moi.md"
KEYS = "Title, Date, Lang, Slug, Products, Producers, Fairs, Summary, Modified, Status"

MISTYPED = {
    "a blank before the colon": (
        STORY.replace("Title: ", "Title : "),
        "1: -: remove the blank before the colon: Title:",
    ),
    "a key indented": (
        STORY.replace("Lang: vi", " Lang: vi"),
        "3: -: remove the blanks at the start of the line: metadata starts at the line's first character",
    ),
    "a key in Vietnamese": (
        STORY.replace("Slug: tin-moi\n", "Slug: tin-moi\nTóm tắt: Tin ngắn.\n"),
        f"5: -: 'Tóm tắt' is not a metadata key; the keys are written in English: {KEYS}",
    ),
    "a note among the keys": (
        STORY.replace("Date:", "== ghi chú ==\nDate:"),
        "2: -: expected 'Key: value' metadata: this line ends the metadata, and Date, Lang, Slug below it are not read",
    ),
}


@pytest.mark.parametrize("case", sorted(MISTYPED))
def test_a_mistyped_metadata_line_is_the_one_line_told(project: Project, capsys, caplog, case):
    text, expected = MISTYPED[case]
    project.write(PATH, text)
    found = check_and_build(project, capsys, caplog)
    assert [line for line in found if line.startswith("content/")] == [f"{PATH}:{expected}"]


def test_a_key_truly_missing_below_a_mistyped_line_is_still_told(project: Project, capsys, caplog):
    project.write(PATH, STORY.replace("Title: ", "Title : ").replace("Slug: tin-moi\n", ""))
    found = check_and_build(project, capsys, caplog)
    assert [line for line in found if line.startswith("content/")] == [
        f"{PATH}:1: -: remove the blank before the colon: Title:",
        f"{PATH}:1: Slug: required metadata is missing",
    ]


@pytest.mark.parametrize("end", ["---", "..."])
def test_metadata_between_lines_of_dashes_is_published(project: Project, capsys, end):
    metadata, body = STORY.split("\n\n", 1)
    project.write(PATH, f"---\n{metadata}\nProducts: dau-lac-hai-yen\n{end}\n{body}")
    published(project, capsys)
    story = parse(project.output / "tin-tuc/tin-moi/index.html")
    assert story.h1.get_text(strip=True) == "Tin mới"
    assert "---" not in story.get_text() and "Slug" not in story.get_text()
    product = parse(project.output / "san-pham/dau-lac-hai-yen/index.html")
    assert product.find("a", href="/tin-tuc/tin-moi/") is not None
