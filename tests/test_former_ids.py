"""A renamed product or producer keeps its old address (``former_ids``): printed QR codes
and shared links lead on to its page."""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import Project, copy_project, parse
from ocop_catalogue.search_input import search_input
from test_bad_input import check
from test_incremental import files, folders

OLD_PRODUCT, NEW_PRODUCT = "mam-ruoc-van-ninh", "mam-ruoc-van-ninh-quang-ha"
OLD_PRODUCER, NEW_PRODUCER = "ho-tran-thi-hai", "ho-tran-thi-hai-van-ninh"
# The old and new address of each, in Vietnamese and in English.
MOVES = [
    (f"san-pham/{OLD_PRODUCT}/", f"san-pham/{NEW_PRODUCT}/", "vi"),
    (f"en/products/{OLD_PRODUCT}/", f"en/products/{NEW_PRODUCT}/", "en"),
    (f"chu-the/{OLD_PRODUCER}/", f"chu-the/{NEW_PRODUCER}/", "vi"),
    (f"en/producers/{OLD_PRODUCER}/", f"en/producers/{NEW_PRODUCER}/", "en"),
]


def rename(project: Project, kind: str, old: str, new: str, keep_old: bool = True) -> None:
    """Rename a record's file as an editor does, keeping the old id in ``former_ids``."""
    path = project.root / f"data/{kind}/{old}.yaml"
    text = path.read_text(encoding="utf-8")
    path.unlink()
    project.write(f"data/{kind}/{new}.yaml", (f"former_ids: [{old}]\n" if keep_old else "") + text)


def rename_both(project: Project) -> None:
    """The demo's one product of Hộ Trần Thị Hải, and the household, renamed."""
    rename(project, "products", OLD_PRODUCT, NEW_PRODUCT)
    rename(project, "producers", OLD_PRODUCER, NEW_PRODUCER)
    product = project.root / f"data/products/{NEW_PRODUCT}.yaml"
    text = product.read_text(encoding="utf-8")
    product.write_text(text.replace(f"producer: {OLD_PRODUCER}", f"producer: {NEW_PRODUCER}"), encoding="utf-8")


def sitemap_addresses(output: Path) -> set[str]:
    root = ET.parse(output / "sitemap.xml").getroot()
    return {element.text for element in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}


def indexed_addresses(output: Path) -> set[str]:
    """The address of every page in the search index (a fragment is ``pagefind_dcd`` and JSON)."""
    fragments = (gzip.decompress(path.read_bytes()) for path in (output / "pagefind/fragment").iterdir())
    return {json.loads(fragment[fragment.index(b"{") :])["url"] for fragment in fragments}


def test_an_old_address_sends_the_visitor_to_the_new_page(project: Project, capsys):
    rename_both(project)
    code, printed = project.build(capsys)
    assert code == 0, printed
    listed, indexed = sitemap_addresses(project.output), indexed_addresses(project.output)
    for old, new, lang in MOVES:
        assert (project.output / new / "index.html").is_file()
        html = (project.output / old / "index.html").read_text(encoding="utf-8")
        page = parse(project.output / old / "index.html")
        assert page.html["lang"] == lang
        assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url=/{new}"
        assert page.find("link", rel="canonical")["href"] == f"/{new}"
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        # For a browser whose refresh is off: a link, in the page's language.
        assert [link["href"] for link in page.find_all("a")] == [f"/{new}"]
        said = {"vi": "Trang này đã chuyển sang địa chỉ mới", "en": "This page has moved to a new address"}[lang]
        assert said in page.get_text()
        # Neither searched nor listed: the new page is.
        assert search_input(html) is None
        assert f"/{old}" not in indexed
        assert not any(address.endswith(f"/{old}") for address in listed)
        assert any(address.endswith(f"/{new}") for address in listed)
    assert f"/san-pham/{NEW_PRODUCT}/" in indexed


def test_adding_a_former_id_writes_its_pages_as_a_clean_build_does(project: Project, tmp_path_factory, capsys):
    # The rename first, without the old id; twice, so that the next build stages into a spare.
    rename(project, "products", OLD_PRODUCT, NEW_PRODUCT, keep_old=False)
    for _ in range(2):
        assert project.build(capsys)[0] == 0
    assert not (project.output / f"san-pham/{OLD_PRODUCT}").exists()
    before = files(project.output)

    new_file = f"data/products/{NEW_PRODUCT}.yaml"
    path = project.root / new_file
    path.write_text(f"former_ids: [{OLD_PRODUCT}]\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert project.build(capsys)[0] == 0
    after = files(project.output)
    moved = {f"san-pham/{OLD_PRODUCT}/index.html", f"en/products/{OLD_PRODUCT}/index.html", "_redirects"}
    assert moved <= after.keys()
    # Only the old addresses (and their redirects) are new; no other page shows a former id,
    # but the open data files list it, for readers that stored the old id.
    assert after.keys() - before.keys() == moved
    open_data = {f"du-lieu/catalogue.{lang}.{kind}" for lang in ("vi", "en") for kind in ("json", "csv")}
    assert {name for name in before if after[name][0] != before[name][0]} == open_data
    assert {name for name in before if after[name][1:] != before[name][1:]} == open_data

    clean = copy_project(tmp_path_factory.mktemp("clean"))
    (clean.root / f"data/products/{OLD_PRODUCT}.yaml").unlink()
    (clean.root / new_file).write_bytes(path.read_bytes())
    assert clean.build(capsys)[0] == 0
    assert {name: content for name, (content, _, _) in files(clean.output).items()} == {
        name: content for name, (content, _, _) in after.items()
    }
    assert folders(clean.output) == folders(project.output)

    # The old address gives the product's name: it follows the name's changes.
    path.write_text(path.read_text(encoding="utf-8").replace("Vạn Ninh\n", "Vạn Ninh Quảng Hà\n", 1), encoding="utf-8")
    assert project.build(capsys)[0] == 0
    assert parse(project.output / f"san-pham/{OLD_PRODUCT}/index.html").a.get_text() == "Mắm ruốc Vạn Ninh Quảng Hà"
    assert files(project.output)["_redirects"] == after["_redirects"]  # the same file: the addresses are

    # Taken out again, the old addresses go with it.
    path.write_text(path.read_text(encoding="utf-8").replace(f"former_ids: [{OLD_PRODUCT}]\n", ""), encoding="utf-8")
    assert project.build(capsys)[0] == 0
    assert not (project.output / f"san-pham/{OLD_PRODUCT}").exists()
    assert not (project.output / f"en/products/{OLD_PRODUCT}").exists()
    assert not (project.output / "_redirects").exists()


def redirect_rules(output: Path) -> list[list[str]]:
    """The rules of ``_redirects`` as Netlify and Cloudflare Pages read them: one a line,
    source, destination and status, lines starting with # left out."""
    lines = (output / "_redirects").read_text(encoding="utf-8").splitlines()
    return [line.split() for line in lines if line.strip() and not line.startswith("#")]


def test_hosts_that_read_redirects_answer_an_old_address_with_a_301(project: Project, capsys):
    rename_both(project)
    assert project.build(capsys)[0] == 0
    # Both languages of each, the products first: Cloudflare ignores the lines past its 2,000th.
    assert redirect_rules(project.output) == [[f"/{old}", f"/{new}", "301"] for old, new, _ in MOVES]
    # Netlify serves the page found at the old address unless the rule is forced.
    settings = project.root / "pelicanconf.py"
    settings.write_text(settings.read_text(encoding="utf-8") + 'CATALOGUE_REDIRECTS = "301!"\n', encoding="utf-8")
    assert project.build(capsys)[0] == 0
    assert {rule[2] for rule in redirect_rules(project.output)} == {"301!"}
    settings.write_text(settings.read_text(encoding="utf-8") + "CATALOGUE_REDIRECTS = None\n", encoding="utf-8")
    assert project.build(capsys)[0] == 0
    assert not (project.output / "_redirects").exists()
    assert (project.output / MOVES[0][0] / "index.html").is_file()  # the page stays, for every host


def test_a_former_id_must_lead_to_one_page(project: Project, capsys):
    rename_both(project)
    # The current id of another product, one kept by two products, the record's own id.
    project.write(
        "data/products/che-vang-dong-trieu.yaml",
        "former_ids: [ga-tien-yen, mam-ruoc-van-ninh]\n"
        + (project.root / "data/products/che-vang-dong-trieu.yaml").read_text(encoding="utf-8"),
    )
    path = project.root / f"data/producers/{NEW_PRODUCER}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("]", f", {NEW_PRODUCER}]", 1), encoding="utf-8")
    code, lines = check(project, capsys)
    assert code == 1
    assert (
        "data/products/che-vang-dong-trieu.yaml:1: former_ids.0: 'ga-tien-yen' is the id of data/products/ga-tien-yen.yaml, "
        "whose page is at that address; remove it from former_ids, or rename that file"
    ) in lines
    assert any(
        line.startswith("data/products/")
        and ":1: former_ids.0: 'mam-ruoc-van-ninh' is kept by data/products/" in line
        and "keep it in one file" in line
        for line in lines
    ), lines
    assert (
        f"data/producers/{NEW_PRODUCER}.yaml:1: former_ids.1: '{NEW_PRODUCER}' is this record's own id: "
        "list only the ids it had before"
    ) in lines


def test_a_former_id_is_an_id(project: Project, capsys):
    path = project.root / "data/products/che-vang-dong-trieu.yaml"
    path.write_text(
        "name: Chè vằng Đông Triều\nformer_ids:\n  - Che Vang\n" + path.read_text(encoding="utf-8").split("\n", 1)[1]
    )
    code, lines = check(project, capsys)
    assert code == 1
    assert any(line.startswith("data/products/che-vang-dong-trieu.yaml:3: former_ids.0: ") for line in lines), lines


def test_a_record_still_naming_the_old_id_is_told_the_new_one(project: Project, capsys):
    rename(project, "products", "dau-lac-hai-yen", "dau-lac-nguyen-chat-hai-yen")
    code, lines = check(project, capsys)
    assert code == 1
    told = (
        "the product 'dau-lac-hai-yen' was renamed 'dau-lac-nguyen-chat-hai-yen' "
        "(data/products/dau-lac-nguyen-chat-hai-yen.yaml keeps the old id): write 'dau-lac-nguyen-chat-hai-yen'"
    )
    # The fair that shows it and the stories about it, each at its line.
    assert any(
        line.startswith("data/fairs/hoi-cho-ocop-quang-ninh-he-2026.yaml:34: ") and told in line for line in lines
    )
    assert any(line.startswith("content/stories/dau-lac-hai-yen.vi.md:") and told in line for line in lines), lines


def test_a_renamed_producer_whose_products_name_its_old_id_is_not_said_to_have_none(project: Project, capsys):
    """Its products are told to write the new id; "the producer has no products" was untrue."""
    rename(project, "producers", OLD_PRODUCER, NEW_PRODUCER)
    code, lines = check(project, capsys)
    assert code == 1
    assert any(f"the producer '{OLD_PRODUCER}' was renamed '{NEW_PRODUCER}'" in line for line in lines), lines
    assert not [line for line in lines if "has no products" in line], lines
