"""Where each page lives, in each language, from Pelican-style settings.

``PRODUCT_URL`` is the Vietnamese (default language) address of a product
page and ``PRODUCT_LANG_URL`` the address in another language, as Pelican
names ``ARTICLE_URL`` and ``ARTICLE_LANG_URL``. Files are saved under the
URL, with ``index.html`` for addresses ending in ``/``.
"""

from __future__ import annotations

from typing import Any

DEFAULT_URLS = {
    "INDEX_URL": "",
    "INDEX_LANG_URL": "{lang}/",
    # The lists of all products and producers: their later pages are files, whose names
    # no id (``[a-z0-9-]+``) can take, beside the records' folders.
    "PRODUCTS_URL": "san-pham/",
    "PRODUCTS_LANG_URL": "{lang}/products/",
    "PRODUCTS_PAGE_URL": "san-pham/trang-{number}.html",
    "PRODUCTS_PAGE_LANG_URL": "{lang}/products/page-{number}.html",
    "PRODUCT_URL": "san-pham/{id}/",
    "PRODUCT_LANG_URL": "{lang}/products/{id}/",
    "PRODUCERS_URL": "chu-the/",
    "PRODUCERS_LANG_URL": "{lang}/producers/",
    "PRODUCERS_PAGE_URL": "chu-the/trang-{number}.html",
    "PRODUCERS_PAGE_LANG_URL": "{lang}/producers/page-{number}.html",
    "PRODUCER_URL": "chu-the/{id}/",
    "PRODUCER_LANG_URL": "{lang}/producers/{id}/",
    "DISTRICTS_URL": "dia-phuong/",
    "DISTRICTS_LANG_URL": "{lang}/districts/",
    "DISTRICT_URL": "dia-phuong/{id}/",
    "DISTRICT_LANG_URL": "{lang}/districts/{id}/",
    "STARS_URL": "hang-sao/",
    "STARS_LANG_URL": "{lang}/stars/",
    "STAR_URL": "hang-sao/{id}-sao/",
    "STAR_LANG_URL": "{lang}/stars/{id}-star/",
    "STAR_PAGE_URL": "hang-sao/{id}-sao/trang-{number}/",
    "STAR_PAGE_LANG_URL": "{lang}/stars/{id}-star/page-{number}/",
    "GROUPS_URL": "nhom/",
    "GROUPS_LANG_URL": "{lang}/groups/",
    "GROUP_URL": "nhom/{id}/",
    "GROUP_LANG_URL": "{lang}/groups/{id}/",
    "GROUP_PAGE_URL": "nhom/{id}/trang-{number}/",
    "GROUP_PAGE_LANG_URL": "{lang}/groups/{id}/page-{number}/",
    "FAIRS_URL": "hoi-cho/",
    "FAIRS_LANG_URL": "{lang}/fairs/",
    "FAIR_URL": "hoi-cho/{id}/",
    "FAIR_LANG_URL": "{lang}/fairs/{id}/",
    # A fair to come's calendar file (``fair_calendar``), named after the fair when downloaded.
    "FAIR_CALENDAR_URL": "hoi-cho/{id}/{id}.ics",
    "FAIR_CALENDAR_LANG_URL": "{lang}/fairs/{id}/{id}.ics",
    "STORIES_URL": "tin-tuc/",
    "STORIES_LANG_URL": "{lang}/stories/",
    "STATISTICS_URL": "thong-ke/",
    "STATISTICS_LANG_URL": "{lang}/statistics/",
    "NOT_FOUND_URL": "404.html",
    "NOT_FOUND_LANG_URL": "{lang}/404.html",
    "SEARCH_URL": "tim-kiem/",
    "SEARCH_LANG_URL": "{lang}/search/",
    "NEARBY_URL": "gan-toi/",
    "NEARBY_LANG_URL": "{lang}/near-me/",
    "OFFLINE_URL": "offline.html",
    "OFFLINE_LANG_URL": "{lang}/offline.html",
}


class Urls:
    """Addresses of catalogue pages; ``url("product", "dau-lac", "en")``; page 2 of a
    long listing (``pagination``): ``url("star", 3, "en", 2)``."""

    def __init__(self, settings: dict[str, Any]):
        self.default_lang = settings.get("DEFAULT_LANG", "vi")
        self.patterns = {name: settings.get(name, pattern) for name, pattern in DEFAULT_URLS.items()}

    def url(self, kind: str, key: object = "", lang: str | None = None, number: int = 1) -> str:
        lang = lang or self.default_lang
        name = kind.upper() + ("_PAGE" if number > 1 else "") + ("_URL" if lang == self.default_lang else "_LANG_URL")
        return self.patterns[name].format(id=key, lang=lang, number=number)

    def all_langs(self, kind: str, key: object, langs: tuple[str, ...], number: int = 1) -> dict[str, str]:
        return {lang: self.url(kind, key, lang, number) for lang in langs}


def save_as(url: str) -> str:
    """The file that serves ``url``."""
    return url + "index.html" if url == "" or url.endswith("/") else url
