"""The record cache: an edit is journalled instead of writing every record again, the journal is
folded into the cache once it has grown, a stale journal gives no stale record, and a cache read
ahead is used only while its file is the one read."""

from __future__ import annotations

import ast
import os
import shutil
from pathlib import Path

from conftest import Project, overwrite_keeping_stamp
from ocop_catalogue import record_cache as record_cache_module
from ocop_catalogue.generator import load_catalogue, record_cache
from ocop_catalogue.record_cache import CACHE_FILE, CHANGES_FILE, RecordCache, read_ahead
from pelican.settings import read_settings


def names(project: Project) -> dict[str, str]:
    """Each product's Vietnamese name, read through a new cache object, as a build does."""
    settings = read_settings(str(project.root / "pelicanconf.py"))
    catalogue, problems = load_catalogue(settings, None, record_cache(settings))
    assert catalogue is not None, problems
    return {product_id: product.name.vi for product_id, product in catalogue.products.items()}


def rename(project: Project, product_id: str, new_name: str) -> None:
    path = project.root / f"data/products/{product_id}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if line.startswith("name:"))
    lines[number] = f"name: {{vi: {new_name}}}\n"
    path.write_text("".join(lines), encoding="utf-8")


def stamp(path: Path) -> tuple[int, int]:
    return path.stat().st_ino, path.stat().st_mtime_ns


def test_an_edit_is_journalled_and_read_back_without_writing_the_cache_again(project: Project):
    cache = project.root / "cache"
    first = names(project)
    whole = stamp(cache / CACHE_FILE)
    assert not (cache / CHANGES_FILE).exists()

    rename(project, "dau-lac-hai-yen", "Dầu lạc mới")
    (project.root / "data/products/mam-ruoc-van-ninh.yaml").unlink()
    expected = {**first, "dau-lac-hai-yen": "Dầu lạc mới"}
    del expected["mam-ruoc-van-ninh"]
    assert names(project) == expected
    assert stamp(cache / CACHE_FILE) == whole
    assert (cache / CHANGES_FILE).exists()

    # Read again, from the cache and its journal: the same records, nothing written.
    journal = stamp(cache / CHANGES_FILE)
    assert names(project) == expected
    assert stamp(cache / CACHE_FILE) == whole
    assert stamp(cache / CHANGES_FILE) == journal


def test_a_grown_journal_is_folded_into_the_cache(project: Project):
    cache = project.root / "cache"
    first = names(project)
    whole = stamp(cache / CACHE_FILE)
    edited = sorted(first)[:10]  # more than a tenth of the demo's 86 records
    for number, product_id in enumerate(edited):
        rename(project, product_id, f"Sản phẩm {number}")
    assert names(project) == {**first, **{product_id: f"Sản phẩm {n}" for n, product_id in enumerate(edited)}}
    assert stamp(cache / CACHE_FILE) != whole
    assert not (cache / CHANGES_FILE).exists()


def test_a_journal_left_beside_a_newer_cache_gives_no_stale_record(project: Project):
    cache = project.root / "cache"
    names(project)
    rename(project, "dau-lac-hai-yen", "Dầu lạc cũ")
    names(project)
    stale = project.root / "stale-journal"
    shutil.copy(cache / CHANGES_FILE, stale)
    # The cache written whole again (by other reading code, say), then the old journal put back,
    # as a build stopped between writing the cache and removing the journal would leave it.
    (cache / CACHE_FILE).unlink()
    rename(project, "dau-lac-hai-yen", "Dầu lạc mới")
    names(project)
    shutil.copy(stale, cache / CHANGES_FILE)
    assert names(project)["dau-lac-hai-yen"] == "Dầu lạc mới"


def warnings_of(project: Project, path: str) -> list[str]:
    """The warnings a build would print for one file, its records read through a new cache object."""
    settings = read_settings(str(project.root / "pelicanconf.py"))
    catalogue, problems = load_catalogue(settings, None, record_cache(settings))
    assert catalogue is not None, problems
    return [str(problem) for problem in problems if problem.path == path and problem.warning]


def test_a_records_own_warnings_come_the_same_from_the_cache_and_go_with_an_edit(project: Project):
    path = "data/products/dau-lac-hai-yen.yaml"
    record = project.root / path
    text = record.read_text(encoding="utf-8")
    record.write_text(
        text.replace(", en: Hai Yen pure peanut oil}", "}").replace(
            "    alt: {vi: Chai dầu lạc Hải Yến, en: A bottle of Hai Yen peanut oil}\n", ""
        ),
        encoding="utf-8",
    )
    expected = [
        f"{path}:2: name: warning: no English text; the English page shows the Vietnamese",
        f"{path}:28: images.0: warning: the picture has no alt text",
    ]
    assert warnings_of(project, path) == expected
    assert (project.root / "cache" / CACHE_FILE).exists()
    assert warnings_of(project, path) == expected  # from the cache
    record.write_text(text, encoding="utf-8")
    assert warnings_of(project, path) == []


def test_records_parsed_on_two_cores_equal_those_parsed_on_one(project: Project, monkeypatch):
    """A national catalogue's files are parsed by this process and a forked one, in interleaved
    shares, and the whole cache is written by a forked process before loading returns."""
    monkeypatch.setattr(record_cache_module, "PARALLEL_FROM", 1)
    settings = read_settings(str(project.root / "pelicanconf.py"))
    loaded = [
        load_catalogue(settings, None, RecordCache(None, processes=1)),
        load_catalogue(settings, None, RecordCache(project.root / "cache", processes=2)),
        load_catalogue(settings, None, RecordCache(project.root / "cache", processes=2)),  # from the cache
    ]
    (on_one_core, problems), *others = loaded
    assert on_one_core is not None and problems  # the demo has warnings
    for catalogue, their_problems in others:
        assert catalogue is not None and their_problems == problems
        for kind in ("products", "producers", "fairs"):
            assert list(getattr(catalogue, kind).items()) == list(getattr(on_one_core, kind).items())


def test_files_digested_while_the_cache_is_unpickled_give_the_same_records(project: Project, monkeypatch):
    """A national catalogue's files are digested by a forked process while the cache loads."""
    monkeypatch.setattr(record_cache_module, "PARALLEL_FROM", 1)
    settings = read_settings(str(project.root / "pelicanconf.py"))

    def names_on_two_cores() -> dict[str, str]:
        catalogue, problems = load_catalogue(settings, None, RecordCache(project.root / "cache", processes=2))
        assert catalogue is not None, problems
        return {product_id: product.name.vi for product_id, product in catalogue.products.items()}

    first = names_on_two_cores()
    assert (project.root / "cache" / CACHE_FILE).exists()
    rename(project, "dau-lac-hai-yen", "Dầu lạc mới")
    (project.root / "data/products/mam-ruoc-van-ninh.yaml").unlink()
    expected = {**first, "dau-lac-hai-yen": "Dầu lạc mới"}
    del expected["mam-ruoc-van-ninh"]
    assert names_on_two_cores() == expected
    assert names_on_two_cores() == expected  # from the cache and its journal


def test_a_cache_read_ahead_is_used_while_its_file_is_the_one_read(project: Project, monkeypatch):
    monkeypatch.setattr(record_cache_module, "_read_ahead", {})
    cache = project.root / "cache"
    first = names(project)
    read_ahead(cache)
    ((_, (_, ahead)),) = record_cache_module._read_ahead.values()
    entries_ahead = dict(ahead)
    # Read from disk, zeros are no cache: every record would be parsed and the cache written again.
    zeros = overwrite_keeping_stamp(cache / CACHE_FILE)
    rename(project, "dau-lac-hai-yen", "Dầu lạc mới")
    renamed = {**first, "dau-lac-hai-yen": "Dầu lạc mới"}
    assert names(project) == renamed
    assert (cache / CACHE_FILE).read_bytes() == zeros  # the edit went to the journal
    assert ahead == entries_ahead  # what was read ahead is as the file held it, not as the build left its copy

    # A cache written since is a new file (``pickle_files.write_pickle`` replaces it): read from disk.
    (cache / "replacement").write_bytes(zeros)
    os.replace(cache / "replacement", cache / CACHE_FILE)
    assert names(project) == renamed
    assert (cache / CACHE_FILE).read_bytes() != zeros  # every record parsed, the cache written whole

    # Read ahead again, the new file replaces what was read of the old one.
    read_ahead(cache)
    zeros = overwrite_keeping_stamp(cache / CACHE_FILE)
    assert names(project) == renamed
    assert (cache / CACHE_FILE).read_bytes() == zeros


# What a module imported by the reading code may do without deciding what a record reads as.
NEUTRAL = {"long_lived.py"}  # pauses the garbage collector while records are read


def test_the_cache_is_renewed_when_any_code_that_reads_records_changes():
    """A cached record is the reading code's result: a module it imports that the version
    leaves out (links.py was) would keep, after an upgrade, problems worded or found by the
    code before, until each record file changed."""
    package = Path(record_cache_module.__file__).parent
    reached, to_read = set(), ["loading.py"]
    while to_read:
        module = to_read.pop()
        if module not in reached:
            reached.add(module)
            tree = ast.parse((package / module).read_text(encoding="utf-8"))
            to_read += [
                f"{node.module}.py" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level
            ]
    assert reached - NEUTRAL <= set(record_cache_module.READING_CODE)
