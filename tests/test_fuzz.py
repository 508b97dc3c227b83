"""Generated YAML documents, well formed or not: every one ends in either a
catalogue or a list of problems with their lines, never in an exception."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from ocop_catalogue.generator import load_catalogue
from ocop_catalogue.schema import RECORD_KINDS, Areas, Certificate, Exhibitor, Image, Price

MINIMAL = {
    "data/areas.yaml": "province: {id: tinh, name: Tỉnh}\ndistricts:\n"
    "  - id: huyen\n    name: Huyện\n    communes:\n      - {id: xa, name: Xã}\n",
    "data/producers/ho-ba.yaml": "name: Hộ ông Ba\nkind: household\ncommune: xa\n",
    "data/products/mat-ong.yaml": "name: Mật ong\nproducer: ho-ba\ngroup: thuc-pham\nstar: 3\n",
}
VALID = {
    **MINIMAL,
    "data/groups.yaml": "- {id: thuc-pham, name: Thực phẩm}\n",
    "data/fairs/cho-tet.yaml": "name: Chợ Tết\nstart: 2027-01-10\nend: 2027-01-12\nvenue: Hạ Long\n",
}
TARGETS = ["data/areas.yaml", "data/groups.yaml", "data/producers/ho-ba.yaml", "data/products/mat-ong.yaml"]
TARGETS += ["data/fairs/cho-tet.yaml"]
MODELS = [*RECORD_KINDS.values(), Areas, Certificate, Exhibitor, Image, Price]
KEYS = sorted({name for model in MODELS for name in model.model_fields} | {"vi", "en", "prodcuer", "<<", "?"})
SCALARS = st.one_of(
    st.text(max_size=20),
    st.integers().map(str),
    st.dates().map(str),
    st.sampled_from(["", "~", "null", "No", "yes", "0212345670", "3", "4", "5", "6", "2019-02-30", "1e5", "-1"]),
    st.sampled_from(["household", "thuc-pham", "xa", "ho-ba", "mat-ong", "province", "&a", "*a", "!!binary"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(KEYS), children, max_size=6),
    max_leaves=25,
)
DOCUMENTS = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), VALUES, max_size=8) | VALUES


@st.composite
def yaml_texts(draw, target: str) -> str:
    """A valid record with one more key, a YAML dump of a document, perhaps damaged, or any text."""
    text = yaml.safe_dump(draw(DOCUMENTS), allow_unicode=True, default_flow_style=draw(st.sampled_from([None, True])))
    how = draw(st.sampled_from(["one more key", "as dumped", "damaged", "any text"]))
    if how == "one more key" and not VALID[target].startswith("-"):
        text = VALID[target] + yaml.safe_dump({draw(st.sampled_from(KEYS)): draw(VALUES)}, allow_unicode=True)
    elif how == "damaged":
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 5))
        text = text[:at] + draw(st.sampled_from(["\t", ":", "- ", "&x ", "*x", "!!python/object ", "{", '"', "\n  "]))
        text += text[at + cut :]
    elif how == "any text":
        text = draw(st.text(max_size=200))
    return text


@pytest.fixture(scope="module")
def data_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    (root / "content").mkdir()
    return root


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), target=st.sampled_from(TARGETS))
def test_any_document_ends_in_a_catalogue_or_problems(data_root: Path, data, target: str):
    text = data.draw(yaml_texts(target))
    for relative, minimal in MINIMAL.items():
        write(data_root / relative, minimal)
    (data_root / "data/groups.yaml").unlink(missing_ok=True)
    (data_root / "data/fairs/cho-tet.yaml").unlink(missing_ok=True)
    write(data_root / target, text)
    catalogue, problems = load_catalogue({"PATH": str(data_root / "content")})
    errors = [problem for problem in problems if not problem.warning]
    assert (catalogue is None) == bool(errors)
    event("problems" if errors else "a catalogue")
    written = {**MINIMAL, target: text}
    for problem in problems:
        assert problem.path in written, problem
        assert 1 <= problem.line <= written[problem.path].count("\n") + 2, problem
        assert problem.message


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
