"""The editors' guides' examples, done in a copy of the demo as the guides say, copied as written:
each passes `make check` with no problem in the files it writes, and a message a guide quotes along
the way is the one printed. The table of errors is tested in test_editors_guide.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, Project
from test_bad_input import check

GUIDES = [ROOT / "docs" / "editors-guide.en.md", ROOT / "docs" / "editors-guide.vi.md"]
HEADINGS = {
    "product": ("Add a product", "Thêm sản phẩm"),
    "areas": ("Add a commune or district", "Thêm xã, phường hoặc huyện"),
    "fair": ("Add a fair", "Thêm hội chợ"),
    "story": ("Add a story", "Thêm bài viết"),
    "picture": ("Add a picture", "Thêm ảnh"),
    "rename": ("Rename or remove a product or producer", "Đổi tên hoặc xóa sản phẩm, chủ thể"),
    "translate": ("Translate", "Dịch sang tiếng Anh"),
}
PHOTO = (ROOT / "content/images/products/mat-ong-dam-ha.jpg").read_bytes()
FAIR = "name: {vi: Chợ phiên, en: Market}\nstart: 2026-12-01\nend: 2026-12-03\nvenue: {vi: Hạ Long, en: Ha Long}\n"
PRODUCER = "name: {vi: Hộ ông Ba, en: Mr Ba's household}\nkind: household\n"


def section(guide: Path, name: str) -> str:
    """The text under the guide's heading ``## <name>``, up to the next such heading."""
    heading = HEADINGS[name][GUIDES.index(guide)]
    text = guide.read_text(encoding="utf-8")
    found = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert found, f"no section '## {heading}' in {guide.name}"
    return found.group(1)


def blocks(text: str, language: str) -> list[str]:
    """The section's fenced examples in that language, without the indentation of the list item
    they are in: an example's own indentation is kept, as an editor copies it."""
    found = re.findall(rf"^( *)```{language}\n(.*?)^\1```", text, re.MULTILINE | re.DOTALL)
    return ["".join(line[len(indent) :] + "\n" for line in body.splitlines()) for indent, body in found]


def about(printed: list[str], relative: str) -> list[str]:
    return [line for line in printed if line.startswith(relative + ":")]


@pytest.fixture(params=GUIDES, ids=lambda guide: guide.name)
def guide(request) -> Path:
    return request.param


def test_the_product_example_passes_once_its_picture_is_in_place(project: Project, capsys, guide: Path):
    text = section(guide, "product")
    record = "data/products/mat-ong-hoa-nhan-dong-trieu.yaml"
    example = blocks(text, "yaml")[0]
    project.write(record, example)
    _, printed = check(project, capsys)
    quoted = re.search(r"`(images\.0\.file: no picture [^`]+)`", text)
    assert quoted, "the guide no longer says what the check prints while the picture is missing"
    assert [line for line in about(printed, record) if line.endswith(": " + quoted.group(1))], printed

    picture = project.root / "content/images" / yaml.safe_load(example)["images"][0]["file"]
    picture.write_bytes(PHOTO)
    code, printed = check(project, capsys)
    assert code == 0 and about(printed, record) == []

    # Add a picture: its images: replace the example's.
    project.write(record, example[: example.index("images:")] + blocks(section(guide, "picture"), "yaml")[0])
    code, printed = check(project, capsys)
    assert code == 0 and about(printed, record) == []


def test_a_commune_added_as_the_guide_says_can_be_a_producers(project: Project, capsys, guide: Path):
    commune = blocks(section(guide, "areas"), "yaml")[0]
    areas = project.root / "data/areas.yaml"
    text = areas.read_text(encoding="utf-8")
    communes = text.index("    communes:\n", text.index("  - id: dong-trieu\n")) + len("    communes:\n")
    areas.write_text(text[:communes] + commune + text[communes:], encoding="utf-8")
    commune_id = yaml.safe_load(commune)[0]["id"]
    project.write("data/producers/ho-ong-ba.yaml", PRODUCER + f"commune: {commune_id}\n")
    code, printed = check(project, capsys)
    assert code == 0, printed
    assert about(printed, "data/areas.yaml") == []
    assert about(printed, "data/producers/ho-ong-ba.yaml") == [
        "data/producers/ho-ong-ba.yaml:1: -: warning: the producer has no products"
    ]


def test_a_districts_description_written_as_the_guide_says_passes_the_check(project: Project, capsys, guide: Path):
    example = blocks(section(guide, "areas"), "yaml")[1]  # a district's lines down to its communes
    district_id = re.match(r"\s*- id: (\S+)", example).group(1)
    areas = project.root / "data/areas.yaml"
    text = areas.read_text(encoding="utf-8")
    start = text.index(f"  - id: {district_id}\n")
    end = text.index("    communes:\n", start) + len("    communes:\n")
    areas.write_text(text[:start] + example + text[end:], encoding="utf-8")
    code, printed = check(project, capsys)
    assert code == 0 and about(printed, "data/areas.yaml") == [], printed
    written = yaml.safe_load(areas.read_text(encoding="utf-8"))["districts"]
    assert next(d for d in written if d["id"] == district_id)["description"]["en"].startswith("An island district")


def test_the_fair_example_passes_the_check(project: Project, capsys, guide: Path):
    fair = "data/fairs/cho-phien.yaml"
    project.write(fair, FAIR + blocks(section(guide, "fair"), "yaml")[0])
    code, printed = check(project, capsys)
    assert code == 0 and about(printed, fair) == []


def test_the_story_example_passes_the_check_in_both_languages(project: Project, capsys, guide: Path):
    story = blocks(section(guide, "story"), "markdown")[0]
    project.write("content/stories/tra-hoa-vang-vao-mua.vi.md", story)
    project.write("content/stories/tra-hoa-vang-vao-mua.en.md", story.replace("Lang: vi", "Lang: en"))
    code, printed = check(project, capsys)
    assert code == 0 and about(printed, "content/stories/tra-hoa-vang-vao-mua.vi.md") == []
    assert about(printed, "content/stories/tra-hoa-vang-vao-mua.en.md") == []


def test_renaming_as_the_guide_says_prints_the_line_it_quotes(project: Project, capsys, guide: Path):
    text = section(guide, "rename")
    old, new = project.root / "data/products/dau-lac-hai-yen.yaml", "data/products/dau-lac-nguyen-chat-hai-yen.yaml"
    lines = old.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = "".join(line for line in lines if not line.startswith(("id:", "name:")))
    project.write(new, blocks(text, "yaml")[0] + kept)
    old.unlink()
    code, printed = check(project, capsys)
    quoted = blocks(text, "text")[0].strip()
    assert code == 1 and quoted in printed, printed


def test_the_translated_texts_leave_the_report_of_missing_english(project: Project, capsys, guide: Path):
    pair, long_form = blocks(section(guide, "translate"), "yaml")
    after = pair.splitlines()[-1]
    record = project.root / "data/products/mam-ruoc-van-ninh.yaml"
    text = record.read_text(encoding="utf-8")
    text = re.sub(r"^season: .*\n", after + "\n", text, flags=re.MULTILINE)
    text = re.sub(r"^description: \|\n(  .*\n)+", long_form, text, flags=re.MULTILINE)
    record.write_text(text, encoding="utf-8")
    code, printed = check(project, capsys)
    missing = [line for line in about(printed, "data/products/mam-ruoc-van-ninh.yaml") if "no English text" in line]
    assert code == 0 and missing and not [line for line in missing if "season" in line or "description" in line]


def test_a_certificate_ended_as_the_guide_says_is_warned_about(project: Project, capsys, guide: Path):
    text = section(guide, "product")
    ended = re.search(r"`(certificate: \{[^`]*valid_until[^`]*)`", text)
    quoted = re.search(r"`(certificate: warning: [^`]+)`", text)
    assert ended and quoted, "the guide no longer says how to end a certificate, and what the check says then"
    record = project.root / "data/products/mat-ong-rung-dong-lam.yaml"
    lines = record.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.startswith("certificate:"))
    lines[at] = ended.group(1) + "\n"
    record.write_text("".join(lines), encoding="utf-8")
    code, printed = check(project, capsys)
    assert code == 0
    assert about(printed, "data/products/mat-ong-rung-dong-lam.yaml") == [
        f"data/products/mat-ong-rung-dong-lam.yaml:{at + 1}: {quoted.group(1)}"
    ]


def test_the_story_links_of_each_guide_lead_to_a_page_in_the_storys_language(project: Project, capsys):
    """Each guide's link, written in a story of the guide's language, opens the other story in it."""
    pages = {"en": "en/stories/tra-hoa-vang-vao-mua", "vi": "tin-tuc/tra-hoa-vang-vao-mua"}
    targets = {"en": "/en/stories/dau-lac-hai-yen/", "vi": "/tin-tuc/dau-lac-hai-yen/"}
    for guide, lang in zip(GUIDES, ("en", "vi"), strict=True):
        text = section(guide, "story")
        link = re.search(r"`(\[[^`\]]+\]\(\{filename\}[^`]+\))`", text).group(1)
        story = blocks(text, "markdown")[0].replace("Lang: vi", f"Lang: {lang}")
        project.write(f"content/stories/tra-hoa-vang-vao-mua.{lang}.md", story + "\n" + link + "\n")
    code, printed = project.build(capsys)
    assert code == 0, printed
    for lang, page in pages.items():
        html = (project.output / page / "index.html").read_text(encoding="utf-8")
        assert f'href="{targets[lang]}"' in html, lang
