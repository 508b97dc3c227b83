"""Offline reading: the service worker, written at the root of the site.

The worker (template ``sw.js``) keeps the pages and pictures a visitor has
opened, so they open again with no signal, and shows the offline page of
the visitor's language for the rest. It has to live at the root of the site
for its scope to cover every page, so it is written here rather than copied
with the theme's static files.
"""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from jinja2 import Environment

from .urls import Urls, save_as
from .values import LANGS

SERVICE_WORKER = "sw.js"


def assets_version(theme_static: Path, today: object) -> str:
    """Changes whenever a theme file or the build day does, so phones drop stale styles and scripts."""
    digest = hashlib.sha256(str(today).encode())
    for path in sorted(p for p in theme_static.rglob("*") if p.is_file()):
        digest.update(path.relative_to(theme_static).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class _Subresources(HTMLParser):
    """The stylesheets and scripts a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "link" and named.get("rel") == "stylesheet" and named.get("href"):
            self.found.append(named["href"])
        elif tag == "script" and named.get("src"):
            self.found.append(named["src"])


def subresources(page: Path) -> list[str]:
    parser = _Subresources()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.found


def worker_settings(output: Path, context: dict[str, Any]) -> dict[str, Any]:
    """What the worker needs to know, as addresses relative to its scope."""
    urls = Urls(context)
    default_lang = context.get("DEFAULT_LANG", "vi")
    offline_pages = {lang: urls.url("offline", "", lang) for lang in LANGS}
    # The offline pages are shown with no signal at all: keep what they load, as they name it.
    needed = {href for url in offline_pages.values() for href in subresources(output / save_as(url))}
    home_pages = {lang: urls.url("index", "", lang) for lang in LANGS}
    return {
        "version": assets_version(Path(context["THEME"]) / "static", context["catalogue"].today),
        "offline_pages": offline_pages,
        # The offline page leads back to its home page: kept ahead too, or a visitor who never
        # opened it would be shown the offline page again.
        "home_pages": home_pages,
        # A page belongs to a language by the start of its address, its home page's; the rest
        # is the default language.
        "lang_prefixes": {lang: home for lang, home in home_pages.items() if lang != default_lang},
        "default_lang": default_lang,
        "precache": sorted(needed),
        "assets_prefix": f"{context['THEME_STATIC_DIR']}/",
    }


def write_service_worker(output: Path, env: Environment, context: dict[str, Any]) -> None:
    """Write ``sw.js``; the offline pages must be written already."""
    script = env.get_template(SERVICE_WORKER).render(worker=worker_settings(output, context))
    (output / SERVICE_WORKER).write_text(script, encoding="utf-8")
