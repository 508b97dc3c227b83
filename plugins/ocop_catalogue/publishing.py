"""What a static host, search engines and feed readers need beside the pages.

A generator writes ``sitemap.xml``, ``robots.txt`` and the content-hashed
copies of the theme's assets; templates get ``asset(name)`` and
``feed_url(lang)``. The precompressed ``.gz``/``.br`` twins are written
after Pelican has finished, by the build (``compress.py``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from pelican import signals
from pelican.generators import Generator

from . import assets, sitemap

logger = logging.getLogger(__name__)


class PublishingGenerator(Generator):
    """Writes the sitemap, robots.txt and the hashed theme assets once every page is known."""

    def generate_output(self, writer) -> None:
        output = Path(self.output_path)
        assets.write_hashed_copies(self.settings, output)
        site_url = self.settings.get("SITEURL", "")
        langs = self._langs()
        pages = self.context.get("catalogue_pages", [])
        stories = self.context.get("stories_by_slug", {})
        entries = list(sitemap.entries(pages, stories, site_url, langs))
        max_urls = self.settings.get("SITEMAP_MAX_URLS", sitemap.MAX_URLS)
        written = sitemap.write_sitemap(output, entries, site_url, max_urls)
        (output / "robots.txt").write_text(sitemap.robots_txt(site_url), encoding="utf-8")
        logger.info("sitemap: %d addresses in %s", len(entries), ", ".join(written))

    def _langs(self) -> tuple[str, ...]:
        default = self.settings.get("DEFAULT_LANG", "vi")
        others = [lang for lang in self.context.get("LANGS", ()) if lang != default]
        return (default, *others)


def feed_url_helper(settings: dict[str, Any]):
    """``feed_url(lang)``: the address of the Atom feed of stories in ``lang``, or '' without feeds."""
    pattern = settings.get("TRANSLATION_FEED_ATOM_URL") or settings.get("TRANSLATION_FEED_ATOM")

    @pass_context
    def feed_url(context: Context, lang: str) -> str:
        if not pattern:
            return ""
        return f"{context.get('SITEURL', '') or ''}/{str(pattern).format(lang=lang)}"

    return feed_url


def _install(generator) -> None:
    env: Environment = generator.env
    assets.install(env, generator.settings)
    env.globals["feed_url"] = feed_url_helper(generator.settings)


def _get_generators(pelican):
    return PublishingGenerator


def register() -> None:
    signals.generator_init.connect(_install)
    signals.get_generators.connect(_get_generators)
