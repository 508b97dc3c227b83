"""Stories are Pelican articles; here they are checked and linked to records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from .hints import choice_meant
from .problems import Problem
from .story_files import story_text

if TYPE_CHECKING:  # the model imports Pelican, which the quick check does without
    from .loading import Records
    from .model import Catalogue

# Story metadata naming records, and the kind of record each names.
LINKS = {"products": "products", "producers": "producers", "fairs": "fairs"}


def all_stories(articles: Iterable) -> list:
    """Every story in every language (Pelican keeps translations aside)."""
    stories = []
    for article in articles:
        stories.append(article)
        stories.extend(article.translations)
    return stories


def published(stories: Iterable) -> list:
    """The stories that are not drafts: a draft is not on the site, so the records it
    names may be missing yet."""
    return [story for story in stories if story.status != "draft"]


def keep_drafts_unwritten(generator) -> None:
    """Pelican's ``article_generator_finalized``: no draft is written. Pelican would
    publish drafts under drafts/, on the public site (and, the site having no
    categories, fails to). The context keeps them, for the check (``find_problems``)."""
    generator.drafts = []
    generator.drafts_translations = []


def linked_ids(story, key: str) -> list[str]:
    value = story.metadata.get(key, "")
    if isinstance(value, (list, tuple)):
        value = ",".join(value)
    return [part.strip() for part in str(value).split(",") if part.strip()]


def check_stories(stories: Iterable, records: Records, langs: tuple[str, ...], base: Path) -> Iterator[Problem]:
    for story in stories:
        path = _shown(story.source_path, base)
        if story.lang not in langs:
            meant = choice_meant("lang", story.lang)
            message = f"unknown language '{story.lang}'; use one of {', '.join(langs)}"
            yield Problem(
                path, _line_of(story.source_path, "lang"), "Lang", message + (f"; write {meant}" if meant else "")
            )
        for key, kind in LINKS.items():
            for record_id in linked_ids(story, key):
                message = records.missing(kind, record_id)
                if message is not None and ";" in record_id:  # the ids of "a; b", separated otherwise
                    separated = ", ".join(part.strip() for part in record_id.split(";") if part.strip())
                    message = f"ids are separated by commas, not semicolons: write {separated}"
                if message is not None:
                    line = _line_of(story.source_path, key)
                    cause = records.broken.get((kind, record_id), "")
                    yield Problem(path, line, key.capitalize(), message, cause=cause)


def link_stories(catalogue: Catalogue, stories: Iterable) -> None:
    """Let each record know the stories (by slug) that name it, and each story its picture."""
    for story in stories:
        for key, kind in LINKS.items():
            for record_id in linked_ids(story, key):
                slugs = catalogue.stories_of[(kind, record_id)]
                if story.slug not in slugs:
                    slugs.append(story.slug)
        story.picture = _shown_picture(catalogue, story)


def _shown_picture(catalogue: Catalogue, story) -> object | None:
    """The picture a story is shown by in the list of stories and in a shared link: its own
    first (``story_pictures``), else the main picture of the first product it names that has
    one. Most stories are about products and have no photo of their own; a link shared on
    Zalo without a picture is a line of grey text."""
    if files := getattr(story, "picture_files", []):
        return SimpleNamespace(file=files[0], alt=None)
    for product_id in linked_ids(story, "products"):
        product = catalogue.products.get(product_id)
        if product is not None and product.images:
            catalogue.pictured_in_stories.add(product_id)
            return product.images[0]
    return None


def by_slug(stories: Iterable) -> dict[str, dict[str, object]]:
    """Each story's versions by language: ``{slug: {lang: article}}``."""
    versions: dict[str, dict[str, object]] = {}
    for story in stories:
        versions.setdefault(story.slug, {})[story.lang] = story
    return versions


def _line_of(source_path: str, key: str) -> int:
    try:
        # Read as the metadata was: a key pasted after a zero-width space is still its line's.
        lines = story_text(Path(source_path).read_bytes()).splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    for number, line in enumerate(lines, start=1):
        if line.lower().startswith(key.lower() + ":"):
            return number
    return 1


def _shown(path: str, base: Path) -> str:
    try:
        return Path(path).relative_to(base).as_posix()
    except ValueError:
        return path


def newest_first(stories: Iterable, lang: str) -> list:
    return sorted((s for s in stories if s.lang == lang), key=lambda s: (s.date, s.slug), reverse=True)
