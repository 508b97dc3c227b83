"""Checks across records: ids, references, pictures, and the warnings for editors."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from .default_groups import DEFAULT_GROUPS
from .hints import as_id, group_named
from .invisible import invisible_characters
from .loading import Records, closest
from .picture_checks import PictureChecks
from .pictures import MAX_SIDE, alike_hint, named_alike
from .problems import Problem
from .record_warnings import untranslated
from .schema import Fair, Image
from .values import ID_PATTERN
from .vietnamese import fold
from .yamlsource import Document, Location

_ID = re.compile(ID_PATTERN)
# A fair lasts days, a week or two: one whose end is over a month after its start
# is most likely a mistyped year (2062 for 2026) that would keep it "upcoming" for decades.
MAX_FAIR_DAYS = 31


def check_records(
    records: Records,
    images_dir: Path,
    today: datetime.date,
    max_picture_side: int = MAX_SIDE,
    max_fair_days: int = MAX_FAIR_DAYS,
    pictures: PictureChecks | None = None,
) -> list[Problem]:
    """Every problem between records, or with the build date; run after each file passed its schema.
    ``pictures`` keeps the pictures' verdicts between builds (none are kept without it)."""
    problems: list[Problem] = []
    problems += _check_areas(records)
    problems += _check_ids(records)
    problems += _check_former_ids(records)
    problems += _check_references(records)
    problems += _same_names(records)
    problems += _check_dates(records, today, max_fair_days)
    problems += _check_images(records, images_dir, max_picture_side, pictures or PictureChecks(None))
    problems += _warnings(records, today)
    problems += _lapsing_at_fairs(records, today)
    return problems


def group_ids(records: Records) -> set[str]:
    return {group.id for group in (records.groups if records.groups is not None else DEFAULT_GROUPS)}


def commune_ids(records: Records) -> set[str]:
    if records.areas is None:
        return set()
    return {commune.id for district in records.areas.districts for commune in district.communes}


def _check_areas(records: Records) -> list[Problem]:
    problems = []
    if records.areas is not None:
        document = records.areas_document
        seen: dict[str, tuple[str, Location]] = {}  # id -> the first area having it
        for d, district in enumerate(records.areas.districts):
            problems += _duplicate(seen, district.id, "district", ("districts", d, "id"), document)
            for c, commune in enumerate(district.communes):
                problems += _duplicate(seen, commune.id, "commune", ("districts", d, "communes", c, "id"), document)
    return problems


def _duplicate(
    seen: dict[str, tuple[str, Location]], id_: str, what: str, location: Location, document: Document
) -> list[Problem]:
    if id_ in seen:
        first, first_location = seen[id_]
        message = (
            f"the id '{id_}' of this {what} is the id of the {first} at line {document.line_of(first_location)} "
            "too: give each district and commune its own id"
        )
        return [document.problem(location, message)]
    seen[id_] = (what, location)
    return []


def _no_commune(records: Records, commune_id: str, communes: set[str]) -> str:
    """A producer's commune that is none: most often its district's id, the place the editor
    knows it by, or a mistyped id."""
    district = next((d for d in records.areas.districts if d.id == commune_id), None)
    if district is not None:
        message = f"'{commune_id}' is a district in data/areas.yaml; write the producer's commune"
        if not district.communes:
            return message + ", added under the district first"
        return message + f", one of: {', '.join(commune.id for commune in district.communes)}"
    return f"no commune '{commune_id}' in data/areas.yaml" + closest(commune_id, sorted(communes))


def _no_group(records: Records, written: str, groups: set[str]) -> str:
    """A product's group that is none: most often the group's name ("food" for Food), else a typo."""
    group = group_named(written, records.groups if records.groups is not None else DEFAULT_GROUPS)
    if group is not None:
        return f"no group '{written}'; the group {group.name} is written '{group.id}'"
    return f"no group '{written}'{closest(written, sorted(groups))}; known groups: {', '.join(sorted(groups))}"


def _check_ids(records: Records) -> Iterator[Problem]:
    for (kind, record_id), document in records.documents.items():
        record = records.by_kind[kind][record_id]
        if not _ID.match(record_id):
            message = f"the file name '{record_id}' is not a valid id: use lowercase a-z, 0-9 and -"
            if (made := as_id(record_id)) and made in records.by_kind[kind]:
                # "Dầu lạc Hải Yến.yaml", a copy of dau-lac-hai-yen.yaml: its id is taken.
                message += f"; {made}.yaml is another record's file: give this one an id of its own, such as {made}-2"
            elif made:
                message += f"; rename it {made}.yaml"
            yield document.problem((), message)
        elif record.id != record_id:
            yield document.problem(("id",), f"the id '{record.id}' differs from the file name '{record_id}.yaml'")


def _check_former_ids(records: Records) -> Iterator[Problem]:
    """A former id's address leads to one page: it may not be a current id of its kind,
    whose page is at that address, nor be kept by two records."""
    for kind in ("producers", "products"):
        current = records.by_kind[kind]
        kept: dict[str, str] = {}  # former id -> the record keeping it
        for record_id, record in current.items():
            for index, former in enumerate(record.former_ids):
                if former == record_id:
                    message = f"'{former}' is this record's own id: list only the ids it had before"
                elif former in current or (kind, former) in records.broken:
                    message = (
                        f"'{former}' is the id of data/{kind}/{former}.yaml, whose page is at that address; "
                        "remove it from former_ids, or rename that file"
                    )
                elif former in kept:
                    message = (
                        f"'{former}' is kept by data/{kind}/{kept[former]}.yaml too; an old address "
                        "can lead to one page only: keep it in one file"
                    )
                else:
                    kept[former] = record_id
                    continue
                yield _at(records, kind, record_id, ("former_ids", index), message)


def _check_references(records: Records) -> Iterator[Problem]:
    producers, products = records.by_kind["producers"], records.by_kind["products"]
    communes, groups = commune_ids(records), group_ids(records)
    no_commune: dict[str, str] = {}  # a renamed commune is named by each of its producers: told once
    for producer_id, producer in producers.items():
        if records.areas is not None and producer.commune not in communes:
            if producer.commune not in no_commune:
                no_commune[producer.commune] = _no_commune(records, producer.commune, communes)
            yield _at(records, "producers", producer_id, ("commune",), no_commune[producer.commune])
    for product_id, product in products.items():
        yield from _naming(records, ("products", product_id, ("producer",)), "producers", product.producer)
        if product.group not in groups:
            yield _at(
                records,
                "products",
                product_id,
                ("group",),
                _no_group(records, product.group, groups),
            )
    for fair_id, fair in records.by_kind["fairs"].items():
        for e, exhibitor in enumerate(fair.exhibitors):
            if exhibitor.producer not in producers:
                yield from _naming(
                    records, ("fairs", fair_id, ("exhibitors", e, "producer")), "producers", exhibitor.producer
                )
                continue
            for p, product_id in enumerate(exhibitor.products):
                where = ("exhibitors", e, "products", p)
                if product_id not in products:
                    yield from _naming(records, ("fairs", fair_id, where), "products", product_id)
                # A product naming a producer that is not there is wrong in its own file, which
                # says so: the fair, listing it under its real producer, is not to blame first.
                elif products[product_id].producer != exhibitor.producer and products[product_id].producer in producers:
                    yield _at(
                        records,
                        "fairs",
                        fair_id,
                        where,
                        f"the product '{product_id}' is made by '{products[product_id].producer}', "
                        f"not by '{exhibitor.producer}'",
                    )


def _same_names(records: Records) -> Iterator[Problem]:
    """A product named as an earlier file's of the same producer (case, tone marks and đ aside):
    most likely a file copied to start a new one, its name left unchanged, and both published
    alike. A warning, not an error: the data format does not forbid it."""
    first: dict[tuple[str, str], str] = {}
    for product_id, product in records.by_kind["products"].items():  # in the order of the file names
        key = product.producer, " ".join(fold(product.name.vi).casefold().split())
        if key not in first:
            first[key] = product_id
            continue
        shown = records.documents[("products", first[key])].path
        message = (
            f"'{product.name.vi}' is also the name of {shown}, by the same producer; "
            "if one file was copied from the other, change the name of the copy"
        )
        yield _at(records, "products", product_id, ("name",), message, warning=True)


def _check_dates(records: Records, today: datetime.date, max_fair_days: int) -> Iterator[Problem]:
    """Dates that are most likely mistyped: a typo in a year is a valid date, and would make
    a product count as certified, or a fair as upcoming, for decades. Warnings, not errors:
    the data format accepts any date here, and a certificate dated after the build date does
    not count as holding (``Catalogue.is_current``) until that date comes."""
    for product_id, product in records.by_kind["products"].items():
        certificate = product.certificate
        if certificate is None:
            continue
        if not certificate.issued_by(today):
            message = (
                f"the certificate is dated {certificate.date}, after the build date ({today}); "
                "a decision cannot be dated in the future: check the year (until then the product "
                "is not shown as certified)"
            )
            yield _at(records, "products", product_id, ("certificate", "date"), message, warning=True)
    for fair_id, fair in records.by_kind["fairs"].items():
        days = fair.days
        if days < 1:
            yield _at(records, "fairs", fair_id, ("end",), "the fair ends before it starts")
        elif days > max_fair_days:
            message = (
                f"the fair lasts {days:,} days, from {fair.start} to {fair.end}; "
                f"a fair lasts at most {max_fair_days} days: check the years and months"
            )
            yield _at(records, "fairs", fair_id, ("end",), message, warning=True)
        yield from _fair_hours(records, fair_id, fair)


def _fair_hours(records: Records, fair_id: str, fair: Fair) -> Iterator[Problem]:
    """Opening hours are both hours or none: "from 08:00" alone would tell a visitor nothing
    of when to come by."""
    if fair.opens is not None and fair.closes is None:
        message = "the fair's hours need 'closes:' too, the hour it closes each day, such as 22:00"
        yield _at(records, "fairs", fair_id, ("opens",), message)
    elif fair.closes is not None and fair.opens is None:
        message = "the fair's hours need 'opens:' too, the hour it opens each day, such as 08:00"
        yield _at(records, "fairs", fair_id, ("closes",), message)
    elif fair.opens is not None and fair.closes <= fair.opens:
        message = f"the fair closes at {fair.closes:%H:%M}, not after it opens at {fair.opens:%H:%M}: check the hours"
        yield _at(records, "fairs", fair_id, ("closes",), message)


def _check_images(records: Records, images_dir: Path, max_side: int, pictures: PictureChecks) -> Iterator[Problem]:
    root = images_dir.resolve()
    for kind, record_id, location, image in _all_images(records):
        path = (images_dir / image.file).resolve()
        inside = _inside_images(image.file, images_dir)
        if Path(image.file).is_absolute() or not path.is_relative_to(root):
            message = f"the picture '{image.file}' is outside content/images/"
            if inside:
                message += f"; a picture's path starts inside content/images/: write {inside}"
            yield _at(records, kind, record_id, location + ("file",), message)
        elif not path.is_file():
            message = f"no picture content/images/{image.file}"
            if found := invisible_characters(image.file):
                message += f"; the name holds {found}"
            elif inside:
                message += f"; a picture's path starts inside content/images/: write {inside}"
            elif alike := named_alike(path):
                # As the record writes it, to be copied as it is.
                message += alike_hint(path, alike, alike.relative_to(root).as_posix())
            yield _at(records, kind, record_id, location + ("file",), message)
        elif (error := pictures.problem(path, max_side)) is not None:
            message = f"cannot read the picture content/images/{image.file}: {error}"
            yield _at(records, kind, record_id, location + ("file",), message)


def _inside_images(file: str, images_dir: Path) -> str | None:
    """The picture ``file`` names when written from the project's folder or the site's root
    (``content/images/products/x.jpg``, ``/images/products/x.jpg``), as an editor copies a path
    from the file explorer: its path from content/images/, if that picture exists."""
    inside = file.lstrip("/")
    for folder in ("content/", "images/"):
        inside = inside.removeprefix(folder)
    if inside != file and inside and (images_dir / inside).is_file():
        return inside
    return None


def _all_images(records: Records) -> Iterator[tuple[str, str, Location, Image]]:
    for kind in ("producers", "products"):
        for record_id, record in records.by_kind[kind].items():
            for index, image in enumerate(record.images):
                yield kind, record_id, ("images", index), image


_COMMUNE_NAME = re.compile(r"districts\.\d+\.communes\.\d+\.name")


def _warnings(records: Records, today: datetime.date) -> Iterator[Problem]:
    products = records.by_kind["products"]
    makers = {product.producer for product in products.values()}
    for _, document, held in records.lists():
        # Places' names are left out: a province names hundreds of communes, often in Vietnamese
        # only, which an English page may show as they are; a warning each would bury the others.
        # The editors' report lists them all.
        yield from (problem for problem in untranslated(document, held) if not _COMMUNE_NAME.fullmatch(problem.key))
    for (kind, record_id), document in records.documents.items():
        record = records.by_kind[kind][record_id]
        yield from document.warnings  # those of the record alone, found when its file was read
        # Products still naming it by a former id are told to write the new one; it has products.
        if kind == "producers" and record_id not in makers and not makers.intersection(record.former_ids):
            yield document.problem((), "the producer has no products", warning=True)
        if kind == "products" and record.certificate is None:
            yield document.problem((), "the product has no certificate", warning=True)
        elif kind == "products" and not record.certificate.holds_on(today):
            expired = record.certificate.expires.isoformat()
            yield document.problem(("certificate",), f"the certificate expired on {expired}", warning=True)


def _lapsing_at_fairs(records: Records, today: datetime.date) -> Iterator[Problem]:
    """Products shown at a fair whose certificate holds today but lapses before the fair's
    last day: the fair's booklet leaves them out (``booklets.products_of``), and the editor
    who prints it weeks ahead should know why. Those lapsed already are warned about above."""
    products = records.by_kind["products"]
    for fair_id, fair in records.by_kind["fairs"].items():
        for e, exhibitor in enumerate(fair.exhibitors):
            for p, product_id in enumerate(exhibitor.products):
                certificate = products[product_id].certificate if product_id in products else None
                if certificate is not None and certificate.holds_on(today) and not certificate.holds_on(fair.end):
                    message = (
                        f"the certificate of '{product_id}' expires on {certificate.expires}, before the fair "
                        f"ends ({fair.end}): left out of the fair's booklet until it is certified again"
                    )
                    yield _at(records, "fairs", fair_id, ("exhibitors", e, "products", p), message, warning=True)
        yield from _without_booklet(records, fair_id, fair, today)


def _without_booklet(records: Records, fair_id: str, fair: Fair, today: datetime.date) -> Iterator[Problem]:
    """A fair to come that lists products, none of which may be in its booklet: each is
    warned about at its line, but the missing booklet itself, which the centre printing it
    looks for, would go unsaid. The rule is ``booklets.products_of``'s."""
    listed = [product_id for exhibitor in fair.exhibitors for product_id in exhibitor.products]
    products = records.by_kind["products"]
    certificates = [products[product_id].certificate for product_id in listed if product_id in products]
    if fair.end < today or not certificates:
        return
    if not any(
        c is not None and c.issued_by(today) and c.holds_on(today) and c.holds_on(fair.end) for c in certificates
    ):
        message = (
            f"none of the products listed holds its OCOP certificate until the fair ends ({fair.end}): "
            "the fair gets no printed booklet"
        )
        yield _at(records, "fairs", fair_id, ("exhibitors",), message, warning=True)


def _naming(records: Records, at: tuple[str, str, Location], kind: str, record_id: str) -> Iterator[Problem]:
    """The problem of the record ``at`` (kind, id, key) naming ``record_id`` of ``kind``, unless that is there."""
    message = records.missing(kind, record_id)
    if message is not None:
        cause = records.broken.get((kind, record_id), "")
        yield replace(_at(records, *at, message), cause=cause)


def _at(
    records: Records, kind: str, record_id: str, location: Location, message: str, warning: bool = False
) -> Problem:
    return records.documents[(kind, record_id)].problem(location, message, warning)
