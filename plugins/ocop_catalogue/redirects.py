"""``_redirects``: a renamed record's old addresses as real redirects, for the hosts that read it.

Netlify and Cloudflare Pages read a file of that name at the site's root, one
``/old/ /new/ status`` a line, and answer each old address with that status:
a real 301, which search engines and link previews follow, where the page left
at the old address (``moved``) can only refresh itself. The page stays, for
every other host. A site with no former id gets no file.

The status is the setting ``CATALOGUE_REDIRECTS``: ``301`` by default, which
Cloudflare applies before its files; Netlify serves a file found at the old
address instead (its "shadowing"), unless the status is forced, ``301!``, which
Cloudflare refuses: a host of the one cannot use the line meant for the other.
``None`` writes no file. Products come first: Cloudflare ignores the lines past
its 2,000th, and a product's old address is printed on packaging as a QR code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .urls import Urls

NAME = "_redirects"
DEFAULT_STATUS = "301"
# A renamed record: its kind ("product" or "producer"), a former id, its id.
Move = tuple[str, str, str]


def status(settings: dict[str, Any]) -> str | None:
    """The status written on each line, or None for no file."""
    value = settings.get("CATALOGUE_REDIRECTS", DEFAULT_STATUS)
    return str(value) if value else None


def in_order(moves: Iterable[Move]) -> list[Move]:
    """Products first (see above), then producers, each by former id."""
    return sorted(moves, key=lambda move: (move[0] != "product", move[1], move[2]))


def redirects_file(moves: list[Move], urls: Urls, langs: tuple[str, ...], code: str) -> bytes:
    """The file's bytes: each old address, in every language, sent on to the new one. The
    addresses are from the site's root, where these hosts serve the output folder."""
    lines = ["# Written by the build from the records' former_ids: edit those, not this file."]
    for kind, former, record_id in moves:
        lines += [f"/{urls.url(kind, former, lang)} /{urls.url(kind, record_id, lang)} {code}" for lang in langs]
    return ("\n".join(lines) + "\n").encode("utf-8")
