"""The sitemap's own escaping gives the very bytes of ``xml.sax.saxutils``'s, for any text."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from hypothesis import given
from hypothesis import strategies as st
from ocop_catalogue import sitemap

# Addresses, and text made of what XML escapes.
TEXTS = st.text() | st.text(alphabet="a/&<>\"'\n\r\t:é")


@given(TEXTS)
def test_text_is_escaped_as_escape_does(value: str):
    assert sitemap._text(value) == escape(value)


@given(TEXTS)
def test_attributes_are_quoted_as_quoteattr_does(value: str):
    assert sitemap._attribute(value) == quoteattr(value)
