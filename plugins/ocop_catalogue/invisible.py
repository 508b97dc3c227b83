"""Characters an editor cannot see, named so that they can be found and deleted.

Text copied from Word, Zalo or a web page brings zero-width spaces, no-break
spaces and direction marks along. In an id they make a record that looks right
fail with a message that seems wrong (``an id is lowercase ASCII letters``);
as indentation they make a key unknown. Saying which character it is, and
where, turns a puzzle into a fix.
"""

from __future__ import annotations

import unicodedata

# Unicode categories that draw nothing, or a blank that is not an ordinary space:
# format characters (zero-width space and joiners, direction marks, byte-order
# mark, soft hyphen), spaces other than U+0020, line and paragraph separators,
# and control characters.
_CATEGORIES = {"Cf", "Zs", "Zl", "Zp", "Cc"}
_ALLOWED = {" ", "\n", "\t"}
# How much of the text before the character is quoted to show where it is.
_QUOTED = 30


def is_invisible(character: str) -> bool:
    return character not in _ALLOWED and unicodedata.category(character) in _CATEGORIES


def invisible_characters(text: str) -> str | None:
    """The invisible characters in ``text`` in words, such as "an invisible character
    (U+200B zero width space) after 'htx-nong-lam'", or None when there are none."""
    positions = [index for index, character in enumerate(text) if is_invisible(character)]
    if not positions:
        return None
    first = positions[0]
    character = text[first]
    name = unicodedata.name(character, "control character").lower()
    count = "an invisible character" if len(positions) == 1 else f"{len(positions)} invisible characters"
    return f"{count} (U+{ord(character):04X} {name}) {_where(text, first)}"


def refusal(text: str) -> str | None:
    """The error for a value holding invisible characters, or None when it holds none."""
    found = invisible_characters(text)
    if found is None:
        return None
    return f"contains {found}; delete {'it' if found.startswith('an ') else 'them'}"


def is_indentation(text: str) -> bool:
    """Whether the invisible characters of ``text`` are all blanks before its first
    visible one: a key indented with no-break spaces, which YAML does not count."""
    body = text.lstrip()  # every Unicode space, not only U+0020
    return body != text and not any(is_invisible(character) for character in body)


def _where(text: str, index: int) -> str:
    if index == 0:
        return "at the start"
    before = text[:index]
    if len(before) > _QUOTED:
        before = "…" + before[-_QUOTED:]
    return f"after '{before}'"
