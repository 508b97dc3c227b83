"""PDF booklets rendered with WeasyPrint from the theme's ``booklet/`` templates.

The booklet generator lists the booklets in every build (the site links
them), and writes them only when ``CATALOGUE_BOOKLETS`` is on, as
``make catalogue`` sets it: rendering every booklet takes far longer than
the site itself. A booklet whose fingerprint is that of one the last build
wrote is linked from ``booklet_cache`` instead.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from jinja2 import Template
from pelican.generators import Generator

from . import booklets as bk
from .booklet_cache import FOLDER as CACHE_FOLDER
from .booklet_cache import BookletCache
from .checking import data_path
from .dependencies import BookletFingerprints, print_digest
from .generator import cache_path
from .printimages import print_picture
from .qrcodes import public_url
from .schema import Product
from .values import LANGS

logger = logging.getLogger(__name__)

STYLESHEET = "booklet/booklet.css"
DEFAULT_MARGINS = "20mm 16mm 18mm 16mm"
# Products in a run of entries laid out on one core: a province of 500 fills both cores of a
# 2-core machine; a national catalogue's booklet gets as many runs as its cores can take.
DEFAULT_RUN_PRODUCTS = 250

# Lines of contents (an entry a line, three for a section's heading) that one page holds as a rule.
SHORT_CONTENTS = 36

Templates = dict[str, Template]
Job = tuple[bk.Booklet, str, Path]  # a booklet, its language and the file to write


class BookletGenerator(Generator):
    """Lists the booklets for the site's links and, when asked, writes them as PDF."""

    def generate_context(self) -> None:
        catalogue = self.context["catalogue"]
        self.booklets = bk.all_booklets(catalogue)
        self.context["booklets"] = {(b.kind, b.key) for b in self.booklets}

    def generate_output(self, writer) -> None:
        if not self.settings.get("CATALOGUE_BOOKLETS"):
            return
        started = time.monotonic()
        jobs = [
            (booklet, lang, Path(self.output_path) / bk.booklet_save_as(self.settings, booklet, lang))
            for booklet in self.booklets
            for lang in LANGS
        ]
        # A booklet whose records, pictures, templates and settings are those of one the last
        # build wrote is linked from the cache, not rendered again (``booklet_cache``).
        cache = BookletCache(cache_path(self.settings) / CACHE_FOLDER)
        fingerprints = self._fingerprints()
        used, missing = set(), []
        for job in jobs:
            fingerprint = fingerprints.of(job[0], job[1])
            used.add(fingerprint)
            if not cache.fetch(fingerprint, job[2]):
                missing.append((job, fingerprint))
        write_all(booklet_templates(self), self.context, self.settings, [job for job, _ in missing])
        for (_, _, written), fingerprint in missing:
            cache.keep(fingerprint, written)
        cache.prune(used)
        kept = len(jobs) - len(missing)
        logger.info("wrote %d booklets and kept %d in %.1f s", len(missing), kept, time.monotonic() - started)

    def _fingerprints(self) -> BookletFingerprints:
        catalogue = self.context["catalogue"]
        printing = print_digest(self.settings, catalogue.today, data_path(self.settings))
        images = Path(self.settings["PATH"]) / "images"
        return BookletFingerprints(self.context["catalogue_fingerprints"], printing, images)


# What forked workers inherit: the templates, context and settings of the build, each
# worker's own renderer, made on its first task, and the queue where runs report their pages.
_shared: tuple | None = None
_renderer: BookletRenderer | None = None
_laid_out: Any = None


def write_all(templates: Templates, context: dict[str, Any], settings: dict[str, Any], jobs: list[Job]) -> None:
    """Write the booklets, on every core: WeasyPrint uses one per document.

    A booklet's entries are laid out in runs (``booklets.cut``), one task each,
    so that the cores share even a single large booklet. As soon as all its
    runs are laid out, the booklet's frame is, while the runs are still drawn;
    the last task joins them.
    """
    global _shared, _renderer, _laid_out
    _shared, _renderer = (templates, context, settings), None  # never a renderer of an earlier build
    cut = [booklet_runs(context["catalogue"], settings, booklet, lang) for booklet, lang, _ in jobs]
    runs = [len(booklet) for booklet in cut]
    workers = min(sum(runs), os.cpu_count() or 1, settings.get("BOOKLET_PROCESSES") or 8)
    if workers <= 1:
        for n, job in enumerate(jobs):
            pages = [_write_run(n, job, index) for index in range(runs[n])]
            _join(job, runs[n], _write_frame(job, pages))
        return
    # Forked, so that workers share the loaded catalogue and templates without pickling them.
    fork = multiprocessing.get_context("fork")
    _laid_out = fork.Queue()
    try:
        # One process more than cores: a frame is laid out while the runs are drawn.
        with ProcessPoolExecutor(workers + 1, mp_context=fork) as pool:
            _run_all(pool, jobs, cut)
    finally:
        _laid_out = None


def _run_all(pool: ProcessPoolExecutor, jobs: list[Job], cut: list[list[list[bk.Piece]]]) -> None:
    runs = [len(booklet) for booklet in cut]
    # Longest runs first, so that no long task is left alone at the end.
    tasks = [(n, index) for n, count in enumerate(runs) for index in range(count)]
    tasks.sort(key=lambda task: -sum(len(piece.products) for piece in cut[task[0]][task[1]]))
    drawn = [pool.submit(_write_run, n, jobs[n], index) for n, index in tasks]
    laid_out: dict[int, dict[int, list]] = {n: {} for n in range(len(jobs))}
    frames = {}
    while len(frames) < len(jobs):
        try:
            n, index, pages = _laid_out.get(timeout=1)
        except queue.Empty:
            for future in drawn:
                if future.done():
                    future.result()  # a run that failed never reports: raise its error
            continue
        laid_out[n][index] = pages
        if len(laid_out[n]) == runs[n]:
            frames[n] = pool.submit(_write_frame, jobs[n], [laid_out[n][i] for i in range(runs[n])])
    for future in drawn:
        future.result()
    joins = [pool.submit(_join, jobs[n], runs[n], frames[n].result()) for n in range(len(jobs))]
    for future in joins:
        future.result()


def booklet_runs(catalogue, settings: dict[str, Any], booklet: bk.Booklet, lang: str) -> list[list[bk.Piece]]:
    """The booklet's entries cut into runs laid out apart."""
    size = settings.get("BOOKLET_RUN_PRODUCTS") or DEFAULT_RUN_PRODUCTS
    return bk.cut(bk.sections(catalogue, booklet, lang), size)


def _get_renderer() -> BookletRenderer:
    global _renderer
    if _renderer is None:
        assert _shared is not None
        _renderer = BookletRenderer(*_shared)
    return _renderer


def _write_run(n: int, job: Job, index: int) -> list[list[str]]:
    """Lay out and write a run; its pages' anchors go to the queue as soon as they are known."""
    booklet, lang, target = job
    document = _get_renderer().lay_out_run(booklet, lang, index)
    pages = [sorted(page.anchors, key=lambda anchor: page.anchors[anchor][1]) for page in document.pages]
    if _laid_out is not None:
        _laid_out.put((n, index, pages))
    target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(_part_file(target, index))
    return pages


def _write_frame(job: Job, pages: list[list[list[str]]]) -> list[int]:
    booklet, lang, target = job
    return _get_renderer().write_frame(booklet, lang, pages, _part_file(target, "frame"))


def _join(job: Job, count: int, kept: list[int]) -> None:
    # pypdf is imported only by builds that write booklets: a tenth of a second of every build's start.
    from .pdfjoin import draw_under

    target = job[2]
    frame, parts = _part_file(target, "frame"), [_part_file(target, index) for index in range(count)]
    draw_under(frame.read_bytes(), kept, parts, target)
    for part in (frame, *parts):
        part.unlink()


def _part_file(target: Path, part: int | str) -> Path:
    return target.with_name(f".{target.stem}-{part}.pdf")


class BookletRenderer:
    """Renders booklets of one catalogue; fonts and the stylesheet are loaded once."""

    def __init__(self, templates: Templates, context: dict[str, Any], settings: dict[str, Any]):
        # WeasyPrint loads Pango through cffi on import: only booklet builds pay for it.
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self.templates = templates
        self.context = context
        self.settings = settings
        self.catalogue = context["catalogue"]
        self.images = Path(settings["PATH"]) / "images"
        self.cache = Path(
            settings.get("BOOKLET_IMAGE_CACHE_PATH") or Path(settings["PATH"]).parent / "cache" / "images"
        )
        self.fonts = FontConfiguration()
        stylesheet = Path(settings["THEME"]) / "templates" / STYLESHEET
        margins = settings.get("BOOKLET_MARGINS") or DEFAULT_MARGINS
        self.stylesheets = [
            CSS(filename=str(stylesheet), font_config=self.fonts),
            CSS(string=f"@page {{ margin: {margins}; }}", font_config=self.fonts),
        ]
        self.site = public_url(settings)

    def runs(self, booklet: bk.Booklet, lang: str) -> list[list[bk.Piece]]:
        return booklet_runs(self.catalogue, self.settings, booklet, lang)

    def lay_out_run(self, booklet: bk.Booklet, lang: str, index: int):
        """A run of entries laid out as pages without header or footer (a WeasyPrint document)."""
        run = self.runs(booklet, lang)[index]
        html = self.templates["entries"].render(
            self.context,
            lang=lang,
            run=run,
            booths=bk.booths(self.catalogue, booklet),
            picture_of=self.picture_of,
            public_url=self.site,
        )
        return self._render(html)

    def frame_html(self, booklet: bk.Booklet, lang: str, slots: list[bk.Slot], front_pages: int | None) -> str:
        """The booklet without its entries: a page kept for each of theirs (``slots``).

        The page numbers follow from ``front_pages``, the pages of the cover and
        the contents; without it, the cover and the contents alone, to count them.
        """
        catalogue = self.catalogue
        sections = bk.sections(catalogue, booklet, lang)
        products = [product for section in sections for product in section.products]
        page_of = {}
        if front_pages is not None:
            first = front_pages + 1
            page_of = {product.id: first + n for n, slot in enumerate(slots) for product in slot.products}
        return self.templates["frame"].render(
            self.context,
            lang=lang,
            booklet=booklet,
            booklet_title=bk.title(catalogue, booklet),
            fair=bk.fair_of(catalogue, booklet),
            sections=sections,
            slots=slots,
            page_of=page_of,
            index_page=front_pages + len(slots) + 1 if front_pages is not None else "",
            products=products,
            producers=bk.producer_index(catalogue, products, lang, bk.booths(catalogue, booklet)),
            districts={catalogue.district_of(product).id for product in products},
            public_url=self.site,
        )

    def write_frame(self, booklet: bk.Booklet, lang: str, pages: list, target: Path) -> list[int]:
        """Write the frame, every page numbered; return the pages it keeps for the entries.

        ``pages`` holds, run by run, the anchors on each page of the run.
        """
        runs = zip(self.runs(booklet, lang), pages, strict=True)
        slots = [slot for run, anchors in runs for slot in bk.slots(self.catalogue, run, anchors)]
        # The contents' page numbers never change how they break into pages (they are placed
        # absolutely): knowing the pages of the cover and the contents numbers them all.
        front_pages = self._front_pages(booklet, lang, slots)
        document = self._render(self.frame_html(booklet, lang, slots, front_pages))
        kept = [n for n, page in enumerate(document.pages) if any(a.startswith("slot-") for a in page.anchors)]
        if kept and kept[0] != front_pages:  # a short list of contents that took two pages after all
            front_pages = kept[0]
            document = self._render(self.frame_html(booklet, lang, slots, front_pages))
            kept = [n for n, page in enumerate(document.pages) if any(a.startswith("slot-") for a in page.anchors)]
        if kept[:1] != [front_pages] or len(kept) != len(slots):
            raise RuntimeError(f"{target.name}: the pages kept for the entries are not where they were counted")
        target.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(target)
        return kept

    def _front_pages(self, booklet: bk.Booklet, lang: str, slots: list[bk.Slot]) -> int:
        """The pages of the cover and the contents, by laying them out alone.

        A short list is taken to fit one page, and the frame checked afterwards: for the
        many small booklets, a second layout when it does not costs less than counting.
        """
        sections = bk.sections(self.catalogue, booklet, lang)
        if sum(len(section.products) for section in sections) + 3 * len(sections) <= SHORT_CONTENTS:
            return 2
        return len(self._render(self.frame_html(booklet, lang, slots, None)).pages)

    def _render(self, html: str):
        from weasyprint import HTML

        document = HTML(string=html, base_url=str(self.images))
        return document.render(stylesheets=self.stylesheets, font_config=self.fonts)

    def picture_of(self, product: Product) -> str | None:
        """The ``file:`` address of the product's main picture at print size."""
        if not product.images:
            return None
        return print_picture(self.images / product.images[0].file, self.cache).as_uri()


def booklet_templates(generator: Generator) -> Templates:
    """The frame of a booklet and the template of a run of its entries."""
    return {"frame": generator.get_template("booklet/booklet"), "entries": generator.get_template("booklet/entries")}


def standalone_renderer(settings: dict[str, Any]) -> BookletRenderer:
    """A renderer outside a Pelican run, for tools such as the benchmark."""
    from . import set_up_templates
    from .generator import load_catalogue
    from .urls import Urls

    catalogue, problems = load_catalogue(settings)
    if catalogue is None:
        raise ValueError("the catalogue has errors:\n" + "\n".join(map(str, problems)))
    context = {**settings, "catalogue": catalogue, "catalogue_urls": Urls(settings)}
    generator = BookletGenerator(context, settings, settings["PATH"], settings["THEME"], settings["OUTPUT_PATH"])
    set_up_templates(generator)  # the filters and helpers a Pelican run installs
    generator.generate_context()
    return BookletRenderer(booklet_templates(generator), context, settings)
