"""Record files that are links, or lie in linked folders: refused exactly when
``links.leaves`` refuses them, though loading resolves only links and folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import ROOT
from ocop_catalogue.links import MESSAGE, leaves
from ocop_catalogue.loading import load_records


def copy_data(repository: Path) -> Path:
    shutil.copytree(ROOT / "data", repository / "data")
    return repository / "data"


def refused_as_links(data: Path) -> set[str]:
    records = load_records(data)
    return {problem.path for problem in records.problems if problem.message == MESSAGE}


def test_records_are_refused_exactly_when_they_resolve_outside_the_repository(tmp_path: Path):
    root = tmp_path / "repository"
    data = copy_data(root)
    products = sorted((data / "products").glob("*.yaml"))
    outside = tmp_path / "outside"
    # The fairs folder is a link to a folder outside the repository: its plain
    # files leave it, and a link in it leading back inside does not.
    shutil.move(data / "fairs", outside)
    os.symlink(outside, data / "fairs")
    os.symlink(products[0], outside / "back-inside.yaml")
    # The producers folder is a link to a folder elsewhere inside the repository.
    shutil.move(data / "producers", root / "producers-elsewhere")
    os.symlink(root / "producers-elsewhere", data / "producers")
    os.symlink("/etc/passwd", data / "products" / "out.yaml")
    os.symlink("loop.yaml", data / "products" / "loop.yaml")
    os.symlink(tmp_path / "nowhere.yaml", data / "products" / "dangling.yaml")
    os.symlink(products[1].name, data / "products" / "inside.yaml")

    files = [path for kind in ("producers", "products", "fairs") for path in (data / kind).glob("*.yaml")]
    expected = {path.relative_to(root).as_posix() for path in files if leaves(path, root)}
    assert refused_as_links(data) == expected
    assert {"data/products/out.yaml", "data/products/loop.yaml", "data/products/dangling.yaml"} <= expected
    assert any(name.startswith("data/fairs/") for name in expected)
    assert not {"data/fairs/back-inside.yaml", "data/products/inside.yaml"} & expected
    assert not any(name.startswith("data/producers/") for name in expected)


def test_a_record_linked_inside_the_repository_reads_as_its_target(tmp_path: Path):
    data = copy_data(tmp_path)
    target = sorted((data / "products").glob("*.yaml"))[0]
    os.symlink(target.name, data / "products" / "linked.yaml")
    records = load_records(data)
    linked, original = records.by_kind["products"]["linked"], records.by_kind["products"][target.stem]
    assert linked.name == original.name and linked.producer == original.producer
