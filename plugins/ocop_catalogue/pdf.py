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
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from jinja2 import Template
from pelican.generators import Generator

from . import booklets as bk
from .printimages import print_picture
from .qrcodes import public_url
from .schema import LANGS, Product

logger = logging.getLogger(__name__)

STYLESHEET = "booklet/booklet.css"
DEFAULT_MARGINS = "20mm 16mm 18mm 16mm"


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
        write_all(self.get_template("booklet/booklet"), self.context, self.settings, jobs)
        logger.info("wrote %d booklets in %.1f s", len(jobs), time.monotonic() - started)


# What forked workers inherit: the template, context and settings of the build, and each
# worker's own renderer, made on its first booklet.
_shared: tuple | None = None
_renderer: BookletRenderer | None = None


def write_all(template: Template, context: dict[str, Any], settings: dict[str, Any], jobs: list[tuple]) -> None:
    """Write the booklets, on every core: WeasyPrint uses one per document."""
    global _shared, _renderer
    _shared, _renderer = (template, context, settings), None  # never a renderer of an earlier build
    workers = min(len(jobs), os.cpu_count() or 1, settings.get("BOOKLET_PROCESSES") or 8)
    if workers <= 1:
        for job in jobs:
            _write_job(job)
        return
    # Forked, so that workers share the loaded catalogue and templates without pickling them.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        # Largest first, so that no long booklet is left alone at the end.
        jobs = sorted(jobs, key=lambda job: -len(bk.products_of(context["catalogue"], job[0].kind, job[0].key)))
        list(pool.map(_write_job, jobs))


def _write_job(job: tuple) -> None:
    global _renderer
    if _renderer is None:
        assert _shared is not None
        _renderer = BookletRenderer(*_shared)
    booklet, lang, target = job
    _renderer.write(booklet, lang, target)


class BookletRenderer:
    """Renders booklets of one catalogue; fonts and the stylesheet are loaded once."""

    def __init__(self, template: Template, context: dict[str, Any], settings: dict[str, Any]):
        # WeasyPrint loads Pango through cffi on import: only booklet builds pay for it.
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self.template = template
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

    def html(self, booklet: bk.Booklet, lang: str) -> str:
        catalogue = self.catalogue
        sections = bk.sections(catalogue, booklet, lang)
        products = [product for section in sections for product in section.products]
        return self.template.render(
            self.context,
            lang=lang,
            booklet=booklet,
            booklet_title=bk.title(catalogue, booklet),
            sections=sections,
            products=products,
            producers=bk.producer_index(catalogue, products, lang),
            districts={catalogue.district_of(product).id for product in products},
            picture_of=self.picture_of,
            public_url=self.site,
        )

    def write(self, booklet: bk.Booklet, lang: str, target: Path) -> None:
        from weasyprint import HTML

        target.parent.mkdir(parents=True, exist_ok=True)
        document = HTML(string=self.html(booklet, lang), base_url=str(self.images))
        document.write_pdf(target, stylesheets=self.stylesheets, font_config=self.fonts)

    def picture_of(self, product: Product) -> str | None:
        """The ``file:`` address of the product's main picture at print size."""
        if not product.images:
            return None
        return print_picture(self.images / product.images[0].file, self.cache).as_uri()


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
    return BookletRenderer(generator.get_template("booklet/booklet"), context, settings)
