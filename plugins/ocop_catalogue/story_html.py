"""The HTML of stories, cleaned of anything that could run in a reader's browser.

Stories are written by the provincial office's editors in Markdown, which lets
raw HTML through: useful for a table or a figure, but a story pasted from a
web page may bring a ``<script>``, an ``onerror=`` handler or a
``javascript:`` link with it. Every story's HTML goes through nh3 (the
ammonia sanitiser): ordinary formatting, tables, pictures and links stay;
scripts, styles, event handlers, frames, forms and links to schemes other than
http, https, mailto and tel are removed.
"""

from __future__ import annotations

import nh3
from pelican.contents import Content

_ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    # Markdown's extensions mark code, footnotes and headings with these.
    "*": {"class", "id", "lang", "title"},
}
_SCHEMES = {"http", "https", "mailto", "tel"}
# Dropped with everything inside them, not merely unwrapped.
_DROPPED = {"script", "style"}


def clean_html(html: str) -> str:
    """``html`` with only harmless markup left."""
    return nh3.clean(
        html,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        clean_content_tags=_DROPPED,
        link_rel=None,
    )


def clean_story(content: Content) -> None:
    """Pelican's ``content_object_init``: clean the body and the summary."""
    if getattr(content, "_content", None):
        content._content = clean_html(content._content)
    if getattr(content, "_summary", None):
        content._summary = clean_html(content._summary)
