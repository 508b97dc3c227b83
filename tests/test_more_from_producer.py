"""A product's page shows what else its producer makes: a buyer of peanut oil looks for the
sesame oil beside it."""

from __future__ import annotations

from conftest import Project, parse
from test_search_index import fragment_of

PRODUCER = "htx-nong-nghiep-hai-yen"  # makes the peanut oil and the black sesame oil
PEANUT_OIL = "san-pham/dau-lac-hai-yen/index.html"
SESAME_OIL = "data/products/dau-vung-hai-yen.yaml"


def others(page) -> list[str]:
    return [link["href"] for link in page.select("section.others .card-name")]


def test_a_products_page_shows_its_producers_other_products_and_not_itself(demo_site):
    page = parse(demo_site / PEANUT_OIL)
    assert page.select_one("section.others h2").get_text() == "Sản phẩm khác của chủ thể"
    assert others(page) == ["/san-pham/dau-vung-hai-yen/"]
    assert others(parse(demo_site / "en/products/dau-vung-hai-yen/index.html")) == ["/en/products/dau-lac-hai-yen/"]
    # Out of the search index: a search for sesame oil brings the sesame oil's page alone.
    assert "vừng" not in fragment_of(demo_site, "/san-pham/dau-lac-hai-yen/")["content"]
    assert "vừng" in fragment_of(demo_site, "/san-pham/dau-vung-hai-yen/")["content"]
    # A producer with one product: no section.
    assert parse(demo_site / "san-pham/trang-suc-ngoc-trai-ha-long/index.html").select_one("section.others") is None


def test_a_producer_of_many_products_shows_six_and_links_its_page(project: Project):
    sesame = (project.root / SESAME_OIL).read_text(encoding="utf-8")
    names = ["Dầu gấc", "Dầu dừa", "Dầu mè trắng", "Dầu hạt điều", "Dầu óc chó", "Dầu hướng dương", "Dầu bí"]
    for number, name in enumerate(names, start=1):
        record = sesame.replace("Dầu vừng đen Hải Yến", f"{name} Hải Yến").replace("Hai Yen black sesame oil", name)
        project.write(f"data/products/dau-{number}-hai-yen.yaml", record)
    assert project.build()[0] == 0

    page = parse(project.output / PEANUT_OIL)
    listed = others(page)
    producer_page = parse(project.output / f"chu-the/{PRODUCER}/index.html")
    in_order = [link["href"] for link in producer_page.select(".cards .card-name")]
    assert listed == [href for href in in_order if href != "/san-pham/dau-lac-hai-yen/"][:6]
    link = page.select_one("section.others p a")
    assert link["href"] == f"/chu-the/{PRODUCER}/"
    assert link.get_text() == "Tất cả 9 sản phẩm của Hợp tác xã Nông nghiệp Hải Yến"


def test_renaming_a_product_rewrites_its_producers_other_pages(project: Project, capsys):
    assert project.build(capsys)[0] == 0
    path = project.root / SESAME_OIL
    path.write_text(path.read_text(encoding="utf-8").replace("Dầu vừng đen", "Dầu mè đen"), encoding="utf-8")
    assert project.build(capsys)[0] == 0
    card = parse(project.output / PEANUT_OIL).select_one("section.others .card-name")
    assert card.get_text() == "Dầu mè đen Hải Yến"
