"""Markdown in record fields, where raw HTML is shown as text and never run."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

# html=False prints raw HTML as text; markdown-it also refuses javascript:,
# vbscript: and data: link targets on its own.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


@lru_cache(maxsize=4096)
def render_markdown(text: str) -> Markup:
    """HTML for an editor's Markdown text, safe to put in a page as it is."""
    return Markup(_MARKDOWN.render(text))
