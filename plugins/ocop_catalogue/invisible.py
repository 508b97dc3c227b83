"""Characters an editor cannot see, named so that they can be found and deleted.

Text copied from Word, Zalo or a web page brings zero-width spaces, no-break
spaces and direction marks along. In an id they make a record that looks right
fail with a message that seems wrong (``an id is lowercase ASCII letters``);
as indentation they make a key unknown. Saying which character it is, and
where, turns a puzzle into a fix.

Inside a text (a name, a description) those that draw nothing are dropped
instead (``visible``): the page shows the same, and nothing is left for the
editor to hunt for, but all that is made of the text sees it as it shows: the
open data, the structured data and titles that search engines and chat apps
read, the names compared to find a copied product file. Other blanks (a
no-break space) are kept: they are spaces to read, and turned into ordinary
ones they could indent a Markdown line into a code block.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Characters that draw nothing and that ``\s`` does not match: zero-width spaces
# and joiners, direction marks and isolates, the byte-order mark, the soft hyphen,
# the format characters a pasted text brings. Escaped as \uXXXX, which Python,
# pydantic (Rust's regex) and the editors' JSON Schemas (JavaScript) all read alike:
# ``schema`` refuses them in ids, e-mail and web addresses.
INVISIBLE = r"\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"
_ANY = re.compile(f"[{INVISIBLE}]")
# Those dropped from a text, but a zero-width joiner before a symbol: it makes one
# emoji of two (a man, U+200D and a sheaf of rice make a farmer), which would show
# as a man beside a sheaf without it.
_DROPPED = re.compile(rf"(?!\u200d[^\w\s])[{INVISIBLE}]")

# Unicode categories that draw nothing, or a blank that is not an ordinary space:
# format characters (zero-width space and joiners, direction marks, byte-order
# mark, soft hyphen), spaces other than U+0020, line and paragraph separators,
# and control characters.
_CATEGORIES = {"Cf", "Zs", "Zl", "Zp", "Cc"}
_ALLOWED = {" ", "\n", "\t"}
# How much of the text before the character is quoted to show where it is.
_QUOTED = 30


def visible(text: Any) -> Any:
    """``text`` without the characters that draw nothing (``INVISIBLE``): "Mật ong\u200b" is
    read as "Mật ong", as it shows. Anything else is handed back as it is."""
    if not isinstance(text, str) or text.isascii() or not _ANY.search(text):
        return text  # nearly every text; these scans are several times faster than _DROPPED's lookahead
    return _DROPPED.sub("", text)


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
