"""The key tables of docs/data-format.md, generated from the models in ``schema``.

The tables sit between two marker lines in the document; ``make schemas``
rewrites what is between them, and a test fails when they differ from what
the models say.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .editor_schema import model_schema
from .values import TIME_OF_DAY

DOCUMENT = "docs/data-format.md"
BEGIN = "<!-- BEGIN generated from plugins/ocop_catalogue/schema.py by `make schemas`; do not edit -->"
END = "<!-- END generated -->"

# The order tables appear in, and the heading of each (a model's name when nested).
_SECTIONS = [
    ("product", "data/products/&lt;id&gt;.yaml"),
    ("producer", "data/producers/&lt;id&gt;.yaml"),
    ("fair", "data/fairs/&lt;id&gt;.yaml"),
    ("areas", "data/areas.yaml"),
    ("groups", "data/groups.yaml"),
]


def generated_tables() -> str:
    """Markdown: one table per record kind, then one per nested part."""
    parts: list[str] = []
    nested: dict[str, dict[str, Any]] = {}
    for name, heading in _SECTIONS:
        schema = model_schema(name)
        nested.update(schema.get("$defs", {}))
        if schema.get("type") == "array":
            parts.append(f"### {heading}\n\nA list of [{_ref_name(schema['items'])}](#{_anchor(schema['items'])}).\n")
        else:
            parts.append(f"### {heading}\n\n{_table(schema)}")
    for name in sorted(nested):
        parts.append(f"### {name}\n\n{_table(nested[name])}")
    return "\n".join(parts)


def _table(schema: dict[str, Any]) -> str:
    required = set(schema.get("required", []))
    rows = ["| key | required | type | notes |", "| --- | --- | --- | --- |"]
    for key, field in schema["properties"].items():
        notes = field.get("description", "")
        rows.append(f"| `{key}` | {'yes' if key in required else 'no'} | {describe(field)} | {notes} |")
    return "\n".join(rows) + "\n"


def describe(field: dict[str, Any]) -> str:
    """A field's type in words, from its JSON Schema."""
    options = [option for option in field.get("anyOf", []) if option.get("type") != "null"]
    if any(option.get("title") == "Text" for option in options):
        return "[text](#text-in-two-languages)"
    if len(options) == 1:
        return describe(options[0])
    if "$ref" in field:
        return f"[{_ref_name(field)}](#{_anchor(field)})"
    if "enum" in field:
        values = [f"`{value}`" for value in field["enum"]]
        return ", ".join(values[:-1]) + " or " + values[-1]
    kind = field.get("type")
    if kind in ("integer", "number"):
        return _number(field, "whole number" if kind == "integer" else "number")
    if kind == "array":
        return f"list of {describe(field['items'])}"
    if field.get("format") == "date":
        return "date, YYYY-MM-DD"
    if field.get("pattern") == "^[a-z0-9-]+$":
        return "id"
    if field.get("pattern") == f"^{TIME_OF_DAY}$":
        return "time of day, HH:MM (or 8h30)"
    return str(kind)


def _number(field: dict[str, Any], words: str) -> str:
    # Bounds on annotated numbers reach the schema under pydantic's names.
    low, high = field.get("ge", field.get("minimum")), field.get("le", field.get("maximum"))
    if low is not None and high is not None:
        return f"{words} from {low} to {high}"
    if low is not None:
        return f"{words}, at least {low}"
    return words


def _ref_name(field: dict[str, Any]) -> str:
    return field["$ref"].rsplit("/", 1)[-1]


def _anchor(field: dict[str, Any]) -> str:
    return _ref_name(field).lower()


def rewrite(text: str) -> str:
    """``text`` with the generated part between the markers replaced."""
    head, found, rest = text.partition(BEGIN)
    if not found or END not in rest:
        raise ValueError(f"{DOCUMENT} lacks the generated-section markers")
    tail = rest.split(END, 1)[1]
    return f"{head}{BEGIN}\n\n{generated_tables()}\n{END}{tail}"


def write_document(root: Path) -> Path:
    path = root / DOCUMENT
    path.write_text(rewrite(path.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def is_current(root: Path) -> bool:
    text = (root / DOCUMENT).read_text(encoding="utf-8")
    return rewrite(text) == text
