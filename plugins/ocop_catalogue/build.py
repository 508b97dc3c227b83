"""Build, check and index commands: ``python -m ocop_catalogue build|check|index``.

The build writes into a staging folder beside the output and swaps it in by
renaming only when it is complete, so bad records, a crash or a kill leave
the published output exactly as it was. Editors see ``path:line: key:
message`` lines and a summary, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pelican import Pelican, signals
from pelican.contents import Article
from pelican.settings import read_settings

from .checking import data_path, find_problems, read_story_headers
from .completeness import check_completeness
from .compress import precompress, precompressing
from .forked import Forked
from .generator import CatalogueGenerator, cache_path, load_catalogue, pages_written, record_cache
from .incremental import link_unchanged, page_names, save_pages
from .long_lived import no_full_collections
from .pagination import page_size
from .problems import CatalogueError, Problem, print_problems, unexpected_failure
from .search import SEARCH_BUNDLE, index_is_stale, index_site, mark_index
from .search_input import index_still_fits
from .staging import discard_staging, prepare_staging, prune_folders, remove_left, swap_in, wait_until_empty
from .story_files import check_story_files, story_files
from .story_reader import story_readers
from .urls import Urls


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m ocop_catalogue", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["build", "check", "index"])
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="the Pelican settings file")
    parser.add_argument("-o", "--output", help="the output folder (default: OUTPUT_PATH)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--booklets", action="store_true", help="write the PDF booklets too (make catalogue)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected failures")
    parser.add_argument(
        "--search-index-later",
        action="store_true",
        help="keep the published search index for the index command to renew (the preview)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.WARNING)
    # The catalogue's own warnings are printed once, in the report below.
    logging.getLogger("ocop_catalogue").setLevel(logging.ERROR)
    override = {"CATALOGUE_STRICT": True} if args.strict else {}
    if args.booklets:
        override["CATALOGUE_BOOKLETS"] = True
    if args.command == "check":
        try:
            return check(args.settings, override)
        except Exception as error:  # an editor must see one clear line, not a traceback
            if args.debug:
                raise
            return _failed(error, "not checked")
    if args.command == "index":
        return index(args.settings, args.output, debug=args.debug)
    return build(args.settings, args.output, override, debug=args.debug, index_later=args.search_index_later)


def check(settings_file: str, override: dict | None = None) -> int:
    """Validate the records and stories alone, as every build does first."""
    settings = read_settings(settings_file, override=override)
    try:
        stop_on_story_file_errors(settings)
    except CatalogueError as error:
        return _report(error.problems, "checked", _strict(settings))
    _, problems = load_catalogue(settings, _read_stories(settings), record_cache(settings))
    return _report(problems, "checked", _strict(settings))


def stop_on_story_file_errors(settings: dict) -> None:
    """Raise ``CatalogueError`` with every problem `make check` finds if a story file has
    errors. Pelican must not read such a story: it would log its own message about it, in
    its words and with the machine's paths, ahead of the story's ``path:line`` problem."""
    # The pictures' content is not looked at here: Pelican reads a story with a HEIC picture
    # without a word, and the check that follows (``find_problems``) reports it.
    stories, base = Path(settings["PATH"]) / "stories", data_path(settings).parent
    if any(not problem.warning for problem in check_story_files(stories, base)):
        cache = record_cache(settings)  # at national scale, parsing every record again takes seconds
        try:
            problems = find_problems(settings, read_story_headers(settings), cache)[1]
        finally:
            cache.saved()
        raise CatalogueError(problems)


def build(
    settings_file: str,
    output: str | None = None,
    override: dict | None = None,
    debug: bool = False,
    index_later: bool = False,
) -> int:
    """Build the site into ``output``. With ``index_later``, a search index that no longer
    fits the pages is kept all the same and marked stale, for ``index`` (``stale_mark``),
    unless the settings precompress the files."""
    settings = read_settings(settings_file, override=override)
    target = Path(output or settings["OUTPUT_PATH"]).resolve()
    cache = cache_path(settings)
    started = time.monotonic()
    # The catalogue's pages are left in the reused spare for the page writer, and the search
    # index's files for ``index_site`` (see ``staging``).
    staging = prepare_staging(target, cache, page_names(target, cache), kept=[SEARCH_BUNDLE])
    previous = {"CATALOGUE_PREVIOUS_OUTPUT": str(target)} if target.is_dir() else {}
    settings = read_settings(settings_file, override={**(override or {}), **previous, "OUTPUT_PATH": str(staging)})
    try:
        # What a build makes lives to its end (``long_lived``).
        with no_full_collections(), _following(staging, settings) as run:
            stop_on_story_file_errors(settings)
            Pelican(settings).run()
            # An index renewed later would lag behind its compressed twins: renewed now then.
            index_later = index_later and not precompressing(settings)
            problems = _complete(run, staging, target, settings, cache, index_later)
            if run.index_stale:  # marked first: a build killed before the swap only indexes once more
                mark_index(target, cache, stale=True)
            swap_in(staging, target, cache)
            save_pages(target, cache, run.generator.outcomes, run.generator.previous_names)
            if not run.index_stale:
                mark_index(target, cache, stale=False)
    except CatalogueError as error:
        discard_staging(staging, target, cache)
        return _report(error.problems, "not built; the output is unchanged", _strict(settings))
    except (Exception, KeyboardInterrupt) as error:  # an editor must see one clear line, not a traceback
        discard_staging(staging, target, cache)
        if debug:
            raise
        return _failed(error, "not built; the output is unchanged")
    seconds = time.monotonic() - started
    return _report(problems, f"built {target.name}/ in {seconds:.1f} s", _strict(settings))


@dataclass
class _Run:
    """What the build follows of Pelican's run: the catalogue's generator, and the
    completeness check started on the catalogue's pages as soon as they are written."""

    generator: CatalogueGenerator | None = None
    check: Forked[list[Problem]] | None = None
    index_stale: bool = False  # the published search index was kept though the pages changed


@contextmanager
def _following(staging: Path, settings: dict) -> Iterator[_Run]:
    run = _Run()

    def keep_generator(generators: list) -> None:
        run.generator = next(g for g in generators if isinstance(g, CatalogueGenerator))

    def start_check(generator: CatalogueGenerator) -> None:
        # The files of the last site that this one did not produce go first: the check
        # must not find them. It then reads the pages on a core of its own while Pelican
        # writes the rest (the sitemap, the theme's files) and the build completes the site.
        remove_left(staging, {page.name for page in generator.outcomes})
        siteurl = settings.get("SITEURL", "")
        size = page_size(settings)
        run.check = Forked(check_completeness, generator.catalogue, generator.urls, staging, siteurl, size)

    signals.all_generators_finalized.connect(keep_generator, weak=False)
    pages_written.connect(start_check, weak=False)
    try:
        yield run
    finally:
        signals.all_generators_finalized.disconnect(keep_generator)
        pages_written.disconnect(start_check)
        if run.check is not None:
            run.check.stop()  # the build failed before it asked for the check's result


def _complete(run: _Run, staging: Path, target: Path, settings: dict, cache: Path, index_later: bool) -> list[Problem]:
    """Complete the staged site (the search index, the files unchanged since ``target``,
    the compressed twins, the folders) and wait for the completeness check, which reads
    it meanwhile: nothing here changes a catalogue page. Returns the generator's problems."""
    catalogue = run.generator
    pages = catalogue.outcomes
    index_fits = not index_is_stale(target, cache) and index_still_fits(
        target, staging, catalogue.previous_names, pages
    )
    kept = index_site(staging, target, catalogue.urls, keep=index_fits or index_later)
    run.index_stale = kept and not index_fits
    # Unchanged files stay the same files (the search index's are settled already).
    link_unchanged(staging, target, pages, skip=[SEARCH_BUNDLE])
    precompress(staging, settings, target)  # last, so that every file written has its twins
    prune_folders(staging, wait_until_empty(staging), {page.name for page in pages})
    missing = run.check.result()
    if missing:
        raise CatalogueError(catalogue.problems + missing)
    return catalogue.problems


def index(settings_file: str, output: str | None = None, debug: bool = False) -> int:
    """Make the search index of ``output`` again if a build left it stale
    (``--search-index-later``); nothing otherwise."""
    settings = read_settings(settings_file)
    target = Path(output or settings["OUTPUT_PATH"]).resolve()
    cache = cache_path(settings)
    if not index_is_stale(target, cache):
        return 0
    started = time.monotonic()
    try:
        index_site(target, target, Urls(settings))
    except (Exception, KeyboardInterrupt) as error:  # the mark stays: the next build indexes
        if debug:
            raise
        return _failed(error, "search index not renewed; the next build makes it")
    mark_index(target, cache, stale=False)
    return _report([], f"search index of {target.name}/ renewed in {time.monotonic() - started:.1f} s")


def _failed(error: BaseException, outcome: str) -> int:
    """Report an unexpected failure (a full disk, a bug) in one line and the summary."""
    print(unexpected_failure(error), file=sys.stderr)
    return _report([], outcome, unexpected=1)


def _report(problems: list[Problem], outcome: str, strict: bool = False, unexpected: int = 0) -> int:
    """Every problem, then the summary line that ends every build and check."""
    return print_problems(problems, outcome, strict=strict, unexpected=unexpected)


def _strict(settings: dict) -> bool:
    """Whether warnings stop the build (``--strict`` or the setting): they then count as
    errors in the summary, or a build stopped by them said "ok" and exited 0."""
    return bool(settings.get("CATALOGUE_STRICT"))


def _read_stories(settings: dict) -> list:
    readers = story_readers(settings)
    content = Path(settings["PATH"])
    stories = []
    for path in story_files(content / "stories"):
        try:
            story = readers.read_file(str(content), str(path.relative_to(content)), content_class=Article, context={})
        except Exception as error:  # reported with its path by story_files.check_content
            logging.error("Could not process %s: %s", path.relative_to(content), error)
            continue
        stories.append(story)
    return stories
