"""An edit makes again only the open data rows of the product it changes."""

from __future__ import annotations

import json

import pytest
from conftest import Project
from ocop_catalogue import opendata
from ocop_catalogue.build import build
from ocop_catalogue.open_data_rows import ROWS_FILE
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
