"""Pictures in stories, made ready for phones as the records' pictures are.

An editor shows a picture in a story with ``![Tea flowers]({static}/images/products/tra-hoa.jpg)``.
Left to Pelican, the file is copied as it is and shown in a bare ``<img>``: a phone's
8,000 px photo, megabytes, on a slow network, and the text jumps when it arrives.
Here each such ``<img>`` becomes the ``<picture>`` a record's picture gets (``images``: AVIF,
WebP and JPEG at several widths, its width and height, loaded lazily but the first), its ``alt``
and other attributes kept; a link to the picture leads to its widest JPEG. Pelican then no
longer sees the original, and does not copy it. The derivatives are published with the
records' (``story_pictures``), from the same cache: an unchanged picture is never encoded again.

It is done once the story's HTML is cleaned (``story_html``), which would remove
``<picture>``, ``srcset`` and ``loading``. The addresses start with ``SITEURL``, as the
records' pictures do: absolute in a published build, so the Atom feeds' copies of a
story show its pictures too.

Left as they are: SVG drawings (a browser scales them) and files outside ``content/images/``
(the check refuses a picture there: ``story_text``). So is a picture that cannot be read
(missing, a HEIC photo): the check names it, and the build stops.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from functools import partial
from types import SimpleNamespace
from typing import Any
from urllib.parse import unquote, urlsplit

from markupsafe import Markup, escape
from PIL import Image

from .images import DamagedPicture, Pictures, picture_sources
from .stories import all_stories

# How wide a story's picture is shown: the page's column (``main`` in site.css).
SIZES = "(min-width: 72rem) 70rem, calc(100vw - 2rem)"
# A tag as nh3 writes it: every attribute value in double quotes, its own '"' escaped.
_TAG = re.compile(r'<(img|a)((?:\s+[^\s"\'=<>/]+(?:="[^"]*")?)*)\s*/?>')
_ATTRIBUTE = re.compile(r'([^\s"\'=<>/]+)(?:="([^"]*)")?')
_PELICAN = re.compile(r"^[{|](static|attach)[|}]")  # Pelican's links to files of content/
# The <img> attributes made here; the editor's others (alt, title, class...) are kept.
_REPLACED = {"src", "width", "height", "srcset", "sizes", "loading", "decoding"}


def make_pictures_ready(content: Any) -> None:
    """Pelican's ``content_object_init``, after ``story_html.clean_story``: the story's
    pictures in ``<picture>`` markup, and the files they need in ``picture_files``, in the
    order the story shows them (the first is the one a shared link shows: ``social``)."""
    if not getattr(content, "_content", None) or not hasattr(content, "settings"):
        return
    pictures = Pictures(content.settings)
    site_url = content.settings.get("SITEURL", "") or ""
    folder = posixpath.relpath(posixpath.dirname(content.source_path), content.settings["PATH"])
    files: dict[str, None] = {}  # in the story's order
    made: list[str] = []  # the pictures made so far

    def replace(match: re.Match, body: bool = True) -> str:
        tag, attributes = match[1], dict(_ATTRIBUTE.findall(match[2]))
        address = attributes.get("src" if tag == "img" else "href", "")
        file = _picture_file(address, folder, pictures)
        if file is None:
            return match[0]
        files[file] = None
        if tag == "a":  # to the widest JPEG, which any browser or app opens
            widest = escape(f"{site_url}/{pictures.shared_path(file)}")
            return match[0].replace(f'href="{address}"', f'href="{widest}"', 1)
        # The story's first picture is most often its photo under the title, the largest paint
        # on a phone: it loads at once and first, as a product's main picture does. Not in the
        # summary: the story's page does not show it at the top.
        eager = body and not made
        made.append(file)
        return _picture(pictures, file, attributes, site_url, eager)

    content._content = _TAG.sub(replace, content._content)
    if getattr(content, "_summary", None):
        content._summary = _TAG.sub(partial(replace, body=False), content._summary)
    content.picture_files = list(files)


def _picture_file(value: str, folder: str, pictures: Pictures) -> str | None:
    """The picture under ``content/images/`` that ``{static}/images/...`` names, if it can be
    read; None for any other address. A path without '/' is from the story's folder, as
    Pelican reads it; a name may be written as it is or %-encoded."""
    value = html.unescape(value)
    pelican = _PELICAN.match(value)
    if not pelican:
        return None
    path = urlsplit(value[pelican.end() :]).path
    for written in dict.fromkeys((path, unquote(path))):
        inside = posixpath.normpath(written.lstrip("/") if written.startswith("/") else posixpath.join(folder, written))
        if not inside.startswith("images/") or inside.lower().endswith(".svg"):
            continue
        file = inside.removeprefix("images/")
        if not (pictures.source_dir / file).is_file():
            continue
        try:
            pictures.picture(file)
        except (DamagedPicture, Image.DecompressionBombError):
            return None  # the check reports it
        return file
    return None


def _picture(pictures: Pictures, file: str, attributes: dict[str, str], site_url: str, eager: bool) -> str:
    """The ``<picture>`` of ``file``, the ``<img>`` keeping the editor's other attributes.
    A width the editor gave (``<img width="200">``) is kept, with the height that goes with it.
    ``eager`` as for ``images.picture_markup``: loaded at once and first, else lazily."""
    found = picture_sources(pictures, SimpleNamespace(file=file), site_url)
    width, height, sizes = found.width, found.height, SIZES
    if attributes.get("width", "").isdigit() and int(attributes["width"]) > 0:
        width = int(attributes["width"])
        height, sizes = max(1, round(found.height * width / found.width)), f"{width}px"
    sources = Markup("").join(
        Markup('<source type="{}" srcset="{}" sizes="{}">').format(mime, srcset, sizes)
        for mime, srcset in found.sources.items()
    )
    # The kept attributes as nh3 wrote them: their values are escaped already.
    kept = Markup("".join(f' {key}="{value}"' for key, value in attributes.items() if key not in _REPLACED))
    loading = Markup('fetchpriority="high"') if eager else Markup('loading="lazy" decoding="async"')
    img = Markup('<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}"{} {}>')
    img = img.format(found.src, found.srcset, sizes, width, height, kept, loading)
    return Markup("<picture>{}{}</picture>").format(sources, img)


def story_pictures(generators: Iterable[Any]) -> list[str]:
    """The pictures of every published story (Pelican's articles generator), under
    ``content/images/``: drafts are not published, nor are their pictures."""
    files: list[str] = []
    for generator in generators:
        for story in all_stories(getattr(generator, "articles", [])):
            files += getattr(story, "picture_files", [])
    return files
