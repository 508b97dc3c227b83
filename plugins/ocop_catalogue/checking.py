"""``python -m ocop_catalogue check`` (``make check``): every problem, fast.

Editors run the check on every commit, so it must answer within a second.
Importing Pelican would cost more than the check itself, so this module does without it:
it reads the settings file as Python, and a story's metadata header with
Python-Markdown's own metadata preprocessor, the one Pelican's Markdown
reader uses. A test holds its answers equal to those of the check through
Pelican (``build.check``). The build finds its problems here too.
"""

from __future__ import annotations

import argparse
import datetime
import os
import runpy
import sys
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from markdown.extensions.meta import MetaPreprocessor

from . import stories as story_links
from .loading import Records, load_records
from .pickle_files import record_cache_folder
from .picture_checks import PictureChecks
from .pictures import MAX_SIDE
from .problems import Problem, print_problems, unexpected_failure
from .story_files import check_content, story_files, story_text
from .validation import MAX_FAIR_DAYS, check_records
from .values import LANGS

# Pelican's defaults for the settings the check reads.
_DEFAULTS = {"PATH": os.curdir, "DEFAULT_LANG": "en", "OUTPUT_PATH": "output", "THEME": "", "PLUGIN_PATHS": []}
_PATHS = ("PATH", "OUTPUT_PATH", "THEME", "CACHE_PATH")


@dataclass
class StoryHeader:
    """What the check needs of a story: where it is, its language and its metadata."""

    source_path: str
    lang: str
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> str:
        return str(self.metadata.get("status") or "published").lower()  # as Pelican reads it


def build_date() -> datetime.date:
    """Today, or the day ``SOURCE_DATE_EPOCH`` names, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


def data_path(settings: dict[str, Any]) -> Path:
    return Path(settings.get("CATALOGUE_DATA_PATH") or Path(settings["PATH"]).parent / "data")


def read_settings(settings_file: str, override: dict | None = None) -> dict[str, Any]:
    """The settings file's upper-case names, folders made absolute as Pelican does."""
    base = Path(settings_file).resolve().parent
    sys.path.insert(0, str(base))  # publishconf.py imports pelicanconf
    try:
        names = runpy.run_path(settings_file)
    finally:
        sys.path.remove(str(base))
    settings = {**_DEFAULTS, **{key: value for key, value in names.items() if key.isupper()}, **(override or {})}
    for key in _PATHS:
        if settings.get(key):
            settings[key] = str((base / settings[key]).resolve())
    settings["PLUGIN_PATHS"] = [str((base / folder).resolve()) for folder in settings["PLUGIN_PATHS"]]
    return settings


def read_story_headers(settings: dict[str, Any]) -> list[StoryHeader]:
    """Every story's metadata, read as Pelican's Markdown reader reads it."""
    headers = []
    for path in story_files(Path(settings["PATH"]) / "stories"):
        try:
            lines = story_text(path.read_bytes()).split("\n")
        except (OSError, UnicodeError):
            continue  # reported with its line by story_files.check_content
        reader = MetaPreprocessor(SimpleNamespace())
        reader.run(lines)
        metadata = {key: values[0] if len(values) == 1 else values for key, values in reader.md.Meta.items()}
        lang = metadata.get("lang") or settings["DEFAULT_LANG"].lower()
        headers.append(StoryHeader(str(path), lang, metadata))
    return headers


def find_problems(settings: dict[str, Any], stories: list | None = None, cache=None) -> tuple[Records, list[Problem]]:
    """Load and check every record, and the stories' links when given (drafts included:
    only the published ones' links are checked); warnings included.

    ``cache`` (a ``record_cache.RecordCache``) spares re-reading files whose bytes did not change;
    the pictures' verdicts are kept in ``CACHE_PATH`` in any case (``picture_checks``)."""
    data = data_path(settings)
    records = load_records(data, cache.read_many if cache else None)
    problems = list(records.problems)
    max_side = settings.get("CATALOGUE_MAX_PICTURE_SIDE", MAX_SIDE)
    # The check keeps the pictures' verdicts too: an unchanged picture is never decoded again.
    pictures = PictureChecks(cache.folder if cache else record_cache_folder(settings))
    if records.areas is not None:
        max_days = settings.get("CATALOGUE_MAX_FAIR_DAYS", MAX_FAIR_DAYS)
        problems += check_records(
            records, Path(settings["PATH"]) / "images", build_date(), max_side, max_days, pictures
        )
    problems += check_content(
        Path(settings["PATH"]), stories, data.parent, partial(pictures.problem, max_side=max_side)
    )
    pictures.save()
    if stories is not None:
        problems += story_links.check_stories(story_links.published(stories), records, LANGS, data.parent)
    return records, sorted(problems)


def check(settings_file: str, override: dict | None = None) -> int:
    settings = read_settings(settings_file, override)
    _, problems = find_problems(settings, read_story_headers(settings))
    return print_problems(problems, "checked", strict=bool(settings.get("CATALOGUE_STRICT")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ocop_catalogue check", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["check"])
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="the Pelican settings file")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected failures")
    args = parser.parse_args(argv)
    try:
        return check(args.settings, {"CATALOGUE_STRICT": True} if args.strict else None)
    except Exception as error:  # an editor must see one clear line, not a traceback
        if args.debug:
            raise
        print(unexpected_failure(error), file=sys.stderr)
        print("failed: not checked: 1 errors, 0 warnings", file=sys.stderr)
        return 1
