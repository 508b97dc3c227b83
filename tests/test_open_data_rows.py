"""An edit makes again only the open data rows of the product it changes."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest
from conftest import Project
from ocop_catalogue import opendata
from ocop_catalogue.build import build
from ocop_catalogue.open_data_rows import ROWS_FILE, RowCache
from test_incremental import raise_first_price

EDITED = "dau-lac-hai-yen"


@pytest.fixture
def exported(monkeypatch) -> list[tuple[str, str]]:
    """The products whose rows the build makes, as ``(id, lang)``."""
    made = []
    product = opendata.Exporter.product

    def counted(exporter, record):
        made.append((record.id, exporter.lang))
        return product(exporter, record)

    monkeypatch.setattr(opendata.Exporter, "product", counted)
    return made


def build_here(project: Project, capsys) -> None:
    """Build in this process (one process renders), so that ``exported`` sees every row made."""
    code = build(str(project.root / "pelicanconf.py"), str(project.output), {"CATALOGUE_PROCESSES": 1})
    assert code == 0, capsys.readouterr().err


def products_in(project: Project, lang: str) -> list[dict]:
    return json.loads((project.output / f"du-lieu/catalogue.{lang}.json").read_text(encoding="utf-8"))["products"]


def test_an_edit_makes_only_its_products_rows_again(project: Project, exported, capsys):
    build_here(project, capsys)
    everything = {(product["id"], lang) for lang in ("vi", "en") for product in products_in(project, lang)}
    assert set(exported) == everything
    exported.clear()

    raise_first_price(project)
    build_here(project, capsys)

    assert exported == [(EDITED, "vi"), (EDITED, "en")]
    edited = next(product for product in products_in(project, "vi") if product["id"] == EDITED)
    assert edited["prices"][0]["vnd"] == 125000
    assert f"{EDITED}," in (project.output / "du-lieu/catalogue.vi.csv").read_text(encoding="utf-8")


def test_rows_that_cannot_be_read_are_made_again(project: Project, exported, capsys):
    build_here(project, capsys)
    expected = {lang: products_in(project, lang) for lang in ("vi", "en")}
    (project.root / "cache" / ROWS_FILE).write_bytes(b"not marshal data")
    raise_first_price(project)
    exported.clear()

    build_here(project, capsys)

    assert len(exported) == len(expected["vi"]) + len(expected["en"])
    for lang in ("vi", "en"):
        for product in expected[lang]:
            if product["id"] == EDITED:
                product["prices"][0]["vnd"] = 125000
        assert products_in(project, lang) == expected[lang]


def test_builds_sharing_the_cache_save_their_rows_side_by_side(tmp_path: Path):
    """Builds of one project into two outputs (``make html`` and ``make publish``) share
    the cache: each saves the rows through a temporary file of its own."""
    path = tmp_path / ROWS_FILE
    with multiprocessing.get_context("fork").Pool(2) as pool:
        results = [pool.apply_async(save_rows_again_and_again, (path,)) for _ in range(4)]
        for result in results:
            result.get(timeout=60)  # raises what a save raised
    assert len(RowCache(path, row_key).kept) == 1


def row_key(product: str, lang: str) -> str:
    return f"{product}/{lang}"


def save_rows_again_and_again(path: Path) -> None:
    for number in range(300):
        rows = RowCache(path, row_key)
        rows.row(f"product-{number}", "vi", lambda: ("{}", ""))
        rows.save()


def test_a_producers_former_id_makes_its_products_rows_again(project: Project, exported, capsys):
    """A row gives its producer's former ids: the producer's edit reaches its products' rows."""
    build_here(project, capsys)
    exported.clear()
    path = project.root / "data/producers/htx-nong-nghiep-hai-yen.yaml"
    path.write_text("former_ids: [htx-hai-yen]\n" + path.read_text(encoding="utf-8"), encoding="utf-8")

    build_here(project, capsys)

    mine = ["dau-lac-hai-yen", "dau-vung-hai-yen"]
    assert sorted(exported) == [(product, lang) for product in mine for lang in ("en", "vi")]
    for lang in ("vi", "en"):
        formers = {product["id"]: product["producer"]["former_ids"] for product in products_in(project, lang)}
        assert {product for product, ids in formers.items() if ids} == set(mine)
        assert formers[mine[0]] == ["htx-hai-yen"]
