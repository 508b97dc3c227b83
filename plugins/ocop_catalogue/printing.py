"""What the templates get for print: QR codes, booklet links and page counters."""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from . import booklets as bk
from .i18n import page_lang
from .qrcodes import public_url, qr_data_uri


def install_print_helpers(env: Environment, settings: dict[str, Any]) -> None:
    site = public_url(settings)
    env.globals.update(qr_data_uri=qr_data_uri, page_booklet=page_booklet)
    env.globals["booklet_href"] = _booklet_href(settings, site)
    env.globals["public_url"] = site
    env.filters["css_content"] = css_content
    env.filters["keep_last_words"] = keep_last_words
    env.filters["printed_address"] = printed_address


@pass_context
def page_booklet(context: Context) -> bk.Booklet | None:
    """The booklet mirroring the page being rendered, when one was made."""
    booklet = bk.booklet_of_page(context.get("page_kind", ""), context)
    made = context.get("booklets") or set()
    return booklet if booklet and (booklet.kind, booklet.key) in made else None


def _booklet_href(settings: dict[str, Any], site: str):
    @pass_context
    def booklet_href(context: Context, booklet: bk.Booklet) -> str:
        """Beside the site when this build writes the booklets, else where they are published."""
        url = bk.booklet_url(settings, booklet, page_lang(context))
        base = context.get("SITEURL", "") if settings.get("CATALOGUE_BOOKLETS") else site
        return f"{base}/{url}"

    return booklet_href


_PLACEHOLDER = re.compile(r"\{(page|pages)\}")


def css_content(message: str) -> Markup:
    """``Page {page} of {pages}`` as a CSS ``content`` value with page counters."""
    parts = []
    # A plain string: the translation arrives as Markup, whose methods would escape for HTML.
    for index, piece in enumerate(_PLACEHOLDER.split(str(message))):
        if index % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"')
    return Markup(" ".join(parts))


# The space before a text's last word, outside any tag (``lt`` may wrap the text in a
# ``<span lang>``), and that word with the tags that close after it.
_LAST_SPACE = re.compile(r" +([^\s<>]+(?:</\w+>)*)$")


def keep_last_words(text: str) -> Markup:
    """``text`` with its last two words joined by a no-break space, for a booklet's cover title.

    A title one word too long for its line left that word alone on the next ("Hội chợ OCOP
    Quảng Ninh – Hè" over "2026"). WeasyPrint has no ``text-wrap: balance`` that browsers
    use for this; a no-break space takes the word before along instead."""
    return Markup(_LAST_SPACE.sub("\u00a0\\1", str(escape(text))))


def printed_address(url: str) -> str:
    """A page's address as printed under its QR code, without its scheme: a line may end after
    a '/' or before a '-', never after one (a zero-width space before each hyphen, a word joiner
    after it). A line ending in "san-" read as a word cut in two, and the address typed without
    its hyphen leads nowhere; a line that begins with one reads as the address's own. Neither
    character reaches a reader copying the text from the PDF."""
    address = url.split("://", 1)[-1]
    return address.replace("/", "/\u200b").replace("-", "\u200b-\u2060").removesuffix("\u200b")
