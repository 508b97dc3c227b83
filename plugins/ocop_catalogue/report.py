"""The editors' report: what is untranslated, expiring or missing in the catalogue.

``make report`` prints it; ``--html`` writes it as a page for editors that
nothing on the site links to and search engines are told to skip.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .loading import Records
from .problems import Problem
from .record_warnings import texts as texts_in  # every bilingual text of a record, with its location
from .yamlsource import Document

EXPIRING_WITHIN_DAYS = 90
_TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Section:
    title: str
    lines: list[Problem] = field(default_factory=list)


@dataclass
class Report:
    today: datetime.date
    # (kind, field) -> [translated, total]
    translation: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    untranslated: Section = field(default_factory=lambda: Section("Thiếu tiếng Anh / Missing English text"))
    certificates: Section = field(
        default_factory=lambda: Section(
            f"Chứng nhận hết hạn trong {EXPIRING_WITHIN_DAYS} ngày hoặc đã hết hạn / "
            f"Certificates expiring within {EXPIRING_WITHIN_DAYS} days or expired"
        )
    )
    no_pictures: Section = field(default_factory=lambda: Section("Sản phẩm chưa có ảnh / Products without pictures"))
    no_alt: Section = field(default_factory=lambda: Section("Ảnh chưa có mô tả (alt) / Pictures without alt"))
    no_contacts: Section = field(
        default_factory=lambda: Section("Chủ thể chưa có liên hệ / Producers without contacts (phone, email, website)")
    )
    # Files with errors, as `make check` finds them: left out (their records failed their
    # own checks) or in the report (an error between records, such as an unknown producer).
    with_errors: int = 0
    left_out: int = 0

    @property
    def sections(self) -> list[Section]:
        return [self.untranslated, self.certificates, self.no_pictures, self.no_alt, self.no_contacts]

    @property
    def shares(self) -> list[tuple[str, str, int, int]]:
        """(kind, field, translated, total) for every field, in a stable order."""
        return [(kind, name, done, total) for (kind, name), (done, total) in sorted(self.translation.items())]

    @property
    def translated(self) -> tuple[int, int]:
        return sum(done for *_, done, _ in self.shares), sum(total for *_, total in self.shares)


def make_report(records: Records, today: datetime.date, problems: Iterable[Problem] = ()) -> Report:
    """Look at every loaded record once; ``problems`` are the check's (``checking.find_problems``)."""
    errors = {problem.path for problem in problems if not problem.warning}
    left_out = {problem.path for problem in records.problems if not problem.warning}
    report = Report(today, with_errors=len(errors | left_out), left_out=len(left_out))
    for name, document, held in records.lists():  # districts' and groups' names and descriptions
        _count_texts(report, name, held, document)
    for (kind, record_id), document in sorted(records.documents.items()):
        record = records.by_kind[kind][record_id]
        _count_texts(report, kind, record, document)
        for index, image in enumerate(getattr(record, "images", [])):
            if image.alt is None:
                report.no_alt.lines.append(document.problem(("images", index), f"no alt for {image.file}"))
        if kind == "products":
            _check_product(report, record, document)
        if kind == "producers" and not (record.phone or record.email or record.website):
            report.no_contacts.lines.append(document.problem((), "no phone, email or website"))
    return report


def _count_texts(report: Report, kind: str, held: Any, document: Document) -> None:
    untranslated = []
    for location, text in texts_in(held, ()):
        counts = report.translation[(kind, _field_name(location))]
        counts[1] += 1
        if text.en:
            counts[0] += 1
        else:
            untranslated.append(document.problem(location, "no English text"))
    # texts_in finds them in no set order; the editor translates them down the file.
    report.untranslated.lines += sorted(untranslated, key=lambda problem: problem.line)


def _check_product(report: Report, product, document) -> None:
    if not product.images:
        report.no_pictures.lines.append(document.problem((), "no picture"))
    if product.certificate is None:
        return
    expires = product.certificate.expires
    days = (expires - report.today).days
    if days < 0:
        message = f"expired on {expires.isoformat()} ({-days} days ago)"
    elif days <= EXPIRING_WITHIN_DAYS:
        message = f"expires on {expires.isoformat()} (in {days} days)"
    else:
        return
    report.certificates.lines.append(document.problem(("certificate",), message))


def _field_name(location: tuple) -> str:
    # images.0.alt and images.3.alt are the same field.
    return ".".join(str(part) for part in location if not isinstance(part, int))


def percent(done: int, total: int) -> str:
    return f"{100 * done / total:.0f}%" if total else "-"


def as_text(report: Report) -> str:
    done, total = report.translated
    lines = [f"Báo cáo biên tập / Editors' report, {report.today.isoformat()}", ""]
    lines.append(f"Đã dịch / Translated: {done} of {total} texts ({percent(done, total)})")
    for kind, name, field_done, field_total in report.shares:
        lines.append(f"  {kind}: {name}: {field_done}/{field_total} ({percent(field_done, field_total)})")
    for section in report.sections:
        lines += ["", f"{section.title}: {len(section.lines)}"]
        lines += [f"  {line}" for line in section.lines]
    if report.with_errors:
        lines += ["", f"Tệp có lỗi / Files with errors: {files_with_errors(report)}; run `make check`."]
    return "\n".join(lines) + "\n"


def files_with_errors(report: Report) -> str:
    """How many files have errors, and how many of them the report leaves out."""
    left_out = f" ({report.left_out} left out of this report)" if report.left_out else ""
    return f"{report.with_errors}{left_out}"


def as_html(report: Report) -> str:
    environment = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(default=True))
    return environment.get_template("editors_report.html").render(
        report=report, percent=percent, files_with_errors=files_with_errors
    )


def write_html(report: Report, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(as_html(report), encoding="utf-8")
