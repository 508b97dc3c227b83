"""Offline reading: the service worker, written at the root of the site.

The worker (template ``sw.js``) keeps the pages and pictures a visitor has
opened, so they open again with no signal, and shows the offline page of
the visitor's language for the rest. It has to live at the root of the site
for its scope to cover every page, so it is written here rather than copied
with the theme's static files.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from jinja2 import Environment

from .schema import LANGS
from .urls import Urls

SERVICE_WORKER = "sw.js"


def assets_version(theme_static: Path, today: object) -> str:
    """Changes whenever a theme file or the build day does, so phones drop stale styles and scripts."""
    digest = hashlib.sha256(str(today).encode())
    for path in sorted(p for p in theme_static.rglob("*") if p.is_file()):
        digest.update(path.relative_to(theme_static).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def worker_settings(context: dict[str, Any]) -> dict[str, Any]:
    """What the worker needs to know, as addresses relative to its scope."""
    urls = Urls(context)
    default_lang = context.get("DEFAULT_LANG", "vi")
    static = context["THEME_STATIC_DIR"]
    return {
        "version": assets_version(Path(context["THEME"]) / "static", context["catalogue"].today),
        "offline_pages": {lang: urls.url("offline", "", lang) for lang in LANGS},
        # A page belongs to a language by the start of its address; the rest is the default language.
        "lang_prefixes": {lang: urls.url("index", "", lang) for lang in LANGS if lang != default_lang},
        "default_lang": default_lang,
        # What the offline page needs: it is shown with no signal at all.
        "precache": [f"{static}/css/site.css", f"{static}/js/offline.js", f"{static}/js/saved-pages.js"],
        "assets_prefix": f"{static}/",
    }


def write_service_worker(output: Path, env: Environment, context: dict[str, Any]) -> None:
    script = env.get_template(SERVICE_WORKER).render(worker=worker_settings(context))
    (output / SERVICE_WORKER).write_text(script, encoding="utf-8")
