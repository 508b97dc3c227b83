"""A mistake in a story is reported by `make check` and `make html` alike, as
``path:line: key: message``, and nothing else: no message of Pelican's, no path of the
machine. A story written as the data format says builds and is published."""

from __future__ import annotations

import logging
import re

import pytest
from conftest import ROOT, Project
from ocop_catalogue import checking, loading, record_cache
from ocop_catalogue.loading import parse_record

PICTURE = sorted((ROOT / "content/images/products").glob("*.jpg"))[0].name
STORY = "Title: Tin mới\nDate: 2026-06-05\nLang: vi\nSlug: tin-moi\n\nNội dung.\n"
# What an editor may see: problems, and the summary line that ends every check and build.
# A problem, the heading above the errors, or the summary.
PRINTED = re.compile(r"^([^\s:]+:\d+: \S+: .+|Lỗi / Errors: \d+|(ok|failed): .+)$")


def problems(printed: str) -> list[str]:
    return [line for line in printed.splitlines() if not line.startswith(("ok: ", "failed: ", "Lỗi / Errors: "))]


def check_and_build(project: Project, capsys, caplog) -> list[str]:
    """The problems `make check` prints, once `make html` has failed with the same ones
    and Pelican has logged nothing (a build prints what it logs)."""
    checked = checking.check(str(project.root / "pelicanconf.py")), capsys.readouterr().err
    with caplog.at_level(logging.WARNING):
        built = project.build(capsys)
    assert [record.getMessage() for record in caplog.records if record.name.startswith("pelican")] == []
    for code, printed in (checked, built):
        assert code == 1, printed
        assert all(PRINTED.match(line) for line in printed.splitlines()), printed
    assert problems(checked[1]) == problems(built[1]), (checked[1], built[1])
    assert not project.output.exists()
    return problems(checked[1])


def published(project: Project, capsys) -> None:
    """Run `make check` and `make html`, which must both pass."""
    code, printed = checking.check(str(project.root / "pelicanconf.py")), capsys.readouterr().err
    assert code == 0, printed
    code, printed = project.build(capsys)
    assert code == 0, printed


CASES = {
    "a date that is not a date": (
        {"content/stories/tin-moi.md": STORY.replace("2026-06-05", "mùng 5 tháng 6")},
        [
            "content/stories/tin-moi.md:2: Date: 'mùng 5 tháng 6' is not a date written as YYYY-MM-DD, such as 2026-05-20"
        ],
    ),
    "a date written day first": (
        {"content/stories/tin-moi.md": STORY.replace("2026-06-05", "05/06/2026")},
        [
            "content/stories/tin-moi.md:2: Date: '05/06/2026' is not a date written as YYYY-MM-DD, such as 2026-05-20: "
            "write 2026-06-05"
        ],
    ),
    "a date that does not exist": (
        {"content/stories/tin-moi.md": STORY.replace("2026-06-05", "2026-02-30")},
        ["content/stories/tin-moi.md:2: Date: '2026-02-30' is not a day of the calendar: check the month and the day"],
    ),
    "a time of day that does not exist": (
        {"content/stories/tin-moi.md": STORY.replace("2026-06-05", "2026-06-05 25:30")},
        [
            "content/stories/tin-moi.md:2: Date: '2026-06-05 25:30' is not a day and time of the calendar: "
            "check the month, the day and the time"
        ],
    ),
    "a slug written as a title": (
        {
            "content/stories/tin-moi.md": STORY.replace("Slug: tin-moi", "Slug: Tin mới"),
        },
        [
            "content/stories/tin-moi.md:4: Slug: a slug is lowercase ASCII letters, digits and hyphens (a-z, 0-9, -): "
            "write tin-moi"
        ],
    ),
    "a modified date written day first": (
        {"content/stories/tin-moi.md": STORY.replace("Slug: tin-moi", "Slug: tin-moi\nModified: 06/06/2026")},
        [
            "content/stories/tin-moi.md:5: Modified: '06/06/2026' is not a date written as YYYY-MM-DD, such as 2026-05-20: "
            "write 2026-06-06"
        ],
    ),
    "a story saved as .txt": (
        {"content/stories/tin-moi.txt": STORY},
        [
            "content/stories/tin-moi.txt:1: -: stories are .md files (in lowercase); rename it or move it out of content/stories/"
        ],
    ),
    "a story saved as .MD": (
        {"content/stories/tin-moi.MD": STORY},
        [
            "content/stories/tin-moi.MD:1: -: stories are .md files (in lowercase); rename it or move it out of content/stories/"
        ],
    ),
    "a story saved as .md.txt": (
        {"content/stories/tin-moi.md.txt": STORY},
        [
            "content/stories/tin-moi.md.txt:1: -: stories are .md files (in lowercase); rename it or move it out of content/stories/"
        ],
    ),
    # Pelican reads .markdown files, and left this one out for its missing title, unsaid.
    "a story saved as .markdown": (
        {"content/stories/tin-moi.markdown": STORY.replace("Title: Tin mới\n", "")},
        [
            "content/stories/tin-moi.markdown:1: -: stories are .md files (in lowercase); rename it or move it out of content/stories/"
        ],
    ),
    "an editor's backup copy": (
        {"content/stories/tin-moi.md~": STORY},
        [
            "content/stories/tin-moi.md~:1: -: stories are .md files (in lowercase); rename it or move it out of content/stories/"
        ],
    ),
    "a story in a folder": (
        {"content/stories/2026/tin-moi.md": STORY},
        [
            "content/stories/2026:1: -: stories are .md files in content/stories/ itself, not in a folder; move them out of this one"
        ],
    ),
    "an unknown status": (
        {"content/stories/tin-moi.md": STORY.replace("Slug: tin-moi", "Slug: tin-moi\nStatus: nháp")},
        ["content/stories/tin-moi.md:5: Status: unknown status 'nháp'; use one of draft, published"],
    ),
    "a hidden story": (
        {"content/stories/tin-moi.md": STORY.replace("Slug: tin-moi", "Slug: tin-moi\nStatus: hidden")},
        ["content/stories/tin-moi.md:5: Status: unknown status 'hidden'; use one of draft, published"],
    ),
    "a copied story whose Slug stayed": (
        {"content/stories/tin-moi.md": STORY, "content/stories/tin-moi-2.md": STORY.replace("Tin mới", "Tin mới nữa")},
        [
            "content/stories/tin-moi-2.md:4: Slug: 'tin-moi' is also the Slug of content/stories/tin-moi.md in the same language (Lang: vi); change the Slug of one of them, or the Lang of a translation",
            "content/stories/tin-moi.md:4: Slug: 'tin-moi' is also the Slug of content/stories/tin-moi-2.md in the same language (Lang: vi); change the Slug of one of them, or the Lang of a translation",
        ],
    ),
    "a copied translation whose Lang stayed": (
        {"content/stories/tin-moi.vi.md": STORY, "content/stories/tin-moi.en.md": STORY.replace("Tin mới", "News")},
        [
            "content/stories/tin-moi.en.md:4: Slug: 'tin-moi' is also the Slug of content/stories/tin-moi.vi.md in the same language (Lang: vi); change the Slug of one of them, or the Lang of a translation",
            "content/stories/tin-moi.vi.md:4: Slug: 'tin-moi' is also the Slug of content/stories/tin-moi.en.md in the same language (Lang: vi); change the Slug of one of them, or the Lang of a translation",
        ],
    ),
    # Pelican keeps the first Slug; the check used to judge the last.
    "a key given twice": (
        {"content/stories/tin-moi.md": STORY.replace("Slug: tin-moi", "Slug: tin-moi\nSlug: Tin Mới")},
        ["content/stories/tin-moi.md:5: Slug: duplicate key (first given on line 4)"],
    ),
    "a misspelt key": (
        {"content/stories/tin-moi.md": STORY.replace("Slug: tin-moi", "Slug: tin-moi\nProdcuts: dau-lac-hai-yen")},
        ["content/stories/tin-moi.md:5: Prodcuts: unknown key (did you mean 'Products'?)"],
    ),
    "a language named otherwise than by its code": (
        {"content/stories/tin-moi.md": STORY.replace("Lang: vi", "Lang: VN")},
        ["content/stories/tin-moi.md:3: Lang: unknown language 'VN'; use one of vi, en; write vi"],
    ),
    "ids separated by semicolons": (
        {
            "content/stories/tin-moi.md": STORY.replace(
                "Slug: tin-moi", "Slug: tin-moi\nProducts: dau-lac-hai-yen; dau-vung-hai-yen"
            )
        },
        [
            "content/stories/tin-moi.md:5: Products: ids are separated by commas, not semicolons: "
            "write dau-lac-hai-yen, dau-vung-hai-yen"
        ],
    ),
    "a product named by its name": (
        {
            "content/stories/tin-moi.md": STORY.replace(
                "Slug: tin-moi", "Slug: tin-moi\nProducts: Dầu lạc nguyên chất Hải Yến"
            )
        },
        [
            "content/stories/tin-moi.md:5: Products: no product 'Dầu lạc nguyên chất Hải Yến' in data/products/ "
            "(did you mean 'dau-lac-hai-yen'?)"
        ],
    ),
    "a date written in words": (
        {"content/stories/tin-moi.md": STORY.replace("2026-06-05", "ngày 5 tháng 6 năm 2026")},
        [
            "content/stories/tin-moi.md:2: Date: 'ngày 5 tháng 6 năm 2026' is not a date written as YYYY-MM-DD, "
            "such as 2026-05-20: write 2026-06-05"
        ],
    ),
    "a key the site does not use": (
        {"content/stories/tin-moi.md": STORY.replace("Slug: tin-moi", "Slug: tin-moi\ntags: ocop")},
        [
            "content/stories/tin-moi.md:5: tags: unknown key; known keys: Title, Date, Lang, Slug, Products, Producers, Fairs, Summary, Modified, Status"
        ],
    ),
    "the languages of one story with different slugs": (
        {
            "content/stories/tin-moi.vi.md": STORY,
            "content/stories/tin-moi.en.md": STORY.replace("Lang: vi", "Lang: en").replace(
                "Slug: tin-moi", "Slug: news"
            ),
        },
        [
            "content/stories/tin-moi.en.md:4: Slug: 'news' differs from the Slug 'tin-moi' of content/stories/tin-moi.vi.md, the other language of this story; the languages of a story share their Slug",
            "content/stories/tin-moi.vi.md:4: Slug: 'tin-moi' differs from the Slug 'news' of content/stories/tin-moi.en.md, the other language of this story; the languages of a story share their Slug",
        ],
    ),
    "a missing picture": (
        {"content/stories/tin-moi.md": STORY + "\n![Ảnh]({static}/images/products/khong-co.jpg)\n"},
        ["content/stories/tin-moi.md:8: -: no picture content/images/products/khong-co.jpg"],
    ),
    "a missing picture, from the story's folder": (
        {"content/stories/tin-moi.md": STORY + '\nẢnh: ![Ảnh](../images/products/khong-co.jpg "Ảnh").\n'},
        ["content/stories/tin-moi.md:8: -: no picture content/images/products/khong-co.jpg"],
    ),
    # The file is there, but the page is not where the story's file is: the picture is broken.
    "a picture from the story's folder": (
        {"content/stories/tin-moi.md": STORY + f"\n![Ảnh](../images/products/{PICTURE})\n"},
        [
            f"content/stories/tin-moi.md:8: -: write it as {{static}}/images/products/{PICTURE}: a path from the story's file is broken on the site"
        ],
    ),
    # Written by its place on the site or in the repository: the site publishes its copies only.
    "a picture by its address on the site": (
        {"content/stories/tin-moi.md": STORY + f"\n![Ảnh](/images/products/{PICTURE})\n"},
        [
            f"content/stories/tin-moi.md:8: -: write it as {{static}}/images/products/{PICTURE}: the picture itself "
            "is not published, only its copies for phones"
        ],
    ),
    "a picture by its place in the repository": (
        {"content/stories/tin-moi.md": STORY + f'\n<img src="/content/images/products/{PICTURE}" alt="Ảnh">\n'},
        [
            f"content/stories/tin-moi.md:8: -: write it as {{static}}/images/products/{PICTURE}: the picture itself "
            "is not published, only its copies for phones"
        ],
    ),
    "a picture from content/ without {static}": (
        {"content/stories/tin-moi.md": STORY + f"\n![Ảnh](images/products/{PICTURE})\n"},
        [
            f"content/stories/tin-moi.md:8: -: write it as {{static}}/images/products/{PICTURE}: after {{static}}, "
            "a path starts with /, from content/"
        ],
    ),
    "a picture after {static} without its /": (
        {"content/stories/tin-moi.md": STORY + f"\n![Ảnh]({{static}}images/products/{PICTURE})\n"},
        [
            f"content/stories/tin-moi.md:8: -: write it as {{static}}/images/products/{PICTURE}: after {{static}}, "
            "a path starts with /, from content/"
        ],
    ),
    "a picture on the editor's computer": (
        {"content/stories/tin-moi.md": STORY + "\n![Ảnh](C:\\Users\\Lan\\Pictures\\tra.jpg)\n"},
        [
            "content/stories/tin-moi.md:8: -: 'C:\\Users\\Lan\\Pictures\\tra.jpg' is a path on a computer, which the "
            "site's readers cannot open; put the picture in content/images/ and write {static}/images/..."
        ],
    ),
    "a missing picture whose name holds spaces and parentheses": (
        {"content/stories/tin-moi.md": STORY + '\n![Ảnh]({static}/images/products/Ảnh Zalo (2).jpg "Ảnh")\n'},
        ["content/stories/tin-moi.md:8: -: no picture content/images/products/Ảnh Zalo (2).jpg"],
    ),
    "a missing picture in HTML": (
        {"content/stories/tin-moi.md": STORY + '\n<figure><img src="{static}/images/khong-co.png" alt=""></figure>\n'},
        ["content/stories/tin-moi.md:8: -: no picture content/images/khong-co.png"],
    ),
    "a link to a missing story": (
        {
            "content/stories/tin-moi.md": STORY
            + "\nXem [bài cũ]({filename}tin-cu.vi.md) và [ảnh][a].\n\n[a]: {static}/images/a.jpg\n"
        },
        [
            "content/stories/tin-moi.md:8: -: no file content/stories/tin-cu.vi.md",
            "content/stories/tin-moi.md:10: -: no file content/images/a.jpg",
        ],
    ),
    "a picture outside content": (
        {"content/stories/tin-moi.md": STORY + "\n![Cấu hình]({static}/../pelicanconf.py)\n"},
        ["content/stories/tin-moi.md:8: -: the picture '{static}/../pelicanconf.py' is outside content/"],
    ),
    "a blank line on top": (
        {"content/stories/tin-moi.md": "\n \n" + STORY},
        [
            "content/stories/tin-moi.md:1: -: remove the blank line(s) at the top: the metadata must start on the first line"
        ],
    ),
    "no title": (
        {"content/stories/tin-moi.md": STORY.replace("Title: Tin mới\n", "")},
        ["content/stories/tin-moi.md:1: Title: required metadata is missing"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_mistake_in_a_story_is_reported_alike_by_check_and_build(project: Project, capsys, caplog, case):
    files, expected = CASES[case]
    for path, text in files.items():
        project.write(path, text)
    found = check_and_build(project, capsys, caplog)
    assert [line for line in found if line.startswith("content/")] == expected


@pytest.mark.parametrize("date", ["2026-06-05 08:30", "2026-06-05T08:30:15", "2026-06-05 08:30+07:00"])
def test_a_date_written_year_first_is_published_on_its_day(project: Project, capsys, date):
    project.write("content/stories/tin-moi.md", STORY.replace("2026-06-05", date))
    published(project, capsys)
    page = (project.output / "tin-tuc/tin-moi/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-06-05">' in page


def test_hidden_files_are_neither_read_nor_published(project: Project, capsys):
    """As the records' hidden files: an editor's ``.tin-moi.md.swp``, a story put aside."""
    project.write("content/stories/.tin-moi.md", STORY)
    project.write("content/stories/.cu/tin-cu.md", STORY.replace("tin-moi", "tin-cu"))
    project.write("content/stories/.tin-moi.md.swp", "\0")
    project.write("content/stories/trong/.gitkeep", "")  # a folder holding nothing to publish
    published(project, capsys)
    assert not (project.output / "tin-tuc/tin-moi").exists()
    assert not (project.output / "tin-tuc/tin-cu").exists()


def test_a_draft_is_checked_and_built_but_not_published(project: Project, capsys):
    """A draft may name a product whose record is not written yet; nothing of it reaches the site."""
    draft = STORY.replace("Title: Tin mới", "Title: Tin nháp").replace("Slug: tin-moi", "Slug: tin-moi\nStatus: Draft")
    project.write("content/stories/tin-moi.vi.md", draft + "Products: san-pham-sap-co\n")
    project.write("content/stories/tin-moi.en.md", draft.replace("Lang: vi", "Lang: en"))
    published(project, capsys)
    pages = [path for path in project.output.rglob("*") if path.is_file() and path.suffix in (".html", ".xml", ".json")]
    assert pages
    assert not [path for path in pages if "Tin nháp" in path.read_text(encoding="utf-8")]
    assert not [path for path in project.output.rglob("*") if "tin-moi" in path.name or path.name == "drafts"]


def test_a_story_whose_status_is_published_is_published(project: Project, capsys):
    project.write("content/stories/tin-moi.md", STORY.replace("Slug: tin-moi", "Slug: tin-moi\nStatus: published"))
    published(project, capsys)
    assert (project.output / "tin-tuc/tin-moi/index.html").is_file()


def test_a_draft_may_share_the_slug_of_the_story_it_will_replace(project: Project, capsys):
    project.write("content/stories/tin-moi.md", STORY)
    project.write("content/stories/tin-moi-sua.md", STORY.replace("Slug: tin-moi", "Slug: tin-moi\nStatus: draft"))
    published(project, capsys)
    assert (project.output / "tin-tuc/tin-moi/index.html").is_file()


def test_pictures_and_links_that_work_on_the_site_are_published(project: Project, capsys):
    other = "dau-lac-hai-yen.vi.md"
    text = (
        f"![Ảnh]({{static}}/images/products/{PICTURE})\n\n"
        f"[Bài khác]({{filename}}{other}), [sản phẩm](/san-pham/dau-lac-hai-yen/), [mục](#muc),\n"
        "[trang](https://example.org/a.jpg), [thư](mailto:a@example.vn), [về trước](../../san-pham/).\n\n"
        "```\n![ví dụ](khong-co.jpg)\n```\n\nViết `![ảnh](khong-co.jpg)` để chèn ảnh.\n"
    )
    project.write("content/stories/tin-moi.md", STORY + "\n" + text)
    published(project, capsys)
    page = (project.output / "tin-tuc/tin-moi/index.html").read_text(encoding="utf-8")
    derivative = f"images/products/{PICTURE.removesuffix('.jpg')}-480.jpg"  # as phones get it
    assert f'src="/{derivative}"' in page and 'href="/tin-tuc/dau-lac-hai-yen/"' in page
    assert (project.output / derivative).is_file()


def test_a_build_stopped_by_a_story_reads_the_records_from_their_cache(project: Project, capsys, monkeypatch):
    """At national scale parsing every record again would add seconds to the editor's wait."""
    published(project, capsys)  # every record is in the cache now
    parsed = []

    def counted(raw, file):
        parsed.append(file.shown)
        return parse_record(raw, file)

    monkeypatch.setattr(loading, "parse_record", counted)
    monkeypatch.setattr(record_cache, "parse_record", counted)
    project.write("content/stories/tin-moi.md", STORY.replace("2026-06-05", "05/06/2026"))
    code, printed = project.build(capsys)
    assert code == 1 and "tin-moi.md:2: Date: '05/06/2026'" in printed
    assert parsed == []


# All ASCII, as an English story may be.
ENGLISH = STORY.replace("Lang: vi", "Lang: en").replace("Tin mới", "News").replace("Nội dung", "Text")


@pytest.mark.parametrize(
    ("story", "encoding"),
    [(STORY, "utf-16"), (STORY, "utf-16-le"), (STORY, "utf-16-be"), (ENGLISH, "utf-16-le")],
    ids=["with-bom", "le", "be", "ascii"],
)
def test_a_story_saved_as_utf16_is_named_so_at_its_first_line(project: Project, capsys, caplog, story, encoding):
    """Notepad's "Unicode": with a byte-order mark the story was "not UTF-8 text"; without one it
    failed at its first letter that is not ASCII, or, all ASCII, was read with a zero byte
    beside each letter, and every metadata key was reported missing."""
    (project.root / "content/stories/tin-moi.md").write_bytes(story.encode(encoding))
    found = check_and_build(project, capsys, caplog)
    assert [line for line in found if line.startswith("content/")] == [
        "content/stories/tin-moi.md:1: -: the file is saved as UTF-16, not UTF-8; save it as UTF-8"
    ]
