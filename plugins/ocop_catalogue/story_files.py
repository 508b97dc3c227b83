"""The files of the stories folder and the metadata block of each story, checked
before Pelican reads them.

Pelican logs a story it cannot read (a ``Date`` that is not a date, a missing
``Title``, bytes that are not UTF-8) and builds the site without it. Here the
same mistakes become ``path:line: key: message`` errors that stop the build.
A line without ``Key:`` ends Markdown's metadata block silently, turning the
metadata below it into story text: that is reported too. So are the mistakes
across files that Pelican reports, if at all, in its own words: two stories
written to one page, two languages of one story that Pelican cannot link.
"""

from __future__ import annotations

import datetime
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from markdown.extensions.meta import BEGIN_RE, END_RE  # the lines around YAML-like front matter

from .hints import as_id, day_first_as_iso
from .invisible import visible
from .links import leaves, links_leaving
from .problems import Problem, did_you_mean
from .story_text import PictureCheck, check_story_text
from .stray_files import stray_stories
from .values import ISO_DATE, LANGS
from .yamlsource import SAVED_AS_UTF16, decode_utf8, saved_as_utf16

REQUIRED = ("Title", "Date", "Lang", "Slug")
# The keys a story may have: the data format's, and Pelican's own that the site shows
# (Summary, Modified) or that keep a story a draft (Status). Pelican ignores the others,
# and a misspelt one: Prodcuts would silently lose the story's links to its products.
KNOWN = (*REQUIRED, "Products", "Producers", "Fairs", "Summary", "Modified", "Status")
# A draft is read and checked, but not published (``stories.keep_drafts_unwritten``).
# Pelican's other statuses are not for this site: a ``hidden`` story would have a page
# that no listing, search or language switch finds.
STATUSES = ("draft", "published")
_FIELD = re.compile(r"^([A-Za-z0-9_-]+):\s*(.*)$")
_CONTINUED = re.compile(r"^( {4,}|\t)\S")
# A line an editor meant as metadata, mistyped: "Title : ...", " Lang: vi", "Tóm tắt: ...".
_SPACE_BEFORE_COLON = re.compile(r"^([A-Za-z0-9_-]+)[ \t]+:")
_ANY_KEY = re.compile(r"^\s*([^:\s][^:]{0,39}?)\s*:(\s|$)")
_SLUG = re.compile(r"^[a-z0-9-]+$")
# The metadata naming records by their ids: an invisible character in them is an error that
# names it (``invisible.refusal``), as in a record, where elsewhere it is dropped.
_IDS = re.compile(r"^(products|producers|fairs):", re.IGNORECASE)
# A story's date as the records write theirs, YYYY-MM-DD, which a time may follow
# (08:30, 08:30:15, with a UTC offset such as +07:00). Pelican would read any text
# dateutil makes a date of, month first: 05/06/2026 would be published as 6 May.
_STORY_DATE = re.compile(rf"{ISO_DATE}(?:[ T]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:\d{{2}})?)?")


@dataclass
class Metadata:
    """A story file's metadata block: each key, capitalised as Pelican ignores its
    case, with the line and the value it is first given (Pelican keeps the first)."""

    shown: str
    fields: dict[str, tuple[int, str]]
    # Keys written on or below a line that ended the metadata early: reported with it, not as missing.
    below: tuple[str, ...] = ()

    def value(self, key: str) -> str | None:
        return self.fields[key][1] if key in self.fields else None

    def line(self, key: str) -> int:
        return self.fields[key][0] if key in self.fields else 1

    @property
    def is_draft(self) -> bool:
        return (self.value("Status") or "").lower() == "draft"


def story_text(raw: bytes) -> str:
    """The text of a story file's bytes, as the check and Pelican's reader (``story_reader``)
    both read it: composed (NFC) and without the characters that draw nothing, as the records'
    texts are (``invisible.visible``), but in the ids of ``_IDS``. Title, summary and text then
    sort, search and show alike. Raises ``UnicodeDecodeError``."""
    text = decode_utf8(raw)
    if text.isascii():
        return text  # most English stories: nothing to drop
    return "\n".join(line if _IDS.match(line) else visible(line) for line in text.split("\n"))


def story_files(stories_dir: Path) -> list[Path]:
    """The stories: the .md files of ``stories_dir`` itself, sorted, hidden ones aside."""
    return [path for path in _entries(stories_dir) if path.name.endswith(".md")]


def _entries(folder: Path) -> list[Path]:
    """The files and folders of ``folder``, sorted, but hidden ones (``.tin.md``, an
    editor's ``.tin.md.swp``): as the records' hidden files, they are not read, and
    the settings' ``IGNORE_FILES`` keeps Pelican from reading them too."""
    try:
        return sorted(path for path in folder.iterdir() if not path.name.startswith("."))
    except OSError:
        return []  # no stories folder: no stories


def check_story_files(stories_dir: Path, base: Path, check_picture: PictureCheck | None = None) -> list[Problem]:
    """Every problem in the metadata, pictures and links of the stories under
    ``stories_dir``, and every file there that is not a story; a picture may be at
    ``check_picture`` says it can show (without, only whether each is there)."""
    problems: list[Problem] = []
    stories: list[Metadata] = []
    folder = stories_dir.relative_to(base).as_posix()
    for path in _entries(stories_dir):
        shown = path.relative_to(base).as_posix()
        if leaves(path, base):
            continue  # reported by links.links_leaving
        if not path.name.endswith(".md"):
            problems += _not_a_story(path, shown, folder)
            continue
        try:
            raw = path.read_bytes()
            if saved_as_utf16(raw):
                # Notepad's "Unicode": read as UTF-8 it failed lines down, or, all ASCII, was
                # read whole with a zero byte in each letter, every metadata key then missing.
                problems.append(Problem(shown, 1, "-", SAVED_AS_UTF16))
                continue
            text = story_text(raw)
        except UnicodeDecodeError as error:
            line = error.object[: error.start].count(b"\n") + 1
            problems.append(Problem(shown, line, "-", "the file is not UTF-8 text; save it as UTF-8"))
            continue
        except OSError as error:
            problems.append(Problem(shown, 1, "-", f"cannot read the file: {error.strerror}"))
            continue
        lines = text.replace("\r\n", "\n").split("\n")
        if _blank_lines_on_top(lines):
            message = "remove the blank line(s) at the top: the metadata must start on the first line"
            problems.append(Problem(shown, 1, "-", message))
            continue
        metadata, found = _read_metadata(lines, shown)
        problems += found
        problems += _check_values(metadata)
        problems += check_story_text(lines, path, stories_dir.parent, base, check_picture)
        stories.append(metadata)
    problems += _same_slug_and_lang(stories)
    problems += _translations_apart(stories)
    return problems


def _not_a_story(path: Path, shown: str, folder: str) -> Iterator[Problem]:
    """A file or folder of the stories folder that is not a story. Pelican would read a
    ``.markdown`` or ``.html`` file, and every folder inside, unchecked; it would leave
    out a ``.txt`` or ``.MD`` file unsaid: none of them is what the editor meant."""
    if not path.is_dir():
        message = f"stories are .md files (in lowercase); rename it or move it out of {folder}/"
        yield Problem(shown, 1, "-", message)
    elif _holds_files(path):
        message = f"stories are .md files in {folder}/ itself, not in a folder; move them out of this one"
        yield Problem(shown, 1, "-", message)


def _holds_files(folder: Path) -> bool:
    """Whether ``folder`` or a folder inside holds a file that is not hidden."""
    for _, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        if any(not name.startswith(".") for name in files):
            return True
    return False


def _blank_lines_on_top(lines: list[str]) -> bool:
    """Whether blank lines come before the metadata: Markdown then reads none at all,
    and every required key would be reported missing."""
    first = next((line for line in lines if line.strip()), "")
    return not lines[0].strip() and bool(_FIELD.match(first))


def _read_metadata(lines: list[str], shown: str) -> tuple[Metadata, list[Problem]]:
    """The metadata block at the top of ``lines``, and the problems of its form. As in
    Markdown, it may start with a line ``---`` and end with one (or with ``...``)."""
    found: dict[str, tuple[int, str]] = {}
    problems = []
    below: tuple[str, ...] = ()
    start = 1 if lines and BEGIN_RE.match(lines[0]) else 0
    for number, line in enumerate(lines[start:], start=start + 1):
        if not line.strip() or END_RE.match(line):
            break
        match = _FIELD.match(line)
        key = match[1].capitalize() if match else ""
        if key in found:
            # Pelican keeps the first Slug or Date, and makes a list of two Products lines.
            message = f"duplicate key (first given on line {found[key][0]})"
            problems.append(Problem(shown, number, match[1], message))
        elif match:
            found[key] = (number, match[2].strip())
            if key not in KNOWN:
                problems.append(Problem(shown, number, match[1], "unknown key" + did_you_mean(key, KNOWN)))
        elif not (found and _CONTINUED.match(line)):
            # Markdown ends the metadata here: this line's key and those below are the story's text.
            below = _keys_below(lines[number - 1 :])
            problems.append(Problem(shown, number, "-", _not_metadata(line, below, lines[number:])))
            break
    return Metadata(shown, found, below), problems


def _keys_below(lines: list[str]) -> tuple[str, ...]:
    """The story's keys written in ``lines``, up to the first blank line, however mistyped."""
    keys = []
    for line in lines:
        if not line.strip() or END_RE.match(line):
            break
        match = _ANY_KEY.match(line)
        if match and match[1].capitalize() in KNOWN:
            keys.append(match[1].capitalize())
    return tuple(keys)


def _not_metadata(line: str, below: tuple[str, ...], after: list[str]) -> str:
    """Why ``line``, which ends the metadata, is not ``Key: value``, and what to do."""
    if _FIELD.match(line.lstrip()):
        return "remove the blanks at the start of the line: metadata starts at the line's first character"
    if match := _SPACE_BEFORE_COLON.match(line):
        return f"remove the blank before the colon: {match[1]}:"
    key = _ANY_KEY.match(line)
    # A key of other letters (Vietnamese, spaces) among the metadata, not the story's first line.
    if key and (below or not after or not after[0].strip()):
        return f"'{key[1]}' is not a metadata key; the keys are written in English: {', '.join(KNOWN)}"
    if below:
        return (
            f"expected 'Key: value' metadata: this line ends the metadata, and {', '.join(below)} below it are not read"
        )
    return "expected 'Key: value' metadata; leave a blank line before the story"


def _check_values(metadata: Metadata) -> Iterator[Problem]:
    """The problems of the metadata's values: a key missing, a date, a status or a slug."""
    shown, found = metadata.shown, metadata.fields
    for key in REQUIRED:
        if key not in found and key not in metadata.below:
            yield Problem(shown, 1, key, "required metadata is missing")
    for key in ("Date", "Modified"):  # the dates Pelican parses
        if key in found:
            line, value = found[key]
            problem = story_date_problem(value)
            if problem:
                yield Problem(shown, line, key, problem)
    if "Status" in found and found["Status"][1].lower() not in STATUSES:  # Pelican ignores the case
        line, value = found["Status"]
        yield Problem(shown, line, "Status", f"unknown status '{value}'; use one of {', '.join(STATUSES)}")
    if "Slug" in found and not _SLUG.match(found["Slug"][1]):
        line, value = found["Slug"]
        message = "a slug is lowercase ASCII letters, digits and hyphens (a-z, 0-9, -)"
        if made := as_id(value):  # a story's slug is made as an id: "Dầu lạc" is dau-lac
            message += f": write {made}"
        yield Problem(shown, line, "Slug", message)


def _same_slug_and_lang(stories: list[Metadata]) -> Iterator[Problem]:
    """Stories of one Slug in one language (a copied story whose Slug stayed, a copied
    translation whose Lang stayed): Pelican would write them to one page, and stop with
    its own error. Drafts are written nowhere."""
    pages: dict[tuple[str, str], list[Metadata]] = defaultdict(list)
    for story in stories:
        slug, lang = story.value("Slug"), story.value("Lang")
        if slug and lang and not story.is_draft:
            pages[(slug, lang)].append(story)
    for (slug, lang), same in pages.items():
        for story in same if len(same) > 1 else []:
            others = ", ".join(other.shown for other in same if other is not story)
            message = (
                f"'{slug}' is also the Slug of {others} in the same language (Lang: {lang}); "
                "change the Slug of one of them, or the Lang of a translation"
            )
            yield Problem(story.shown, story.line("Slug"), "Slug", message)


def _translations_apart(stories: list[Metadata]) -> Iterator[Problem]:
    """The languages of one story (``x.vi.md``, ``x.en.md``) with different Slugs:
    Pelican links translations by their Slug, and would publish two unrelated stories."""
    versions: dict[str, list[Metadata]] = defaultdict(list)
    for story in stories:
        name, lang = _name_and_language(story.shown)
        if lang in LANGS and story.value("Slug"):
            versions[name].append(story)
    for same_story in versions.values():
        for story in same_story:
            slug = story.value("Slug")
            other = next((other for other in same_story if other.value("Slug") != slug), None)
            if other is not None:
                message = (
                    f"'{slug}' differs from the Slug '{other.value('Slug')}' of {other.shown}, "
                    "the other language of this story; the languages of a story share their Slug"
                )
                yield Problem(story.shown, story.line("Slug"), "Slug", message)


def _name_and_language(shown: str) -> tuple[str, str]:
    """``x.vi.md`` is the story ``x`` in ``vi``; ``x.md`` names no language."""
    name, _, lang = PurePosixPath(shown).name.removesuffix(".md").rpartition(".")
    return name, lang


def story_date_problem(text: str) -> str | None:
    """What is wrong with ``text`` as a story's date (YYYY-MM-DD, a time may follow), if anything."""
    if not _STORY_DATE.fullmatch(text):
        return f"'{text}' is not a date written as YYYY-MM-DD, such as 2026-05-20" + day_first_as_iso(text)
    try:
        datetime.datetime.fromisoformat(text)
    except ValueError:  # written as asked, but 2026-02-30, 2026-20-05 or 25:00
        if len(text) == len("YYYY-MM-DD"):
            return f"'{text}' is not a day of the calendar: check the month and the day"
        return f"'{text}' is not a day and time of the calendar: check the month, the day and the time"
    return None


def unread_stories(stories_dir: Path, stories: Iterable, base: Path, reported: Iterable[Problem]) -> list[Problem]:
    """Story files Pelican could not read for a reason not already reported."""
    read = {Path(story.source_path).resolve() for story in stories}
    known = {problem.path for problem in reported}
    problems = []
    for path in story_files(stories_dir):
        shown = path.relative_to(base).as_posix()
        if path.resolve() not in read and shown not in known:
            problems.append(Problem(shown, 1, "-", "Pelican could not read this story (its message is above)"))
    return problems


def check_content(
    content: Path, stories: Iterable | None, base: Path, check_picture: PictureCheck | None = None
) -> list[Problem]:
    """Links leaving the repository, story metadata and pictures, and stories Pelican skipped."""
    problems = list(links_leaving(content, base))
    problems += check_story_files(content / "stories", base, check_picture)
    problems += stray_stories(content, base)
    if stories is not None:
        problems += unread_stories(content / "stories", stories, base, problems)
    return problems
