"""Read one YAML record so that nothing the editor typed is changed or lost.

PyYAML's loaders follow YAML 1.1: ``0212345670`` becomes an octal number and
``No`` becomes ``False``, duplicate keys silently overwrite each other, and
tags such as ``!!python/object`` build objects. We only *compose* the node
graph (the C composer when present) and build the values ourselves: every
scalar stays the string that was typed, the schema decides what it means, and
each key keeps its line so that problems can point at it.

The one change made to the text is Unicode's composed form (NFC): macOS and
some keyboards write "ậ" as "a" and two combining marks, which looks the same
but compares, sorts, searches and slugs differently. (The schema then reads
texts without the characters that draw nothing: ``invisible.visible``.)
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .problems import Problem
from .yaml_errors import explain_syntax_error

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_KIND_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


class Loader(_BaseLoader):
    """The C composer without implicit tag resolution: guessing a type for every
    scalar (a dozen regular expressions, in Python) is wasted here, since every
    scalar stays the string typed. Explicit tags are still reported as written."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _KIND_TAGS[kind]

    # No path resolvers either: the composer calls these for every node.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


# Tags an editor may write explicitly (``!!str 0212``); anything else is refused.
_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge", "value")
}
_NULLS = {"", "~", "null", "Null", "NULL"}
_COLON_NEXT = re.compile(r"\s*:")  # after a key written with its colon

# The longest text an editor writes is a product's Markdown description: a
# leaflet's worth, a few thousand characters. Far longer text is an accident
# (a whole document or a picture pasted into the file) that would bloat every
# page showing it, so it is refused with its line rather than published.
MAX_TEXT_LENGTH = 20_000
# A record file is a few kilobytes; this bounds the memory spent on a file
# that is something else before YAML even looks at it.
MAX_FILE_BYTES = 2_000_000
# Said of a record or a story file that ``saved_as_utf16``, at its line 1.
SAVED_AS_UTF16 = "the file is saved as UTF-16, not UTF-8; save it as UTF-8"

Location = tuple[str | int, ...]


class CommaSplit(NamedTuple):
    """A value cut short by a comma inside ``{...}``, where a comma ends a value: in
    ``{vi: Thôn 3, xã Hải Lạng, en: ...}`` YAML reads ``vi: Thôn 3`` and a key ``xã Hải Lạng``."""

    owner: Location  # the key whose value the comma cut short
    typed: str  # that value as the editor typed it, commas and all
    first: bool  # the first piece after the cut: the others tell the same mistake again


@dataclass
class Document:
    """A record's values (plain dicts, lists and strings) and the line of every key."""

    path: str
    data: Any = None
    lines: dict[Location, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # What the valid record says to be worth a warning on its own (``record_warnings``).
    warnings: list[Problem] = field(default_factory=list)
    # The keys of ``{...}`` that are pieces of a value after a comma, by their location.
    comma_splits: dict[Location, CommaSplit] = field(default_factory=dict)

    def line_of(self, location: Location) -> int:
        """The line of ``location``, or of its nearest enclosing key."""
        location = tuple(location)
        while location:
            if location in self.lines:
                return self.lines[location]
            location = location[:-1]
        return self.lines.get((), 1)

    def problem(self, location: Location, message: str, warning: bool = False) -> Problem:
        key = ".".join(str(part) for part in location) or "-"
        return Problem(self.path, self.line_of(location), key, message, warning)


def read_yaml(file: Path | str, shown_as: str) -> Document:
    """Read ``file``; problems are collected on the document, never raised."""
    raw = read_source(file, shown_as)
    if isinstance(raw, Problem):
        return Document(shown_as, problems=[raw])
    return parse_yaml(raw, shown_as)


def read_source(file: Path | str, shown_as: str) -> bytes | Problem:
    """The bytes of ``file``, or why they cannot be read (one open: the bytes
    read are the bytes parsed, and the record cache digests the same)."""
    try:
        with open(file, "rb") as source:
            size = os.fstat(source.fileno()).st_size
            if size > MAX_FILE_BYTES:
                return Problem(
                    shown_as, 1, "-", f"the file is {size / 1_000_000:.1f} MB; a record file holds at most 2 MB of text"
                )
            return source.read()
    except OSError as error:
        return Problem(shown_as, 1, "-", f"cannot read the file: {error.strerror}")


def parse_yaml(raw: bytes, shown_as: str) -> Document:
    """The document the bytes ``raw`` of a file shown as ``shown_as`` hold."""
    document = Document(shown_as)
    if saved_as_utf16(raw):
        # Read as UTF-8 it would fail lines down, at its first letter that is not ASCII,
        # or not at all (YAML then refuses its zero bytes): the whole file is to save again.
        document.problems.append(Problem(shown_as, 1, "-", SAVED_AS_UTF16))
        return document
    try:
        text = decode_utf8(raw)
    except UnicodeDecodeError as error:
        document.problems.append(
            Problem(
                shown_as,
                error.args[1][: error.start].count(b"\n") + 1,
                "-",
                "the file is not UTF-8 text; save it as UTF-8",
            )
        )
        return document
    # Word's manual line break (Shift+Enter: a vertical tab), a page break and Unicode's line and
    # paragraph separators, pasted along with a text: YAML refuses the first two and breaks the line
    # at the others, in messages that name neither the character nor its line. A space each, as
    # they separate words; the lines stay where they were.
    text = _PASTED_BREAKS.sub(" ", text)
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as error:
        document.problems.append(_syntax_problem(error, text, shown_as))
        return document
    except yaml.reader.ReaderError as error:  # a control character, which cannot be seen
        # Its first place in the text: the reader's position counts from the part it had read.
        line = text[: text.find(chr(error.character))].count("\n") + 1
        name = unicodedata.name(chr(error.character), "control character").lower()
        message = f"the line holds an invisible character (U+{error.character:04X} {name}); delete it"
        document.problems.append(Problem(shown_as, line, "-", message))
        return document
    except yaml.YAMLError as error:
        document.problems.append(Problem(shown_as, 1, "-", f"YAML error: {error}"))
        return document
    if root is None:
        document.problems.append(Problem(shown_as, 1, "-", _nothing_in(text)))
        return document
    anchor = _lone_anchor_line(text) if "&" in text else None
    if anchor is not None:
        # "group: &thuc-pham" is valid YAML: an anchor named thuc-pham on an empty value.
        # The text would be lost without a word, or reported as missing.
        document.problems.append(
            Problem(shown_as, anchor, "-", "YAML syntax error: a value cannot start with &; put the value in quotes")
        )
        return document
    document.lines[()] = root.start_mark.line + 1
    document.data = _Builder(document, text).build(root, ())
    return document


def _nothing_in(text: str) -> str:
    """Why a file that YAML reads as nothing holds no record."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return "the file is empty"
    if all(line.startswith("#") for line in lines):
        return "the file holds no record, only comments (lines starting with #)"
    return "the file holds no record"


def _lone_anchor_line(text: str) -> int | None:
    """The line of the first anchor, if no alias uses any (aliases are refused as such)."""
    line = None
    for token in yaml.scan(text, Loader=Loader):
        if isinstance(token, yaml.AliasToken):
            return None
        if line is None and isinstance(token, yaml.AnchorToken):
            line = token.start_mark.line + 1
    return line


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, shown_as: str) -> Problem:
    mistake = explain_syntax_error(error, text, Loader)
    return Problem(shown_as, mistake.line, "-", f"YAML syntax error: {mistake.message}")


def saved_as_utf16(raw: bytes) -> bool:
    """Whether ``raw`` looks like UTF-16 text, as Notepad saves "Unicode" or "UTF-16 LE": a zero
    byte beside each ASCII character, the most of a record (keys, ids, numbers) or a story's
    metadata and spaces. UTF-8 text holds no zero byte, so most files are told apart by one fast scan."""
    if b"\x00" not in raw:
        return False
    return max(raw[0::2].count(0), raw[1::2].count(0)) > len(raw) // 4


def decode_utf8(raw: bytes) -> str:
    """The text of the UTF-8 bytes ``raw`` of a record or a story, composed (NFC).
    Raises ``UnicodeDecodeError``."""
    # A byte-order mark and Windows line endings are harmless: accept both.
    text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    # Composed once here, every key and value is: pages, open data, sorting,
    # slugs and matching ids all see one form. NFC never adds or removes a line.
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


_PASTED_BREAKS = re.compile("[\v\f\x85\u2028\u2029]")
# Blanks then '#' and neither a blank nor another '#': the start of a comment that looks like a
# number or a code (#12, #A01), not like a comment ('# note', '## note').
_COMMENT_AFTER = re.compile(r"[ \t]+(?=#[^\s#])")


class _Builder:
    def __init__(self, document: Document, text: str):
        self.document = document
        self.text = text
        self.seen: set[yaml.Node] = set()  # nodes hash by identity
        self.alias_refused = False
        # Whether any value can be cut by a comment or wrapped in typographic quotes: most files
        # hold neither, and are spared a look at each of their values.
        self.may_cut = "#" in text
        self.may_quote = any(quote in text for quote in "“‘„«")

    def build(self, node: yaml.Node, location: Location) -> Any:
        if node in self.seen:
            # The composer hands out the same node again for an alias. Refusing
            # aliases outright also defuses "billion laughs" files: each node
            # is visited once, and only the first alias is reported.
            if not self.alias_refused:
                self.alias_refused = True
                key = ".".join(str(part) for part in location) or "-"
                message = "YAML anchors and aliases (&, *) are not allowed; write the value out"
                self.document.problems.append(Problem(self.document.path, self._first_alias_line(), key, message))
            return None
        self.seen.add(node)
        if node.tag not in _STANDARD_TAGS:
            # "!thuc-pham" is a local tag to YAML, where an editor meant text.
            hint = "; put a value starting with ! in quotes" if node.tag.startswith("!") else ""
            self._fail(node, location, f"the YAML tag {node.tag!r} is not allowed{hint}")
            return None
        # Scalars first: most nodes are.
        if isinstance(node, yaml.ScalarNode):
            value = node.value
            # A plain scalar's style is None from the Python composer and "" from the C one.
            if not node.style:
                if self.may_cut:
                    self._warn_of_a_comment_after(node, location)
                if self.may_quote:
                    self._warn_of_typographic_quotes(node, location)
                if value in _NULLS:
                    return None
            if len(value) > MAX_TEXT_LENGTH:
                self._fail(
                    node,
                    location,
                    f"the text is {len(value):,} characters long; at most {MAX_TEXT_LENGTH:,} are allowed",
                )
                return None
            return value
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, location)
        return [self._item(child, location, index) for index, child in enumerate(node.value)]

    def _warn_of_a_comment_after(self, node: yaml.ScalarNode, location: Location) -> None:
        """A plain value followed on its line by '#' and a letter or digit: YAML reads ' #' as the
        start of a comment and leaves it out, without a word (``booth: #A01`` is empty, ``Ki-ốt
        #12 chợ Hạ Long`` is ``Ki-ốt``). A comment is written '# ...'; '#12' is a number."""
        cut = _COMMENT_AFTER.match(self.text, node.end_mark.index)
        if cut is None:
            return
        line_end = self.text.find("\n", cut.end())
        rest = self.text[cut.end() : None if line_end < 0 else line_end].rstrip()
        whole = f"{node.value} {rest}".strip()
        message = (
            f"'{rest}' is read as a comment (' #' starts one) and left out of the value; "
            f'if it belongs to the value, put the value in quotes: "{whole}"'
        )
        key = ".".join(str(part) for part in location) or "-"
        self.document.warnings.append(Problem(self.document.path, node.end_mark.line + 1, key, message, warning=True))

    def _warn_of_typographic_quotes(self, node: yaml.ScalarNode, location: Location) -> None:
        """A plain value wrapped in “…” or ‘…’ (Word's and phones' quotes): YAML's quotes are
        straight, so these are published as part of the value (“4502/QĐ-UBND” as a decision's
        number, in the page and the data search engines read)."""
        value = node.value
        if len(value) < 2 or value[0] + value[-1] not in ("“”", "‘’", "””", "„“", "«»"):
            return
        message = (
            f"the value is in typographic quotes, {value[0]}…{value[-1]}, which are published as part of it; "
            'write straight quotes "…" or none'
        )
        key = ".".join(str(part) for part in location) or "-"
        self.document.warnings.append(Problem(self.document.path, node.start_mark.line + 1, key, message, warning=True))

    def _first_alias_line(self) -> int:
        # The composer hands back the anchored node, whose mark is the
        # anchor's line; the scanner knows where the first alias is written.
        for token in yaml.scan(self.text, Loader=Loader):
            if isinstance(token, yaml.AliasToken):
                return token.start_mark.line + 1
        return 1

    def _item(self, node: yaml.Node, location: Location, index: int) -> Any:
        self.document.lines[location + (index,)] = node.start_mark.line + 1
        return self.build(node, location + (index,))

    def _mapping(self, node: yaml.MappingNode, location: Location) -> dict:
        result: dict[str, Any] = {}
        lines = self.document.lines
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, location, "a key must be a plain word")
                continue
            key = key_node.value
            here = location + (key,)
            if key in result:
                self._fail(key_node, here, f"duplicate key (first given on line {lines[here]})")
                continue
            lines[here] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, here)
        # A piece cut off by a comma is a key without a value: only then is it worth a look.
        if node.flow_style and None in result.values():
            self._find_comma_splits(node, location)
        return result

    def _find_comma_splits(self, node: yaml.MappingNode, location: Location) -> None:
        """Keys written without a colon after a key's plain value, in ``{...}``: the rest
        of that value, cut off by commas (``{vnd: 1,200,000}`` is ``vnd: 1``, ``200`` and ``000``)."""
        runs: list[tuple[yaml.Node, yaml.Node, list[yaml.Node]]] = []  # owner's key, value; the pieces
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                runs.append((key_node, value_node, []))  # not an owner: its pieces are not told as cut
            elif _COLON_NEXT.match(self.text, key_node.end_mark.index) or not runs or ":" in key_node.value:
                runs.append((key_node, value_node, []))  # a key; "en:Honey" is one without its space
            else:
                runs[-1][2].append(key_node)
        for owner, value, pieces in runs:
            plain = isinstance(owner, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode) and not value.style
            if not pieces or not plain or not value.value:
                continue
            # As YAML folds a plain value over lines: each line break and its indentation one space.
            typed = re.sub(r"\s*\n\s*", " ", self.text[value.start_mark.index : pieces[-1].end_mark.index])
            for index, piece in enumerate(pieces):
                split = CommaSplit(location + (owner.value,), typed, index == 0)
                self.document.comma_splits[location + (piece.value,)] = split

    def _fail(self, node: yaml.Node, location: Location, message: str) -> None:
        key = ".".join(str(part) for part in location) or "-"
        self.document.problems.append(Problem(self.document.path, node.start_mark.line + 1, key, message))
