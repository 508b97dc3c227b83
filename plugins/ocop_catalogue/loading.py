"""Read every record under ``data/`` and check each one against its schema."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .links import MESSAGE as LINK_LEAVES
from .links import leaves
from .problems import Problem
from .schema import RECORD_KINDS, Areas, Group, Record
from .yamlsource import Document, read_yaml

_GROUPS = TypeAdapter(list[Group])


@dataclass
class Records:
    """What the data folder holds, each record with the document it came from."""

    areas: Areas | None = None
    areas_document: Document | None = None
    groups: list[Group] | None = None
    by_kind: dict[str, dict[str, Record]] = field(default_factory=dict)
    documents: dict[tuple[str, str], Document] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def load_records(data_dir: Path, read_many: Callable | None = None) -> Records:
    """Read and validate every file; problems are collected, never raised.

    ``read_many(files, base)``, when given, reads a list of ``(path, kind, model)``
    as ``read_record`` does each (``record_cache`` caches and spreads them)."""
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
    files = []
    for kind, model in RECORD_KINDS.items():
        records.by_kind[kind] = {}
        files += [(path, kind, model) for path in sorted((data_dir / kind).glob("*"))]
    files = [(path, kind, model) for path, kind, model in files if not path.name.startswith(".") and not path.is_dir()]
    # Each file is read and validated on its own, so a cache can stand in for it.
    results = read_many(files, base) if read_many else [read_record(path, model, base) for path, _, model in files]
    for (path, kind, _), (document, record, problems) in zip(files, results, strict=True):
        records.problems.extend(problems)
        if record is not None:
            record_id = path.stem
            records.documents[(kind, record_id)] = document
            if record.id is None:
                record = record.model_copy(update={"id": record_id})
            records.by_kind[kind][record_id] = record
    return records


RecordResult = tuple[Document | None, Record | None, list[Problem]]


def read_record(path: Path, model: type[Record], base: Path) -> RecordResult:
    """Read and validate one record file: its document, its record (None if invalid) and its problems."""
    shown = _shown(path, base)
    if path.suffix != ".yaml":
        return None, None, [Problem(shown, 1, "-", "records are .yaml files; rename it or move it out of data/")]
    found = Records()
    document = _read(path, base, found)
    record = _validate(document, model, found) if document is not None else None
    if document is not None:
        document.data = None  # validated into the record; only the lines are needed from now on
    return document, record, found.problems


def _read(path: Path, base: Path, records: Records) -> Document | None:
    if leaves(path, base):
        records.problems.append(Problem(_shown(path, base), 1, "-", LINK_LEAVES))
        return None
    document = read_yaml(path, _shown(path, base))
    if document.problems:
        records.problems.extend(document.problems)
        return None
    return document


def _validate(document: Document, model: Any, records: Records) -> Any:
    try:
        if isinstance(model, TypeAdapter):
            return model.validate_python(document.data)
        return model.model_validate(document.data)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            location = tuple(detail["loc"])
            records.problems.append(document.problem(location, _explain(detail, model)))
        return None


def _explain(detail: dict, model: Any) -> str:
    kind = detail["type"]
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        return "unknown key" + _did_you_mean(detail["loc"], model)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "expected keys and values (key: value) here"
    if kind == "list_type":
        return "expected a list (lines starting with '- ') here"
    if kind == "string_type":
        return "expected text here"
    if kind == "string_pattern_mismatch" and detail["loc"][-1] == "website":
        return "must be a web address starting with http:// or https://"
    if kind == "string_pattern_mismatch" and detail["loc"][-1] == "email":
        return "must be an e-mail address, such as lienhe@example.vn"
    if kind == "string_pattern_mismatch":
        return "an id is lowercase ASCII letters, digits and hyphens (a-z, 0-9, -)"
    if kind == "value_error":
        return str(detail["ctx"]["error"])
    if kind == "literal_error":
        return f"must be one of {detail['ctx']['expected']}"
    return detail["msg"]


def _did_you_mean(location: tuple, model: Any) -> str:
    names = _known_keys(location[:-1], model)
    close = difflib.get_close_matches(str(location[-1]), names, n=1)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f"; known keys: {', '.join(names)}" if names else ""


def _known_keys(location: tuple, model: Any) -> list[str]:
    """The keys allowed at ``location`` inside ``model``, found by walking its fields."""
    current = model if isinstance(model, type) and issubclass(model, BaseModel) else None
    for part in location:
        if current is None or isinstance(part, int):
            continue
        field_info = current.model_fields.get(str(part))
        current = _model_in(field_info.annotation) if field_info else None
    return list(current.model_fields) if current else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()) + getattr(annotation, "__metadata__", ()):
        found = _model_in(argument)
        if found:
            return found
    return None


def _shown(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
