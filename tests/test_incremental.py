"""Rebuilding after an edit rewrites exactly the files whose bytes change."""

from __future__ import annotations

import re
import shutil
import site
from pathlib import Path

from conftest import ROOT, Project, copy_project
from ocop_catalogue.build import build
from ocop_catalogue.generator import CatalogueGenerator
from ocop_catalogue.incremental import link_unchanged

PRODUCT = "data/products/dau-lac-hai-yen.yaml"


def files(output: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file's bytes, inode and modification time; but the search index, which
    Pagefind writes whole on every build (see docs/performance.md)."""
    found = {}
    for path in sorted(output.rglob("*")):
        if path.is_file() and path.relative_to(output).parts[0] != "pagefind":
            stat = path.stat()
            found[path.relative_to(output).as_posix()] = (path.read_bytes(), stat.st_ino, stat.st_mtime_ns)
    return found


def raise_first_price(project: Project) -> None:
    path = project.root / PRODUCT
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r"vnd: (\d+)", lambda m: f"vnd: {int(m.group(1)) + 5000}", text, count=1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")


def test_an_edit_rewrites_only_the_pages_it_changes(project: Project, tmp_path_factory, capsys):
    # Twice, so that the edit's build stages into the folders of a replaced site (the spare).
    for _ in range(2):
        assert project.build(capsys)[0] == 0
    before = files(project.output)
    raise_first_price(project)
    assert project.build(capsys)[0] == 0
    after = files(project.output)

    assert after.keys() == before.keys()
    differ = {name for name in after if after[name][0] != before[name][0]}
    touched = {name for name in after if after[name][1:] != before[name][1:]}
    # The product's page, in both languages, shows the price, and so do the open data
    # files; no listing does.
    open_data = {f"du-lieu/catalogue.{lang}.{kind}" for lang in ("vi", "en") for kind in ("json", "csv")}
    assert differ == {"san-pham/dau-lac-hai-yen/index.html", "en/products/dau-lac-hai-yen/index.html", *open_data}
    assert touched == differ
    assert "125.000" in (project.output / "san-pham/dau-lac-hai-yen/index.html").read_text(encoding="utf-8")

    clean = copy_project(tmp_path_factory.mktemp("clean"))
    (clean.root / PRODUCT).write_bytes((project.root / PRODUCT).read_bytes())
    assert clean.build(capsys)[0] == 0
    assert {name: content for name, (content, _, _) in files(clean.output).items()} == {
        name: content for name, (content, _, _) in after.items()
    }
    assert folders(clean.output) == folders(project.output)


def folders(output: Path) -> set[str]:
    return {path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_dir()}


def test_a_removed_record_takes_its_pages_away(project: Project, capsys):
    assert project.build(capsys)[0] == 0
    product_file = "data/products/mam-ruoc-van-ninh.yaml"
    assert (project.output / "san-pham/mam-ruoc-van-ninh/index.html").exists()
    (project.root / product_file).unlink()
    # The second build after the removal stages into the folders of the site that had it.
    for _ in range(2):
        code, printed = project.build(capsys)
        assert code == 0, printed
        assert not (project.output / "san-pham/mam-ruoc-van-ninh").exists()
        assert not (project.output / "en/products/mam-ruoc-van-ninh").exists()


def test_a_record_file_renamed_as_it_is_is_linked_at_its_new_address(project: Project, capsys):
    """`git mv` of a product's file, no line changed: the pages listing it show the same record
    bytes, but the product's address is new, and every link to it must follow."""
    assert project.build(capsys)[0] == 0
    (project.root / "data/products/mam-ruoc-van-ninh.yaml").rename(
        project.root / "data/products/mam-ruoc-quang-ha.yaml"
    )
    code, printed = project.build(capsys)
    assert code == 0, printed
    for page in ("hang-sao/3-sao/index.html", "nhom/thuc-pham/index.html", "chu-the/ho-tran-thi-hai/index.html"):
        html = (project.output / page).read_text(encoding="utf-8")
        assert "/san-pham/mam-ruoc-quang-ha/" in html and "/san-pham/mam-ruoc-van-ninh/" not in html, page


def test_problems_are_reported_the_same_from_the_record_cache(project: Project, capsys):
    project.write("data/products/mat-ong.yaml", "name: Mật ong\nproducer: khong-co\nstar: 6\nstar: 4\n")
    first = project.build(capsys)
    assert (project.root / "cache").is_dir()
    second = project.build(capsys)
    assert first[0] == second[0] == 1
    assert "data/products/mat-ong.yaml:4: star: duplicate key" in first[1]
    assert first[1] == second[1]


def test_a_style_change_reaches_every_unchanged_page(project: Project, capsys):
    # The project gets its own copy of the theme, to change it.
    shutil.copytree(ROOT / "theme", project.root / "theme")
    settings = project.root / "pelicanconf.py"
    settings.write_text(settings.read_text(encoding="utf-8") + f"\nTHEME = {str(project.root / 'theme')!r}\n")
    assert project.build(capsys)[0] == 0
    stylesheet = project.root / "theme/static/css/site.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n.new-rule { color: red; }\n", encoding="utf-8")
    assert project.build(capsys)[0] == 0
    page = (project.output / "san-pham/dau-lac-hai-yen/index.html").read_text(encoding="utf-8")
    linked = re.search(r'href="/(theme/css/site\.[0-9a-f]+\.css)"', page)[1]
    assert ".new-rule" in (project.output / linked).read_text(encoding="utf-8")


def test_an_upgraded_library_renders_every_page_again(project: Project, monkeypatch, tmp_path: Path):
    rendered = []
    render = CatalogueGenerator.render

    def counted(self, page, lang, *args):
        rendered.append((page.kind, str(page.key), lang))
        return render(self, page, lang, *args)

    def run() -> list:
        rendered.clear()
        # On one core, so that the pages are rendered in this process, where they are counted.
        assert build(str(project.root / "pelicanconf.py"), str(project.output), {"CATALOGUE_PROCESSES": 1}) == 0
        return sorted(rendered)

    monkeypatch.setattr(CatalogueGenerator, "render", counted)
    first = run()
    assert len(first) > 100 and run() == []  # nothing changed: every page is kept
    # A library upgraded in place: the same inputs may make other pages.
    installed, upgraded = site.getsitepackages(), tmp_path / "site-packages"
    (upgraded / "jinja2-99.0.dist-info").mkdir(parents=True)
    monkeypatch.setattr(site, "getsitepackages", lambda: [*installed, str(upgraded)])
    assert run() == first


def test_files_with_the_same_bytes_are_linked_and_no_other(tmp_path: Path):
    output, staging = tmp_path / "output", tmp_path / "staging"
    mebibyte = 1 << 20
    big = bytes(range(256)) * (3 * mebibyte // 256)
    cases = {
        "same.txt": (b"a story", b"a story"),
        "other.txt": (b"a story", b"a stork"),
        "longer.txt": (b"a story", b"a story, longer"),
        "empty.txt": (b"", b""),
        "folder/exactly-a-mebibyte.bin": (big[:mebibyte], big[:mebibyte]),
        "folder/big.bin": (big, big),
        "folder/big-but-the-last-byte.bin": (big, big[:-1] + b"\0"),
        "only-new.txt": (None, b"new"),
    }
    for name, (old, new) in cases.items():
        for root, content in ((output, old), (staging, new)):
            if content is not None:
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                (root / name).write_bytes(content)

    link_unchanged(staging, output, [])

    linked = {name for name in cases if (output / name).exists() and (output / name).samefile(staging / name)}
    assert linked == {"same.txt", "empty.txt", "folder/exactly-a-mebibyte.bin", "folder/big.bin"}
    assert all((staging / name).read_bytes() == new for name, (_, new) in cases.items())
    assert sorted(p.name for p in staging.rglob(".*")) == []  # no temporary link left


def test_a_products_picture_edited_reaches_the_list_of_stories_it_shows(project: Project, tmp_path_factory, capsys):
    """A story without a picture of its own is shown by its first product's: the list of
    stories depends on that product, as the story's page does (Pelican renders it each build)."""
    assert project.build(capsys)[0] == 0
    path = project.root / PRODUCT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("en: A bottle of Hai Yen peanut oil", "en: Hai Yen peanut oil in its glass bottle"))
    assert project.build(capsys)[0] == 0
    listing = (project.output / "en/stories/index.html").read_text(encoding="utf-8")
    assert 'alt="Hai Yen peanut oil in its glass bottle"' in listing

    clean = copy_project(tmp_path_factory.mktemp("clean"))
    (clean.root / PRODUCT).write_bytes(path.read_bytes())
    assert clean.build(capsys)[0] == 0
    assert {name: content for name, (content, _, _) in files(clean.output).items()} == {
        name: content for name, (content, _, _) in files(project.output).items()
    }


def test_a_producer_losing_its_map_position_is_counted_on_near_me(project: Project, capsys):
    """Near me says how many producers it cannot place: it depends on every producer."""
    assert project.build(capsys)[0] == 0
    count = int(re.search(r">(\d+) chủ thể chưa có vị trí", (project.output / "gan-toi/index.html").read_text())[1])
    path = project.root / "data/producers/htx-nong-nghiep-hai-yen.yaml"
    path.write_text(re.sub(r"(?m)^geo: .*\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert project.build(capsys)[0] == 0
    assert f">{count + 1} chủ thể chưa có vị trí" in (project.output / "gan-toi/index.html").read_text()
