"""Where a YAML syntax error is, and how to fix it, in plain words.

PyYAML marks two places: where it noticed that something is wrong (the problem)
and where the construct it was reading began (the context). Which of the two
the editor must change depends on the kind of mistake:

- a construct left open (a bracket, a quote, a key without its colon) is
  noticed lines later, where the next key begins or at the end of the file:
  the mistake is where it was opened, the context;
- a line that does not fit where it stands (its indentation, a second
  document, a colon inside a value) is noticed on that very line, the
  problem, while the context is the mapping or list around it, often the
  first line of the file.

PyYAML's words are its parser's ("did not find expected key"), and differ
between its C and Python parsers: each kind of mistake gets a sentence of its
own, and only a kind not foreseen here is told in PyYAML's words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import yaml

INDENTATION = "this line's indentation does not match the lines above it"

# The characters that make a value something else than text when they come first.
_RESERVED_FIRST = "@`%*&!|>"
# Where a line's value starts: after the indentation, list dashes and a key.
_VALUE_START = re.compile(r"[ \t]*(?:-[ \t]+)*(?:[\w-]+:[ \t]+)?")


@dataclass(frozen=True)
class SyntaxMistake:
    """The line to fix (counted from 1) and what to tell the editor."""

    line: int
    message: str


def explain_syntax_error(error: yaml.MarkedYAMLError, text: str, loader: type) -> SyntaxMistake:
    """What ``error``, raised while ``loader`` composed ``text``, means for the editor."""
    failure = _Failure(error, text, loader)
    for rule in _RULES:
        mistake = rule(failure)
        if mistake is not None:
            return mistake
    return _in_pyyaml_words(failure)


class _Failure:
    """An error with the text it was raised on: its lines, and the tokens read up to it."""

    def __init__(self, error: yaml.MarkedYAMLError, text: str, loader: type):
        self.text = text
        self.loader = loader
        self.lines = text.split("\n")
        self.problem = error.problem or ""
        self.context = error.context or ""
        problem, context = error.problem_mark, error.context_mark
        noticed = problem or context
        self.line, self.column = (noticed.line, noticed.column) if noticed else (0, 0)
        self.context_line = context.line if context else self.line
        self.context_column = context.column if context else self.column

    def line_text(self, line: int) -> str:
        return self.lines[line] if 0 <= line < len(self.lines) else ""

    @cached_property
    def tokens(self) -> list[yaml.Token]:
        """The tokens up to the first one starting at or after the problem."""
        tokens = []
        try:
            for token in yaml.scan(self.text, Loader=self.loader):
                tokens.append(token)
                if (token.start_mark.line, token.start_mark.column) >= (self.line, self.column):
                    break
        except yaml.YAMLError:
            pass  # the scanner's own error: the tokens read before it are the ones wanted
        return tokens

    @property
    def token_before(self) -> yaml.Token | None:
        """The last token that starts before the problem."""
        before = [t for t in self.tokens if (t.start_mark.line, t.start_mark.column) < (self.line, self.column)]
        return before[-1] if before else None

    @property
    def token_at(self) -> yaml.Token | None:
        """The token the parser found where it expected another."""
        last = self.tokens[-1] if self.tokens else None
        if last is not None and (last.start_mark.line, last.start_mark.column) == (self.line, self.column):
            return last
        return None

    def starts_its_line(self) -> bool:
        """Whether the problem is the first thing written on its line."""
        text = self.line_text(self.line)
        return self.column == len(text) - len(text.lstrip(" \t"))


Rule = Callable[[_Failure], SyntaxMistake | None]


def _tab(failure: _Failure) -> SyntaxMistake | None:
    # YAML forbids tabs in indentation; the parser says so in several ways.
    text = failure.line_text(failure.line)
    indentation = text[: len(text) - len(text.lstrip(" \t"))]
    if "\t" in indentation or text[failure.column : failure.column + 1] == "\t":
        return SyntaxMistake(failure.line + 1, "a tab character; indent with spaces")
    return None


def _reserved_first_character(failure: _Failure) -> SyntaxMistake | None:
    # '@' and '`' are reserved, '*' and '&' make aliases and anchors, '!' a tag, '%' a
    # directive, '|' and '>' a block of text: a value starting with one fails on its line.
    if failure.context.startswith("while parsing a block") or "another document" in failure.problem:
        return None  # the line is misplaced, whatever it starts with
    text = failure.line_text(failure.line)
    start = _VALUE_START.match(text).end()
    first = text[start : start + 1]
    if first and first in _RESERVED_FIRST and start <= failure.column:
        return SyntaxMistake(failure.line + 1, f"a value cannot start with {first}; put the value in quotes")
    return None


def _unclosed_quote(failure: _Failure) -> SyntaxMistake | None:
    # Read on to the end of the file (or to a '---'): the quote that opened it is the mistake.
    if "quoted scalar" in failure.context and ("end of stream" in failure.problem or "document" in failure.problem):
        quote = failure.line_text(failure.context_line)[failure.context_column : failure.context_column + 1]
        return SyntaxMistake(failure.context_line + 1, f"the text in quotes that starts here has no closing {quote}")
    return None


def _runaway_quote(failure: _Failure) -> SyntaxMistake | None:
    # A quote left open ends at the next quote of its kind, lines further, and what
    # follows that one does not fit: the mistake is where the quoted text began.
    quoted = _quoted(failure.token_before)
    if quoted and quoted.start_mark.line < quoted.end_mark.line == failure.line:
        return SyntaxMistake(
            quoted.start_mark.line + 1,
            f"the text in quotes that starts here runs on to line {failure.line + 1}; "
            f"is its closing {quoted.style} missing?",
        )
    return None


def _text_after_quote(failure: _Failure) -> SyntaxMistake | None:
    # "Mật ong" rừng, or 'Mrs Lua's honey': the quote ends the value, the rest is left over.
    quoted, found = _quoted(failure.token_before), failure.token_at
    if quoted and quoted.end_mark.line == failure.line and isinstance(found, yaml.ScalarToken):
        return SyntaxMistake(
            failure.line + 1,
            'text follows the closing quote; put the whole value in quotes, and use "..." for a text containing \'',
        )
    return None


def _backslash(failure: _Failure) -> SyntaxMistake | None:
    # "12\QĐ" in double quotes: a backslash there starts an escape such as \n.
    if "escape" in failure.problem or "hexdecimal" in failure.problem:
        return SyntaxMistake(
            failure.line + 1, "a \\ in \"...\" starts an escape; write \\\\ for a backslash, or use '...' quotes"
        )
    return None


def _second_document(failure: _Failure) -> SyntaxMistake | None:
    if "another document" in failure.problem:
        return SyntaxMistake(failure.line + 1, "a second document starts here (---); a record file holds one record")
    return None


def _item_after_its_key(failure: _Failure) -> SyntaxMistake | None:
    # "where_to_buy: - Chợ Hạ Long": a list's items go on lines of their own.
    if not failure.problem.startswith("block sequence entries are not allowed"):
        return None
    key = re.match(r"[ \t]*(?:-[ \t]+)?([^:\s]+):[ \t]+-[ \t]", failure.line_text(failure.line))
    if key is None:
        return None
    return SyntaxMistake(
        failure.line + 1,
        f"a list's item cannot follow its key on the same line: write {key[1]}: alone, and each item "
        "below it on a line of its own, indented, starting with '- '",
    )


def _open_bracket(failure: _Failure) -> SyntaxMistake | None:
    # A '{' or '[' not closed on its line is noticed where the next key begins.
    kind = re.match(r"while parsing a flow (mapping|sequence)", failure.context)
    if not kind:
        return None
    opening, closing, parts = ("{", "}", "pairs") if kind[1] == "mapping" else ("[", "]", "items")
    if failure.context_line < failure.line:
        # "{vi: Dầu lạc #1, en: ...}": ' #' starts a comment, which hides the closing bracket.
        opened = failure.line_text(failure.context_line)[failure.context_column :]
        commented = re.search(r"[ \t]#", opened)
        if commented and closing in opened[commented.end() :]:
            return SyntaxMistake(
                failure.context_line + 1,
                f"the {opening} here is not closed: ' #' on this line starts a comment, which hides the rest of "
                f"the line and its {closing}; put the text holding # in quotes",
            )
        return SyntaxMistake(
            failure.context_line + 1,
            f"the {opening} here is not closed with {closing} (noticed on line {failure.line + 1})",
        )
    return SyntaxMistake(
        failure.line + 1,
        f"expected ',' or '{closing}' in {opening}...{closing}: put a comma between the {parts}, "
        "and quotes around a value containing ': '",
    )


def _key_without_colon(failure: _Failure) -> SyntaxMistake | None:
    # A line the parser took for a key, then found no ': ' for, is noticed on the next line.
    if "simple key" not in failure.context:
        return None
    line = failure.context_line
    return _no_space_after_colon(failure, line) or SyntaxMistake(
        line + 1,
        "this line has no colon: write it as 'key: value', or indent it more if it goes on with the text above",
    )


# A value opened with a typographic quote, as Word and phones write them.
_TYPOGRAPHIC_QUOTE = re.compile(r":[ \t]+[“”‘’„«]")


def _colon_in_value(failure: _Failure) -> SyntaxMistake | None:
    # "mapping values are not allowed": a ': ' where a value was being read.
    if not failure.problem.startswith("mapping values are not allowed"):
        return None
    if re.search(r":\s", failure.line_text(failure.line)[: failure.column]):
        if _TYPOGRAPHIC_QUOTE.search(failure.line_text(failure.line)):
            # "“Hạn dùng: 12 tháng”", quoted by Word or a phone: the editor did as told, in letters.
            message = "the value contains ': '; its quotes “…” are letters to YAML: write straight quotes \"…\""
            return SyntaxMistake(failure.line + 1, message)
        return SyntaxMistake(failure.line + 1, "the value contains ': '; put the value in quotes")
    # The first key of its line, read as more of a value begun on a line above: either
    # that line's key lacks the space after its colon, or this line is indented too far.
    # Or that line's item is marked otherwise than "- " ("• file: x.jpg"), and so is text.
    begun = failure.token_before
    if isinstance(begun, yaml.ScalarToken) and begun.start_mark.line < failure.line:
        line = begun.start_mark.line
        found = _no_space_after_colon(failure, line) or _list_marker(failure, line, keyed=True)
        if found:
            return found
    return SyntaxMistake(failure.line + 1, INDENTATION)


def _block_indentation(failure: _Failure) -> SyntaxMistake | None:
    # A line that starts neither a key of the mapping around it nor an item of its list.
    if failure.context.startswith("while parsing a block") and failure.starts_its_line():
        # The line above when the marked item's key was read as text going on from the line before.
        above = _list_marker(failure, failure.line - 1, keyed=True)
        return _list_marker(failure, failure.line) or above or SyntaxMistake(failure.line + 1, INDENTATION)
    return None


# A list's item as Word, a phone or a hurried hand writes it: "•", a dash, or "-" followed by a
# no-break space or by the key itself, where YAML reads an item only from "- ".
_LIST_MARKER = re.compile(r"[ \t]*(?P<marker>[•·–—*]|-(?=[^\s-])|-[^\S \t\n])")


def _list_marker(failure: _Failure, line: int, keyed: bool = False) -> SyntaxMistake | None:
    """A line starting with a list's marker other than "- "; with ``keyed``, only one whose item
    starts with a key ("• file: x.jpg"), not a line of text that starts with a dash."""
    text = failure.line_text(line)
    written = _LIST_MARKER.match(text)
    if written is None or (keyed and not re.match(r"[\w-]+:\s", text[written.end() :].lstrip())):
        return None
    marker = written["marker"]
    if marker == "-":
        shown = "'-' with no space after it"
    elif marker.startswith("-"):
        shown = f"'-' and an invisible character (U+{ord(marker[1]):04X} {unicodedata.name(marker[1]).lower()})"
    else:
        shown = f"'{marker}'"
    return SyntaxMistake(line + 1, f"a list's item starts with '- ' (a hyphen and an ordinary space), not {shown}")


def key_without_space(text: str) -> tuple[str, str] | None:
    """The key and value of ``star:3``, which is no key to YAML, only text: a space must
    follow the colon (``http://`` is left alone); None when ``text`` is not written so."""
    written = re.match(r"[ \t]*(?:-[ \t]+)?([\w-]+):([^\s:/].*)", text, re.DOTALL)
    return (written[1], written[2].rstrip()) if written else None


def _no_space_after_colon(failure: _Failure, line: int) -> SyntaxMistake | None:
    text = failure.line_text(line)
    written = key_without_space(text)
    if written:
        return SyntaxMistake(line + 1, f"put a space after the colon ({written[0]}: {written[1]})")
    # "star:\u00a04": a no-break space, pasted from Word or a web page, looks like a space.
    blank = re.match(r"[ \t]*(?:-[ \t]+)?([\w-]+):([^\S \t\n])", text)
    if blank:
        name = unicodedata.name(blank[2], "blank").lower()
        message = (
            f"the colon after {blank[1]} is followed by an invisible character (U+{ord(blank[2]):04X} {name}), "
            "not a space: delete it and type an ordinary space"
        )
        return SyntaxMistake(line + 1, message)
    return None


def _quoted(token: yaml.Token | None) -> yaml.ScalarToken | None:
    if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
        return token
    return None


def _in_pyyaml_words(failure: _Failure) -> SyntaxMistake:
    message = failure.problem or "the file cannot be read as YAML"
    if failure.context and failure.context_line != failure.line:
        message += f" ({failure.context} on line {failure.context_line + 1})"
    return SyntaxMistake(failure.line + 1, message)


# In order: a tab or a reserved character explains any error on its line, and a
# quote left open explains the odd errors found where it closes.
_RULES: list[Rule] = [
    _tab,
    _reserved_first_character,
    _unclosed_quote,
    _runaway_quote,
    _text_after_quote,
    _backslash,
    _second_document,
    _item_after_its_key,
    _open_bracket,
    _key_without_colon,
    _colon_in_value,
    _block_indentation,
]
