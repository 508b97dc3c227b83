"""New records for editors: ``python -m ocop_catalogue new product|producer|fair``.

Each answer is checked as it is given (does that producer exist?), the id is
the Vietnamese name slugged as everywhere else, an existing id is refused,
and the record is validated against its model before it is saved, so what
is written passes ``make check``.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .loading import Records, load_records
from .loading import _validate as validate_document  # the build's own check of one document
from .problems import Problem
from .schema import RECORD_KINDS
from .validation import commune_ids, group_ids
from .values import ISO_DATE
from .vietnamese import slugify
from .yamlsource import Loader, read_yaml

Check = Callable[[str, Records], str | None]


@dataclass(frozen=True)
class Question:
    option: str
    prompt: str
    required: bool = False
    check: Check | None = None


class Refused(Exception):
    """What the editor asked for cannot be written; the message says why."""


# A set of values this small (the groups) is listed whole when an answer is not one of them;
# of more (a province's producers, communes), only the closest few are shown.
LISTED_WHOLE = 8


def _one_of(values: Callable[[Records], set[str]], what: str) -> Check:
    def check(value: str, records: Records) -> str | None:
        known = values(records)
        if value in known:
            return None
        return f"no {what} '{value}'; {_suggestion(value, sorted(known))}"

    return check


def _suggestion(value: str, known: list[str]) -> str:
    # Ids are slugs: a name typed for the id ("HTX Hải Yến") is compared as its slug.
    typed = slugify(value) or value
    close = difflib.get_close_matches(typed, known, n=3)
    if close:
        return f"did you mean {', '.join(close)}?"
    if len(known) <= LISTED_WHOLE:
        return f"known: {', '.join(known)}"
    return f"the closest: {', '.join(difflib.get_close_matches(typed, known, n=3, cutoff=0))}"


def _date(value: str, records: Records) -> str | None:
    try:
        if re.fullmatch(ISO_DATE, value):
            datetime.date.fromisoformat(value)
            return None
    except ValueError:
        pass
    return "write the date as YYYY-MM-DD, such as 2025-03-15"


def _choice(*choices: str) -> Check:
    return lambda value, records: None if value in choices else f"must be one of {', '.join(choices)}"


_PRODUCER = _one_of(lambda records: set(records.by_kind["producers"]), "producer")
_GROUP = _one_of(group_ids, "group")
_COMMUNE = _one_of(commune_ids, "commune")
_LEVEL = _choice("district", "province", "national")

QUESTIONS: dict[str, list[Question]] = {
    "product": [
        Question("name", "Tên sản phẩm (tiếng Việt) / product name in Vietnamese", True),
        Question("name_en", "Tên tiếng Anh / name in English"),
        Question("producer", "Chủ thể (id) / producer id", True, _PRODUCER),
        Question("group", "Nhóm sản phẩm / group (thuc-pham, do-uong, ...)", True, _GROUP),
        Question("star", "Hạng sao / star (3, 4, 5)", True, _choice("3", "4", "5")),
        Question("certificate_number", "Số quyết định công nhận / certificate number"),
        Question("certificate_date", "Ngày quyết định / certificate date (YYYY-MM-DD)", False, _date),
        Question("certificate_level", "Cấp công nhận / level (district, province, national)", False, _LEVEL),
    ],
    "producer": [
        Question("name", "Tên chủ thể (tiếng Việt) / producer name in Vietnamese", True),
        Question("name_en", "Tên tiếng Anh / name in English"),
        Question(
            "kind",
            "Loại hình / kind (enterprise, cooperative, cooperative-group, household)",
            True,
            _choice("enterprise", "cooperative", "cooperative-group", "household"),
        ),
        Question("commune", "Xã, phường (id) / commune id", True, _COMMUNE),
        Question("phone", "Điện thoại / phone"),
        Question("email", "Email"),
    ],
    "fair": [
        Question("name", "Tên hội chợ (tiếng Việt) / fair name in Vietnamese", True),
        Question("name_en", "Tên tiếng Anh / name in English"),
        Question("start", "Ngày khai mạc / start (YYYY-MM-DD)", True, _date),
        Question("end", "Ngày bế mạc / end (YYYY-MM-DD)", True, _date),
        Question("venue", "Địa điểm (tiếng Việt) / venue in Vietnamese", True),
        Question("venue_en", "Địa điểm tiếng Anh / venue in English"),
    ],
}
# Optional keys listed as comments in a new file, to fill in later.
_HINTS = {
    "product": [
        "description: {vi: ..., en: ...}",
        "prices:\n#   - {vnd: 150000, unit: {vi: hộp 500 g, en: 500 g box}}",
        "images:\n#   - file: products/ten-anh.jpg\n#     alt: {vi: ..., en: ...}",
    ],
    # An address has commas, which end a text inside {...} unless it is quoted.
    "producer": [
        'address: {vi: "Thôn ..., xã ...", en: "... hamlet, ... commune"}',
        "website: https://...",
        "description: {vi: ..., en: ...}",
    ],
    "fair": [
        "organiser: {vi: ..., en: ...}",
        "opens: 08:00\n# closes: 22:00",
        "exhibitors:\n#   - {producer: id, booth: A01, products: [id]}",
    ],
}


def answer_questions(
    questions: list[Question], given: dict[str, str | None], records: Records, ask: bool
) -> dict[str, str]:
    """The answers: those given, the rest asked for when ``ask``; refused when a required one is missing."""
    answers: dict[str, str] = {}
    for question in questions:
        value = (given.get(question.option) or "").strip()
        if not value and ask:
            value = _ask(question, records)
        if not value:
            if question.required:
                raise Refused(f"missing --{question.option.replace('_', '-')} ({question.prompt})")
            continue
        problem = _check(question, value, records)
        if problem:
            raise Refused(f"--{question.option.replace('_', '-')}: {problem}")
        answers[question.option] = value
    return answers


def _check(question: Question, value: str, records: Records) -> str | None:
    return question.check(value, records) if question.check else None


def _ask(question: Question, records: Records) -> str:
    suffix = "" if question.required else " [Enter: bỏ qua / skip]"
    while True:
        value = input(f"{question.prompt}{suffix}: ").strip()
        if not value and not question.required:
            return ""
        problem = _check(question, value, records) if value else "required / bắt buộc"
        if not problem:
            return value
        print(f"  {problem}", file=sys.stderr)


def record_data(kind: str, answers: dict[str, str]) -> dict[str, Any]:
    """The record's keys in the order editors read them."""
    data: dict[str, Any] = {"name": _text(answers["name"], answers.get("name_en"))}
    if kind == "product":
        data.update(producer=answers["producer"], group=answers["group"], star=answers["star"])
        certificate = {key: answers.get(f"certificate_{key}") for key in ("number", "date", "level")}
        if any(certificate.values()):
            data["certificate"] = certificate
    elif kind == "producer":
        data.update(kind=answers["kind"], commune=answers["commune"])
        data.update({key: answers[key] for key in ("phone", "email") if key in answers})
    else:
        data.update(start=answers["start"], end=answers["end"])
        data["venue"] = _text(answers["venue"], answers.get("venue_en"))
    return data


def _text(vi: str, en: str | None) -> dict[str, str]:
    return {"vi": vi, "en": en} if en else {"vi": vi}


def to_yaml(kind: str, data: dict[str, Any]) -> str:
    """One line per key, mappings written inline: ``name: {vi: ..., en: ...}``."""
    lines = [f"{key}: {_flow(value)}" for key, value in data.items()]
    lines.append("# Thêm khi có / add when known:")
    lines += [f"# {hint}" for hint in _HINTS[kind]]
    return "\n".join(lines) + "\n"


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_flow(item)}" for key, item in value.items() if item is not None) + "}"
    return _scalar(str(value))


def _scalar(text: str) -> str:
    """``text`` unquoted when YAML reads it back unchanged inside ``{...}``, else double-quoted."""
    try:
        node = yaml.compose("{k: " + text + "}", Loader=Loader)
        value = node.value[0][1]
        if isinstance(value, yaml.ScalarNode) and not value.style and value.value == text and text.strip():
            return text if text not in ("null", "Null", "NULL", "~") else json.dumps(text)
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def new_record(kind: str, data_dir: Path, given: dict[str, str | None], ask: bool) -> Path:
    """Write a new record of ``kind``; returns its path, or raises ``Refused``."""
    records = load_records(data_dir)
    name_question, *other_questions = QUESTIONS[kind]
    answers = answer_questions([name_question], given, records, ask)
    # Refuse an existing id before asking anything else.
    record_id = given.get("id") or slugify(answers["name"])
    folder = f"{kind}s"
    path = data_dir / folder / f"{record_id}.yaml"
    shown = f"{data_dir.name}/{folder}/{record_id}.yaml"
    if not re.fullmatch(r"[a-z0-9-]+", record_id):
        raise Refused(f"'{record_id}' is not a valid id: use lowercase a-z, 0-9 and -")
    if path.exists() or record_id in records.by_kind.get(folder, {}):
        raise Refused(_already_there(kind, shown, records.by_kind.get(folder, {}).get(record_id)))
    answers |= answer_questions(other_questions, given, records, ask)
    if kind == "fair" and answers["end"] < answers["start"]:
        raise Refused("--end: the fair ends before it starts")
    certificate = [key for key in answers if key.startswith("certificate_")]
    if certificate and len(certificate) < 3:
        raise Refused("a certificate needs its number, date and level (--certificate-number, -date, -level)")
    text = to_yaml(kind, record_data(kind, answers))
    problems = _validate(text, kind, shown)
    if problems:
        raise Refused("\n".join(str(problem) for problem in problems))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _already_there(kind: str, shown: str, existing: Any) -> str:
    # Names differing only in tone marks share their id: the existing record's name tells
    # the editor whether this one is a duplicate or another that needs an id of its own.
    if existing is None:  # a file with errors of its own
        return f"{shown} already exists; choose another id with --id"
    return (
        f"{shown} already exists, for the {kind} '{existing.name.vi}'; if yours is another, choose another id with --id"
    )


def _validate(text: str, kind: str, shown: str) -> list[Problem]:
    """Check the text as the build will read it, before anything is saved."""
    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / "draft.yaml"
        draft.write_text(text, encoding="utf-8")
        document = read_yaml(draft, shown)
    if document.problems:
        return document.problems
    checked = Records()
    validate_document(document, RECORD_KINDS[f"{kind}s"], checked)
    return checked.problems
