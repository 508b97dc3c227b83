"""Render the catalogue pages on every core and write only the files that change.

The catalogue is read-only once loaded, so worker processes forked after
``generate_context`` share it without copying; each renders a slice of the
pages and writes them into the staging folder itself. A page whose inputs are
unchanged since the last build (see ``dependencies``) is not rendered at all,
and a page whose bytes are the same as in the current output is not written:
the current file is hard-linked into the staging folder instead, so it keeps
its inode and modification time once the staging folder is swapped in.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.utils import get_relative_path, path_to_url

from .long_lived import out_of_reach
from .templating import load_theme_templates

# Pages handed to at most this many workers at a time (one task).
CHUNK = 64
# The task of the work besides the pages (``PageWriter.run``).
MEANWHILE = "meanwhile"
# Pages of one record each, alone in their folder (a renamed record's old address
# too, ``moved``); the others are listings.
RECORD_PAGES = {"product", "producer", "fair", "moved"}


@dataclass(frozen=True)
class Job:
    """One file to produce: a page in one language."""

    page: int  # index in the generator's pages
    lang: str
    name: str  # the file under the output folder
    alone: bool  # a page of one record, alone in its folder


@dataclass(frozen=True)
class Outcome:
    name: str
    fingerprint: str
    written: bool  # False when the current output's file was kept
    alone: bool


class PageWriter:
    """Renders jobs of one generator into ``output``, reusing files of ``previous``."""

    def __init__(self, generator: Any, output: Path, previous: Path | None, kept: dict[str, tuple]):
        self.generator = generator
        self.output = output
        self.previous = previous
        # The previous output's files still as made: name -> (fingerprint, inode, ...).
        self.kept = kept
        self.meanwhile: Callable[[], list[Outcome]] = list

    def run(self, jobs: list[Job], processes: int, meanwhile: Callable[[], list[Outcome]] = list) -> list[Outcome]:
        """Produce every job, on ``processes`` cores; returns what happened to each file.

        The workers also work out each page's fingerprint and link the pages that
        need no rendering: at national scale that is 60,000 digests and links.
        ``meanwhile`` is work besides the pages (the open data files): the first
        task handed out, so that one worker makes it while the other starts on the
        pages; its outcomes come last."""
        self.meanwhile = meanwhile
        chunks = list(_chunks(jobs, CHUNK))
        with out_of_reach():  # the catalogue, from the collector (``long_lived``)
            if processes < 2 or len(chunks) < 2:
                return [outcome for chunk in chunks for outcome in self.produce(chunk)] + meanwhile()
            return self._run_in_workers(chunks, processes)

    def _run_in_workers(self, chunks: list[list[Job]], processes: int) -> list[Outcome]:
        global _WRITER
        _WRITER = self  # inherited by the forked workers, never pickled
        load_theme_templates(self.generator.env, self.generator.settings)
        try:
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                # This process only hands out the tasks: a third process on two cores
                # would slow the workers down as much as it helps.
                done = pool.map(_produce_in_worker, [MEANWHILE, *chunks], chunksize=1)
        finally:
            _WRITER = None
        return [outcome for outcomes in done[1:] for outcome in outcomes] + done[0]

    def produce(self, jobs: list[Job]) -> list[Outcome]:
        return [self._produce(job) for job in jobs]

    def _produce(self, job: Job) -> Outcome:
        """Link the current file when the page's inputs are those it was made from; render it otherwise."""
        fingerprint = self.generator.fingerprint(job)
        kept = self.kept.get(job.name)
        if kept is not None and kept[0] == fingerprint:
            return self.keep(job.name, fingerprint, job.alone)
        data = self.generator.render(self.generator.pages[job.page], job.lang, job.name, self.relative_url(job.name))
        return Outcome(job.name, fingerprint, self._write(job.name, data.encode("utf-8")), job.alone)

    def keep(self, name: str, fingerprint: str, alone: bool = False) -> Outcome:
        """Link the current output's file, made from the same ``fingerprint``.

        Most often the reused spare holds that very file already (``staging``):
        one look at its inode then does, instead of a link tried and two."""
        target = self._target(name)
        try:
            if os.lstat(target).st_ino == self.kept[name][1]:  # staging and output share a file system
                return Outcome(name, fingerprint, False, alone)
        except FileNotFoundError:
            pass
        link_file(os.path.join(self.previous, name), target)
        return Outcome(name, fingerprint, False, alone)

    def made(self, name: str, fingerprint: str, make: Callable[[], bytes]) -> Outcome:
        """A file made outside the templates, made again (``make()``) only when its
        ``fingerprint`` is not the one the current output's file was made from."""
        if name in self.kept and self.kept[name][0] == fingerprint:
            return self.keep(name, fingerprint)
        return self.write(name, make(), fingerprint)

    def write(self, name: str, data: bytes, fingerprint: str) -> Outcome:
        """A file made outside the templates (open data), written only if its bytes changed."""
        return Outcome(name, fingerprint, self._write(name, data), False)

    def _write(self, name: str, data: bytes) -> bool:
        """Write ``data`` unless the current output holds the same bytes; True when written."""
        target = self._target(name)
        if self.previous is not None:
            old = os.path.join(self.previous, name)
            if _same_bytes(old, data):
                link_file(old, target)
                return False
        _create(target, data)
        return True

    def _target(self, name: str) -> str:
        # Plain strings: pathlib costs more than the link itself here. The folder is
        # made when the file cannot be (``_in_its_folder``): the reused spare has most.
        return f"{self.output}/{name}"

    def relative_url(self, name: str) -> str | None:
        """``SITEURL`` for this file when the site uses relative addresses, as Pelican's writer sets it."""
        if not self.generator.settings.get("RELATIVE_URLS"):
            return None
        return path_to_url(get_relative_path(name))


_WRITER: PageWriter | None = None


def _produce_in_worker(task: list[Job] | str) -> list[Outcome]:
    assert _WRITER is not None
    return _WRITER.meanwhile() if task == MEANWHILE else _WRITER.produce(task)


def _create(path: str, data: bytes) -> None:
    """Write ``data`` into a new file at ``path``. A file the reused spare left
    there (``staging``) may be a file of the current output itself: it is
    replaced, never written into."""
    try:
        descriptor = _in_its_folder(path, lambda: os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except FileExistsError:
        os.unlink(path)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with open(descriptor, "wb") as file:
        file.write(data)


def link_file(source: str, target: str) -> None:
    """Hard-link ``source`` at ``target``. A file the reused spare left there
    (``staging``) is kept if it is ``source`` itself, and replaced otherwise."""
    try:
        _in_its_folder(target, lambda: os.link(source, target))
    except FileExistsError:
        if os.path.samefile(source, target):
            return
        os.unlink(target)
        os.link(source, target)


def _in_its_folder(path: str, make: Callable[[], Any]) -> Any:
    """``make()``, which makes the file ``path``; its folder is made first if missing
    (a rebuild's reused spare has them; a first build makes each once)."""
    try:
        return make()
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return make()


def _same_bytes(path: str, data: bytes) -> bool:
    try:
        with open(path, "rb") as file:
            return os.fstat(file.fileno()).st_size == len(data) and file.read() == data
    except OSError:
        return False


def _chunks(jobs: list[Job], size: int) -> Iterator[list[Job]]:
    """Listings (a star level, a group) can hold thousands of cards: each is a
    task of its own, handed out first, so no worker is left alone with one at the end."""
    for job in jobs:
        if not job.alone:
            yield [job]
    records = [job for job in jobs if job.alone]
    for start in range(0, len(records), size):
        yield records[start : start + size]
