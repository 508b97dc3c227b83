"""QR codes as vector SVG, for the booklets and the printed pages.

segno encodes; the SVG is drawn here with one dashed line per row of
modules instead of one path command per run of dark modules. The picture is
the same, but WeasyPrint parses and draws path commands one by one in
Python, so a booklet of 500 codes renders several times faster this way.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from itertools import groupby
from typing import Any

import segno
from markupsafe import Markup, escape

BORDER = 2  # the quiet zone, in modules: small, as the page around it is blank


def public_url(settings: dict[str, Any]) -> str:
    """The published site's absolute address, without a trailing slash.

    A publishing build has an absolute ``SITEURL``; a development build has
    none, so printed QR codes take ``CATALOGUE_PUBLIC_URL`` instead: a code on
    paper must open the published site, never a developer's machine.
    """
    site = settings.get("SITEURL") or ""
    if site.startswith(("https://", "http://")):
        return site.rstrip("/")
    return (settings.get("CATALOGUE_PUBLIC_URL") or "https://ocop.example.org").rstrip("/")


@lru_cache(maxsize=4096)
def qr_svg(url: str, css_class: str = "qr") -> Markup:
    """An inline SVG QR code of ``url``, sized by CSS through its viewBox."""
    # A fixed mask: segno's choice of the best of eight costs five times the encoding,
    # and every mask gives a valid code.
    code = segno.make(url, error="m", micro=False, mask=0, boost_error=False)
    size = code.symbol_size(border=0)[0]
    rows = "".join(_row(y, modules) for y, modules in enumerate(code.matrix))
    box = size + 2 * BORDER
    return Markup(
        f'<svg viewBox="0 0 {box} {box}" class="{escape(css_class)}" role="img">'
        f"<title>{escape(url)}</title>"
        f'<g transform="translate({BORDER} {BORDER})" stroke="#000" stroke-width="1" fill="none">{rows}</g></svg>'
    )


def qr_data_uri(url: str) -> str:
    """The same SVG as a ``data:`` address for an ``<img>``.

    WeasyPrint reads an SVG image with a fast XML parser, while inline SVG goes
    through its HTML parser and style cascade element by element.
    """
    svg = str(qr_svg(url)).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def _row(y: int, modules: bytes) -> str:
    """One row of modules as a line from its first dark module, dashed dark and light."""
    runs = [(dark, len(list(group))) for dark, group in groupby(bool(m) for m in modules)]
    start = runs.pop(0)[1] if runs and not runs[0][0] else 0
    if not runs:
        return ""
    lengths = [length for _, length in runs]
    if len(lengths) % 2:
        lengths.append(0)  # an even dash array, so that it never repeats shifted
    return f'<path d="M{start} {y + 0.5}h{sum(lengths)}" stroke-dasharray="{" ".join(map(str, lengths))}"/>'
