"""Read every record under ``data/`` and check each one against its schema."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import TypeAdapter, ValidationError

from .hints import as_id
from .invisible import refusal
from .links import MESSAGE as LINK_LEAVES
from .links import leaves, leaving_names
from .long_lived import paused_gc
from .problems import Problem
from .record_warnings import record_warnings
from .schema import RECORD_KINDS, Areas, Group, Groups
from .stray_files import misplaced, stray_records
from .validation_errors import comma_split, cut_by_comma, explain
from .values import Record
from .yamlsource import Document, parse_yaml, read_source, read_yaml

_GROUPS = TypeAdapter(Groups)


@dataclass
class Records:
    """What the data folder holds, each record with the document it came from."""

    areas: Areas | None = None
    areas_document: Document | None = None
    groups: list[Group] | None = None
    groups_document: Document | None = None
    by_kind: dict[str, dict[str, Record]] = field(default_factory=dict)
    documents: dict[tuple[str, str], Document] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # The record files that are there but have errors of their own, by (kind, id): shown as.
    broken: dict[tuple[str, str], str] = field(default_factory=dict)
    # kind -> former id -> the id of the record keeping it (``former_ids``), made on first use.
    new_ids: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)
    # (kind, missing id) -> the end of its message (``closest``), made on first use.
    suggestions: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    # kind -> the id a record's name makes (in either language) -> the record's id, made on first use.
    ids_by_name: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    def lists(self) -> list[tuple[str, Document, Any]]:
        """areas.yaml and groups.yaml, those read and valid, as (name, document, what it holds):
        the files that hold many records in one, outside ``documents``."""
        held = [("areas", self.areas_document, self.areas), ("groups", self.groups_document, self.groups)]
        return [(name, document, value) for name, document, value in held if value is not None]

    def missing(self, kind: str, record_id: str) -> str | None:
        """Why ``record_id`` names no record of ``kind``, told to the editor; None if it does.
        A file that is there but failed its own checks is named: "no producer" would
        send the editor looking for a file that exists; an old id that a renamed record
        keeps (``former_ids``) is told with the new one."""
        if record_id in self.by_kind.get(kind, {}):
            return None
        what = kind.removesuffix("s")
        if (kind, record_id) in self.broken:
            return f"{what} '{record_id}' has errors of its own ({self.broken[(kind, record_id)]}); fix those first"
        renamed = self._new_ids(kind).get(record_id)
        if renamed is not None:
            kept_by = f"data/{kind}/{renamed}.yaml keeps the old id"
            return f"the {what} '{record_id}' was renamed '{renamed}' ({kept_by}): write '{renamed}'"
        return refusal(record_id) or f"no {what} '{record_id}' in data/{kind}/" + self._closest(kind, record_id)

    def _closest(self, kind: str, record_id: str) -> str:
        """``closest`` among the ids of ``kind``, once per missing id: a deleted producer is
        named by each of its products, and a national catalogue holds 10,000 producer ids."""
        key = (kind, record_id)
        if key not in self.suggestions:
            named = self._ids_by_name(kind).get(as_id(record_id) or "")  # "Dầu lạc nguyên chất Hải Yến"
            found = f" (did you mean '{named}'?)" if named else closest(record_id, self.by_kind.get(kind, {}))
            self.suggestions[key] = found
        return self.suggestions[key]

    def _ids_by_name(self, kind: str) -> dict[str, str]:
        """The record of ``kind`` each name names, by the id the name makes, made once: a story
        names a product by its name, where its id is shorter ('dau-lac-hai-yen')."""
        if kind not in self.ids_by_name:
            names = {}
            for record_id, record in self.by_kind.get(kind, {}).items():
                for text in (record.name.vi, record.name.en or ""):
                    names.setdefault(as_id(text) or "", record_id)
            names.pop("", None)
            self.ids_by_name[kind] = names
        return self.ids_by_name[kind]

    def _new_ids(self, kind: str) -> dict[str, str]:
        """Each former id of ``kind`` and the id of the record keeping it, made once."""
        if kind not in self.new_ids:
            records = self.by_kind.get(kind, {})
            self.new_ids[kind] = {
                former: record_id
                for record_id, record in records.items()
                for former in getattr(record, "former_ids", ())
            }
        return self.new_ids[kind]


class RecordFile(NamedTuple):
    """A record file to read: where it is, how problems name it, what it holds."""

    path: str
    shown: str  # relative to the repository, with '/'
    id: str  # the file name without .yaml
    kind: str
    model: type[Record]


RecordResult = tuple[Document | None, Record | None, list[Problem]]


def load_records(data_dir: Path, read_many: Callable | None = None) -> Records:
    """Read and validate every file; problems are collected, never raised.

    ``read_many(files)``, when given, reads a list of ``RecordFile`` as
    ``read_record`` does each (``record_cache`` caches and spreads them)."""
    records = Records()
    base = data_dir.parent
    areas = _read(data_dir / "areas.yaml", base, records)
    if areas is not None:
        records.areas = _validate(areas, Areas, records)
        records.areas_document = areas
    elif not (data_dir / "areas.yaml").exists():
        records.problems.append(Problem(_shown(data_dir / "areas.yaml", base), 1, "-", "the file is missing"))
    groups_file = data_dir / "groups.yaml"
    if groups_file.exists():
        groups = _read(groups_file, base, records)
        if groups is not None:
            records.groups = _validate(groups, _GROUPS, records)
            records.groups_document = groups
    records.by_kind = {kind: {} for kind in RECORD_KINDS}
    records.problems += stray_records(data_dir, base, RECORD_KINDS)
    files, refused = _record_files(data_dir, base)
    readable = [file for file in files if file.path not in refused]
    with paused_gc():
        # Each file is read and validated on its own, so a cache can stand in for it.
        read = iter(read_many(readable) if read_many else [read_record(file) for file in readable])
        for file in files:
            document, record, problems = refused[file.path] if file.path in refused else next(read)
            records.problems.extend(problems)
            if record is not None:
                records.documents[(file.kind, file.id)] = document
                records.by_kind[file.kind][file.id] = record
            else:
                records.broken[(file.kind, file.id)] = file.shown
    return records


def _record_files(data_dir: Path, base: Path) -> tuple[list[RecordFile], dict[str, RecordResult]]:
    """Every record file, in order, and the results of those refused unread:
    files that are not .yaml, links leading out of the repository."""
    files: list[RecordFile] = []
    leaving: set[str] = set()
    for kind, model in RECORD_KINDS.items():
        folder = str(data_dir / kind)
        shown = _shown(data_dir / kind, base)
        entries = _entries(folder)
        leaving.update(f"{folder}/{name}" for name in leaving_names(folder, entries, base))
        files += [
            RecordFile(f"{folder}/{name}", f"{shown}/{name}", os.path.splitext(name)[0], kind, model)
            for name, _ in entries
        ]
    refused: dict[str, RecordResult] = {}
    for file in files:
        if not file.path.endswith(".yaml"):
            message = "records are .yaml files; rename it or move it out of data/"
            refused[file.path] = None, None, [Problem(file.shown, 1, "-", message)]
        elif file.path in leaving:
            refused[file.path] = None, None, [Problem(file.shown, 1, "-", LINK_LEAVES)]
    return files, refused


def _entries(folder: str) -> list[tuple[str, bool]]:
    """The names in ``folder``, sorted, but hidden ones and folders; and whether each is a link."""
    try:
        with os.scandir(folder) as scan:
            entries = [entry for entry in scan if not entry.name.startswith(".")]
    except OSError:
        return []  # no such folder: no records of that kind
    # Directory entries tell links and folders apart without a system call; a
    # link is followed, as Path.is_dir does, to see whether it is a folder.
    return sorted(
        (entry.name, entry.is_symlink())
        for entry in entries
        if not (Path(entry.path).is_dir() if entry.is_symlink() else entry.is_dir())
    )


def read_record(file: RecordFile) -> RecordResult:
    """Read and validate one record file: its document, its record (None if invalid) and its problems."""
    return parse_record(read_source(file.path, file.shown), file)


def parse_record(raw: bytes | Problem, file: RecordFile) -> RecordResult:
    """``read_record`` for the bytes ``raw`` read from ``file`` (or why they could not be read)."""
    if isinstance(raw, Problem):
        return None, None, [raw]
    document = parse_yaml(raw, file.shown)
    if document.problems:
        return None, None, document.problems
    if moved := misplaced(document.data, file.kind, file.shown):
        return None, None, [document.problem((), moved)]
    found = Records()
    record = _validate(document, file.model, found)
    document.data = None  # validated into the record; only the lines are needed from now on
    if record is not None and record.id is None:
        record = record.model_copy(update={"id": file.id})  # the file name is the id
    if record is not None:
        # Kept, and cached, with the document, after those reading it gave (``yamlsource``).
        document.warnings += record_warnings(document, record)
    return document, record, found.problems


def _read(path: Path, base: Path, records: Records) -> Document | None:
    if leaves(path, base):
        records.problems.append(Problem(_shown(path, base), 1, "-", LINK_LEAVES))
        return None
    document = read_yaml(path, _shown(path, base))
    if document.problems:
        records.problems.extend(document.problems)
        return None
    records.problems.extend(document.warnings)
    return document


def _validate(document: Document, model: Any, records: Records) -> Any:
    try:
        if isinstance(model, TypeAdapter):
            return model.validate_python(document.data)
        return model.model_validate(document.data)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            location = tuple(detail["loc"])
            split = comma_split(document, detail)
            if split is None:
                records.problems.append(document.problem(location, explain(detail, model)))
            elif split.first:  # told once, at the value the comma cut short
                records.problems.append(document.problem(split.owner, cut_by_comma(split)))
        return None


def _shown(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def closest(record_id: str, ids: Iterable[str]) -> str:
    """The end of a message about an id that names nothing: the one id it most likely meant,
    mistyped ('htx-che-haiha') or with words left out ('htx-hai-yen' for
    'htx-nong-nghiep-hai-yen'), if there is one; a wrong guess would mislead."""
    ids = list(ids)
    typed = as_id(record_id) or record_id  # a name written for its id: "Dầu lạc Hải Yến"
    if typed != record_id and typed in ids:
        return f" (did you mean '{typed}'?)"
    words = typed.split("-")
    fuller = [known for known in ids if _in_order(words, known.split("-"))]
    close = fuller if len(fuller) == 1 else difflib.get_close_matches(typed, ids, n=1, cutoff=0.85)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _in_order(words: list[str], within: list[str]) -> bool:
    remaining = iter(within)
    return all(word in remaining for word in words)
