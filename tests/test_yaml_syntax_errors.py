"""A YAML syntax mistake in a record is reported at the line to fix, in words an editor reads."""

from __future__ import annotations

import pytest
from conftest import Project
from test_bad_input import PICTURE, PRODUCER, check

# A product written the long way, line for line as data/products/mat-ong-dam-ha.yaml: the
# syntax mistakes below are made in it, and each must be reported at the line to fix.
LONG_FORM = [
    "name: {vi: Mật ong Đầm Hà, en: Dam Ha honey}",
    f"producer: {PRODUCER}",
    "group: thuc-pham",
    "star: 3",
    'certificate: {number: "1648/QĐ-UBND", date: 2022-08-18, level: district}',
    "description:",
    "  vi: |",
    "    Mật ong hoa keo và hoa sim từ các đàn ong của hợp tác xã.",
    "  en: |",
    "    Acacia and rose-myrtle honey from the cooperative's hives.",
    "prices:",
    "  - {vnd: 180000, unit: {vi: chai 500 ml, en: 500 ml bottle}}",
    "shelf_life: {vi: 24 tháng, en: 24 months}",
    "where_to_buy:",
    "  - {vi: Hợp tác xã tại xã Đại Bình, en: The cooperative in Dai Binh commune}",
    "images:",
    f"  - file: products/{PICTURE}",
    "    alt: {vi: Chai mật ong vàng sáng, en: A bottle of light golden honey}",
]


def long_form(line: int, text: str, insert: bool = False) -> str:
    """The long-form product with its line ``line`` (from 1) replaced by ``text``, or ``text`` inserted before it."""
    lines = list(LONG_FORM)
    lines[line - 1 : line - 1 if insert else line] = [text]
    return "\n".join(lines) + "\n"


SYNTAX_CASES = {
    "a key dedented by one space": (
        long_form(9, " en: |"),
        "9: -: YAML syntax error: this line's indentation does not match the lines above it",
    ),
    "a key indented into the list above it": (
        long_form(13, "  shelf_life: {vi: 24 tháng, en: 24 months}"),
        "13: -: YAML syntax error: this line's indentation does not match the lines above it",
    ),
    "a key dedented out of its list item": (
        long_form(18, "  alt: {vi: Chai mật ong vàng sáng, en: A bottle of light golden honey}"),
        "18: -: YAML syntax error: this line's indentation does not match the lines above it",
    ),
    "a tab in the indentation": (
        long_form(7, "\tvi: |"),
        "7: -: YAML syntax error: a tab character; indent with spaces",
    ),
    "a tab in the indentation of a list item's key": (
        long_form(18, "\talt: {vi: Chai mật ong vàng sáng, en: A bottle of light golden honey}"),
        "18: -: YAML syntax error: a tab character; indent with spaces",
    ),
    "a key indented under the value above": (
        long_form(3, "  group: thuc-pham"),
        "3: -: YAML syntax error: this line's indentation does not match the lines above it",
    ),
    "a value containing a colon": (
        long_form(13, "shelf_life: Hạn dùng: 24 tháng"),
        "13: -: YAML syntax error: the value contains ': '; put the value in quotes",
    ),
    "a list item's value containing a colon": (
        long_form(18, "    alt: Ảnh: chai mật ong"),
        "18: -: YAML syntax error: the value contains ': '; put the value in quotes",
    ),
    "a key without a space after its colon": (
        long_form(4, "star:3"),
        "4: -: YAML syntax error: put a space after the colon (star: 3)",
    ),
    "a nested key without a space after its colon": (
        long_form(7, "  vi:Mật ong hoa keo"),
        "7: -: YAML syntax error: put a space after the colon (vi: Mật ong hoa keo)",
    ),
    "a list item's key without a space after its colon": (
        long_form(17, f"  - file:products/{PICTURE}"),
        f"17: -: YAML syntax error: put a space after the colon (file: products/{PICTURE})",
    ),
    "a second document": (
        long_form(11, "---", insert=True),
        "11: -: YAML syntax error: a second document starts here (---); a record file holds one record",
    ),
    "an unclosed brace": (
        long_form(5, 'certificate: {number: "1648/QĐ-UBND", date: 2022-08-18, level: district'),
        "5: -: YAML syntax error: the { here is not closed with } (noticed on line 6)",
    ),
    "an unclosed quote": (
        long_form(5, 'certificate: {number: "1648/QĐ-UBND, date: 2022-08-18, level: district}'),
        '5: -: YAML syntax error: the text in quotes that starts here has no closing "',
    ),
    "a quote closed by the next line's quote": (
        long_form(4, 'star: "3'),
        '4: -: YAML syntax error: the text in quotes that starts here runs on to line 5; is its closing " missing?',
    ),
    "an apostrophe inside single quotes": (
        long_form(1, "name: 'Mrs Lua's honey'"),
        "1: -: YAML syntax error: text follows the closing quote; put the whole value in quotes, "
        'and use "..." for a text containing \'',
    ),
    "a missing colon": (
        long_form(4, "star 3"),
        "4: -: YAML syntax error: this line has no colon: write it as 'key: value', "
        "or indent it more if it goes on with the text above",
    ),
    "a missing comma between pairs": (
        long_form(1, "name: {vi: Mật ong Đầm Hà en: Dam Ha honey}"),
        "1: -: YAML syntax error: expected ',' or '}' in {...}: put a comma between the pairs, "
        "and quotes around a value containing ': '",
    ),
    "a value starting with a reserved character": (
        long_form(3, "group: @thuc-pham"),
        "3: -: YAML syntax error: a value cannot start with @; put the value in quotes",
    ),
    "a value starting with &, an anchor to YAML, its text cut": (
        long_form(13, "shelf_life: &24 tháng"),
        "13: -: YAML syntax error: a value cannot start with &; put the value in quotes",
    ),
    "a value starting with !, a tag to YAML": (
        long_form(3, "group: !thuc-pham"),
        "3: group: the YAML tag '!thuc-pham' is not allowed; put a value starting with ! in quotes",
    ),
    "a ' #' inside {...}, which hides its closing }": (
        long_form(13, "shelf_life: {vi: 24 tháng #1, en: 24 months}"),
        "13: -: YAML syntax error: the { here is not closed: ' #' on this line starts a comment, which hides the "
        "rest of the line and its }; put the text holding # in quotes",
    ),
    "a no-break space after a key's colon, pasted": (
        long_form(4, "star:\u00a03"),
        "4: -: YAML syntax error: the colon after star is followed by an invisible character (U+00A0 no-break space), "
        "not a space: delete it and type an ordinary space",
    ),
    "a value with ': ' in typographic quotes": (
        long_form(13, "shelf_life: “Hạn dùng: 24 tháng”"),
        "13: -: YAML syntax error: the value contains ': '; its quotes “…” are letters to YAML: write straight "
        'quotes "…"',
    ),
    "a list's item on its key's line": (
        long_form(14, "where_to_buy: - Hợp tác xã tại xã Đại Bình"),
        "14: -: YAML syntax error: a list's item cannot follow its key on the same line: write where_to_buy: alone, "
        "and each item below it on a line of its own, indented, starting with '- '",
    ),
    "a list's item marked with a bullet, as Word marks it": (
        long_form(17, "  • file: products/" + PICTURE),
        "17: -: YAML syntax error: a list's item starts with '- ' (a hyphen and an ordinary space), not '•'",
    ),
    "a list's item marked with a dash and a no-break space": (
        long_form(17, "  -\u00a0file: products/" + PICTURE),
        "17: -: YAML syntax error: a list's item starts with '- ' (a hyphen and an ordinary space), not '-' and an "
        "invisible character (U+00A0 no-break space)",
    ),
    "a backslash in double quotes": (
        long_form(5, 'certificate: {number: "1648\\QĐ-UBND", date: 2022-08-18, level: district}'),
        "5: -: YAML syntax error: a \\ in \"...\" starts an escape; write \\\\ for a backslash, or use '...' quotes",
    ),
}


def test_the_long_form_product_is_valid(project: Project, capsys):
    project.write("data/products/mat-ong.yaml", "\n".join(LONG_FORM) + "\n")
    code, printed = check(project, capsys)
    assert code == 0, printed
    assert not [line for line in printed if line.startswith("data/products/mat-ong.yaml") and "warning" not in line]


@pytest.mark.parametrize("case", sorted(SYNTAX_CASES))
def test_a_yaml_syntax_error_is_reported_at_the_line_to_fix(project: Project, capsys, case):
    text, expected = SYNTAX_CASES[case]
    project.write("data/products/mat-ong.yaml", text)
    code, printed = check(project, capsys)
    assert code == 1
    assert f"data/products/mat-ong.yaml:{expected}" in printed, printed


# A plain value followed by ' #' and a number or code: YAML leaves it out as a comment, without a word.
COMMENT_CUTS = {
    "a number sign in a text": (
        long_form(15, "  - Ki-ốt #12 chợ Hạ Long"),
        "15: where_to_buy.0: warning: '#12 chợ Hạ Long' is read as a comment (' #' starts one) and left out of "
        'the value; if it belongs to the value, put the value in quotes: "Ki-ốt #12 chợ Hạ Long"',
    ),
    "a value that is all a code after '#'": (
        long_form(13, "shelf_life: #24"),
        "13: shelf_life: warning: '#24' is read as a comment (' #' starts one) and left out of the value; "
        'if it belongs to the value, put the value in quotes: "#24"',
    ),
}


def test_a_value_in_typographic_quotes_is_warned_of(project: Project, capsys):
    """“4502/QĐ-UBND”, quoted by Word or a phone, was published as a decision's number quotes and all."""
    project.write(
        "data/products/mat-ong.yaml",
        long_form(5, "certificate: {number: “1648/QĐ-UBND”, date: 2022-08-18, level: district}"),
    )
    code, printed = check(project, capsys)
    assert (
        "data/products/mat-ong.yaml:5: certificate.number: warning: the value is in typographic quotes, “…”, which "
        'are published as part of it; write straight quotes "…" or none'
    ) in printed, printed


@pytest.mark.parametrize("case", sorted(COMMENT_CUTS))
def test_a_value_cut_by_a_comment_that_looks_like_a_number_is_warned_of(project: Project, capsys, case):
    text, expected = COMMENT_CUTS[case]
    project.write("data/products/mat-ong.yaml", text)
    code, printed = check(project, capsys)
    assert f"data/products/mat-ong.yaml:{expected}" in printed, printed


def test_a_comment_written_as_one_is_not_warned_of(project: Project, capsys):
    lines = ["# Mật ong của hợp tác xã", *LONG_FORM]
    lines[4] = "star: 3  # nâng hạng năm 2024"
    lines[15] = "  - Ki-ốt số 12 chợ Hạ Long ## tầng 1"
    project.write("data/products/mat-ong.yaml", "\n".join(lines) + "\n")
    code, printed = check(project, capsys)
    assert code == 0 and not [line for line in printed if "comment" in line], printed


@pytest.mark.parametrize("pasted", ["\v", "\f", "\u2028", "\u2029", "\x85"])
def test_a_line_break_pasted_from_word_is_a_space(project: Project, capsys, pasted):
    """Word's Shift+Enter (a vertical tab), a page break, Unicode's line and paragraph separators:
    PyYAML refused the first ones at "line 1" with its reader's position, and broke the line at
    the others ("this line has no colon")."""
    project.write("data/products/mat-ong.yaml", long_form(8, f"    Mật ong hoa keo{pasted}và hoa sim."))
    code, printed = check(project, capsys)
    assert code == 0, printed
    assert not [line for line in printed if line.startswith("data/products/mat-ong.yaml") and "warning" not in line]


def test_a_control_character_is_named_at_its_line(project: Project, capsys):
    project.write("data/products/mat-ong.yaml", long_form(13, "shelf_life: {vi: 24 tháng\x1b, en: 24 months}"))
    code, printed = check(project, capsys)
    assert code == 1
    assert (
        "data/products/mat-ong.yaml:13: -: the line holds an invisible character (U+001B control character); delete it"
        in printed
    ), printed
