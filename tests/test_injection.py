"""No text an editor writes can inject markup or script into the site.

One build holds a district, a commune, a group, a producer, a product, a fair
and a story whose every text field carries the usual attacks; every page of
that build is parsed and searched for what they would have injected.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Project, copy_project, parse
from ocop_catalogue.loading import load_records

ATTACK = '<script>alert(1)</script> "><img src=x onerror=alert(1)> javascript:alert(1) [x](javascript:alert(1))'
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "srcset", "poster", "data")


def payload(field: str) -> str:
    """The attack, marked with the field it was written in."""
    return json.dumps(f"{field}:{ATTACK}", ensure_ascii=False)


def text(field: str) -> str:
    """A bilingual text whose two languages both carry the attack."""
    return f"{{vi: {payload(field + '.vi')}, en: {payload(field + '.en')}}}"


# Fields that are shown as text, each one marked; Markdown ones are included.
RECORDS = {
    "data/producers/tan-cong.yaml": f"""\
name: {text("producer.name")}
kind: household
commune: xa-tan-cong
address: {text("producer.address")}
phone: {payload("producer.phone")}
email: lienhe@example.vn
website: https://example.vn/a?b=1&c=2
representative: {payload("producer.representative")}
description: {text("producer.description")}
images:
  - {{file: PICTURE, alt: {text("producer.alt")}}}
""",
    "data/products/tan-cong.yaml": f"""\
name: {text("product.name")}
producer: tan-cong
group: nhom-tan-cong
star: 4
certificate: {{number: {payload("product.certificate")}, date: 2025-01-02, level: district}}
description: {text("product.description")}
prices:
  - {{vnd: 1000, unit: {text("product.unit")}}}
season: {text("product.season")}
shelf_life: {text("product.shelf_life")}
where_to_buy:
  - {text("product.where_to_buy")}
images:
  - {{file: PICTURE, alt: {text("product.alt")}}}
""",
    "data/fairs/tan-cong.yaml": f"""\
name: {text("fair.name")}
start: 2027-01-10
end: 2027-01-12
venue: {text("fair.venue")}
address: {text("fair.address")}
organiser: {text("fair.organiser")}
description: {text("fair.description")}
exhibitors:
  - {{producer: tan-cong, booth: {payload("fair.booth")}, products: [tan-cong]}}
""",
}
AREAS = f"""
  - id: huyen-tan-cong
    name: {text("district.name")}
    communes:
      - id: xa-tan-cong
        name: {text("commune.name")}
"""
GROUP = f"- {{id: nhom-tan-cong, name: {text('group.name')}}}\n"
STORY = """\
Title: {lang}-title:{attack}
Date: 2026-06-01
Lang: {lang}
Slug: tan-cong
Summary: {lang}-summary:{attack}
Products: tan-cong

Safe words {lang}. <script>alert(1)</script> <img src=x onerror="alert(1)"> <a href="javascript:alert(1)">a</a>
[b](javascript:alert(1)) <iframe src="https://example.org"></iframe> <a href="https://example.org/" onclick="x()">c</a>
"""


@pytest.fixture(scope="module")
def attacked(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The attacked build, and the text of each page."""
    project = copy_project(tmp_path_factory.mktemp("attacked"))
    picture = sorted((project.root / "content/images/products").glob("*.jpg"))[0].name
    for path, body in RECORDS.items():
        project.write(path, body.replace("PICTURE", f"products/{picture}"))
    areas = project.root / "data/areas.yaml"
    province = areas.read_text(encoding="utf-8").split("province:\n", 1)[1].split("\ndistricts:", 1)[0]
    name = next(line for line in province.splitlines() if line.strip().startswith("name:"))
    attacked_province = province.replace(name, f"  name: {text('province.name')}")
    areas.write_text(areas.read_text(encoding="utf-8").replace(province, attacked_province) + AREAS, encoding="utf-8")
    project.write("data/groups.yaml", default_groups() + GROUP)
    for lang in ("vi", "en"):
        project.write(f"content/stories/tan-cong.{lang}.md", STORY.format(lang=lang, attack=ATTACK))
    code, printed = project.build()
    assert code == 0, printed
    pages = {str(p.relative_to(project.output)): p for p in project.output.rglob("*.html")}
    return project.output, {name: shown_text(path) for name, path in pages.items()}


def shown_text(page: Path) -> str:
    """What a reader sees of ``page``: its text, and the alt text of its pictures."""
    soup = parse(page)
    alts = [img.get("alt", "") for img in soup.find_all("img")]
    return " ".join(" ".join([soup.get_text(), *alts]).split())


def default_groups() -> str:
    from ocop_catalogue.default_groups import DEFAULT_GROUPS

    return "".join(f"- {json.dumps(group.model_dump())}\n" for group in DEFAULT_GROUPS)


def fields() -> list[str]:
    """Every field marked above: plain ones once, bilingual ones per language."""
    plain = ["producer.phone", "producer.representative", "product.certificate", "fair.booth"]
    bilingual = [
        *("producer.name", "producer.address", "producer.description", "producer.alt"),
        *("product.name", "product.description", "product.unit", "product.season", "product.shelf_life"),
        *("product.where_to_buy", "product.alt", "fair.name", "fair.venue", "fair.address", "fair.organiser"),
        *("fair.description", "province.name", "district.name", "commune.name", "group.name"),
    ]
    return plain + [f"{name}.{lang}" for name in bilingual for lang in ("vi", "en")]


def test_no_page_holds_injected_markup(attacked, demo_site: Path):
    output, _ = attacked
    with_scripts = [page for page in demo_site.rglob("*.html") if "<script" in page.read_text(encoding="utf-8")]
    own_scripts = {script_signature(s) for page in with_scripts for s in parse(page).find_all("script")}
    for page in output.rglob("*.html"):
        soup = parse(page)
        for element in soup.find_all(True):
            assert element.name not in ("iframe", "object", "embed"), page
            # The only forms allowed are the theme's own search forms (the search page's, and
            # the box of the home and not-found pages).
            assert element.name != "form" or element.get("class") in (["search"], ["search-box"]), page
            for name, value in element.attrs.items():
                assert not name.lower().startswith("on"), (page, element)
                if name in URL_ATTRIBUTES:
                    assert not str(value).strip().lower().startswith(("javascript:", "data:", "vbscript:")), page
            if element.name == "img" and not is_story(page):
                assert element.get("src") != "x", page
        for script in soup.find_all("script"):
            assert script_signature(script) in own_scripts, (page, script)


def is_story(page: Path) -> bool:
    return "tin-tuc" in page.parts or "stories" in page.parts


def script_signature(script) -> tuple[str, str, str]:
    """A script file by its address, data (JSON-LD) by its type, a script in the page by its text:
    an injected ``<script>`` has no address and no type, like the navigation's own lines."""
    inline = not script.get("src") and not script.get("type")
    return script.get("src", ""), script.get("type", ""), script.string if inline else ""


@pytest.mark.parametrize("field", fields())
def test_each_field_comes_out_as_text(attacked, field):
    _, texts = attacked
    marker = f"{field}:<script>alert(1)</script>"
    assert any(marker in page for page in texts.values()), f"{field} is shown nowhere as text"


def test_stories_keep_their_text_and_lose_their_scripts(attacked):
    output, texts = attacked
    page = texts["tin-tuc/tan-cong/index.html"]
    assert "vi-title:<script>alert(1)</script>" in page and "Safe words vi." in page
    story = parse(output / "en/stories/tan-cong/index.html").find("article")
    assert story.find("a", href="https://example.org/") is not None
    assert "alert(1)" not in str(story.find_all("p")[1:])


@pytest.mark.parametrize(
    "key, value, message",
    [
        ("website", "javascript:alert(1)", "must be a web address, such as https://haiyen.vn or www.haiyen.vn"),
        ("website", "data:text/html,<script>alert(1)</script>", "must be a web address"),
        ("website", 'https://example.vn/"onmouseover="alert(1)', "must be a web address"),
        ("email", "javascript:alert(1)//@example.vn", "must be an e-mail address"),
        ("email", '"><script>@example.vn', "must be an e-mail address"),
    ],
)
def test_addresses_accept_only_their_own_scheme(project: Project, key, value, message):
    project.write(
        "data/producers/tan-cong.yaml",
        f"name: Hộ ông Ba\nkind: household\ncommune: an-sinh\n{key}: {json.dumps(value)}\n",
    )
    problems = [str(p) for p in load_records(project.root / "data").problems]
    assert problems == [f"data/producers/tan-cong.yaml:4: {key}: {message}" + rest(problems, message)]


def rest(problems: list[str], message: str) -> str:
    # The message may go on (the website one gives examples); compare its start.
    return problems[0].split(message, 1)[1] if problems and message in problems[0] else ""


@pytest.mark.parametrize("file", ["javascript:alert(1)", "https://example.org/x.jpg", "/etc/passwd"])
def test_pictures_come_only_from_content_images(project: Project, capsys, file):
    project.write(
        "data/producers/tan-cong.yaml",
        f"name: Hộ ông Ba\nkind: household\ncommune: an-sinh\nimages:\n  - file: {json.dumps(file)}\n",
    )
    from ocop_catalogue.build import check

    assert check(str(project.root / "pelicanconf.py")) == 1
    assert "data/producers/tan-cong.yaml:5: images.0.file:" in capsys.readouterr().err


def test_harmless_story_markup_stays():
    from ocop_catalogue.story_html import clean_html

    html = (
        '<table><thead><tr><th lang="vi">Năm</th></tr></thead><tbody><tr><td>2019</td></tr></tbody></table>'
        '<p><img alt="Chai dầu" src="{static}/images/products/a.jpg"> <a href="{filename}/stories/x.md">x</a> '
        '<a href="https://example.vn/" title="t">y</a> <a href="mailto:a@example.vn">z</a></p>'
    )
    assert clean_html(html) == html
