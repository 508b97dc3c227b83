"""The editors' JSON Schemas come from the same models as the build, so the two agree:
every demo record passes both, and each kind of bad record fails both."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT
from ocop_catalogue import editor_schema, format_docs
from ocop_catalogue.loading import load_records


class EditorLoader(yaml.SafeLoader):
    """Reads YAML as an editor's YAML language server does: YAML 1.2, core schema.

    So ``0212345670`` is a number, ``No`` is text and ``2019-12-23`` is text.
    """

    yaml_implicit_resolvers: dict = {}


for tag, pattern, first in [
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    (
        "float",
        r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)",
        "-+0123456789.",
    ),
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
]:
    EditorLoader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(rf"^(?:{pattern})$"), list(first))

SCHEMA_OF_FOLDER = {"products": "product", "producers": "producer", "fairs": "fair"}
PRODUCER = sorted((ROOT / "data" / "producers").glob("*.yaml"))[0].stem


@functools.cache
def validator(name: str) -> jsonschema.Draft7Validator:
    schema = editor_schema.editor_schema(name)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def schema_errors(name: str, text: str) -> list[str]:
    """Each error as ``where: message``, ``where`` being the dotted path of the key."""
    errors = validator(name).iter_errors(yaml.load(text, Loader=EditorLoader))
    return [f"{'.'.join(str(part) for part in error.absolute_path)}: {error.message}" for error in errors]


def build_problems(tmp_path: Path, folder: str, text: str) -> list[str]:
    """The problems the build's loader finds in ``text`` as data/<folder>/<id>.yaml."""
    relative = f"data/{folder}.yaml" if folder in ("areas", "groups") else f"data/{folder}/ban-ghi.yaml"
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return [str(p) for p in load_records(tmp_path / "data").problems if p.path == relative]


def demo_records() -> list[tuple[str, Path]]:
    records = [("areas", ROOT / "data" / "areas.yaml")]
    for folder, name in SCHEMA_OF_FOLDER.items():
        records += [(name, path) for path in sorted((ROOT / "data" / folder).glob("*.yaml"))]
    return records


def test_every_demo_record_passes_its_schema():
    records = demo_records()
    assert len(records) > 80
    for name, path in records:
        assert schema_errors(name, path.read_text(encoding="utf-8")) == [], path


PRODUCT = f"name: {{vi: Mật ong rừng, en: Wild honey}}\nproducer: {PRODUCER}\ngroup: thuc-pham\nstar: 4\n"
PRODUCER_RECORD = "name: Hộ ông Ba\nkind: household\ncommune: an-sinh\n"
FAIR = "name: Chợ Tết\nstart: 2027-01-10\nend: 2027-01-20\nvenue: Hạ Long\n"

# Text the build keeps as typed, which YAML 1.2 reads as numbers, true/false or quoted text.
ACCEPTED = {
    "phone typed as digits": ("producers", PRODUCER_RECORD + "phone: 0212345670\n"),
    "English 'No'": ("producers", "name: {vi: Hộ Không, en: No}\nkind: household\ncommune: an-sinh\n"),
    "text true": ("producers", PRODUCER_RECORD + "representative: true\n"),
    "number as name": ("fairs", FAIR.replace("name: Chợ Tết", "name: 2027")),
    "booth as number": ("fairs", FAIR + f"exhibitors:\n  - {{producer: {PRODUCER}, booth: 12}}\n"),
    "exhibitor without booth": ("fairs", FAIR + f"exhibitors:\n  - producer: {PRODUCER}\n"),
    "booth left empty": ("fairs", FAIR + f'exhibitors:\n  - {{producer: {PRODUCER}, booth: ""}}\n'),
    "star quoted": ("products", PRODUCT.replace("star: 4", 'star: "4"')),
    "price quoted": ("products", PRODUCT + 'prices:\n  - {vnd: "150000", unit: hộp}\n'),
    "geo as numbers": ("producers", PRODUCER_RECORD + "geo: {lat: 21.08, lon: 106.52}\n"),
    "certificate": ("products", PRODUCT + 'certificate: {number: "12/QĐ-UBND", date: 2025-01-02, level: district}\n'),
    "empty optional key": ("products", PRODUCT + "season:\n"),
    "optional text written empty": ("products", PRODUCT + 'season: ""\nshelf_life: {vi: 12 tháng, en: ""}\n'),
    "optional list left empty": ("products", PRODUCT + "images:\nprices:\n"),
    "id of digits": ("products", PRODUCT + "id: 2027\n"),
    "web address without http": ("producers", PRODUCER_RECORD + "website: www.example.vn\n"),
}


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_what_the_build_accepts_the_schema_accepts(tmp_path, case):
    folder, text = ACCEPTED[case]
    assert build_problems(tmp_path, folder, text) == []
    assert schema_errors(SCHEMA_OF_FOLDER[folder], text) == []


# One record for each kind of error the build finds within a single file.
REJECTED = {
    "unknown key": ("products", PRODUCT.replace("producer:", "prodcuer:")),
    "missing key": ("products", PRODUCT.replace("group: thuc-pham\n", "")),
    "empty required key": ("products", PRODUCT.replace("group: thuc-pham", "group:")),
    "empty name": ("products", PRODUCT.replace("name: {vi: Mật ong rừng, en: Wild honey}", "name:")),
    "number that is not one": ("products", PRODUCT.replace("star: 4", "star: four")),
    "star outside its set": ("products", PRODUCT.replace("star: 4", "star: 6")),
    "kind outside its set": ("producers", PRODUCER_RECORD.replace("household", "company")),
    "level outside its set": ("products", PRODUCT + "certificate: {number: '1', date: 2025-01-02, level: commune}\n"),
    "malformed id": ("products", PRODUCT.replace(f"producer: {PRODUCER}", "producer: Mat_Ong")),
    "malformed own id": ("producers", PRODUCER_RECORD + "id: Ho Ong Ba\n"),
    "impossible date": ("fairs", FAIR.replace("2027-01-10", "2027-02-30")),
    "date in another shape": ("fairs", FAIR.replace("2027-01-10", "10/01/2027")),
    "web address that is not one": ("producers", PRODUCER_RECORD + "website: Trang Facebook\n"),
    "text without Vietnamese": ("products", PRODUCT.replace("{vi: Mật ong rừng, en: Wild honey}", "{en: Wild honey}")),
    "language without the space after its colon": (
        "products",
        PRODUCT.replace("{vi: Mật ong rừng, en: Wild honey}", "vi:Mật ong rừng"),
    ),
    "text in a third language": ("products", PRODUCT.replace("en: Wild honey", "fr: Miel sauvage")),
    "negative price": ("products", PRODUCT + "prices:\n  - {vnd: -5, unit: hộp}\n"),
    "price with decimals": ("products", PRODUCT + "prices:\n  - {vnd: 12.5, unit: hộp}\n"),
    "latitude out of range": ("producers", PRODUCER_RECORD + "geo: {lat: 95, lon: 106.52}\n"),
    "list expected": ("products", PRODUCT + "images: products/mat-ong.jpg\n"),
    "mapping expected": ("products", PRODUCT + "certificate: 12/QĐ-UBND\n"),
    "picture without file": ("products", PRODUCT + "images:\n  - alt: Mật ong\n"),
    "commune without name": (
        "areas",
        "province: {id: qn, name: Quảng Ninh}\ndistricts:\n  - id: a\n    name: A\n    communes:\n      - id: b\n",
    ),
}


@pytest.mark.parametrize("case", sorted(REJECTED))
def test_what_the_build_rejects_the_schema_rejects(tmp_path, case):
    folder, text = REJECTED[case]
    problems = build_problems(tmp_path, folder, text)
    errors = schema_errors(SCHEMA_OF_FOLDER.get(folder, folder), text)
    assert problems, "the build accepted it"
    assert errors, "the schema accepted it"
    # Both point at the same key: the schema at it or at the mapping holding it.
    build_keys = [problem.split(": ", 2)[1] + "." for problem in problems]
    for error in errors:
        where = error.split(": ", 1)[0]
        assert any(key.startswith(where + "." if where else "") for key in build_keys), (error, problems)


def test_the_groups_schema_describes_a_list_of_groups(tmp_path):
    text = "- {id: hai-san, name: {vi: Hải sản, en: Seafood}}\n- id: che\n  name: Chè\n"
    assert build_problems(tmp_path, "groups", text) == []
    assert schema_errors("groups", text) == []
    bad = "- {id: hai-san}\n"
    assert build_problems(tmp_path, "groups", bad) and schema_errors("groups", bad)


def test_committed_schemas_and_tables_are_what_the_models_generate():
    assert editor_schema.stale_schemas(ROOT) == [], "run `make schemas` and commit docs/schemas/"
    assert format_docs.is_current(ROOT), "run `make schemas` and commit docs/data-format.md"


def test_vscode_maps_each_kind_of_record_to_its_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = {schema: globs for schema, globs in settings["yaml.schemas"].items()}
    for name, (_, glob, _) in editor_schema.SCHEMAS.items():
        assert mapped[f"./docs/schemas/{name}.schema.json"] == glob
    recommended = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))["recommendations"]
    assert "redhat.vscode-yaml" in recommended
