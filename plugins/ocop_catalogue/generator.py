"""The catalogue generator: reads ``data/`` once and writes every page in both languages."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from blinker import signal
from jinja2 import Template
from pelican.generators import Generator

from . import nearby, offline, redirects
from . import stories as story_links
from .checking import build_date, data_path, find_problems
from .dependencies import Fingerprints, site_digest
from .fair_calendar import fair_calendar, page_address
from .incremental import Manifest, previous_pages
from .model import Catalogue
from .open_data_rows import ROWS_FILE, RowCache
from .opendata import open_data_files, open_data_names
from .pagination import page_count, page_size
from .pickle_files import cache_path, record_cache_folder
from .problems import CatalogueError, Problem
from .record_cache import RecordCache
from .rendering import RECORD_PAGES, Job, Outcome, PageWriter
from .schema import Fair, Producer, Product
from .staging import wait_until_empty
from .statistics import Statistics
from .templating import page_helpers, render_shared
from .urls import Urls, save_as
from .values import LANGS

logger = logging.getLogger(__name__)

# Sent with the generator once every catalogue page is in the output folder: the build
# starts reading them for its completeness check while Pelican goes on.
pages_written = signal("ocop_catalogue_pages_written")


@dataclass
class Page:
    """One catalogue page, written once per language; ``number`` is its place in a
    listing that goes on over several pages (``pagination``)."""

    kind: str
    key: object
    template: str
    urls: dict[str, str]
    variables: dict[str, Any] = field(default_factory=dict)
    number: int = 1


def load_catalogue(
    settings: dict[str, Any], stories: list | None = None, cache: RecordCache | None = None
) -> tuple[Catalogue | None, list[Problem]]:
    """Load, validate and join every record; problems include the warnings."""
    try:
        records, problems = find_problems(settings, stories, cache)
        errors = [p for p in problems if not p.warning or settings.get("CATALOGUE_STRICT")]
        if errors:
            return None, problems
        return Catalogue.from_records(records, build_date()), problems
    finally:
        if cache is not None:
            cache.saved()  # written meanwhile (``record_cache``)


def processes(settings: dict[str, Any]) -> int:
    """``CATALOGUE_PROCESSES``: how many cores render the pages (default: all)."""
    return settings.get("CATALOGUE_PROCESSES") or len(os.sched_getaffinity(0))


def record_cache(settings: dict[str, Any]) -> RecordCache:
    return RecordCache(record_cache_folder(settings), processes(settings))


class CatalogueGenerator(Generator):
    """Pages of products, producers, districts, star levels, groups, fairs and stories."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shared: dict[tuple[str, str, str | None], dict[str, Any]] = {}

    def generate_context(self) -> None:
        stories = story_links.all_stories(self.context.get("articles", []))
        drafts = story_links.all_stories(self.context.get("drafts", []))  # checked, never shown
        self.record_cache = record_cache(self.settings)
        catalogue, problems = load_catalogue(self.settings, stories + drafts, self.record_cache)
        self.problems = problems
        if catalogue is None:
            raise CatalogueError(problems)
        for warning in problems:
            logger.warning("%s", warning)
        story_links.link_stories(catalogue, stories)
        self.catalogue = catalogue
        self.urls = Urls(self.settings)
        self.pages = list(self._pages())
        site = site_digest(self.settings, catalogue.today, data_path(self.settings), stories)
        self.fingerprints = Fingerprints(catalogue, site, self.record_cache.digests, page_size(self.settings))
        self.context.update(
            catalogue=catalogue,
            catalogue_urls=self.urls,
            catalogue_pages=self.pages,
            catalogue_fingerprints=self.fingerprints,
            stories_by_slug=story_links.by_slug(stories),
            stories_in={lang: story_links.newest_first(stories, lang) for lang in LANGS},
            LANGS=LANGS,
        )
        # The output may be a reused folder still being emptied while the records were read
        # (see ``staging``); nothing writes into it before every generator has read its content.
        wait_until_empty(Path(self.output_path))

    def generate_output(self, writer) -> None:
        # Pelican's writer is bypassed: the pages are rendered on every core and
        # only the files whose bytes change are written (see ``rendering``).
        previous = self.settings.get("CATALOGUE_PREVIOUS_OUTPUT")
        previous = Path(previous) if previous else None
        kept = previous_pages(previous, cache_path(self.settings)) if previous else {}
        writer = PageWriter(self, Path(self.output_path), previous, kept)
        self.outcomes = writer.run(self._jobs(), processes(self.settings), lambda: self._open_data(writer, kept))
        self.outcomes += self._redirects(writer)
        self.outcomes += self._fair_calendars(writer)
        # The current output's files still as this build's manifest left them (``search_input``).
        self.previous_names = set(kept)
        nearby.write_places(Path(self.output_path), self.catalogue, self.urls, self.settings)
        offline.write_service_worker(Path(self.output_path), self.env, self.context)
        pages_written.send(self)

    def _open_data(self, writer: PageWriter, kept: Manifest) -> list[Outcome]:
        """The open data files, made again only when a record, the code or a setting changed."""
        fingerprint = self.fingerprints.of("open_data", "", "")
        names = open_data_names(self.settings)
        if all(name in kept and kept[name][0] == fingerprint for name in names):
            return [writer.keep(name, fingerprint) for name in names]
        # Each product's row is kept by the fingerprint of what it shows (``dependencies``).
        rows = RowCache(cache_path(self.settings) / ROWS_FILE, self._row_fingerprint)
        # The templates' picture pipeline, whose pictures' sizes are read already.
        files = open_data_files(self.catalogue, self.settings, rows, self.env.globals["shared_picture_path"])
        return [writer.write(name, data, fingerprint) for name, data in files]

    def _redirects(self, writer: PageWriter) -> list[Outcome]:
        """``_redirects``, from the renamed records' old addresses (``redirects``); none
        without any, or when the setting is off."""
        code = redirects.status(self.settings)
        moves = redirects.in_order(page.key for page in self.pages if page.kind == "moved")
        if code is None or not moves:
            return []
        fingerprint = self.fingerprints.of_redirects(moves)
        return [
            writer.made(redirects.NAME, fingerprint, lambda: redirects.redirects_file(moves, self.urls, LANGS, code))
        ]

    def _fair_calendars(self, writer: PageWriter) -> list[Outcome]:
        """The calendar file of each fair to come (``fair_calendar``), in each language."""
        outcomes = []
        for fair in self.catalogue.fairs.values():
            if not self.catalogue.is_upcoming(fair):
                continue
            for lang in LANGS:
                name = self.urls.url("fair_calendar", fair.id, lang)
                fingerprint = self.fingerprints.of("fair_calendar", fair.id, lang)
                outcomes.append(writer.made(name, fingerprint, partial(self._fair_calendar, fair, lang)))
        return outcomes

    def _fair_calendar(self, fair: Fair, lang: str) -> bytes:
        page_url = page_address(self.settings, self.urls, fair, lang)
        return fair_calendar(fair, lang, page_url, self.catalogue.province.id, self.catalogue.today)

    def _row_fingerprint(self, product_id: str, lang: str) -> str:
        return self.fingerprints.of("open_data_row", product_id, lang)

    def fingerprint(self, job: Job) -> str:
        """A digest of everything the job's page shows (``dependencies``)."""
        page = self.pages[job.page]
        return self.fingerprints.of(page.kind, page.key, job.lang, page.number)

    def render(self, page: Page, lang: str, name: str, relative_siteurl: str | None) -> str:
        """One page in one language, with the variables Pelican's writer would give it."""
        template = self.get_template(page.template)
        context = {**self._shared_variables(template, lang, relative_siteurl), "output_file": name}
        context.update(page_kind=page.kind, page_urls=page.urls, page_url=page.urls[lang])
        context.update(number=page.number, **page.variables)
        return render_shared(template, context)

    def _shared_variables(self, template: Template, lang: str, relative_siteurl: str | None) -> dict[str, Any]:
        """What every page of a template shares in a language and at a folder depth:
        the template's globals, Pelican's context, the language's helpers. Made
        once, and copied for each page (``render_shared``)."""
        key = (template.name, lang, relative_siteurl)
        if key not in self._shared:
            shared = {**template.globals, **self.context, "localsiteurl": relative_siteurl, "lang": lang}
            if relative_siteurl is not None:
                shared["SITEURL"] = relative_siteurl
            shared.update(page_helpers(self.env, lang, shared.get("SITEURL") or ""))
            self._shared[key] = shared
        return self._shared[key]

    def _jobs(self) -> list[Job]:
        return [
            Job(index, lang, save_as(url), page.kind in RECORD_PAGES)
            for index, page in enumerate(self.pages)
            for lang, url in page.urls.items()
        ]

    def _page(self, kind: str, key: object, template: str, **variables: Any) -> Page:
        return Page(kind, key, template, self.urls.all_langs(kind, key, LANGS), variables)

    def _moved(self, kind: str, record: Producer | Product) -> Iterator[Page]:
        """A page at the address of each id the record had (``former_ids``), which sends the
        visitor on to its page: printed QR codes and shared links lead to the old address."""
        for former in record.former_ids:
            urls = self.urls.all_langs(kind, former, LANGS)
            yield Page("moved", (kind, former, record.id), "moved", urls, {"record_kind": kind, "record": record})

    def _listing(self, kind: str, key: object = "", **variables: Any) -> Iterator[Page]:
        """A long listing's pages: as many as its items fill (``pagination``)."""
        pages = page_count(len(self.catalogue.listing(LANGS[0], kind, key)), page_size(self.settings))
        for number in range(1, pages + 1):
            urls = self.urls.all_langs(kind, key, LANGS, number)
            yield Page(kind, key, kind, urls, {**variables, "pages": pages}, number)

    def _pages(self):
        catalogue = self.catalogue
        yield self._page("index", "", "home")
        yield self._page("not_found", "", "404")
        yield self._page("search", "", "search")
        yield self._page("nearby", "", "nearby")
        yield self._page("offline", "", "offline")
        yield self._page("districts", "", "districts")
        yield self._page("groups", "", "groups")
        yield self._page("fairs", "", "fairs")
        yield self._page("stories", "", "stories")
        yield self._page("statistics", "", "statistics", statistics=Statistics.count(catalogue))
        yield self._page("stars", "", "stars")
        yield from self._listing("products")
        yield from self._listing("producers")
        for star in (3, 4, 5):
            yield from self._listing("star", star, star=star)
        for district in catalogue.districts.values():
            yield self._page("district", district.id, "district", district=district)
        for group in catalogue.groups.values():
            yield from self._listing("group", group.id, group=group)
        for producer in catalogue.producers.values():
            yield self._page("producer", producer.id, "producer", producer=producer)
            yield from self._moved("producer", producer)
        for product in catalogue.products.values():
            yield self._page("product", product.id, "product", product=product)
            yield from self._moved("product", product)
        for fair in catalogue.fairs.values():
            yield self._page("fair", fair.id, "fair", fair=fair)
