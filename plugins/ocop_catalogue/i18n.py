"""Interface strings and the formatting of dates, numbers and prices per language.

Both languages are rendered in one pass, so the gettext functions installed
in Jinja pick the catalogue of the page being rendered (its ``lang``) at
call time, instead of one language per environment.
"""

from __future__ import annotations

import datetime
import gettext
import io
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

DEFAULT_LANG = "vi"


def load_translations(translations_dir: Path, langs: tuple[str, ...]) -> dict[str, gettext.NullTranslations]:
    """Read each language's ``messages.po`` (compiled in memory, so no stale .mo)."""
    found: dict[str, gettext.NullTranslations] = {}
    for lang in langs:
        po_file = translations_dir / lang / "LC_MESSAGES" / "messages.po"
        if not po_file.exists():
            found[lang] = gettext.NullTranslations()
            continue
        with po_file.open("rb") as source:
            catalog = read_po(source, locale=lang)
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        compiled.seek(0)
        found[lang] = gettext.GNUTranslations(compiled)
    return found


def page_lang(context: Context) -> str:
    """The language of the page being rendered; Pelican's story pages carry it on the article."""
    lang = context.get("lang")
    if lang:
        return lang
    content = context.get("article") or context.get("page")
    return getattr(content, "lang", None) or context.get("DEFAULT_LANG", DEFAULT_LANG)


def fast_gettext_callables(translations: dict[str, gettext.NullTranslations]) -> tuple:
    """``_``/``gettext`` and ``ngettext`` for Jinja, as its i18n extension's
    "newstyle" ones (the translation is marked safe and formatted with escaped
    variables) in one call each, with every translation looked up once."""
    fallback = gettext.NullTranslations()

    @cache
    def translated(lang: str, message: str) -> str:
        return translations.get(lang, fallback).gettext(message)

    @cache
    def without_variables(lang: str, message: str) -> Markup:
        return Markup(translated(lang, message)) % {}

    @cache
    def translated_plural(lang: str, singular: str, plural: str, n: int) -> str:
        return translations.get(lang, fallback).ngettext(singular, plural, n)

    @pass_context
    def newstyle_gettext(context: Context, message: str, **variables) -> str:
        if not variables and context.eval_ctx.autoescape:
            return without_variables(page_lang(context), message)
        found = translated(page_lang(context), message)
        return (Markup(found) if context.eval_ctx.autoescape else found) % variables

    @pass_context
    def newstyle_ngettext(context: Context, singular: str, plural: str, n: int, **variables) -> str:
        variables.setdefault("num", n)
        found = translated_plural(page_lang(context), singular, plural, n)
        return (Markup(found) if context.eval_ctx.autoescape else found) % variables

    return newstyle_gettext, newstyle_ngettext


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
