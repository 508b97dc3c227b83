"""Every line the editors' guides quote in "Fix the errors the build reports" is a line
`make check` prints: each row's mistake is made in a copy of the demo and checked; so are the
lines of the guides' example of one mistake reported on several lines.

A row of the table without a reproduction below fails, so that a new row gets one."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, Project, damaged_png
from PIL import Image
from test_bad_input import check, product
from test_bad_stories import STORY
from test_story_pictures import heic
from test_yaml_syntax_errors import long_form

GUIDES = [ROOT / "docs" / "editors-guide.en.md", ROOT / "docs" / "editors-guide.vi.md"]

FAIR = "name: Chợ phiên\nstart: 2027-01-10\nend: 2027-01-20\nvenue: Hạ Long\n"
FAIR_STAND = FAIR + "exhibitors:\n  - producer: htx-nong-nghiep-hai-yen\n    booth: A1\n    products:\n"
PRODUCER = "name: Hộ ông Ba\nkind: household\ncommune: van-ninh\n"


def huge_photo(path: Path) -> None:
    """A photo as a phone's 108 megapixel mode makes it: 12,000 × 9,000 px."""
    Image.new("L", (12_000, 9_000)).save(path, "JPEG")


# Each guide line, and how to make its mistake: for each file of the demo's copy, the new
# file's text (or bytes, or a function that writes it), or (old, new) to replace in it.
Change = str | bytes | tuple[str, str] | Callable[[Path], None]
REPRODUCTIONS: dict[str, dict[str, Change]] = {
    "mat-ong-hoa-nhan.yaml:2: prodcuer: unknown key (did you mean 'producer'?)": {
        "data/products/mat-ong-hoa-nhan.yaml": product(producer="prodcuer: htx-nong-lam-dai-binh"),
    },
    "mat-ong-hoa-nhan.yaml:1: producer: required key is missing": {
        "data/products/mat-ong-hoa-nhan.yaml": product(producer=""),
    },
    "mat-ong-hoa-nhan.yaml:4: star: must be 3, 4 or 5, the number alone: write 4": {
        "data/products/mat-ong-hoa-nhan.yaml": product(star="star: 4 sao"),
    },
    "mat-ong-hoa-nhan.yaml:5: certificate.date: must be a date written as YYYY-MM-DD, such as 2019-12-23: "
    "write 2024-12-23": {
        "data/products/mat-ong-hoa-nhan.yaml": product(
            certificate='certificate: {number: "12/QĐ-UBND", date: 23/12/2024, level: district}'
        ),
    },
    "mat-ong-hoa-nhan.yaml:5: certificate.date: 2024-23-12 is not a day of the calendar: check the month and the day": {
        "data/products/mat-ong-hoa-nhan.yaml": product(
            certificate='certificate: {number: "12/QĐ-UBND", date: 2024-23-12, level: district}'
        ),
    },
    "mat-ong.yaml:5: certificate.date: warning: the certificate is dated 2202-08-18, after the build date "
    "(2026-11-22); a decision cannot be dated in the future: check the year (until then the product is not "
    "shown as certified)": {
        "data/products/mat-ong.yaml": product(
            certificate='certificate: {number: "12/QĐ-UBND", date: 2202-08-18, level: district}'
        ),
    },
    "mat-ong.yaml:5: certificate.valid_until: warning: the certificate is valid until 2205-08-18, more than 36 "
    "months after its date 2022-08-18; a decision holds for 36 months: check the year": {
        "data/products/mat-ong.yaml": product(
            certificate='certificate: {number: "12/QĐ-UBND", date: 2022-08-18, level: district, valid_until: 2205-08-18}'
        ),
    },
    "mat-ong.yaml:5: certificate.level: warning: the certificate is dated 2025-09-16, after districts stopped "
    "certifying on 2025-07-01 (since then the province certifies 3 and 4 stars): check the level and the date": {
        "data/products/mat-ong.yaml": product(
            certificate='certificate: {number: "12/QĐ-UBND", date: 2025-09-16, level: district}'
        ),
    },
    "ba-kich.yaml:5: certificate.level: warning: a 5-star product is certified at national level, not province: "
    "check the star and the level": {
        "data/products/ba-kich.yaml": product(
            star="star: 5", certificate='certificate: {number: "12/QĐ-UBND", date: 2024-04-22, level: province}'
        ),
    },
    "cho-he.yaml:3: end: warning: the fair lasts 13,154 days, from 2026-04-16 to 2062-04-20; "
    "a fair lasts at most 31 days: check the years and months": {
        "data/fairs/cho-he.yaml": "name: Chợ hè\nstart: 2026-04-16\nend: 2062-04-20\nvenue: Hạ Long\n",
    },
    "mat-ong.yaml:2: producer: the producer 'htx-hai-yen' was renamed 'htx-nong-nghiep-hai-yen' (…): "
    "write 'htx-nong-nghiep-hai-yen'": {
        "data/producers/htx-nong-nghiep-hai-yen.yaml": ("name:", "former_ids: [htx-hai-yen]\nname:"),
        "data/products/mat-ong.yaml": product(producer="producer: htx-hai-yen"),
    },
    "mat-ong.yaml:1: former_ids.0: 'mat-ong-rung' is the id of data/products/mat-ong-rung.yaml, "
    "whose page is at that address; …": {
        "data/products/mat-ong-rung.yaml": product(),
        "data/products/mat-ong.yaml": product(name="former_ids: [mat-ong-rung]\nname: Mật ong"),
    },
    "mat-ong-hoa-nhan.yaml:1: name: warning: 'Mật ong Đầm Hà' is also the name of "
    "data/products/mat-ong-dam-ha.yaml, by the same producer; …": {
        "data/products/mat-ong-hoa-nhan.yaml": (ROOT / "data/products/mat-ong-dam-ha.yaml").read_text(encoding="utf-8"),
    },
    "mat-ong.yaml:2: producer: no producer 'khong-co' in data/producers/": {
        "data/products/mat-ong.yaml": product(producer="producer: khong-co"),
    },
    "cho-phien.yaml:6: exhibitors.0.producer: no producer 'htx-tra-hoa-vang' in data/producers/ "
    "(did you mean 'htx-tra-hoa-vang-ba-che'?)": {
        "data/fairs/cho-phien.yaml": FAIR + "exhibitors:\n  - producer: htx-tra-hoa-vang\n    booth: A1\n",
    },
    "cho-phien.yaml:10: exhibitors.0.products.1: 'dau-lac-hai-yen' is listed twice; keep one": {
        "data/fairs/cho-phien.yaml": FAIR_STAND + "      - dau-lac-hai-yen\n      - dau-lac-hai-yen\n",
    },
    "ho-moi.yaml:3: commune: no commune 'khong-co' in data/areas.yaml": {
        "data/producers/ho-moi.yaml": PRODUCER.replace("van-ninh", "khong-co"),
    },
    "ho-moi.yaml:2: kind: must be one of 'enterprise', 'cooperative', 'cooperative-group' or 'household'; "
    "Hộ kinh doanh is written 'household'": {
        "data/producers/ho-moi.yaml": PRODUCER.replace("kind: household", "kind: Hộ kinh doanh"),
    },
    "ho-moi.yaml:3: commune: 'mong-cai' is a district in data/areas.yaml; write the producer's commune, "
    "one of: tran-phu, tra-co, hai-dong, van-ninh": {
        "data/producers/ho-moi.yaml": PRODUCER.replace("van-ninh", "mong-cai"),
    },
    "ho-moi.yaml:8: geo.lat: must be a latitude from -90 to 90, such as 21.08; "
    "107.6 looks like a longitude: are lat and lon swapped?": {
        "data/producers/ho-moi.yaml": PRODUCER
        + "phone: 0912345678\nemail: ba@example.vn\nwebsite: https://example.vn\naddress: Thôn 1\n"
        + "geo: {lat: 107.6, lon: 21.36}\n",
    },
    "ho-moi.yaml:8: geo: expected keys and values (key: value) here: write geo: {lat: 21.2861, lon: 107.3712}": {
        "data/producers/ho-moi.yaml": PRODUCER
        + "phone: 0912345678\nemail: ba@example.vn\nwebsite: https://example.vn\naddress: Thôn 1\n"
        + "geo: 21.2861, 107.3712\n",
    },
    "mat-ong.yaml:7: images.0.file: no picture content/images/products/khong-co.jpg": {
        "data/products/mat-ong.yaml": product(images="images:\n  - file: products/khong-co.jpg"),
    },
    "mat-ong.yaml:7: images.0.file: no picture content/images/products/IMG_2041.jpg; "
    "did you mean products/IMG_2041.JPG?": {
        "content/images/products/IMG_2041.JPG": (ROOT / "content/images/products/mat-ong-dam-ha.jpg").read_bytes(),
        "data/products/mat-ong.yaml": product(images="images:\n  - file: products/IMG_2041.jpg"),
    },
    "mat-ong.yaml:7: images.0.file: no picture content/images/content/images/products/mat-ong-dam-ha.jpg; "
    "a picture's path starts inside content/images/: write products/mat-ong-dam-ha.jpg": {
        "data/products/mat-ong.yaml": product(images="images:\n  - file: content/images/products/mat-ong-dam-ha.jpg"),
    },
    "mat-ong.yaml:2: producer: contains an invisible character (U+200B zero width space) "
    "after 'htx-nong-lam-dai-binh'; delete it": {
        "data/products/mat-ong.yaml": product(producer="producer: htx-nong-lam-dai-binh\u200b"),
    },
    # The guide shows the four no-break spaces the line starts with as spaces.
    "mat-ong.yaml:8:     alt: unknown key: it holds 4 invisible characters (U+00A0 no-break space) "
    "at the start, not counted as indentation; indent with ordinary spaces": {
        "data/products/mat-ong.yaml": product(
            images="images:\n  - file: products/mat-ong-dam-ha.jpg\n\u00a0\u00a0\u00a0\u00a0alt: Mật ong"
        ),
    },
    "mat-ong.yaml:7: images.0.file: cannot read the picture content/images/products/mat-ong.png: "
    "the picture is damaged (its pixels cannot be decoded); export or copy it again": {
        "content/images/products/mat-ong.png": damaged_png,
        "data/products/mat-ong.yaml": product(images="images:\n  - file: products/mat-ong.png"),
    },
    "mat-ong.yaml:7: images.0.file: cannot read the picture content/images/products/IMG_2041.HEIC: it is a HEIC photo "
    "(an iPhone's format), which most browsers cannot show: export it as JPEG (on the iPhone: Settings > Camera > "
    "Formats > Most Compatible)": {
        "content/images/products/IMG_2041.HEIC": heic,
        "data/products/mat-ong.yaml": product(images="images:\n  - file: products/IMG_2041.HEIC"),
    },
    "mat-ong.yaml:7: images.0.file: cannot read the picture content/images/products/IMG_2041.jpg: it is "
    "12,000 × 9,000 px; a picture may be at most 10,000 px wide and tall: resize it": {
        "content/images/products/IMG_2041.jpg": huge_photo,
        "data/products/mat-ong.yaml": product(images="images:\n  - file: products/IMG_2041.jpg"),
    },
    "ho-ba-tu.yaml:5: phone: duplicate key (first given on line 4)": {
        "data/producers/ho-ba-tu.yaml": PRODUCER + "phone: 0912345678\nphone: 0203123456\n",
    },
    "mat-ong-dam-ha.yaml:9: -: YAML syntax error: this line's indentation does not match the lines above it": {
        "data/products/mat-ong-dam-ha.yaml": ("\n  en: |", "\n en: |"),
    },
    "mat-ong-dam-ha.yaml:13: -: YAML syntax error: the value contains ': '; put the value in quotes": {
        "data/products/mat-ong-dam-ha.yaml": (
            "shelf_life: {vi: 24 tháng, en: 24 months}",
            "shelf_life: Hạn dùng: 24 tháng",
        ),
    },
    "mat-ong.yaml:7: -: YAML syntax error: a tab character; indent with spaces": {
        "data/products/mat-ong.yaml": long_form(7, "\tvi: |"),
    },
    "mat-ong.yaml:4: -: YAML syntax error: the [ here is not closed with ] (noticed on line 5)": {
        "data/products/mat-ong.yaml": long_form(4, "star: [3"),
    },
    'mat-ong.yaml:5: -: YAML syntax error: the text in quotes that starts here has no closing "': {
        "data/products/mat-ong.yaml": long_form(
            5, 'certificate: {number: "1648/QĐ-UBND, date: 2022-08-18, level: district}'
        ),
    },
    "mat-ong.yaml:1: -: YAML syntax error: text follows the closing quote; ...": {
        "data/products/mat-ong.yaml": long_form(1, "name: 'Mrs Lua's honey'"),
    },
    "ho-moi.yaml:5: address.vi: inside {...} a comma ends the text, so 'Thôn 3, xã Hải Lạng' is cut at its first "
    'comma; put the text in quotes: vi: "Thôn 3, xã Hải Lạng"': {
        "data/producers/ho-moi.yaml": PRODUCER
        + "phone: 0912345678\naddress: {vi: Thôn 3, xã Hải Lạng, en: Hamlet 3}\n",
    },
    "mat-ong.yaml:7: prices.0.vnd: inside {...} a comma ends the value, so 120,000 is read as 120; "
    "write the number without separators: vnd: 120000": {
        "data/products/mat-ong.yaml": product(images="", prices="prices:\n  - {vnd: 120,000, unit: chai}"),
    },
    "mat-ong.yaml:7: prices.0.vnd: must be a whole number, such as 150000: write 150000": {
        "data/products/mat-ong.yaml": product(images="", prices="prices:\n  - {vnd: 150.000 đ, unit: chai}"),
    },
    "mat-ong.yaml:7: prices.0.vnd: warning: a price of 0 is published as 0 ₫, which reads as free; "
    "if the price is not known yet, delete this price": {
        "data/products/mat-ong.yaml": product(images="", prices="prices:\n  - {vnd: 0, unit: chai}"),
    },
    "mat-ong.yaml:4: -: YAML syntax error: put a space after the colon (star: 3)": {
        "data/products/mat-ong.yaml": long_form(4, "star:3"),
    },
    "mat-ong.yaml:4: -: YAML syntax error: this line has no colon: write it as 'key: value', ...": {
        "data/products/mat-ong.yaml": long_form(4, "star 3"),
    },
    "mat-ong.yaml:11: -: YAML syntax error: a second document starts here (---); a record file holds one record": {
        "data/products/mat-ong.yaml": long_form(11, "---", insert=True),
    },
    "mat-ong.yaml:3: -: YAML syntax error: a value cannot start with @; put the value in quotes": {
        "data/products/mat-ong.yaml": long_form(3, "group: @thuc-pham"),
    },
    "Mat_Ong.yaml:1: -: the file name 'Mat_Ong' is not a valid id: use lowercase a-z, 0-9 and -; rename it mat-ong.yaml": {
        "data/products/Mat_Ong.yaml": product(),
    },
    "mat-ong.yaml:1: id: the id 'mat-ong-rung' differs from the file name 'mat-ong.yaml'": {
        "data/products/mat-ong.yaml": "id: mat-ong-rung\n" + product(),
    },
    "tin-moi.md:2: Date: '05/06/2026' is not a date written as YYYY-MM-DD, such as 2026-05-20: write 2026-06-05": {
        "content/stories/tin-moi.md": STORY.replace("2026-06-05", "05/06/2026"),
    },
    "data/product/mat-ong.yaml:1: -: not read: records are read only from data/producers/, data/products/ and "
    "data/fairs/, not from data/product/; move it to data/products/": {
        "data/product/mat-ong.yaml": product(),
    },
    "content/tin-moi.vi.md:1: -: not read: stories are read from content/stories/; move it there": {
        "content/tin-moi.vi.md": STORY,
    },
    "mat-ong.yaml:15: where_to_buy.0: warning: '#12 chợ Hạ Long' is read as a comment (' #' starts one) and left "
    "out of the value; …": {
        "data/products/mat-ong.yaml": long_form(15, "  - Ki-ốt #12 chợ Hạ Long"),
    },
    "tin-moi.md:8: -: write it as {static}/images/products/x.jpg: the picture itself is not published, only its "
    "copies for phones": {
        "content/stories/tin-moi.md": STORY + "\n![Ảnh](/images/products/x.jpg)\n",
        "content/images/products/x.jpg": lambda path: Image.new("RGB", (40, 30)).save(path),
    },
    "ho-moi.yaml:4: phone: warning: '0212345670' has 10 digits; a landline number has 11, its area code first, "
    "such as 0203 3870 123: check the digits": {
        "data/producers/ho-moi.yaml": PRODUCER + "phone: 0212345670\n",
    },
    "data/products/ho-moi.yaml:1: -: its keys (commune, kind) are a producer's: move the file to data/producers/": {
        "data/products/ho-moi.yaml": PRODUCER,
    },
    "tin-moi.txt:1: -: stories are .md files (in lowercase); rename it or move it out of content/stories/": {
        "content/stories/tin-moi.txt": STORY,
    },
    "tin-moi.md:1: -: remove the blank line(s) at the top: the metadata must start on the first line": {
        "content/stories/tin-moi.md": "\n" + STORY,
    },
    "tin-moi.md:5: -: 'Tóm tắt' is not a metadata key; the keys are written in English: "
    "Title, Date, Lang, Slug, Products, Producers, Fairs, Summary, Modified, Status": {
        "content/stories/tin-moi.md": STORY.replace("Slug: tin-moi", "Slug: tin-moi\nTóm tắt: Tin ngắn."),
    },
    "tin-moi.md:1: -: remove the blank before the colon: Title:": {
        "content/stories/tin-moi.md": STORY.replace("Title: ", "Title : "),
    },
    "tin-moi.md:6: Prodcuts: unknown key (did you mean 'Products'?)": {
        "content/stories/tin-moi.md": STORY.replace(
            "Slug: tin-moi", "Slug: tin-moi\nStatus: draft\nProdcuts: ga-tien-yen"
        ),
    },
    "tin-moi-2.md:4: Slug: 'tin-moi' is also the Slug of content/stories/tin-moi.md in the same language "
    "(Lang: vi); …": {
        "content/stories/tin-moi.md": STORY,
        "content/stories/tin-moi-2.md": STORY.replace("Tin mới", "Tin mới nữa"),
    },
    "tin-moi.en.md:4: Slug: 'news' differs from the Slug 'tin-moi' of content/stories/tin-moi.vi.md, "
    "the other language of this story; …": {
        "content/stories/tin-moi.vi.md": STORY,
        "content/stories/tin-moi.en.md": STORY.replace("Lang: vi", "Lang: en").replace("Slug: tin-moi", "Slug: news"),
    },
    "tin-moi.md:5: Slug: duplicate key (first given on line 4)": {
        "content/stories/tin-moi.md": STORY.replace("Slug: tin-moi", "Slug: tin-moi\nSlug: tin-moi-2"),
    },
    "tin-moi.md:5: Status: unknown status 'nháp'; use one of draft, published": {
        "content/stories/tin-moi.md": STORY.replace("Slug: tin-moi", "Slug: tin-moi\nStatus: nháp"),
    },
    "tin-moi.md:8: -: no picture content/images/products/khong-co.jpg": {
        "content/stories/tin-moi.md": STORY + "\n![Ảnh]({static}/images/products/khong-co.jpg)\n",
    },
    "tin-moi.md:8: -: write it as {static}/images/products/x.jpg: a path from the story's file is broken on the site": {
        "content/images/products/x.jpg": (ROOT / "content/images/products/mat-ong-dam-ha.jpg").read_bytes(),
        "content/stories/tin-moi.md": STORY + "\n![Ảnh](../images/products/x.jpg)\n",
    },
    "tin-moi.md:8: -: move the picture content/anh/hoa-tra.jpg into content/images/: only pictures there are made small for phones": {
        "content/anh/hoa-tra.jpg": (ROOT / "content/images/products/mat-ong-dam-ha.jpg").read_bytes(),
        "content/stories/tin-moi.md": STORY + "\n![Hoa trà]({static}/anh/hoa-tra.jpg)\n",
    },
    "tin-moi.md:5: Products: no product 'khong-co' in data/products/": {
        "content/stories/tin-moi.md": STORY.replace("Slug: tin-moi", "Slug: tin-moi\nProducts: khong-co"),
    },
    "mat-ong.yaml:1: -: the file holds no record, only comments (lines starting with #)": {
        "data/products/mat-ong.yaml": "".join(f"# {line}\n" for line in product().splitlines()),
    },
    "mat-ong.yaml:9: -: the file is not UTF-8 text; save it as UTF-8": {
        "data/products/mat-ong.yaml": product().encode() + "season: mùa hè\n".encode("cp1258"),
    },
    "mat-ong.yaml:1: -: the file is saved as UTF-16, not UTF-8; save it as UTF-8": {
        "data/products/mat-ong.yaml": product().encode("utf-16-le"),
    },
}


def guide_lines(guide: Path) -> list[str]:
    """The first cell of each row of the guide's table of errors: the line the check prints."""
    rows = re.findall(r"^\| `(.+?)` \|", guide.read_text(encoding="utf-8"), re.MULTILINE)
    return [row.replace("\\|", "|") for row in rows]


def make(project: Project, reproduction: dict[str, Change]) -> None:
    for relative, change in reproduction.items():
        path = project.root / relative
        if isinstance(change, tuple):
            old, new = change
            text = path.read_text(encoding="utf-8")
            assert old in text, f"{relative} no longer holds {old!r}"
            project.write(relative, text.replace(old, new, 1))
        elif isinstance(change, bytes):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(change)
        elif isinstance(change, str):
            project.write(relative, change)
        else:
            change(path)


def printed_as(line: str) -> re.Pattern:
    """What the check prints for a guide's line: its folder may be left out, and ... or … stand for anything."""
    parts = re.split(r"\.\.\.|…", line)
    return re.compile(r"(?:\S*/)?" + ".*".join(map(re.escape, parts)))


def test_both_guides_list_the_same_lines_each_with_a_reproduction():
    english, vietnamese = (guide_lines(guide) for guide in GUIDES)
    assert english, "no table of errors found in the English guide"
    only_english = [line for line in english if line not in vietnamese]
    only_vietnamese = [line for line in vietnamese if line not in english]
    assert not only_english and not only_vietnamese, (
        f"only in English: {only_english}; only in Vietnamese: {only_vietnamese}"
    )
    assert english == vietnamese, "the two guides list the same lines in another order"
    unused = [line for line in REPRODUCTIONS if line not in english]
    assert not unused, f"reproductions of lines the guides no longer list (reworded?): {unused}"


@pytest.mark.parametrize("line", dict.fromkeys(guide_lines(GUIDES[0]) + guide_lines(GUIDES[1])))
def test_the_check_prints_the_guides_line(project: Project, capsys, line):
    if line not in REPRODUCTIONS:
        pytest.fail(f"no reproduction for the guides' line {line!r}: add one to REPRODUCTIONS", pytrace=False)
    make(project, REPRODUCTIONS[line])
    _, printed = check(project, capsys)
    printed = [text.replace("\u00a0", " ") for text in printed]  # the guide shows no-break spaces as spaces
    pattern = printed_as(line)
    assert [text for text in printed if pattern.fullmatch(text)], "the check printed instead:\n" + "\n".join(printed)


def cascade(guide: Path) -> list[str]:
    """The guide's example of one mistake reported on several lines: the block of lines that
    follow from a record's own errors."""
    blocks = re.findall(r"^```text\n(.*?)^```", guide.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    return next(block.splitlines() for block in blocks if "has errors of its own" in block)


@pytest.mark.parametrize("guide", GUIDES, ids=lambda guide: guide.name)
def test_the_check_prints_the_guides_lines_that_follow_from_one_mistake(project: Project, capsys, guide):
    producer = "data/producers/htx-nong-nghiep-hai-yen.yaml"
    make(project, {producer: ("kind: cooperative", "kind: farm")})
    _, printed = check(project, capsys)
    errors = [line for line in printed if ": warning: " not in line and not line.startswith(("ok:", "failed:"))]
    assert errors == cascade(guide)
