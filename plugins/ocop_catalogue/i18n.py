"""Interface strings and the formatting of dates, numbers and prices per language.

Both languages are rendered in one pass, so the gettext functions installed
in Jinja pick the catalogue of the page being rendered (its ``lang``) at
call time, instead of one language per environment; the catalogue's own pages
get functions bound to their language instead (``Interface.language_callables``).
"""

from __future__ import annotations

import datetime
import gettext
import io
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal
from jinja2 import pass_context
from jinja2.runtime import Context
from jinja2.utils import missing
from markupsafe import Markup

DEFAULT_LANG = "vi"


def load_translations(translations_dir: Path, langs: tuple[str, ...]) -> dict[str, gettext.NullTranslations]:
    """Read each language's ``messages.po`` (compiled in memory, so no stale .mo)."""
    found: dict[str, gettext.NullTranslations] = {}
    for lang in langs:
        po_file = translations_dir / lang / "LC_MESSAGES" / "messages.po"
        try:
            modified = po_file.stat().st_mtime_ns
        except FileNotFoundError:
            found[lang] = gettext.NullTranslations()
            continue
        found[lang] = _compiled_po(po_file, lang, modified)
    return found


# Every Pelican generator sets up its templates, and the social tags too: each
# file is parsed once per process (and again only when it changes, for the devserver).
@lru_cache(maxsize=64)
def _compiled_po(po_file: Path, lang: str, modified: int) -> gettext.GNUTranslations:
    with po_file.open("rb") as source:
        catalog = read_po(source, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def page_lang(context: Context | dict) -> str:
    """The language of the page being rendered; Pelican's story pages carry it on the article."""
    # Looked up tens of times a page (every |t, |lt, |price): a context resolves a name in
    # one call, where its get() takes three.
    lang = context.resolve_or_missing("lang") if isinstance(context, Context) else context.get("lang")
    if lang and lang is not missing:
        return lang
    content = context.get("article") or context.get("page")
    return getattr(content, "lang", None) or context.get("DEFAULT_LANG", DEFAULT_LANG)


class Interface:
    """The interface strings of every language, each translation looked up once.

    Its callables behave as Jinja's i18n extension's "newstyle" ones (the
    translation is marked safe and formatted with escaped variables) in one call each.
    """

    def __init__(self, translations: dict[str, gettext.NullTranslations]):
        self.translations = translations
        self.fallback = gettext.NullTranslations()
        self.translated = cache(self._translated)
        self.without_variables = cache(self._without_variables)
        self.translated_plural = cache(self._translated_plural)
        self.plural_without_variables = cache(self._plural_without_variables)

    def _translated(self, lang: str, message: str) -> str:
        return self.translations.get(lang, self.fallback).gettext(message)

    def _without_variables(self, lang: str, message: str) -> Markup:
        return Markup(self.translated(lang, message)) % {}

    def _translated_plural(self, lang: str, singular: str, plural: str, n: int) -> str:
        return self.translations.get(lang, self.fallback).ngettext(singular, plural, n)

    def _plural_without_variables(self, lang: str, singular: str, plural: str, n: int) -> Markup:
        return Markup(self.translated_plural(lang, singular, plural, n)) % {"num": n}

    def context_callables(self) -> tuple:
        """``_``/``gettext`` and ``ngettext`` that read the language from the page being rendered."""
        interface = self

        @pass_context
        def newstyle_gettext(context: Context, message: str, **variables) -> str:
            if not variables and context.eval_ctx.autoescape:
                return interface.without_variables(page_lang(context), message)
            found = interface.translated(page_lang(context), message)
            return (Markup(found) if context.eval_ctx.autoescape else found) % variables

        @pass_context
        def newstyle_ngettext(context: Context, singular: str, plural: str, n: int, **variables) -> str:
            variables.setdefault("num", n)
            found = interface.translated_plural(page_lang(context), singular, plural, n)
            return (Markup(found) if context.eval_ctx.autoescape else found) % variables

        return newstyle_gettext, newstyle_ngettext

    def language_callables(self, lang: str) -> tuple:
        """The same for pages known to be in ``lang`` and autoescaped (the catalogue's): plain
        functions, which Jinja calls without handing them the context (see ``templating``)."""
        without_variables, translated = self.without_variables, self.translated
        plural_without_variables, translated_plural = self.plural_without_variables, self.translated_plural

        # Markup's % escapes each value in Python: a message with texts for variables (the
        # province's name on every page, a producer's on each of its pages) is formatted once.
        @lru_cache(maxsize=4096)
        def with_texts(message: str, texts: tuple[tuple[str, str], ...]) -> Markup:
            return Markup(translated(lang, message)) % dict(texts)

        def lang_gettext(message: str, **variables) -> Markup:
            if not variables:
                return without_variables(lang, message)
            if all(type(value) is str for value in variables.values()):
                return with_texts(message, tuple(variables.items()))
            return Markup(translated(lang, message)) % variables

        def lang_ngettext(singular: str, plural: str, n: int, **variables) -> Markup:
            if not variables and type(n) is int:  # "%(num)d stars" on every card of a listing
                return plural_without_variables(lang, singular, plural, n)
            variables.setdefault("num", n)
            return Markup(translated_plural(lang, singular, plural, n)) % variables

        return lang_gettext, lang_ngettext


def gettext_callables(translations: dict[str, gettext.NullTranslations]) -> tuple:
    fallback = gettext.NullTranslations()

    @pass_context
    def ugettext(context: Context, message: str) -> str:
        return translations.get(page_lang(context), fallback).gettext(message)

    @pass_context
    def ungettext(context: Context, singular: str, plural: str, n: int) -> str:
        return translations.get(page_lang(context), fallback).ngettext(singular, plural, n)

    return ugettext, ungettext


@cache
def _locale(lang: str) -> Locale:
    # A Locale object, not its name: Babel would parse the name again on every call.
    return Locale.parse({"vi": "vi_VN", "en": "en_US"}.get(lang, lang))


# Catalogues repeat the same prices and dates on thousands of pages: Babel
# formats each value once per language.
@lru_cache(maxsize=65536)
def format_price(vnd: int, lang: str) -> str:
    """``150.000 ₫`` in Vietnamese, ``₫150,000`` in English."""
    return format_currency(vnd, "VND", locale=_locale(lang))


@lru_cache(maxsize=65536)
def format_number(number: float, lang: str) -> str:
    return format_decimal(number, locale=_locale(lang))


@lru_cache(maxsize=65536)
def format_date(day: datetime.date, lang: str, form: str = "long") -> str:
    return babel_format_date(day, form, locale=_locale(lang))


def format_days(
    start: datetime.date, end: datetime.date, lang: str, mark: Callable[[datetime.date, str], str] | None = None
) -> str:
    """A fair's first and last day as its pages give them, or its one day; the dash keeps
    to the first day (a no-break space before it), so that no line of a phone begins with it.
    ``mark(day, text)`` may wrap each day's text (in a ``<time>`` element)."""
    days = [start] if end == start else [start, end]
    return "\u00a0– ".join(mark(day, format_date(day, lang)) if mark else format_date(day, lang) for day in days)


@lru_cache(maxsize=1024)
def format_hour(time: datetime.time, lang: str) -> str:
    """``08:00`` in Vietnamese, ``8:00 AM`` in English."""
    return format_time(time, "short", locale=_locale(lang))
