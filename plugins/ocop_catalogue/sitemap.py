"""``sitemap.xml`` listing every page with its other-language versions, and ``robots.txt``.

Each address is listed with ``xhtml:link`` alternates for every language it
exists in, plus ``x-default``, as search engines expect of a multilingual
site. A file holds at most ``SITEMAP_MAX_URLS`` addresses (50,000, the
protocol's limit): a larger catalogue gets ``sitemap-1.xml``, ``sitemap-2.xml``
... and ``sitemap.xml`` becomes their index.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
MAX_URLS = 50_000
# What escape() and quoteattr() replace; most addresses hold none of it.
_TEXT_SPECIAL = re.compile(r"[&<>]")
_ATTRIBUTE_SPECIAL = re.compile("[&<>\"'\n\r\t]")
# Pages that are not worth a search engine's visit: a renamed record's old address
# sends the visitor on to its page, which is listed; the offline page is what the phone
# shows without a connection, a result that would say "you are offline".
UNLISTED_KINDS = {"not_found", "moved", "offline"}

ET.register_namespace("", SITEMAP_NS)
ET.register_namespace("xhtml", XHTML_NS)


@dataclass(frozen=True)
class Entry:
    """One address and the addresses of the same page in every language (``x-default`` last)."""

    loc: str
    alternates: dict[str, str]


def entries(
    pages: Iterable, stories_by_slug: Mapping[str, Mapping[str, object]], site_url: str, langs: tuple[str, ...]
) -> Iterator[Entry]:
    """The catalogue's pages (``Page.urls`` per language), then the stories, each story with its translations.

    ``langs`` are in the order alternates are listed, the default language first (it is ``x-default``).
    """
    for page in pages:
        if page.kind not in UNLISTED_KINDS:
            yield from _versions(page.urls, site_url, langs)
    for slug in sorted(stories_by_slug):
        versions = stories_by_slug[slug]
        yield from _versions({lang: story.url for lang, story in versions.items()}, site_url, langs)


def _versions(urls: Mapping[str, str], site_url: str, langs: tuple[str, ...]) -> Iterator[Entry]:
    # The languages of ``langs`` in its order, then any other in the page's.
    ordered = [lang for lang in langs if lang in urls] + [lang for lang in urls if lang not in langs]
    addresses = {lang: f"{site_url}/{urls[lang]}" for lang in ordered}
    default = addresses.get(langs[0]) or next(iter(addresses.values()))
    alternates = {**addresses, "x-default": default}
    for address in addresses.values():
        yield Entry(address, alternates)


def urlset(chunk: Iterable[Entry]) -> bytes:
    # Written as text: at national scale ElementTree took seconds to build and
    # serialise the 60,000 addresses and their 180,000 alternates.
    lines = [f'<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">']
    alternates: dict[tuple, str] = {}  # the versions of a page share their alternates: written once
    for entry in chunk:
        lines.append(f"  <url>\n    <loc>{_text(entry.loc)}</loc>")
        key = tuple(entry.alternates.items())
        written = alternates.get(key)
        if written is None:
            written = alternates[key] = "\n".join(
                f'    <xhtml:link rel="alternate" hreflang={_attribute(lang)} href={_attribute(href)} />'
                for lang, href in entry.alternates.items()
            )
        lines.append(written)
        lines.append("  </url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")


def _text(value: str) -> str:
    """``escape(value)``, at the cost of one search when there is nothing to escape (most addresses)."""
    return escape(value) if _TEXT_SPECIAL.search(value) else value


def _attribute(value: str) -> str:
    """``quoteattr(value)``, likewise."""
    return quoteattr(value) if _ATTRIBUTE_SPECIAL.search(value) else f'"{value}"'


def sitemap_index(locations: Iterable[str]) -> bytes:
    root = ET.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    for location in locations:
        sitemap = ET.SubElement(root, f"{{{SITEMAP_NS}}}sitemap")
        ET.SubElement(sitemap, f"{{{SITEMAP_NS}}}loc").text = location
    return _xml(root)


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_sitemap(output: Path, all_entries: list[Entry], site_url: str, max_urls: int = MAX_URLS) -> list[str]:
    """Write ``sitemap.xml`` (and its parts when there are more than ``max_urls``); returns the files written."""
    chunks = [all_entries[start : start + max_urls] for start in range(0, len(all_entries), max_urls)] or [[]]
    if len(chunks) == 1:
        (output / "sitemap.xml").write_bytes(urlset(chunks[0]))
        return ["sitemap.xml"]
    names = [f"sitemap-{number}.xml" for number in range(1, len(chunks) + 1)]
    for name, chunk in zip(names, chunks, strict=True):
        (output / name).write_bytes(urlset(chunk))
    (output / "sitemap.xml").write_bytes(sitemap_index(f"{site_url}/{name}" for name in names))
    return ["sitemap.xml", *names]


def robots_txt(site_url: str) -> str:
    """Every page may be crawled; the sitemap is named when the site's address is absolute."""
    lines = ["User-agent: *", "Disallow:"]
    if site_url.startswith(("http://", "https://")):
        lines.append(f"Sitemap: {site_url}/sitemap.xml")
    return "\n".join(lines) + "\n"
