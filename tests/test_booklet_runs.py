"""How a booklet's entries are cut into runs laid out apart, and how their pages are read back."""

from __future__ import annotations

from ocop_catalogue.booklets import Piece, Section, cut, slots
from ocop_catalogue.values import Text


def sections(*sizes: int) -> list[Section]:
    return [Section(Text(vi=f"Huyện {n}"), [f"product {n}-{i}" for i in range(size)]) for n, size in enumerate(sizes)]


def sizes(runs: list[list[Piece]]) -> list[list[int]]:
    return [[len(piece.products) for piece in run] for run in runs]


def test_a_booklet_that_fits_one_run_is_one_run():
    assert sizes(cut(sections(30, 40, 20), 100)) == [[30, 40, 20]]


def test_runs_end_where_sections_do_and_are_about_even():
    runs = cut(sections(40, 40, 40, 40, 40, 40, 40, 40), 200)
    assert sizes(runs) == [[40, 40, 40, 40], [40, 40, 40, 40]]
    assert all(piece.opens for run in runs for piece in run)


def test_only_a_section_longer_than_a_run_is_cut_inside():
    runs = cut(sections(10, 300, 10), 100)
    assert sum(map(sum, sizes(runs))) == 320
    assert max(len(piece.products) for run in runs for piece in run) <= 100
    pieces = [piece for run in runs for piece in run if piece.number == 1]
    assert [piece.opens for piece in pieces] == [True] + [False] * (len(pieces) - 1)
    assert [p for piece in pieces for p in piece.products] == [f"product 1-{i}" for i in range(300)]


class Catalogue:
    products = {name: name for name in ("a", "b", "c", "d")}


def test_a_page_is_headed_by_the_section_it_starts_in():
    run = [Piece(0, Text(vi="One"), ["a", "b"], opens=False), Piece(1, Text(vi="Two"), ["c", "d"], opens=True)]
    pages = [["p-a"], ["p-b", "s-1", "p-c"], ["p-d"]]
    found = slots(Catalogue(), run, pages)
    assert [slot.section.vi for slot in found] == ["One", "One", "Two"]
    assert [[t.vi for t in slot.titles] for slot in found] == [[], ["Two"], []]
    assert [slot.products for slot in found] == [["a"], ["b", "c"], ["d"]]
    # Titles and entries in the page's order, for the bookmarks to nest each entry under its own section.
    marks = [[mark.product or mark.section.vi for mark in slot.bookmarks] for slot in found]
    assert marks == [["a"], ["b", "Two", "c"], ["d"]]
    opening = slots(Catalogue(), run, [["p-a", "p-b"], ["s-1", "p-c", "p-d"]])
    assert [slot.section.vi for slot in opening] == ["One", "Two"]
