"""Every kind of bad input DATA-FORMAT.md lists gets its own error at the right line,
and a failed build leaves the published output exactly as it was."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, Project, errors_after_warnings
from ocop_catalogue import checking

PRODUCER = sorted((ROOT / "data" / "producers").glob("*.yaml"))[0].stem
OTHER_PRODUCER = sorted((ROOT / "data" / "producers").glob("*.yaml"))[1].stem
PICTURE = sorted((ROOT / "content" / "images" / "products").glob("*.jpg"))[0].name
OTHER_PRODUCT = next(
    path.stem
    for path in sorted((ROOT / "data" / "products").glob("*.yaml"))
    if f"producer: {OTHER_PRODUCER}\n" in path.read_text(encoding="utf-8")
)


def product(**changes: str) -> str:
    """A valid product record, line by line, with some lines replaced or added."""
    lines = {
        "name": "name: {vi: Mật ong rừng, en: Wild honey}",
        "producer": f"producer: {PRODUCER}",
        "group": "group: thuc-pham",
        "star": "star: 3",
        "certificate": 'certificate: {number: "12/QĐ-UBND", date: 2025-01-02, level: district}',
        "images": f"images:\n  - file: products/{PICTURE}\n    alt: Mật ong",
    }
    lines.update(changes)
    return "\n".join(line for line in lines.values() if line) + "\n"


CASES = {
    "yaml syntax": (
        "data/products/mat-ong.yaml",
        product(star="star: [3"),
        "data/products/mat-ong.yaml:4: -: YAML syntax error",
    ),
    "duplicate key": (
        "data/products/mat-ong.yaml",
        product(extra="star: 4"),
        "mat-ong.yaml:9: star: duplicate key (first given on line 4)",
    ),
    "unknown key": (
        "data/products/mat-ong.yaml",
        product(producer=f"prodcuer: {PRODUCER}"),
        "mat-ong.yaml:2: prodcuer: unknown key (did you mean 'producer'?)",
    ),
    "no space after a colon in {...}": (
        "data/products/mat-ong.yaml",
        product(name="name: {vi: Mật ong rừng, en:Wild honey}"),
        "mat-ong.yaml:1: name.en:Wild honey: unknown key; put a space after the colon (en: Wild honey)",
    ),
    "missing key": ("data/products/mat-ong.yaml", product(group=""), "mat-ong.yaml:1: group: required key is missing"),
    "a language key without the space after its colon, read as text": (
        "data/products/mat-ong.yaml",
        product(name="name:\n  vi:Mật ong rừng"),
        "mat-ong.yaml:1: name: 'vi:' is not read as a key: put a space after the colon (vi: ...)",
    ),
    "an empty name": (
        "data/products/mat-ong.yaml",
        product(name='name: ""'),
        "mat-ong.yaml:1: name: is empty; write the text, or delete the key if it is optional",
    ),
    "an empty Vietnamese text": (
        "data/products/mat-ong.yaml",
        product(name='name: {vi: "", en: Wild honey}'),
        "mat-ong.yaml:1: name.vi: is empty; write the text, or delete the key if it is optional",
    ),
    "an empty certificate number": (
        "data/products/mat-ong.yaml",
        product(certificate='certificate: {number: "", date: 2025-01-02, level: district}'),
        "mat-ong.yaml:5: certificate.number: is empty; write the text, or delete the key if it is optional",
    ),
    "wrong type": (
        "data/products/mat-ong.yaml",
        product(prices="prices:\n  - {vnd: 12.5, unit: chai}"),
        "mat-ong.yaml:10: prices.0.vnd: must be a whole number, such as 150000",
    ),
    "a price as shops write it": (
        "data/products/mat-ong.yaml",
        product(prices="prices:\n  - {vnd: 150.000 đ, unit: chai}\n  - {vnd: 1.200.000₫, unit: thùng}"),
        "mat-ong.yaml:10: prices.0.vnd: must be a whole number, such as 150000: write 150000",
    ),
    "a price in thousands": (
        "data/products/mat-ong.yaml",
        product(prices="prices:\n  - vnd: 150k\n    unit: chai"),
        "mat-ong.yaml:10: prices.0.vnd: must be a whole number, such as 150000: write 150000",
    ),
    "a price with its thousands and currency in words": (
        "data/products/mat-ong.yaml",
        product(prices="prices:\n  - vnd: 1.200 nghìn đồng\n    unit: thùng"),
        "mat-ong.yaml:10: prices.0.vnd: must be a whole number, such as 150000: write 1200000",
    ),
    "a price in millions, its decimals after a comma": (
        "data/products/mat-ong.yaml",
        product(prices="prices:\n  - {vnd: 1,2 triệu, unit: bình}"),
        "mat-ong.yaml:10: prices.0.vnd: inside {...} a comma ends the value, so '1,2 triệu' is cut at its comma: "
        "write 1200000",
    ),
    "a price with its unit": (
        "data/products/mat-ong.yaml",
        product(prices="prices:\n  - vnd: 120000đ/kg\n    unit: túi"),
        "mat-ong.yaml:10: prices.0.vnd: must be a whole number, such as 150000: write 120000, and kg in the price's unit",
    ),
    "a price not given": (
        "data/products/mat-ong.yaml",
        product(prices="prices:\n  - vnd: Liên hệ\n    unit: chai"),
        "mat-ong.yaml:10: prices.0.vnd: must be a whole number, such as 150000; a price not given is left out: "
        "delete this price, and the buyer calls the producer",
    ),
    "a negative price": (
        "data/products/mat-ong.yaml",
        product(prices="prices:\n  - vnd: -5000\n    unit: chai"),
        "mat-ong.yaml:10: prices.0.vnd: must be a whole number, such as 150000; a price is 0 or more: write it "
        "without the minus sign",
    ),
    "a producer written by its name": (
        "data/products/mat-ong.yaml",
        product(producer="producer: Hợp tác xã Nông nghiệp Hải Yến"),
        "mat-ong.yaml:2: producer: an id is lowercase ASCII letters, digits and hyphens (a-z, 0-9, -): "
        "write the producer's id, as in data/producers/, not its name",
    ),
    "star with a word": (
        "data/products/mat-ong.yaml",
        product(star="star: 4 sao"),
        "mat-ong.yaml:4: star: must be 3, 4 or 5, the number alone: write 4",
    ),
    "star as stars": (
        "data/products/mat-ong.yaml",
        product(star="star: ★★★★★"),
        "mat-ong.yaml:4: star: must be 3, 4 or 5, the number alone: write 5",
    ),
    "star in words": (
        "data/products/mat-ong.yaml",
        product(star="star: bốn sao"),
        "mat-ong.yaml:4: star: must be 3, 4 or 5, the number alone: write 4",
    ),
    "a certificate cited as a decision": (
        "data/products/mat-ong.yaml",
        product(certificate="certificate: Quyết định số 1648/QĐ-UBND ngày 18/8/2022"),
        "mat-ong.yaml:5: certificate: expected keys and values (key: value) here: write certificate: {number: "
        '"1648/QĐ-UBND", date: 2022-08-18, level: LEVEL}, where LEVEL is district, province or national',
    ),
    "outside its set": (
        "data/products/mat-ong.yaml",
        product(star="star: 6"),
        "mat-ong.yaml:4: star: must be 3, 4 or 5",
    ),
    "latitude and longitude swapped": (
        "data/producers/ho-moi.yaml",
        "name: Hộ ông Ba\nkind: household\ncommune: khong-co\ngeo: {lat: 106.52, lon: 21.08}\n",
        "data/producers/ho-moi.yaml:4: geo.lat: must be a latitude from -90 to 90, such as 21.08; "
        "106.52 looks like a longitude: are lat and lon swapped?",
    ),
    "longitude out of range": (
        "data/producers/ho-moi.yaml",
        "name: Hộ ông Ba\nkind: household\ncommune: khong-co\ngeo: {lat: 21.08, lon: 206.52}\n",
        "data/producers/ho-moi.yaml:4: geo.lon: must be a longitude from -180 to 180, such as 106.52",
    ),
    "coordinates copied from a map as one line": (
        "data/producers/ho-moi.yaml",
        "name: Hộ ông Ba\nkind: household\ncommune: khong-co\ngeo: 21.2861, 107.3712\n",
        "data/producers/ho-moi.yaml:4: geo: expected keys and values (key: value) here: "
        "write geo: {lat: 21.2861, lon: 107.3712}",
    ),
    "coordinates with a decimal comma": (
        "data/producers/ho-moi.yaml",
        "name: Hộ ông Ba\nkind: household\ncommune: khong-co\ngeo: {lat: 21,2861, lon: 107.3712}\n",
        "data/producers/ho-moi.yaml:4: geo.lat: inside {...} a comma ends the value, so 21,2861 is read as 21; "
        "write a dot before the decimals: lat: 21.2861",
    ),
    "a longitude in degrees, minutes and seconds": (
        "data/producers/ho-moi.yaml",
        "name: Hộ ông Ba\nkind: household\ncommune: khong-co\ngeo:\n  lat: 21.2861° B\n  lon: 107°22′16″Đ\n",
        "data/producers/ho-moi.yaml:6: geo.lon: must be a number, such as 106.52: write 107.3711",
    ),
    "a latitude in degrees and a letter": (
        "data/producers/ho-moi.yaml",
        "name: Hộ ông Ba\nkind: household\ncommune: khong-co\ngeo:\n  lat: 21.2861° B\n  lon: 107.3712\n",
        "data/producers/ho-moi.yaml:5: geo.lat: must be a number, such as 21.08: write 21.2861",
    ),
    "a date written day first that is no day": (
        "data/products/mat-ong.yaml",
        product(certificate='certificate: {number: "1", date: 30/02/2025, level: district}'),
        "mat-ong.yaml:5: certificate.date: must be a date written as YYYY-MM-DD, such as 2019-12-23\n",
    ),
    "no such day": (
        "data/products/mat-ong.yaml",
        product(certificate='certificate: {number: "1", date: 2025-02-30, level: district}'),
        "mat-ong.yaml:5: certificate.date: 2025-02-30 is not a day of the calendar: check the month and the day",
    ),
    "date written the Vietnamese way": (
        "data/products/mat-ong.yaml",
        product(certificate='certificate: {number: "1", date: 28/02/2025, level: district}'),
        "mat-ong.yaml:5: certificate.date: must be a date written as YYYY-MM-DD, such as 2019-12-23: write 2025-02-28",
    ),
    "bad level": (
        "data/products/mat-ong.yaml",
        product(certificate='certificate:\n  number: "1"\n  date: 2025-02-03\n  level: commune'),
        "mat-ong.yaml:8: certificate.level: must be one of 'district', 'province' or 'national'",
    ),
    "malformed id": (
        "data/products/Mat_Ong.yaml",
        product(),
        "data/products/Mat_Ong.yaml:1: -: the file name 'Mat_Ong' is not a valid id: use lowercase a-z, 0-9 and -; "
        "rename it mat-ong.yaml",
    ),
    "a file named with Vietnamese letters": (
        "data/products/Mật ong rừng.yaml",
        product(),
        "data/products/Mật ong rừng.yaml:1: -: the file name 'Mật ong rừng' is not a valid id: use lowercase a-z, "
        "0-9 and -; rename it mat-ong-rung.yaml",
    ),
    "id differs": (
        "data/products/mat-ong.yaml",
        "id: mat-ong-rung\n" + product(),
        "mat-ong.yaml:1: id: the id 'mat-ong-rung' differs from the file name",
    ),
    "invisible character in an id": (
        "data/products/mat-ong.yaml",
        product(producer=f"producer: {PRODUCER}\u200b"),
        f"mat-ong.yaml:2: producer: contains an invisible character (U+200B zero width space) after '{PRODUCER}'; "
        "delete it",
    ),
    "no-break spaces as indentation": (
        "data/products/mat-ong.yaml",
        product(images=f"images:\n  - file: products/{PICTURE}\n\u00a0\u00a0\u00a0\u00a0alt: Mật ong"),
        "mat-ong.yaml:8: \u00a0\u00a0\u00a0\u00a0alt: unknown key: it holds 4 invisible characters "
        "(U+00A0 no-break space) at the start, not counted as indentation; indent with ordinary spaces",
    ),
    "invisible character in a web address": (
        "data/producers/ho-moi.yaml",
        "name: Hộ ông Ba\nkind: household\ncommune: khong-co\nwebsite: https://example.vn\u200b\n",
        "data/producers/ho-moi.yaml:4: website: contains an invisible character (U+200B zero width space) "
        "after 'https://example.vn'; delete it",
    ),
    "a direction isolate in an e-mail address": (
        "data/producers/ho-moi.yaml",
        "name: Hộ ông Ba\nkind: household\ncommune: khong-co\nemail: ba@example.vn\u2066\n",
        "data/producers/ho-moi.yaml:4: email: contains an invisible character (U+2066 left-to-right isolate) "
        "after 'ba@example.vn'; delete it",
    ),
    "unknown producer": (
        "data/products/mat-ong.yaml",
        product(producer="producer: khong-co"),
        "mat-ong.yaml:2: producer: no producer 'khong-co'",
    ),
    "unknown group": (
        "data/products/mat-ong.yaml",
        product(group="group: banh-keo"),
        "mat-ong.yaml:3: group: no group 'banh-keo'",
    ),
    "missing picture": (
        "data/products/mat-ong.yaml",
        product(images="images:\n  - file: products/khong-co.jpg"),
        "mat-ong.yaml:7: images.0.file: no picture content/images/products/khong-co.jpg",
    ),
    "picture outside": (
        "data/products/mat-ong.yaml",
        product(images="images:\n  - file: ../../pelicanconf.py"),
        "mat-ong.yaml:7: images.0.file: the picture '../../pelicanconf.py' is outside content/images/",
    ),
    "a picture's path from the site's root": (
        "data/products/mat-ong.yaml",
        product(images="images:\n  - file: /images/products/mat-ong-dam-ha.jpg"),
        "mat-ong.yaml:7: images.0.file: the picture '/images/products/mat-ong-dam-ha.jpg' is outside content/images/; "
        "a picture's path starts inside content/images/: write products/mat-ong-dam-ha.jpg",
    ),
    "unknown commune": (
        "data/producers/ho-moi.yaml",
        "name: Hộ ông Ba\nkind: household\ncommune: khong-co\n",
        "data/producers/ho-moi.yaml:3: commune: no commune 'khong-co'",
    ),
    "a district written as a producer's commune": (
        "data/producers/ho-moi.yaml",
        "name: Hộ ông Ba\nkind: household\ncommune: tien-yen\n",
        "data/producers/ho-moi.yaml:3: commune: 'tien-yen' is a district in data/areas.yaml; write the producer's "
        "commune, one of: hai-lang, phong-du, dong-ngu",
    ),
    "a commune mistyped": (
        "data/producers/ho-moi.yaml",
        "name: Hộ ông Ba\nkind: household\ncommune: hai-lan\n",
        "data/producers/ho-moi.yaml:3: commune: no commune 'hai-lan' in data/areas.yaml (did you mean 'hai-lang'?)",
    ),
    "a producer's id with words left out": (
        "data/products/mat-ong.yaml",
        product().replace(f"producer: {PRODUCER}", "producer: htx-hai-yen"),
        "data/products/mat-ong.yaml:2: producer: no producer 'htx-hai-yen' in data/producers/ "
        "(did you mean 'htx-nong-nghiep-hai-yen'?)",
    ),
    "producer kind": (
        "data/producers/ho-moi.yaml",
        "name: Hộ ông Ba\nkind: company\ncommune: khong-co\n",
        "data/producers/ho-moi.yaml:2: kind: must be one of 'enterprise', 'cooperative', 'cooperative-group' or 'household'",
    ),
    "a producer's kind as Vietnamese editors name it": (
        "data/producers/ho-moi.yaml",
        "name: Hộ ông Ba\nkind: Hợp tác xã\ncommune: van-ninh\n",
        "data/producers/ho-moi.yaml:2: kind: must be one of 'enterprise', 'cooperative', 'cooperative-group' or "
        "'household'; Hợp tác xã is written 'cooperative'",
    ),
    "a certificate's level as Vietnamese editors name it": (
        "data/products/mat-ong.yaml",
        product(certificate='certificate: {number: "1", date: 2025-02-03, level: Cấp tỉnh}'),
        "mat-ong.yaml:5: certificate.level: must be one of 'district', 'province' or 'national'; "
        "Cấp tỉnh is written 'province'",
    ),
    "a group written by its name": (
        "data/products/mat-ong.yaml",
        product().replace("group: thuc-pham", "group: Food"),
        "mat-ong.yaml:3: group: an id is lowercase ASCII letters, digits and hyphens (a-z, 0-9, -): write thuc-pham",
    ),
    "a group written by its name in lowercase": (
        "data/products/mat-ong.yaml",
        product().replace("group: thuc-pham", "group: food"),
        "mat-ong.yaml:3: group: no group 'food'; the group Thực phẩm is written 'thuc-pham'",
    ),
    "a group mistyped": (
        "data/products/mat-ong.yaml",
        product().replace("group: thuc-pham", "group: thuc-phm"),
        "mat-ong.yaml:3: group: no group 'thuc-phm' (did you mean 'thuc-pham'?); known groups: do-uong, du-lich, "
        "duoc-lieu, sinh-vat-canh, thu-cong-my-nghe, thuc-pham",
    ),
    "a producer's id written as a name": (
        "data/products/mat-ong.yaml",
        product().replace(f"producer: {PRODUCER}", "producer: Ho-Nguyen-Thi-Lan"),
        "mat-ong.yaml:2: producer: an id is lowercase ASCII letters, digits and hyphens (a-z, 0-9, -): "
        "write ho-nguyen-thi-lan",
    ),
    "fair opening hour written in words": (
        "data/fairs/cho-tet.yaml",
        "name: Chợ Tết\nstart: 2027-01-10\nend: 2027-01-20\nvenue: Hạ Long\nopens: 8 giờ\ncloses: 21:00\n",
        "data/fairs/cho-tet.yaml:5: opens: must be a time of day written as HH:MM, from 00:00 to 23:59, such as 08:00 "
        "or 21:30",
    ),
    "fair closing hour past the day": (
        "data/fairs/cho-tet.yaml",
        "name: Chợ Tết\nstart: 2027-01-10\nend: 2027-01-20\nvenue: Hạ Long\nopens: 8h\ncloses: 25:00\n",
        "data/fairs/cho-tet.yaml:6: closes: must be a time of day written as HH:MM, from 00:00 to 23:59, such as 08:00 "
        "or 21:30",
    ),
    "fair opening without closing": (
        "data/fairs/cho-tet.yaml",
        "name: Chợ Tết\nstart: 2027-01-10\nend: 2027-01-20\nvenue: Hạ Long\nopens: 8h\n",
        "data/fairs/cho-tet.yaml:5: opens: the fair's hours need 'closes:' too, the hour it closes each day, such as 22:00",
    ),
    "fair closing before it opens": (
        "data/fairs/cho-tet.yaml",
        "name: Chợ Tết\nstart: 2027-01-10\nend: 2027-01-20\nvenue: Hạ Long\nopens: 20:00\ncloses: 10h\n",
        "data/fairs/cho-tet.yaml:6: closes: the fair closes at 10:00, not after it opens at 20:00: check the hours",
    ),
    "fair ends before it starts": (
        "data/fairs/cho-tet.yaml",
        "name: Chợ Tết\nstart: 2027-01-20\nend: 2027-01-10\nvenue: Hạ Long\n",
        "data/fairs/cho-tet.yaml:3: end: the fair ends before it starts",
    ),
    "exhibitor's product of another producer": (
        "data/fairs/cho-tet.yaml",
        f"name: Chợ Tết\nstart: 2027-01-10\nend: 2027-01-20\nvenue: Hạ Long\nexhibitors:\n  - producer: {PRODUCER}\n    booth: A1\n    products: [{OTHER_PRODUCT}]\n",
        f"data/fairs/cho-tet.yaml:8: exhibitors.0.products.0: the product '{OTHER_PRODUCT}' is made by '{OTHER_PRODUCER}'",
    ),
    "product listed twice at a fair": (
        "data/fairs/cho-tet.yaml",
        f"name: Chợ Tết\nstart: 2027-01-10\nend: 2027-01-20\nvenue: Hạ Long\nexhibitors:\n"
        f"  - producer: {OTHER_PRODUCER}\n    booth: A1\n    products:\n      - {OTHER_PRODUCT}\n      - {OTHER_PRODUCT}\n",
        f"data/fairs/cho-tet.yaml:10: exhibitors.0.products.1: '{OTHER_PRODUCT}' is listed twice; keep one",
    ),
    "group given twice": (
        "data/groups.yaml",
        "- id: thuc-pham\n  name: Thực phẩm\n- id: thuc-pham\n  name: Đồ ăn\n",
        "data/groups.yaml:3: 1.id: 'thuc-pham' is listed twice; keep one",
    ),
    "story names an unknown product": (
        "content/stories/tin-moi.md",
        "Title: Tin mới\nDate: 2026-01-01\nLang: vi\nSlug: tin-moi\nProducts: khong-co\n\nNội dung.\n",
        "content/stories/tin-moi.md:5: Products: no product 'khong-co'",
    ),
    "story names an id with an invisible character": (
        "content/stories/tin-moi.md",
        f"Title: Tin mới\nDate: 2026-01-01\nLang: vi\nSlug: tin-moi\nProducts: {OTHER_PRODUCT}\u2060\n\nNội dung.\n",
        f"content/stories/tin-moi.md:5: Products: contains an invisible character (U+2060 word joiner) "
        f"after '{OTHER_PRODUCT}'; delete it",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_at_its_line(project: Project, capsys, case):
    path, text, expected = CASES[case]
    project.write(path, text)
    code, printed = project.build(capsys)
    assert code == 1
    assert expected in printed, printed
    assert "Traceback" not in printed
    assert not project.output.exists()


def check(project: Project, capsys) -> tuple[int, list[str]]:
    """Run the check as `make check` does; returns the exit code and the lines it printed."""
    code = checking.check(str(project.root / "pelicanconf.py"))
    return code, capsys.readouterr().err.splitlines()


def test_duplicate_commune_id_is_reported_in_areas(project: Project, capsys):
    areas = project.root / "data" / "areas.yaml"
    text = areas.read_text(encoding="utf-8")
    first_commune = text.split("communes:\n", 1)[1].split("id: ", 1)[1].split("\n", 1)[0]
    first_line = 1 + text.splitlines().index(f"      - id: {first_commune}")
    areas.write_text(
        text
        + f"  - id: tinh-moi\n    name: Huyện Mới\n    communes:\n      - id: {first_commune}\n        name: Xã Trùng\n",
        encoding="utf-8",
    )
    code, printed = project.build(capsys)
    line = len(text.splitlines()) + 4
    assert code == 1
    assert f"data/areas.yaml:{line}: districts." in printed
    # The editor is sent to both lines: one of the two is a mistake, the message cannot tell which.
    assert f"the id '{first_commune}' of this commune is the id of the commune at line {first_line} too" in printed


def test_text_that_is_not_utf8_is_reported(project: Project, capsys):
    path = project.root / "data/products/mat-ong.yaml"
    path.write_bytes(product().encode("utf-8") + "season: mùa hè\n".encode("cp1258"))
    code, printed = project.build(capsys)
    assert code == 1
    assert "data/products/mat-ong.yaml:9: -: the file is not UTF-8" in printed


def test_picture_pillow_cannot_open_is_reported(project: Project, capsys):
    project.write("content/images/products/hong.jpg", "not a picture")
    project.write("data/products/mat-ong.yaml", product(images="images:\n  - file: products/hong.jpg"))
    code, printed = project.build(capsys)
    assert code == 1
    assert "mat-ong.yaml:7: images.0.file: cannot read the picture content/images/products/hong.jpg" in printed


def test_all_problems_are_reported_at_once(project: Project, capsys):
    project.write("data/products/mat-ong.yaml", product(star="star: 9", group="group: banh"))
    project.write("data/producers/ho-moi.yaml", "name: Hộ ông Ba\nkind: household\ncommune: khong-co\n")
    code, printed = project.build(capsys)
    assert code == 1
    assert "mat-ong.yaml:4: star:" in printed and "ho-moi.yaml:3: commune:" in printed


def test_a_record_named_elsewhere_with_errors_of_its_own_is_told_as_the_cause(project: Project, capsys):
    producer = project.root / "data/producers" / f"{PRODUCER}.yaml"
    producer.write_text(re.sub(r"(?m)^kind: .*$", "kind: hop tac xa", producer.read_text(encoding="utf-8")))
    project.write("data/products/mat-ong.yaml", product())
    project.write(
        "content/stories/tin-moi.md",
        f"Title: Tin mới\nDate: 2026-01-01\nLang: vi\nSlug: tin-moi\nProducers: {PRODUCER}\n\nNội dung.\n",
    )
    code, printed = check(project, capsys)
    assert code == 1
    follows = f"producer '{PRODUCER}' has errors of its own (data/producers/{PRODUCER}.yaml); fix those first"
    errors = errors_after_warnings(printed, f"data/products/mat-ong.yaml:2: producer: {follows}")
    assert f"content/stories/tin-moi.md:5: Producers: {follows}" in errors
    assert not [line for line in errors if "no producer" in line]
    # The cause comes first, and the lines it causes right after it, whatever their paths.
    assert errors[0].startswith(f"data/producers/{PRODUCER}.yaml:") and "kind: must be one of" in errors[0]
    following = [line for line in errors if line.endswith(follows)]
    assert errors[1 : 1 + len(following)] == following


def snapshot(folder):
    return {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_failed_build_leaves_the_previous_output_untouched(project: Project, capsys):
    assert project.build(capsys)[0] == 0
    before = snapshot(project.output)
    assert before
    project.write("data/products/mat-ong.yaml", product(producer="producer: khong-co"))
    code, printed = project.build(capsys)
    assert code == 1 and "failed: not built; the output is unchanged" in printed
    assert snapshot(project.output) == before
    # Nothing is left of the failed build's staging (cache/ holds the records read).
    assert sorted(p.name for p in project.root.iterdir()) == ["cache", "content", "data", "output", "pelicanconf.py"]


def test_a_misspelt_producer_in_a_product_is_blamed_on_the_product_not_on_its_fairs(project: Project, capsys):
    """The fairs list the product under its real producer: fixing them to the misspelt id, as
    their line first said, put both files in error."""
    path = project.root / "data/products/dau-lac-hai-yen.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "producer: htx-nong-nghiep-hai-yen", "producer: htx-nong-nghiep-hai-yn"
        )
    )
    code, printed = check(project, capsys)
    errors = printed[printed.index("Lỗi / Errors: 1") + 1 :]
    assert code == 1 and errors[0] == (
        "data/products/dau-lac-hai-yen.yaml:3: producer: no producer 'htx-nong-nghiep-hai-yn' in data/producers/ "
        "(did you mean 'htx-nong-nghiep-hai-yen'?)"
    ), printed
    assert not [line for line in printed if "is made by" in line]


@pytest.mark.parametrize(("line", "key"), [("name:", "name"), ("star:", "star"), ("producer:", "producer")])
def test_a_key_left_empty_is_told_so(project: Project, capsys, line, key):
    """ "name:" with nothing after it was "expected keys and values (key: value) here", as if the
    name were to be written otherwise."""
    path = project.root / "data/products/dau-lac-hai-yen.yaml"
    text = path.read_text(encoding="utf-8")
    number, written = next(
        (at, text_line) for at, text_line in enumerate(text.splitlines(), 1) if text_line.startswith(f"{key}:")
    )
    path.write_text(text.replace(written + "\n", line + "\n", 1), encoding="utf-8")
    code, printed = check(project, capsys)
    assert code == 1
    assert (
        f"data/products/dau-lac-hai-yen.yaml:{number}: {key}: is empty; write its value, or delete the key if it is optional"
        in printed
    ), printed


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "data/products/dau-lac-hai-yen.yaml",
            "name: {vi: ",
            "name: {vn: ",
            "data/products/dau-lac-hai-yen.yaml:2: name.vn: unknown key (did you mean 'vi'?)",
        ),
        (
            "data/products/dau-lac-hai-yen.yaml",
            ", en: Hai Yen",
            ", EN: Hai Yen",
            "data/products/dau-lac-hai-yen.yaml:2: name.EN: unknown key (did you mean 'en'?)",
        ),
        (
            "data/producers/htx-nong-nghiep-hai-yen.yaml",
            "kind: cooperative",
            "kind: Cooperative",
            "data/producers/htx-nong-nghiep-hai-yen.yaml:3: kind: must be one of 'enterprise', 'cooperative', "
            "'cooperative-group' or 'household'; Cooperative is written 'cooperative'",
        ),
    ],
)
def test_a_key_or_choice_written_in_capitals_or_as_the_country_is_told_the_word(
    project, capsys, file, old, new, expected
):
    """ "vn", the country's code, for the language vi; a key or a choice with a capital: no
    suggestion was made, difflib finding "vn" as far from "vi" as from "en"."""
    path = project.root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, printed = check(project, capsys)
    assert code == 1 and expected in printed, printed


def test_a_file_named_as_a_taken_id_is_not_told_to_take_it(project: Project, capsys):
    """A copy of dau-lac-hai-yen.yaml saved as "Dầu lạc Hải Yến.yaml" was told to be renamed
    dau-lac-hai-yen.yaml, the original's name."""
    original = project.root / "data/products/dau-lac-hai-yen.yaml"
    text = "\n".join(line for line in original.read_text(encoding="utf-8").splitlines() if not line.startswith("id:"))
    project.write("data/products/Dầu lạc Hải Yến.yaml", text + "\n")
    code, printed = check(project, capsys)
    assert code == 1
    assert (
        "data/products/Dầu lạc Hải Yến.yaml:1: -: the file name 'Dầu lạc Hải Yến' is not a valid id: use lowercase "
        "a-z, 0-9 and -; dau-lac-hai-yen.yaml is another record's file: give this one an id of its own, such as "
        "dau-lac-hai-yen-2"
    ) in printed, printed
