"""Open Graph and Twitter card values, so a shared page shows its photo and name.

Zalo, Facebook and most chat apps read the Open Graph tags; X reads the
``twitter:`` ones and falls back to Open Graph. The partial
``_social.html`` writes them; listing pages use their document title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from . import i18n
from .markup import plain_text
from .schema import Image
from .structured_data import structured_data_global
from .values import LANGS, Text

OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}
DESCRIPTION_LENGTH = 200


@dataclass
class Social:
    """What a page shows when shared; empty title and description mean the document's own."""

    type: str
    url: str
    locale: str
    alternate_locales: list[str]
    title: str = ""
    description: str = ""
    image: str = ""
    image_alt: str = ""
    prices: list[int] = field(default_factory=list)


def _record(context: Context) -> tuple[str, object | None]:
    kind = context.get("page_kind")
    if kind in ("product", "producer", "fair", "district", "group"):
        return kind, context.get(kind)
    if kind is None and context.get("article") is not None:
        return "article", context["article"]
    return kind or "", None


def _page_url(context: Context, kind: str, record: object | None) -> str:
    site = context.get("SITEURL") or ""
    if kind == "article":
        return f"{site}/{record.url}"
    return f"{site}/{context.get('page_url', '')}"


def social_for(context: Context) -> Social:
    lang = i18n.page_lang(context)
    kind, record = _record(context)
    social = Social(
        type={"product": "product", "article": "article"}.get(kind, "website"),
        url=_page_url(context, kind, record),
        locale=OG_LOCALES.get(lang, lang),
        alternate_locales=[OG_LOCALES[code] for code in LANGS if code != lang],
    )
    if record is None:
        return social
    if kind == "article":
        social.title = Markup(record.title).striptags()
        # Its own first picture, or its first product's (``stories``), as a record's first: Zalo shows it.
        _share_picture(social, context, getattr(record, "picture", None), lang)
        return social
    name: Text = record.name
    social.title = name.get(lang)[0]
    social.description = _description(kind, record, lang)
    images: list[Image] = getattr(record, "images", [])
    _share_picture(social, context, images[0] if images else None, lang)
    if kind == "product":
        social.prices = [price.vnd for price in record.prices[:1]]
    return social


def _share_picture(social: Social, context: Context, image, lang: str) -> None:
    """The shared picture, its alt text the picture's own or else the page's title."""
    if image is None:
        return
    social.image = f"{context.get('SITEURL') or ''}/{context['shared_picture_path'](image.file)}"
    social.image_alt = image.alt.get(lang)[0] if image.alt else social.title


def _description(kind: str, record, lang: str) -> str:
    """The record's description, cut to ``DESCRIPTION_LENGTH``; a fair's begins with its
    days and venue: a fair shared on Zalo is a plan to go, and its text may not say when."""
    if kind != "fair":
        return plain_text(getattr(record, "description", None), lang, DESCRIPTION_LENGTH) or ""
    when = f"{i18n.format_days(record.start, record.end, lang)}, {record.venue.get(lang)[0]}."
    about = plain_text(record.description, lang, DESCRIPTION_LENGTH - len(when) - 1)
    return f"{when} {about}" if about else when


def install(env: Environment, settings: dict) -> None:
    """The ``social()`` and ``structured_data()`` globals of the head partial."""
    translations = i18n.load_translations(Path(settings["THEME"]) / "translations", LANGS)
    env.globals.update(social=pass_context(social_for), structured_data=structured_data_global(translations))
