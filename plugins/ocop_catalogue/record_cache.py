"""Records read and validated once: cached by file content, read on every core.

Each record file is parsed and validated on its own (``loading.read_record``),
so the result depends only on the file's bytes, its path and the code that
reads it. The cache (``CACHE_PATH/records.pickle``) keeps, for each path, the
digest of the bytes and that result, problems included: an unchanged file is
neither parsed nor validated again, and a broken one is reported exactly as
the first time. Changing the reading code (this package's loading modules)
empties the cache. Files that miss the cache are read by forked workers when
there are enough of them to pay for the processes.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
from pathlib import Path
from typing import Any

from .loading import RecordResult, read_record

CACHE_FILE = "records.pickle"
# The modules whose code decides what a record file reads as.
READING_CODE = ("yamlsource.py", "schema.py", "loading.py", "problems.py", "record_cache.py")
# Below this many files to read, workers cost more than they save.
PARALLEL_FROM = 200


def code_version() -> str:
    digest = hashlib.blake2b(digest_size=16)
    for name in READING_CODE:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return None  # read_record reports it


class RecordCache:
    """``read_many`` for ``loading.load_records``; keeps the digest of every file it read."""

    def __init__(self, folder: Path | None, processes: int = 1):
        self.file = folder / CACHE_FILE if folder else None
        self.processes = processes
        self.version = code_version()
        self.entries: dict[str, tuple[str, RecordResult]] = self._load()
        self.digests: dict[Path, str] = {}

    def read_many(self, files: list[tuple[Path, str, Any]], base: Path) -> list[RecordResult]:
        results: dict[Path, RecordResult] = {}
        missing = []
        fresh: dict[str, tuple[str, RecordResult]] = {}
        for path, _, model in files:
            digest = file_digest(path)
            key = f"{path.relative_to(base).as_posix()}:{model.__name__}"
            if digest is not None:
                self.digests[path] = digest
            cached = self.entries.get(key)
            if digest is not None and cached is not None and cached[0] == digest:
                results[path] = cached[1]
                fresh[key] = cached
            else:
                missing.append((path, model, key, digest))
        for (path, _, key, digest), result in zip(missing, self._read(missing, base), strict=True):
            results[path] = result
            if digest is not None:
                fresh[key] = (digest, result)
        if missing or len(fresh) != len(self.entries):
            self.entries = fresh
            self._save()
        return [results[path] for path, _, _ in files]

    def _read(self, missing: list, base: Path) -> list[RecordResult]:
        tasks = [(path, model, base) for path, model, _, _ in missing]
        if self.processes < 2 or len(tasks) < PARALLEL_FROM:
            return [read_record(*task) for task in tasks]
        with multiprocessing.get_context("fork").Pool(self.processes) as pool:
            return pool.starmap(read_record, tasks, chunksize=max(1, len(tasks) // (self.processes * 8)))

    def _load(self) -> dict:
        if self.file is None:
            return {}
        try:
            with self.file.open("rb") as source:
                version, entries = pickle.load(source)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
            return {}  # no cache yet, or one this code cannot use: read everything
        return entries if version == self.version else {}

    def _save(self) -> None:
        if self.file is None:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_name(f".{self.file.name}.{os.getpid()}")
        with temporary.open("wb") as target:
            pickle.dump((self.version, self.entries), target, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.file)
