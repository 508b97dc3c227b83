"""PDF booklets rendered with WeasyPrint from the theme's ``booklet/`` templates.

The booklet generator lists the booklets in every build (the site links
them), and writes them only when ``CATALOGUE_BOOKLETS`` is on, as
``make catalogue`` sets it: rendering every booklet takes far longer than
the site itself.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from jinja2 import Template
from pelican.generators import Generator

from . import booklets as bk
from .pdfjoin import draw_under
from .printimages import print_picture
from .qrcodes import public_url
from .schema import LANGS, Product

logger = logging.getLogger(__name__)

STYLESHEET = "booklet/booklet.css"
DEFAULT_MARGINS = "20mm 16mm 18mm 16mm"
# Products in a run of entries laid out on one core: a province of 500 fills both cores of a
# 2-core machine; a national catalogue's booklet gets as many runs as its cores can take.
DEFAULT_RUN_PRODUCTS = 250

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
        jobs = [
            (booklet, lang, Path(self.output_path) / bk.booklet_save_as(self.settings, booklet, lang))
            for booklet in self.booklets
            for lang in LANGS
        ]
        started = time.monotonic()
        write_all(booklet_templates(self), self.context, self.settings, jobs)
        logger.info("wrote %d booklets in %.1f s", len(jobs), time.monotonic() - started)


# What forked workers inherit: the templates, context and settings of the build, and each
# worker's own renderer, made on its first task.
_shared: tuple | None = None
_renderer: BookletRenderer | None = None


def write_all(templates: Templates, context: dict[str, Any], settings: dict[str, Any], jobs: list[Job]) -> None:
    """Write the booklets, on every core: WeasyPrint uses one per document.

    A booklet's entries are laid out in runs (``booklets.cut``), as many tasks,
    so that both cores share even a single large booklet; once a booklet's runs
    are written, a last task lays out its frame and joins them.
    """
    global _shared, _renderer
    _shared, _renderer = (templates, context, settings), None  # never a renderer of an earlier build
    runs = [len(booklet_runs(context["catalogue"], settings, booklet, lang)) for booklet, lang, _ in jobs]
    workers = min(sum(runs), os.cpu_count() or 1, settings.get("BOOKLET_PROCESSES") or 8)
    if workers <= 1:
        for job, count in zip(jobs, runs, strict=True):
            _finish(job, [_write_run(job, index) for index in range(count)])
        return
    # Forked, so that workers share the loaded catalogue and templates without pickling them.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        # Longest runs first, so that no long task is left alone at the end.
        tasks = [(n, index) for n, count in enumerate(runs) for index in range(count)]
        tasks.sort(key=lambda task: -_run_length(context["catalogue"], settings, jobs[task[0]], task[1]))
        pending = {pool.submit(_write_run, jobs[n], index): (n, index) for n, index in tasks}
        written: dict[int, dict[int, list]] = {n: {} for n in range(len(jobs))}
        finishing = []
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                n, index = pending.pop(future)
                written[n][index] = future.result()
                if len(written[n]) == runs[n]:
                    finishing.append(pool.submit(_finish, jobs[n], [written[n][i] for i in range(runs[n])]))
        for future in finishing:
            future.result()


def booklet_runs(catalogue, settings: dict[str, Any], booklet: bk.Booklet, lang: str) -> list[list[bk.Piece]]:
    """The booklet's entries cut into runs laid out apart."""
    size = settings.get("BOOKLET_RUN_PRODUCTS") or DEFAULT_RUN_PRODUCTS
    return bk.cut(bk.sections(catalogue, booklet, lang), size)


def _run_length(catalogue, settings: dict[str, Any], job: Job, index: int) -> int:
    booklet, lang, _ = job
    return sum(len(piece.products) for piece in booklet_runs(catalogue, settings, booklet, lang)[index])


def _get_renderer() -> BookletRenderer:
    global _renderer
    if _renderer is None:
        assert _shared is not None
        _renderer = BookletRenderer(*_shared)
    return _renderer


def _write_run(job: Job, index: int) -> list[list[str]]:
    booklet, lang, target = job
    return _get_renderer().write_run(booklet, lang, index, _run_file(target, index))


def _finish(job: Job, pages: list[list[list[str]]]) -> None:
    booklet, lang, target = job
    parts = [_run_file(target, index) for index in range(len(pages))]
    _get_renderer().write_frame(booklet, lang, target, parts, pages)
    for part in parts:
        part.unlink()


def _run_file(target: Path, index: int) -> Path:
    return target.with_name(f".{target.stem}-{index}.pdf")


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

    def write_run(self, booklet: bk.Booklet, lang: str, index: int, target: Path) -> list[list[str]]:
        """Write a run of entries as PDF pages without header or footer; return each page's anchors in order."""
        run = self.runs(booklet, lang)[index]
        html = self.templates["entries"].render(
            self.context, lang=lang, run=run, picture_of=self.picture_of, public_url=self.site
        )
        document = self._render(html)
        target.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(target)
        return [sorted(page.anchors, key=lambda anchor: page.anchors[anchor][1]) for page in document.pages]

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
            sections=sections,
            slots=slots,
            page_of=page_of,
            index_page=front_pages + len(slots) + 1 if front_pages is not None else "",
            products=products,
            producers=bk.producer_index(catalogue, products, lang),
            districts={catalogue.district_of(product).id for product in products},
            public_url=self.site,
        )

    def write_frame(self, booklet: bk.Booklet, lang: str, target: Path, parts: list[Path], pages: list) -> None:
        """Lay out the frame, numbering every page, and draw the runs' pages under the pages it keeps.

        ``pages`` holds, run by run, the anchors on each page of the run.
        """
        runs = zip(self.runs(booklet, lang), pages, strict=True)
        slots = [slot for run, anchors in runs for slot in bk.slots(self.catalogue, run, anchors)]
        # The contents' page numbers never change how they break into pages (they are placed
        # absolutely), so counting the pages of the cover and the contents first numbers them all.
        front_pages = len(self._render(self.frame_html(booklet, lang, slots, None)).pages)
        document = self._render(self.frame_html(booklet, lang, slots, front_pages))
        kept = [n for n, page in enumerate(document.pages) if any(a.startswith("slot-") for a in page.anchors)]
        if kept[:1] != [front_pages] or len(kept) != len(slots):
            raise RuntimeError(f"{target.name}: the pages kept for the entries are not where they were counted")
        draw_under(document.write_pdf(), kept, parts, target)

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
