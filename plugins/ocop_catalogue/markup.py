"""Markdown in record fields, where raw HTML is shown as text and never run."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

from .values import Text

# html=False prints raw HTML as text; markdown-it also refuses javascript:,
# vbscript: and data: link targets on its own.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


@lru_cache(maxsize=4096)
def render_markdown(text: str) -> Markup:
    """HTML for an editor's Markdown text, safe to put in a page as it is."""
    return Markup(_MARKDOWN.render(text))


def plain_text(value: Text | None, lang: str, limit: int | None = None) -> str | None:
    """A Markdown text as plain text (for descriptions), cut at a word near ``limit``."""
    if value is None:
        return None
    return _plain(value.get(lang)[0], limit)


def _plain(markdown: str, limit: int | None) -> str:
    text = _whole_plain(markdown)
    if limit and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text


@lru_cache(maxsize=4096)  # each page's description is made twice: Open Graph and JSON-LD
def _whole_plain(markdown: str) -> str:
    return " ".join(render_markdown(markdown).striptags().split())
