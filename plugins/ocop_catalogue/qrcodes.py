"""QR codes as vector SVG, for the booklets (a printed web page draws its own in the browser).

segno encodes; the SVG is drawn here as a single dashed line that runs
through every row of modules, instead of one path command per run of dark
modules. The picture is the same, but WeasyPrint parses and draws SVG
elements and path commands one by one in Python, so a booklet of 500 codes
renders much faster this way.
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
    path, dashes = _serpentine(code.matrix, size)
    box = size + 2 * BORDER
    return Markup(
        f'<svg viewBox="0 0 {box} {box}" class="{escape(css_class)}" role="img">'
        f"<title>{escape(url)}</title>"
        f'<path transform="translate({BORDER} {BORDER})" d="{path}" stroke="#000" stroke-width="1" fill="none"'
        f' stroke-dasharray="{" ".join(map(str, dashes))}"/></svg>'
    )


def _serpentine(matrix, size: int) -> tuple[str, list[int]]:
    """One line through every row, left to right then back, dashed dark and light.

    The step down between two rows falls in a gap of the dashes, so only the dark
    modules are drawn: the whole code is one path of a few commands.
    """
    commands, dashes = ["M0 0.5"], []
    dark_run = True  # the dash array starts with a dash (dark), then a gap (light)
    for y, modules in enumerate(matrix):
        row = [bool(m) for m in modules]
        if y % 2:
            row.reverse()
        if y:
            commands.append("v1")
            dashes, dark_run = _extend(dashes, dark_run, False, 1)
        commands.append(f"h{size if y % 2 == 0 else -size}")
        for dark, group in groupby(row):
            dashes, dark_run = _extend(dashes, dark_run, dark, len(list(group)))
    if len(dashes) % 2:
        dashes.append(0)  # an even dash array, so that it never repeats shifted
    return "".join(commands), dashes


def _extend(dashes: list[int], dark_run: bool, dark: bool, length: int) -> tuple[list[int], bool]:
    """Add ``length`` modules of ``dark`` to the alternating dash lengths."""
    if not dashes:
        if not dark:
            dashes.append(0)
        dashes.append(length)
        return dashes, dark
    if dark == dark_run:
        dashes[-1] += length
    else:
        dashes.append(length)
    return dashes, dark


def qr_data_uri(url: str) -> str:
    """The same SVG as a ``data:`` address for an ``<img>``.

    WeasyPrint reads an SVG image with a fast XML parser, while inline SVG goes
    through its HTML parser and style cascade element by element.
    """
    svg = str(qr_svg(url)).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
