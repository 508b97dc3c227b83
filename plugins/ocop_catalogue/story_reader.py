"""Pelican's Markdown reader, given a story's text as the check reads it.

Pelican opens a story as it is: a title or text typed on macOS or with some
Vietnamese keyboards (``ậ`` as ``a`` and two combining marks), or pasted with
zero-width spaces and soft hyphens, was published so, and sorted, searched and
was shared differently from what shows. Here every story is read through
``story_files.story_text`` (NFC, invisible characters dropped), once, before
Markdown: its metadata, summary and HTML all come from that text.
"""

from __future__ import annotations

from pathlib import Path

from markdown import Markdown
from pelican.readers import MarkdownReader, Readers

from .story_files import story_text


class StoryReader(MarkdownReader):
    def read(self, source_path: str) -> tuple[str, dict]:
        # MarkdownReader.read, but for the text handed to Markdown.
        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])
        content = self._md.convert(story_text(Path(source_path).read_bytes()))
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        return content, metadata


def use_story_reader(readers: Readers) -> None:
    """Pelican's ``readers_init``: stories (``.md``) are read by ``StoryReader``."""
    readers.reader_classes["md"] = StoryReader


def story_readers(settings: dict) -> Readers:
    """Pelican's readers, stories read as the build reads them, for the check (which runs
    without registering the plugin)."""
    readers = Readers(settings)
    readers.readers["md"] = StoryReader(settings)
    return readers
