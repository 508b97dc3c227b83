"""JSON Schemas for editors, generated from the models in ``schema``.

An editor's YAML language server reads records as YAML 1.2 and checks them
against these schemas while typing. It sees ``phone: 0212345670`` as a number
and ``date: 2019-12-23`` as text, where the build sees the text typed in both
(``yamlsource``). So the models' own JSON Schemas are adapted to accept, in
the editor, exactly what the build accepts: text fields take numbers and
true/false too, number fields take numbers written as text, dates are text
of the shape the build reads. Cross-record rules (does this producer exist?)
are beyond a JSON Schema; ``make check`` reports those.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from .schema import Areas, Fair, Groups, Producer, Product
from .values import DECIMAL_NUMBER, ISO_DATE, WHOLE_NUMBER

# Each schema file, the model it comes from, and the files it applies to.
SCHEMAS: dict[str, tuple[Any, str, str]] = {
    "product": (Product, "data/products/*.yaml", "An OCOP product: data/products/<id>.yaml"),
    "producer": (Producer, "data/producers/*.yaml", "A producer: data/producers/<id>.yaml"),
    "fair": (Fair, "data/fairs/*.yaml", "A trade fair: data/fairs/<id>.yaml"),
    "areas": (Areas, "data/areas.yaml", "The province, its districts and communes: data/areas.yaml"),
    "groups": (TypeAdapter(Groups), "data/groups.yaml", "The product groups: data/groups.yaml"),
}
SCHEMA_FOLDER = "docs/schemas"

# What YAML 1.2 may read in place of text the build keeps as typed.
_TYPED_TEXT = ["string", "number", "boolean"]
_PYDANTIC_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def model_schema(name: str) -> dict[str, Any]:
    """The model's own JSON Schema, as pydantic writes it."""
    model = SCHEMAS[name][0]
    if isinstance(model, TypeAdapter):
        return model.json_schema()
    return model.model_json_schema()


def editor_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft-07) an editor checks a ``name`` record against."""
    _, _, title = SCHEMAS[name]
    schema = model_schema(name)
    definitions = schema.pop("$defs", {})
    body = _adapt(schema)
    result = {"$schema": "http://json-schema.org/draft-07/schema#", "title": title, **body}
    result.pop("description", None)
    if definitions:
        result["definitions"] = {key: _adapt(value) for key, value in sorted(definitions.items())}
    return result


def schema_text(name: str) -> str:
    return json.dumps(editor_schema(name), ensure_ascii=False, indent=2) + "\n"


def write_schemas(root: Path) -> list[Path]:
    """Write every schema under ``root/docs/schemas``; returns the files written."""
    folder = root / SCHEMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written


def _adapt(node: Any) -> Any:
    if isinstance(node, list):
        return [_adapt(item) for item in node]
    if not isinstance(node, dict):
        return node
    adapted: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties":
            required = set(node.get("required", ()))
            adapted[key] = {
                name: _adapt(field) if name in required else _may_be_left_empty(_adapt(field))
                for name, field in value.items()
            }
        elif key == "$ref":
            adapted[key] = value.replace("#/$defs/", "#/definitions/")
        elif key != "title":  # pydantic's titles ("Valid Until") only repeat the key
            adapted[key] = _adapt(value)
    return _as_typed(_rename_bounds(adapted))


def _as_typed(node: dict[str, Any]) -> dict[str, Any]:
    """Widen one scalar schema to what the editor reads where the build reads text."""
    kind = node.get("type")
    if kind == "string" and node.get("format") == "date":
        return {**node, "pattern": _whole(ISO_DATE)}
    if kind == "string" and "enum" not in node and "pattern" not in node:
        return {**node, "type": _TYPED_TEXT}
    if kind == "string" and node.get("pattern") == "^[a-z0-9-]+$":
        # An id of digits alone (2027) is a number to YAML 1.2 and text to the build.
        return {**node, "type": ["string", "integer"]}
    if kind == "integer" and "enum" in node:
        rest = {key: value for key, value in node.items() if key != "type"}
        return {**rest, "enum": node["enum"] + [str(value) for value in node["enum"]]}
    if kind in ("integer", "number"):
        return _number_or_text(node, WHOLE_NUMBER if kind == "integer" else DECIMAL_NUMBER)
    return node


def _may_be_left_empty(node: dict[str, Any]) -> dict[str, Any]:
    """An optional key left empty (``images:``) or ``""`` is as if not written (``schema.Record``)."""
    annotations = {key: node[key] for key in ("description", "default") if key in node}
    rest = {key: value for key, value in node.items() if key not in annotations}
    if list(rest) == ["anyOf"]:  # already a choice (pydantic's Optional): one more
        empty = [choice for choice in ({"type": "null"}, {"const": ""}) if choice not in rest["anyOf"]]
        return {**node, "anyOf": rest["anyOf"] + empty}
    return {**annotations, "anyOf": [rest, {"type": "null"}, {"const": ""}]}


def _number_or_text(node: dict[str, Any], pattern: str) -> dict[str, Any]:
    annotations = {key: node[key] for key in ("description", "default") if key in node}
    number = {key: value for key, value in node.items() if key not in annotations}
    return {**annotations, "anyOf": [number, {"type": "string", "pattern": _whole(pattern)}]}


def _rename_bounds(node: dict[str, Any]) -> dict[str, Any]:
    # Bounds on an annotated type reach pydantic's schema under their Python
    # names (ge, le); JSON Schema calls them minimum and maximum.
    if not any(key in node for key in _PYDANTIC_BOUNDS) or "type" not in node:
        return node
    return {_PYDANTIC_BOUNDS.get(key, key): value for key, value in node.items()}


def _whole(pattern: str) -> str:
    return rf"^\s*(?:{pattern})\s*$"


def stale_schemas(root: Path) -> list[str]:
    """Schema files under ``root`` that differ from what the models generate."""
    stale = []
    for name in SCHEMAS:
        path = root / SCHEMA_FOLDER / f"{name}.schema.json"
        if not path.is_file() or path.read_text(encoding="utf-8") != schema_text(name):
            stale.append(path.relative_to(root).as_posix())
    return stale
