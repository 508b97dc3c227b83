"""What a schema's refusal of a record says to an editor: pydantic's error for a value, told in
plain words with what to write instead (the id a name makes, the word a choice is written, the
number a price as shops write it is), and a value cut short by a comma inside ``{...}``."""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel

from .default_groups import DEFAULT_GROUPS
from .hints import as_id, choice_meant, group_named, mapping_as_written, price_as_number
from .invisible import invisible_characters, is_indentation, refusal
from .problems import did_you_mean
from .values import Geo
from .yaml_errors import key_without_space
from .yamlsource import CommaSplit, Document


def comma_split(document: Document, detail: dict) -> CommaSplit | None:
    """The value cut short by a comma that made the unknown key of ``detail``, if one did."""
    if detail["type"] != "extra_forbidden" or key_without_space(str(detail["loc"][-1])):
        return None  # {en:Dam Ha honey} is told to put a space after the colon
    return document.comma_splits.get(tuple(detail["loc"]))


def cut_by_comma(split: CommaSplit) -> str:
    key = split.owner[-1]
    if key in Geo.model_fields and re.fullmatch(r"-?\d+,\d+", split.typed):  # 21,2861: a decimal comma
        return (
            f"inside {{...}} a comma ends the value, so {split.typed} is read as {split.typed.split(',')[0]}; "
            f"write a dot before the decimals: {key}: {split.typed.replace(',', '.')}"
        )
    if re.fullmatch(r"\d{1,3}(,\d{3})+", split.typed):  # 120,000: a price with its thousands marked
        read_as = split.typed.split(",")[0]
        number = split.typed.replace(",", "")
        return (
            f"inside {{...}} a comma ends the value, so {split.typed} is read as {read_as}; "
            f"write the number without separators: {key}: {number}"
        )
    if key == "vnd" and (number := price_as_number(split.typed)).startswith(": write"):  # 1,2 triệu
        return f"inside {{...}} a comma ends the value, so '{split.typed}' is cut at its comma{number}"
    quoted = json.dumps(split.typed, ensure_ascii=False)
    return (
        f"inside {{...}} a comma ends the text, so '{split.typed}' is cut at its first comma; "
        f"put the text in quotes: {key}: {quoted}"
    )


def explain(detail: dict, model: Any) -> str:
    kind = detail["type"]
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        return _unknown_key(detail["loc"], model)
    if detail.get("input", "") is None and detail["loc"]:
        # "name:" with nothing after it: YAML reads no value, which no type takes.
        return "is empty; write its value, or delete the key if it is optional"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        key = detail["loc"][-1] if detail["loc"] else ""  # a whole file of text has no key
        copied = mapping_as_written(key, detail["input"]) if isinstance(detail["input"], str) else ""
        return "expected keys and values (key: value) here" + copied
    if kind == "list_type":
        return "expected a list (lines starting with '- ') here"
    if kind == "string_type":
        return "expected text here"
    if kind == "string_pattern_mismatch" and (invisible := refusal(detail["input"])):
        return invisible  # said first: the value looks right, only this is wrong
    if kind == "string_pattern_mismatch" and detail["loc"][-1] == "website":
        return "must be a web address, such as https://haiyen.vn or www.haiyen.vn"
    if kind == "string_pattern_mismatch" and detail["loc"][-1] == "email":
        return "must be an e-mail address, such as lienhe@example.vn"
    if kind == "string_pattern_mismatch":
        return "an id is lowercase ASCII letters, digits and hyphens (a-z, 0-9, -)" + _as_id(
            detail["input"], detail["loc"]
        )
    if kind == "value_error":
        return str(detail["ctx"]["error"])
    if kind == "literal_error":
        return f"must be one of {detail['ctx']['expected']}" + _in_vietnamese(detail)
    return detail["msg"]


# Where the ids that a key names are: a record is read alone, so the id a name makes may be
# no record's ("Hợp tác xã Nông nghiệp Hải Yến" makes hop-tac-xa-..., the file is htx-...).
ID_FOLDERS = {
    "producer": ("producer", "data/producers/"),
    "products": ("product", "data/products/"),
    "commune": ("commune", "data/areas.yaml"),
}


def _as_id(written: Any, location: tuple) -> str:
    """The id that ``written`` (a name, "Thực phẩm", or "Ho-Nguyen-Thi-Lan") makes: what to write.
    A group is most often written by its name, in either language ("Food"): its id is given
    when a group of the national list is named so, and nothing is guessed otherwise. A
    producer, product or commune written by its name is told where its id is."""
    key = location[-1] if location else ""
    owner = location[-2] if isinstance(key, int) and len(location) > 1 else key  # products: [a, b]
    if not isinstance(written, str):
        return ""
    if key == "group":
        group = group_named(written, DEFAULT_GROUPS)
        return f": write {group.id}" if group else ""
    made = as_id(written)
    if made and owner in ID_FOLDERS and re.search(r"[^A-Za-z0-9_-]", written.strip()):  # spaces, tone marks
        what, where = ID_FOLDERS[owner]
        return f": write the {what}'s id, as in {where}, not its name"
    return f": write {made}" if made else ""


def _in_vietnamese(detail: dict) -> str:
    """A choice written as Vietnamese editors say it ("hợp tác xã", "HTX", "cấp tỉnh"): the word to write."""
    written, key = detail["input"], detail["loc"][-1]
    meant = choice_meant(str(key), written) if isinstance(written, str) else None
    if isinstance(written, str) and f"'{written.strip().lower()}'" in str(detail.get("ctx", {}).get("expected", "")):
        meant = written.strip().lower()  # "Cooperative": the word, in lowercase
    return f"; {written} is written '{meant}'" if meant else ""


def _unknown_key(location: tuple, model: Any) -> str:
    key = str(location[-1])
    found = invisible_characters(key)
    if found is None:
        known = _known_keys(location[:-1], model)
        # A text's language as Vietnamese editors write it: "vn", the country's code, for vi.
        meant = choice_meant("lang", key)
        if meant in known and meant != key:
            return f"unknown key (did you mean '{meant}'?)"
        return "unknown key" + (_space_after_colon(key) or did_you_mean(key, known))
    if is_indentation(key):
        return f"unknown key: it holds {found}, not counted as indentation; indent with ordinary spaces"
    return f"unknown key: it holds {found}; delete it"


def _space_after_colon(key: str) -> str:
    # In {vi: ..., en:Dam Ha honey} YAML reads "en:Dam Ha honey" as a key without a value.
    written = key_without_space(key)
    return f"; put a space after the colon ({written[0]}: {written[1]})" if written else ""


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
