"""What Pagefind reads of a page: the reduction that decides whether the search index is kept."""

from __future__ import annotations

import pytest
from ocop_catalogue.search_input import same_search_input, search_input

PAGE = """<!doctype html>
<html lang="vi"><head><title>Dầu lạc</title>
<meta property="product:price:amount" content="120000">
<script type="application/ld+json">{"offers":{"price":120000}}</script></head>
<body><nav><a href="/">OCOP</a></nav>
<article class="record product" data-pagefind-body><h1>Dầu lạc</h1>
<div hidden><span data-pagefind-filter="district[data-value]" data-value="Đông Triều"></span></div>
<div class="prose"><p>Ép lạnh từ lạc <em>đỏ</em>.</p></div>
<section data-pagefind-ignore><h2>Liên hệ</h2><ul><li><a href="tel:0203">Gọi 0203</a><li>Zalo</ul>
<section><p>Chia sẻ</section></section>
<dl><dt data-pagefind-ignore>Giá</dt><dd data-pagefind-ignore><ul class="prices"><li><data value="120000">120.000 ₫</data></li></ul></dd>
<dt data-pagefind-ignore>Mùa vụ</dt><dd>Tháng 5</dd></dl>
<img src="/images/dau-lac.jpg" alt="Chai dầu lạc"><br/>
</article><footer>Sở Công Thương</footer></body></html>"""


def edited(old: str, new: str) -> str:
    assert old in PAGE
    return PAGE.replace(old, new)


@pytest.mark.parametrize(
    "old, new",
    [
        ("120000", "125000"),  # the head's Open Graph and JSON-LD, and the ignored price
        ("120.000 ₫", "125.000 ₫"),
        ("Gọi 0203", "Gọi 0204"),  # contact buttons
        ("<p>Chia sẻ", "<p>Chia sẻ ngay"),  # inside an element nested in an ignored one
    ],
)
def test_what_pagefind_does_not_read_leaves_the_input_alone(old: str, new: str):
    assert same_search_input(PAGE.encode(), edited(old, new).encode())


@pytest.mark.parametrize(
    "old, new",
    [
        ("<h1>Dầu lạc</h1>", "<h1>Dầu phộng</h1>"),
        ("lạc <em>đỏ</em>", "lạc <em>trắng</em>"),  # the description
        ("Tháng 5", "Tháng 6"),  # text after the ignored elements
        ('data-value="Đông Triều"', 'data-value="Hạ Long"'),  # a filter
        ('alt="Chai dầu lạc"', 'alt="Chai dầu"'),  # Pagefind indexes image alternatives
        ('lang="vi"', 'lang="en"'),
        ("<title>Dầu lạc</title>", "<title>Dầu phộng</title>"),
        ("<footer>Sở Công Thương", "<footer>Sở Nông nghiệp"),  # outside the article: kept, to be safe
    ],
)
def test_what_pagefind_reads_changes_the_input(old: str, new: str):
    assert not same_search_input(PAGE.encode(), edited(old, new).encode())


def test_a_filter_inside_an_ignored_element_still_counts():
    page = edited("<h2>Liên hệ</h2>", '<h2 data-pagefind-meta="contact">Liên hệ</h2>')
    assert not same_search_input(page.encode(), page.replace("contact", "phone").encode())


def test_pages_without_an_indexed_body_are_not_read():
    listing = "<html lang='vi'><body><ul class='cards'><li>Dầu lạc</li></ul></body></html>"
    assert search_input(listing) is None
    assert same_search_input(listing.encode(), listing.replace("Dầu lạc", "Dầu phộng").encode())
