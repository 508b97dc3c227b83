"""Theme assets under names that carry a hash of their content.

``{{ asset('css/site.css') }}`` in a template gives the address of
``theme/css/site.3f2a9c1b.css``: a new stylesheet gets a new name, so hosts
may let browsers keep an asset for a year. The hash is taken from the bytes of
the theme's file, and :func:`write_hashed_copies` writes every theme asset
under its hashed name beside the plain copy Pelican makes (files that must
keep their name, like a service worker, are listed in ``ASSET_HASH_EXCLUDE``).
"""

from __future__ import annotations

import fnmatch
import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

DEFAULT_EXCLUDE = ("sw.js",)


def hashed_name(name: str, content: bytes) -> str:
    """``css/site.css`` becomes ``css/site.3f2a9c1b.css`` (the first 8 hex digits of its SHA-256)."""
    digest = hashlib.sha256(content).hexdigest()[:8]
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


class ThemeAssets:
    """The files under the theme's static folders and their hashed names."""

    def __init__(self, settings: dict[str, Any]):
        theme = Path(settings["THEME"])
        # Later folders win, as when Pelican copies them one after the other.
        self.roots = [theme / folder for folder in reversed(settings.get("THEME_STATIC_PATHS", ["static"]))]
        self.static_dir = settings.get("THEME_STATIC_DIR", "theme")
        self.exclude = tuple(settings.get("ASSET_HASH_EXCLUDE", DEFAULT_EXCLUDE))
        self.ignore = tuple(settings.get("IGNORE_FILES", ()))
        self._names: dict[str, str] = {}

    def url_path(self, name: str) -> str:
        """The hashed path of a theme asset, relative to the site (``theme/css/site.3f2a9c1b.css``)."""
        if name not in self._names:
            self._names[name] = self._hashed(name)
        return f"{self.static_dir}/{self._names[name]}"

    def _hashed(self, name: str) -> str:
        source = self.source(name)
        if PurePosixPath(name).name in self.exclude:
            return name
        return hashed_name(name, source.read_bytes())

    def source(self, name: str) -> Path:
        """The theme's file for ``name``."""
        for root in self.roots:
            if (root / name).is_file():
                return root / name
        raise FileNotFoundError(f"asset({name!r}): no such file in the theme's static folders {self.roots}")

    def files(self) -> Iterator[str]:
        """Every asset name that gets a hashed copy, each once."""
        seen: set[str] = set()
        for root in self.roots:
            for path in sorted(root.rglob("*")):
                name = path.relative_to(root).as_posix()
                if path.is_file() and name not in seen and not self._skipped(path.name):
                    seen.add(name)
                    yield name

    def _skipped(self, filename: str) -> bool:
        patterns = self.exclude + self.ignore
        return any(fnmatch.fnmatch(filename, pattern) for pattern in patterns)


def install(env: Environment, settings: dict[str, Any]) -> None:
    """Give templates ``asset(name)``: the address of a theme asset under its hashed name."""
    assets = ThemeAssets(settings)

    @pass_context
    def asset(context: Context, name: str) -> str:
        return f"{context.get('SITEURL', '') or ''}/{assets.url_path(name)}"

    env.globals["asset"] = asset


def write_hashed_copies(settings: dict[str, Any], output: Path) -> list[str]:
    """Copy every theme asset to its hashed name in the output; returns the names written."""
    assets = ThemeAssets(settings)
    written = []
    for name in assets.files():
        target = output / assets.url_path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(assets.source(name), target)
        written.append(target.relative_to(output).as_posix())
    return written
