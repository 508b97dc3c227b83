"""Records read and validated once: cached by file content, read on every core.

Each record file is parsed and validated on its own (``loading.read_record``),
so the result depends only on the file's bytes, its path and the code that
reads it. The cache (``CACHE_PATH/records.pickle``) keeps, for each path, the
digest of the bytes and that result, problems included: an unchanged file is
neither parsed nor validated again, and a broken one is reported exactly as
the first time. Changing the reading code (this package's loading modules)
empties the cache.

Writing every record again after each edit took seconds for a national
catalogue, so what changed since the cache was last written whole goes to a
small journal beside it (``records.changes.pickle``), read after it; once the
journal holds a tenth of the records, the whole cache is written again. Like
the cache's, the journal's results are used only for files whose digest they
match, so a journal left beside a newer cache (a build stopped between the two
writes) gives no stale record. Each file's bytes are digested, by a forked
process while the cache is unpickled when there are enough files to pay for
it; a file that misses the cache is read again and parsed
(``loading.parse_record``), on every core when there are enough of them,
and the digest kept is of the very bytes parsed. A large cache is written
whole by a forked process while the build goes on; ``saved`` waits for it.
The preview unpickles the whole cache ahead of its next build (``read_ahead``).
Files refused unread (links leading out, names not ending in .yaml) never
reach the cache.
"""

from __future__ import annotations

import hashlib
from contextlib import ExitStack
from pathlib import Path

from .dependencies import libraries
from .forked import Forked
from .loading import RecordFile, RecordResult, parse_record
from .pickle_files import file_stamp, read_pickle, write_pickle
from .yamlsource import read_source

CACHE_FILE = "records.pickle"
CHANGES_FILE = "records.changes.pickle"
# The journal is folded into the cache once it holds this share of the records.
FOLD_FROM = 0.1
# The modules whose code decides what a record file reads as.
READING_CODE = (
    "yamlsource.py",
    "yaml_errors.py",
    "schema.py",
    "values.py",
    "loading.py",
    "invisible.py",
    "problems.py",
    "record_cache.py",
    "record_warnings.py",
    "contacts.py",
    "links.py",
    "vietnamese.py",
    "default_groups.py",
    "hints.py",
    "stray_files.py",
    "validation_errors.py",
)
# Below this many files to read, workers cost more than they save.
PARALLEL_FROM = 200

# Whole caches unpickled ahead of the builds to come, by the process the preview forks
# its builds from (``read_ahead``): path -> (the file's stamp then, what it held).
_read_ahead: dict[str, tuple[tuple[int, int, int], object]] = {}


def code_version() -> str:
    """The reading code and the libraries it uses (pydantic's models are pickled)."""
    digest = hashlib.blake2b(libraries().encode(), digest_size=16)
    for name in READING_CODE:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


def digest_of(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


class RecordCache:
    """``read_many`` for ``loading.load_records``; keeps the digest of every file it read,
    by the record's ``(kind, id)``."""

    def __init__(self, folder: Path | None, processes: int = 1):
        self.folder = folder
        self.processes = processes
        self.version = code_version()
        self.entries: dict[str, tuple[str, RecordResult]] = {}
        self.whole = False  # whether the whole cache was read
        self.changed: dict[str, tuple[str, RecordResult]] = {}  # the journal: written since the whole cache
        self.gone: set[str] = set()
        self.digests: dict[tuple[str, str], str] = {}  # by (kind, id): what page fingerprints use
        self.saving: Forked[None] | None = None  # the whole cache, being written

    def read_many(self, files: list[RecordFile]) -> list[RecordResult]:
        results: list[RecordResult | None] = []
        missing = []
        seen = set()
        for file, digest in zip(files, self._load_and_digest(files), strict=True):
            key = f"{file.shown}:{file.model.__name__}"
            seen.add(key)
            cached = self.entries.get(key)
            if digest is not None and cached is not None and cached[0] == digest:
                self.digests[(file.kind, file.id)] = digest
                results.append(cached[1])
                continue
            # Read again to be parsed: the digest kept is of the very bytes parsed.
            raw = read_source(file.path, file.shown)
            digest = digest_of(raw) if isinstance(raw, bytes) else None
            if digest is not None:
                self.digests[(file.kind, file.id)] = digest
            missing.append((len(results), raw, file, key, digest))
            results.append(None)
        fresh = {}
        for (index, _, _, key, digest), result in zip(missing, self._read(missing), strict=True):
            results[index] = result
            if digest is not None:
                fresh[key] = (digest, result)
        gone = set(self.entries) - seen
        if fresh or gone:
            self._save(fresh, gone)
        return results

    def _load_and_digest(self, files: list[RecordFile]) -> list[str | None]:
        """Load the cache, and the digest of each file's bytes where the cache may hold
        its record (None: the file is to be read and parsed).

        At national scale unpickling the cache takes longer than reading and digesting
        the 30,000 files, so a forked process digests them meanwhile, on the other core."""
        if self.folder is None or not (self.folder / CACHE_FILE).exists():
            return [None] * len(files)  # nothing cached: each file is read once, to be parsed
        if self.processes < 2 or len(files) < PARALLEL_FROM:
            self._load()
            return digest_files(files)
        with Forked(digest_files, files) as digesting:
            self._load()
            return digesting.result()

    def _read(self, missing: list) -> list[RecordResult]:
        """Parse the files that missed the cache, on every core.

        This process parses a share itself while forked ones parse the others:
        the results must come back to it anyway, and unpickling them (a tenth of
        the parsing's cost) then runs beside nothing else. With a pool of workers
        it ran beside them on two cores: reading a national catalogue took 7.0 to
        7.3 s, now 6.4 s. The shares are interleaved, since a product costs more
        to read than a producer and they come in runs."""
        tasks = [(raw, file) for _, raw, file, _, _ in missing]
        if self.processes < 2 or len(tasks) < PARALLEL_FROM:
            return _parse_all(tasks)
        shares = [tasks[start :: self.processes] for start in range(self.processes)]
        with ExitStack() as stack:
            others = [stack.enter_context(Forked(_parse_all, share)) for share in shares[1:]]
            parsed = [_parse_all(shares[0]), *(other.result() for other in others)]
        results: list[RecordResult] = [None] * len(tasks)  # type: ignore[list-item]
        for start, share in enumerate(parsed):
            results[start :: self.processes] = share
        return results

    def _load(self) -> None:
        if self.folder is None:
            return
        whole = _read_whole(self.folder / CACHE_FILE)
        if not (isinstance(whole, tuple) and len(whole) == 2 and whole[0] == self.version):
            return  # no cache yet, or one this code cannot use: read everything
        self.entries = dict(whole[1])  # a copy: what was read ahead stays as the file holds it
        self.whole = True
        journal = read_pickle(self.folder / CHANGES_FILE)
        if isinstance(journal, tuple) and len(journal) == 3 and journal[0] == self.version:
            _, self.changed, self.gone = journal
            self.entries.update(self.changed)
            for key in self.gone:
                self.entries.pop(key, None)

    def _save(self, fresh: dict[str, tuple[str, RecordResult]], gone: set[str]) -> None:
        """Journal what changed, or write the whole cache when the journal has grown."""
        self.saved()
        self.entries.update(fresh)
        for key in gone:
            self.entries.pop(key, None)
        self.changed = {key: entry for key, entry in {**self.changed, **fresh}.items() if key not in gone}
        self.gone = (self.gone | gone) - set(fresh)
        if self.folder is None:
            return
        if self.whole and len(self.changed) + len(self.gone) < FOLD_FROM * len(self.entries):
            write_pickle(self.folder / CHANGES_FILE, (self.version, self.changed, self.gone))
            return
        # The whole cache takes seconds to pickle at national scale: a forked process
        # writes it (from its copy of the entries) while this one joins the records.
        whole = (self.version, self.entries)
        if len(self.entries) < PARALLEL_FROM:
            _write_whole(self.folder, whole)
        else:
            self.saving = Forked(_write_whole, self.folder, whole)
        self.whole = True
        self.changed, self.gone = {}, set()

    def saved(self) -> None:
        """Wait until the whole cache, if it is being written, is written."""
        saving, self.saving = self.saving, None
        if saving is not None:
            saving.result()


def read_ahead(folder: Path) -> None:
    """Unpickle the whole cache in ``folder`` now, for the builds this process forks later.

    The preview forks every build from one warm process (``warm_builds``), which
    calls this once a build is done, while the editor looks at its result: the
    next build then finds the cache unpickled (1.7 s at national scale) unless
    the file changed since, which its stamp tells."""
    path = str(folder / CACHE_FILE)
    stamp = file_stamp(path)  # before reading: a file replaced meanwhile is read again by the build
    if path in _read_ahead and _read_ahead[path][0] == stamp:
        return
    _read_ahead.pop(path, None)  # freed before the next one is read
    if stamp is not None:
        _read_ahead[path] = (stamp, read_pickle(Path(path)))


def _read_whole(path: Path) -> object:
    """What the whole cache holds: as read ahead if the file is the one read, from disk otherwise."""
    ahead = _read_ahead.get(str(path))
    if ahead is not None and ahead[0] == file_stamp(path):
        return ahead[1]
    return read_pickle(path)


def _parse_all(tasks: list[tuple]) -> list[RecordResult]:
    return [parse_record(*task) for task in tasks]


def digest_files(files: list[RecordFile]) -> list[str | None]:
    """The digest of each file's bytes; None for a file that cannot be read (read again, to say why)."""
    digests = []
    for file in files:
        raw = read_source(file.path, file.shown)
        digests.append(digest_of(raw) if isinstance(raw, bytes) else None)
    return digests


def _write_whole(folder: Path, whole: tuple) -> None:
    write_pickle(folder / CACHE_FILE, whole)
    (folder / CHANGES_FILE).unlink(missing_ok=True)  # what it held is in the cache now
