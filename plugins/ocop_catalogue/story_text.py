"""Pictures and links in a story's text that lead to a file of ``content/`` that is not there,
pictures that are not pictures the site can show (checked as the records' are), and pictures
outside ``content/images/``, which would be published as the camera made them.

Pelican turns ``{static}/images/products/x.jpg`` and ``{filename}/stories/x.md`` into
the address of the published file; when there is no such file it logs a warning, or
nothing, and publishes a broken picture. A path from the story's own file, such as
``../images/products/x.jpg`` (an editor's Markdown preview shows it), is published as
written, and is broken on the site, whose pages are not where the story files are.
Web addresses, the site's own addresses (``/san-pham/...``) and anchors are left alone.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

from markdown.inlinepatterns import LINK_RE, LinkInlineProcessor

from .pictures import alike_hint, named_alike
from .problems import Problem

# What is wrong with the picture at a path, or None (``PictureChecks.problem``, its side given).
PictureCheck = Callable[[Path], str | None]

# Python-Markdown's own reader of [text](target), Pelican's; outside a conversion it has
# no placeholders to put back, which it is told by an empty set of tree processors.
_LINKS = LinkInlineProcessor(LINK_RE, SimpleNamespace(treeprocessors={}))
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)")  # [name]: target
_HTML = re.compile(r"<(\w+)\b[^>]*?\b(?:src|href)\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_PELICAN = re.compile(r"^[{|](static|attach|filename)[|}]")  # the files Pelican links
_ADDRESS = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*:|/|#|[{|])")  # a scheme, the site's own, an anchor
# A file's place on the editor's computer: C:\Users\..., \\server\..., file:///...
_ON_A_COMPUTER = re.compile(r"^([A-Za-z]:[\\/]|\\\\|file:)", re.IGNORECASE)
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_CODE = re.compile(r"`[^`]*`")


def check_story_text(
    lines: list[str], story: Path, content: Path, base: Path, check_picture: PictureCheck | None = None
) -> Iterator[Problem]:
    """Every picture or link of ``lines``, the story file ``story``'s, to a missing file, and
    with ``check_picture`` (``PictureChecks.problem`` and the largest side allowed, as for
    the records' pictures) every picture the site cannot show."""
    shown = story.relative_to(base).as_posix()
    fenced = False
    for number, line in enumerate(lines, start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue  # code shows links as text
        for target, picture in _targets(_CODE.sub("", line)):
            message = _broken(target, picture, story.parent, content, base, check_picture)
            if message:
                yield Problem(shown, number, "-", message)


def _targets(line: str) -> Iterator[tuple[str, bool]]:
    """The targets of a line's links and pictures, each with whether it is a picture's."""
    yield from _inline(line)
    reference = _REFERENCE.match(line)
    if reference:
        yield reference[1], False
    for match in _HTML.finditer(line):
        yield match[2], match[1].lower() in ("img", "source")


def _inline(line: str) -> Iterator[tuple[str, bool]]:
    """The targets of [text](target) and ![alt](target), read as Pelican's reader reads them: a
    target may hold spaces and balanced parentheses (Zalo saves pictures as "Ảnh Zalo (1).jpg"),
    be written <...>, and have a "title" after it."""
    if "](" not in line:
        return
    # Each [ and the ] that closes it, brackets inside counted, as Python-Markdown pairs them;
    # found in one pass, where asking its reader from every [ would take minutes on [[[[...
    closing: dict[int, int] = {}
    opened: list[int] = []
    for index, char in enumerate(line):
        if char == "[":
            opened.append(index)
        elif char == "]" and opened:
            closing[opened.pop()] = index
    for start in sorted(closing):
        end = closing[start] + 1
        if line.startswith("(", end):
            target, _, _, read = _LINKS.getLink(line, end)
            if read:
                yield target, line[start - 1 : start] == "!"


def _broken(
    target: str, picture: bool, folder: Path, content: Path, base: Path, check_picture: PictureCheck | None
) -> str | None:
    """Why ``target``, in a story of ``folder``, is broken on the site; None if it is not."""
    pelican = _PELICAN.match(target)
    kind = "picture" if picture else "file"
    if _ON_A_COMPUTER.match(target):
        images = (content / "images").relative_to(base).as_posix()
        return (
            f"'{target}' is a path on a computer, which the site's readers cannot open; "
            f"put the {kind} in {images}/ and write {{static}}/images/..."
        )
    if not pelican and picture and target.startswith("/") and not target.startswith("//"):
        return _published_picture(target, content)
    if not pelican and _ADDRESS.match(target):
        return None
    path = unquote(urlsplit(target[pelican.end() :] if pelican else target).path)
    if not path:
        return None  # an anchor of a page: {filename}#part
    # As Pelican finds it: from content/ when it starts with /, else from the story's folder.
    file = os.path.normpath(content / path.lstrip("/") if path.startswith("/") else folder / path)
    from_content = os.path.normpath(content / path)
    if not os.path.isfile(file) and _within(from_content, os.path.normpath(content)) and os.path.isfile(from_content):
        # "images/products/x.jpg" or "{static}images/...": a path from content/ without its '/'.
        link = "{filename}" if path.endswith(".md") else "{static}"
        relative = Path(from_content).relative_to(content).as_posix()
        return f"write it as {link}/{relative}: after {link}, a path starts with /, from content/"
    if not _within(file, os.path.normpath(content)):
        # A relative address leaving content/ (../../san-pham/x/) is the site's, not a file's.
        return f"the {kind} '{target}' is outside {content.relative_to(base).as_posix()}/" if pelican else None
    shown = Path(file).relative_to(base).as_posix()
    if not os.path.isfile(file):
        alike = named_alike(Path(file))
        return f"no {kind} {shown}" + (
            alike_hint(Path(file), alike, alike.relative_to(base).as_posix()) if alike else ""
        )
    if not pelican:
        link = "{filename}" if file.endswith(".md") else "{static}"
        relative = Path(file).relative_to(content).as_posix()
        return f"write it as {link}/{relative}: a path from the story's file is broken on the site"
    if not picture or file.lower().endswith(".svg"):
        return None  # SVG drawings, which browsers scale and Pillow does not read, are published as they are
    images = os.path.join(os.path.normpath(content), "images")
    if not _within(file, images):
        # Only there are pictures made ready for phones (story_pictures): elsewhere, the camera's
        # original would be published, megabytes for a phone on a slow network.
        into = Path(images).relative_to(base).as_posix()
        return f"move the picture {shown} into {into}/: only pictures there are made small for phones"
    # A picture no browser shows (a HEIC photo, a damaged file) is broken on the page.
    if check_picture and (problem := check_picture(Path(file))):
        return f"cannot read the picture {shown}: {problem}"
    return None


def _published_picture(target: str, content: Path) -> str | None:
    """A picture written by its place on the site (``/images/products/x.jpg``) or in the
    repository (``/content/images/...``): the site publishes copies of it for phones, never the
    file itself, so the address is broken. None for anything else there (the theme's files)."""
    path = unquote(urlsplit(target).path).lstrip("/").removeprefix(f"{content.name}/")
    if path.startswith("images/") and (content / path).is_file():
        return f"write it as {{static}}/{path}: the picture itself is not published, only its copies for phones"
    return None


def _within(path: str, folder: str) -> bool:
    return path.startswith(os.path.join(folder, ""))
