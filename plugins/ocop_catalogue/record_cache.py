"""Records read and validated once: cached by file content, read on every core.

Each record file is parsed and validated on its own (``loading.read_record``),
so the result depends only on the file's bytes, its path and the code that
reads it. The cache (``CACHE_PATH/records.pickle``) keeps, for each path, the
digest of the bytes and that result, problems included: an unchanged file is
neither parsed nor validated again, and a broken one is reported exactly as
the first time. Changing the reading code (this package's loading modules)
empties the cache. Each file is opened once, here: its bytes are digested,
then parsed (``loading.parse_record``) when they miss the cache, by forked
workers when there are enough of them to pay for the processes. Files refused
unread (links leading out, names not ending in .yaml) never reach the cache.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
from pathlib import Path

from .loading import RecordFile, RecordResult, parse_record, paused_gc
from .yamlsource import read_source

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


def digest_of(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


class RecordCache:
    """``read_many`` for ``loading.load_records``; keeps the digest of every file it read."""

    def __init__(self, folder: Path | None, processes: int = 1):
        self.file = folder / CACHE_FILE if folder else None
        self.processes = processes
        self.version = code_version()
        self.entries: dict[str, tuple[str, RecordResult]] = self._load()
        self.digests: dict[Path, str] = {}

    def read_many(self, files: list[RecordFile]) -> list[RecordResult]:
        results: list[RecordResult | None] = []
        missing = []
        fresh: dict[str, tuple[str, RecordResult]] = {}
        for file in files:
            # Each file is read once here: the bytes digested are the bytes parsed.
            raw = read_source(file.path, file.shown)
            digest = digest_of(raw) if isinstance(raw, bytes) else None
            key = f"{file.shown}:{file.model.__name__}"
            if digest is not None:
                self.digests[Path(file.path)] = digest
            cached = self.entries.get(key)
            if digest is not None and cached is not None and cached[0] == digest:
                results.append(cached[1])
                fresh[key] = cached
            else:
                missing.append((len(results), raw, file, key, digest))
                results.append(None)
        for (index, _, _, key, digest), result in zip(missing, self._read(missing), strict=True):
            results[index] = result
            if digest is not None:
                fresh[key] = (digest, result)
        if missing or len(fresh) != len(self.entries):
            self.entries = fresh
            self._save()
        return results

    def _read(self, missing: list) -> list[RecordResult]:
        tasks = [(raw, file) for _, raw, file, _, _ in missing]
        if self.processes < 2 or len(tasks) < PARALLEL_FROM:
            return [parse_record(*task) for task in tasks]
        with multiprocessing.get_context("fork").Pool(self.processes) as pool:
            return pool.starmap(parse_record, tasks, chunksize=max(1, len(tasks) // (self.processes * 8)))

    def _load(self) -> dict:
        if self.file is None:
            return {}
        try:
            with self.file.open("rb") as source, paused_gc():
                version, entries = pickle.load(source)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
            return {}  # no cache yet, or one this code cannot use: read everything
        return entries if version == self.version else {}

    def _save(self) -> None:
        if self.file is None:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_name(f".{self.file.name}.{os.getpid()}")
        with temporary.open("wb") as target, paused_gc():
            pickle.dump((self.version, self.entries), target, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.file)
