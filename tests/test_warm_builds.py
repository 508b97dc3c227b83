"""The preview forks each build from a warm process: every build starts clean, a broken
record or a dead process does not stop the next build, changed plugin code is reloaded, and
the record cache is read ahead of the next build."""

from __future__ import annotations

import os
import signal
import tempfile
from pathlib import Path

from conftest import BUILD_EPOCH, ROOT, Project, indexed, overwrite_keeping_stamp
from ocop_catalogue.devserver import REPORT_SAVE_AS, SiteVersion, code_changed, rebuild
from ocop_catalogue.record_cache import CACHE_FILE
from ocop_catalogue.warm_builds import WarmBuilder

ENVIRONMENT = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "SOURCE_DATE_EPOCH": BUILD_EPOCH}


def printed(output) -> str:
    output.seek(0)
    return output.read()


def test_commands_run_in_forked_processes_and_a_failure_leaves_the_warm_process_ready(project: Project):
    check = ["check", "-s", str(project.root / "pelicanconf.py")]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output:
        builder = WarmBuilder(ENVIRONMENT, output)
        try:
            assert builder.start()
            warm = builder.process.pid
            assert builder.run(check) == 0
            assert "ok: checked: 0 errors" in printed(output)

            record = project.root / "data/products/dau-lac-hai-yen.yaml"
            record.write_text(record.read_text(encoding="utf-8").replace("star: 4", "star: 9"), encoding="utf-8")
            assert builder.run(check) == 1
            assert "data/products/dau-lac-hai-yen.yaml:" in printed(output)

            record.write_text(record.read_text(encoding="utf-8").replace("star: 9", "star: 4"), encoding="utf-8")
            assert builder.run(check) == 0
            assert builder.process.pid == warm  # the same warm process served all three

            os.kill(warm, signal.SIGKILL)
            builder.process.wait()
            assert builder.run(check) == 0  # a new warm process
            assert builder.process.pid != warm
        finally:
            builder.stop()


def test_the_warm_process_reads_the_record_cache_ahead_of_the_next_build(project: Project):
    """The preview's rebuild, as ``make devserver`` runs it: the build, then the editors'
    report. Once the cache is read ahead, its file is overwritten with zeros, its inode, size
    and time kept: read from disk, that is no cache, and the next build would parse every
    record and write the cache again."""
    settings = str(project.root / "pelicanconf.py")
    cache = project.root / "cache" / CACHE_FILE
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output:
        builder = WarmBuilder(ENVIRONMENT, output)
        try:
            # Once the report has answered, the warm process has read the cache ahead for
            # the build before it, and waits.
            rebuild(settings, project.output, SiteVersion(), builder)
            assert (project.output / REPORT_SAVE_AS).is_file()
            warm = builder.process.pid
            zeros = overwrite_keeping_stamp(cache)
            rebuild(settings, project.output, SiteVersion(), builder)
            assert cache.read_bytes() == zeros
            assert builder.process.pid == warm  # the same warm process served both rebuilds
            assert "usage:" not in printed(output)
        finally:
            builder.stop()


def test_a_warm_process_that_cannot_import_the_build_fails_the_run_instead_of_hanging(tmp_path: Path):
    environment = {**ENVIRONMENT, "PYTHONPATH": str(tmp_path)}  # no plugin there
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output:
        builder = WarmBuilder(environment, output)
        assert builder.run(["check"]) == 1
        assert "No module named 'ocop_catalogue'" in printed(output)
        assert builder.process is None


def test_only_the_plugins_code_restarts_the_warm_process():
    settings = {"PLUGIN_PATHS": [str(ROOT / "plugins")]}
    modified = 2  # watchfiles' Change.modified
    assert code_changed({(modified, str(ROOT / "plugins/ocop_catalogue/model.py"))}, settings)
    assert not code_changed({(modified, str(ROOT / "data/products/dau-lac-hai-yen.yaml"))}, settings)
    assert not code_changed({(modified, str(ROOT / "theme/templates/product.html"))}, settings)
    assert not code_changed({(modified, str(ROOT / "pelicanconf.py"))}, settings)


def test_a_preview_rebuild_shows_a_renamed_product_then_renews_the_search_index(project: Project):
    """A new name is searched by: the preview's build keeps the last index, so the page shows
    without waiting for Pagefind, and the index is renewed after; the pages reload each time."""
    settings = str(project.root / "pelicanconf.py")
    record = project.root / "data/products/dau-lac-hai-yen.yaml"
    version = SiteVersion()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output:
        builder = WarmBuilder(ENVIRONMENT, output)
        try:
            rebuild(settings, project.output, version, builder)
            assert version.number == 1
            record.write_text(record.read_text(encoding="utf-8").replace("Dầu lạc", "Dầu phộng"), encoding="utf-8")
            rebuild(settings, project.output, version, builder)
            assert version.number == 3  # the pages, then the renewed index
            assert "ok: search index of output/ renewed" in printed(output)
            page = (project.output / "san-pham/dau-lac-hai-yen/index.html").read_text(encoding="utf-8")
            assert "Dầu phộng" in page
            assert indexed(project.output, "Dầu phộng")
            rebuild(settings, project.output, version, builder)  # nothing changed: nothing to renew
            assert version.number == 4
        finally:
            builder.stop()
