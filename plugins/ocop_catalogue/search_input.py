"""What Pagefind reads of a page: to keep the search index when a rebuild changed none of it.

Pagefind cannot update part of an index: any change re-indexes every page,
over a minute at national scale. But most edits (a price, a phone number, a
certificate) change only what the pages mark ``data-pagefind-ignore``, or
what lies outside the indexed ``<body>`` (the ``<head>``'s Open Graph and
JSON-LD). ``search_input`` reduces a page to what Pagefind can read of it:
its language, its title, and its body without the ignored elements' text,
every tag kept with its attributes (filters, metadata, image alternatives,
anchors). Two versions of a page with the same reduction give Pagefind the
same input. The reduction errs on the side of re-indexing: it keeps the whole
body, not only the ``data-pagefind-body`` element.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from .rendering import Outcome

# Elements without an end tag: an ignored one ends where it starts.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BODY = "data-pagefind-body"
# Comparing parses both versions of each rewritten page: past this many, indexing
# again is the better bet (a change to a template rewrites every page).
COMPARED_AT_MOST = 500


class _Reduction(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple] = []
        self._where = "head"  # head, title, body
        # The ignored element being skipped, and how many elements of its name are open
        # (counting its name only: an inner <li> or <p> left unclosed does not matter).
        self._ignored: str | None = None
        self._ignored_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.parts.append(("lang", attributes.get("lang")))
        elif tag == "title" and self._where == "head":
            self._where = "title"
        elif tag == "body":
            self._where = "body"
        if self._where != "body":
            return
        if self._ignored is not None:
            # Filters and metadata count even inside ignored elements; their text does not.
            if any(name.startswith("data-pagefind") for name in attributes):
                self.parts.append(("tag", tag, tuple(attrs)))
            if tag == self._ignored:
                self._ignored_depth += 1
            return
        self.parts.append(("tag", tag, tuple(attrs)))
        if "data-pagefind-ignore" in attributes and tag not in _VOID:
            self._ignored, self._ignored_depth = tag, 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """``<br/>``: a start tag that is its own end."""
        marked = any(name.startswith("data-pagefind") for name, _ in attrs)
        if self._where == "body" and (self._ignored is None or marked):
            self.parts.append(("tag", tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._where == "title":
            self._where = "head"
        if self._where != "body":
            return
        if self._ignored is not None:
            if tag == self._ignored:
                self._ignored_depth -= 1
                if not self._ignored_depth:
                    self._ignored = None
            return
        self.parts.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if self._where == "title" or (self._where == "body" and self._ignored is None):
            self.parts.append(("text", data))


def search_input(html: str) -> list[tuple] | None:
    """What Pagefind can read of ``html``; None when the page is not indexed at all."""
    if _BODY not in html:
        return None
    reduction = _Reduction()
    reduction.feed(html)
    reduction.close()
    return reduction.parts


def same_search_input(old: bytes, new: bytes) -> bool:
    """Whether two versions of a page give Pagefind the same input."""
    return search_input(old.decode("utf-8")) == search_input(new.decode("utf-8"))


def index_still_fits(previous: Path, staging: Path, previous_names: set[str], outcomes: list[Outcome]) -> bool:
    """Whether the index made from ``previous``'s pages fits the pages staged now:
    the same pages, and none rewritten with a different search input."""
    if previous_names != {outcome.name for outcome in outcomes}:
        return False
    rewritten = [outcome.name for outcome in outcomes if outcome.written]
    if len(rewritten) > COMPARED_AT_MOST:
        return False
    return all(same_search_input((previous / name).read_bytes(), (staging / name).read_bytes()) for name in rewritten)
