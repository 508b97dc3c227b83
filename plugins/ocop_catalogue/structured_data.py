"""schema.org JSON-LD for search engines: products, producers, fairs and stories.

Each page gets one ``<script type="application/ld+json">`` block built here
from the records, never by string templates, so it is always valid JSON.
Producers are ``LocalBusiness`` (an ``Organization`` that has a place), and
products name theirs as ``manufacturer`` with the same ``@id``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from . import i18n
from .contacts import callable_numbers
from .markup import plain_text
from .model import Catalogue
from .schema import Fair, Image, Producer, Product
from .urls import Urls
from .values import Text

SCHEMA_ORG = "https://schema.org"
# A picture's site path from its file under content/images/: ``Pictures.shared_path``,
# the one file published for it outside <picture> (the originals are not).
PicturePath = Callable[[str], str]


class LinkedData:
    """Builds the JSON-LD of the pages of one language."""

    def __init__(
        self,
        catalogue: Catalogue,
        urls: Urls,
        site_url: str,
        lang: str,
        translations: dict,
        picture_path: PicturePath,
    ):
        self.catalogue = catalogue
        self.urls = urls
        self.site_url = site_url
        self.lang = lang
        self.translations = translations
        self.picture_path = picture_path
        self.star_labels: dict[int, str] = {}  # star -> label: the same on thousands of pages

    def absolute(self, path: str) -> str:
        return f"{self.site_url}/{path}"

    def pictures(self, images: list[Image]) -> list[str]:
        return [self.absolute(self.picture_path(image.file)) for image in images]

    def page(self, kind: str, key: object = "") -> str:
        return self.absolute(self.urls.url(kind, key, self.lang))

    def name(self, value: Text) -> str:
        return value.get(self.lang)[0]

    def star_label(self, star: int) -> str:
        if star not in self.star_labels:
            translation = self.translations.get(self.lang)
            message = "%(num)d-star OCOP product"
            text = translation.ngettext(message, message, star) if translation else message
            self.star_labels[star] = text % {"num": star}
        return self.star_labels[star]

    # Records ---------------------------------------------------------------------

    def product(self, product: Product) -> dict[str, Any]:
        url = self.page("product", product.id)
        producer = self.catalogue.producer_of(product)
        data: dict[str, Any] = {
            "@context": SCHEMA_ORG,
            "@type": "Product",
            "@id": f"{url}#product",
            "name": self.name(product.name),
            "url": url,
            "description": plain_text(product.description, self.lang),
            "image": self.pictures(product.images),
            "category": self.name(self.catalogue.groups[product.group].name),
            "award": self.star_label(product.star),
            "brand": {"@type": "Brand", "name": self.name(producer.name)},
            "manufacturer": self.producer_reference(producer),
            "countryOfOrigin": {"@type": "Country", "name": "VN"},
            "offers": [
                {
                    "@type": "Offer",
                    "price": str(price.vnd),
                    "priceCurrency": "VND",
                    "name": self.name(price.unit),
                    "url": url,
                }
                for price in product.prices
            ],
        }
        if product.certificate:
            data["hasCertification"] = self.certification(product)
        return _without_empty(data)

    def certification(self, product: Product) -> dict[str, Any]:
        certificate = product.certificate
        assert certificate is not None
        return {
            "@type": "Certification",
            "name": self.star_label(product.star),
            "certificationIdentification": certificate.number,
            "validFrom": certificate.date.isoformat(),
            "expires": certificate.expires.isoformat(),
            "certificationRating": {"@type": "Rating", "ratingValue": product.star, "bestRating": 5, "worstRating": 3},
        }

    def producer_reference(self, producer: Producer) -> dict[str, Any]:
        url = self.page("producer", producer.id)
        return _without_empty(
            {
                "@type": "Organization",
                "@id": f"{url}#producer",
                "name": self.name(producer.name),
                "url": url,
                "telephone": _telephone(producer.phone),
            }
        )

    def producer(self, producer: Producer) -> dict[str, Any]:
        url = self.page("producer", producer.id)
        data = {
            "@context": SCHEMA_ORG,
            "@type": "LocalBusiness",
            "@id": f"{url}#producer",
            "name": self.name(producer.name),
            "url": url,
            "description": plain_text(producer.description, self.lang),
            "telephone": _telephone(producer.phone),
            "email": producer.email,
            "sameAs": [producer.website] if producer.website else [],
            "image": self.pictures(producer.images),
            "address": self.address(producer.address, producer),
            "geo": _geo(producer.geo),
        }
        return _without_empty(data)

    def address(self, street: Text | None, producer: Producer | None = None) -> dict[str, Any]:
        """A postal address; the commune and district are known for every producer."""
        locality = None
        if producer is not None:
            commune = self.catalogue.commune_of(producer)
            locality = f"{self.name(commune.name)}, {self.name(self.catalogue.district_of(producer).name)}"
        return _without_empty(
            {
                "@type": "PostalAddress",
                "streetAddress": self.name(street) if street else None,
                "addressLocality": locality,
                "addressRegion": self.name(self.catalogue.province.name),
                "addressCountry": "VN",
            }
        )

    def fair(self, fair: Fair) -> dict[str, Any]:
        location = {
            "@type": "Place",
            "name": self.name(fair.venue),
            "address": self.address(fair.address),
            "geo": _geo(fair.geo),
        }
        data = {
            "@context": SCHEMA_ORG,
            "@type": "Event",
            "name": self.name(fair.name),
            "url": self.page("fair", fair.id),
            "description": plain_text(fair.description, self.lang),
            "startDate": (first[0] if (first := fair.hours_on(fair.start)) else fair.start).isoformat(),
            "endDate": (last[1] if (last := fair.hours_on(fair.end)) else fair.end).isoformat(),
            "eventStatus": f"{SCHEMA_ORG}/EventScheduled",
            "eventAttendanceMode": f"{SCHEMA_ORG}/OfflineEventAttendanceMode",
            "location": _without_empty(location),
            "organizer": {"@type": "Organization", "name": self.name(fair.organiser)} if fair.organiser else None,
        }
        return _without_empty(data)

    def article(self, article: Any, site_name: str) -> dict[str, Any]:
        """A story (a Pelican article), published by the site named ``site_name``."""
        products = [p for p in _ids(article, "products") if p in self.catalogue.products]
        data = {
            "@context": SCHEMA_ORG,
            "@type": "Article",
            "headline": Markup(article.title).striptags()[:110],
            "url": self.absolute(article.url),
            "description": Markup(getattr(article, "summary", "") or "").striptags(),
            "datePublished": article.date.date().isoformat(),
            "dateModified": article.modified.date().isoformat() if getattr(article, "modified", None) else None,
            "inLanguage": article.lang,
            "image": self._story_images(article),
            "publisher": {"@type": "Organization", "name": site_name, "url": self.absolute("")},
            "about": [{"@id": f"{self.page('product', p)}#product"} for p in products],
        }
        return _without_empty(data)

    def _story_images(self, article: Any) -> list[str]:
        """A story's own pictures; one without shows its first product's (``stories``)."""
        files = getattr(article, "picture_files", [])
        shown = getattr(article, "picture", None)
        if not files and shown is not None:
            files = [shown.file]
        return [self.absolute(self.picture_path(file)) for file in files]

    def website(self, site_name: str) -> dict[str, Any]:
        return {
            "@context": SCHEMA_ORG,
            "@type": "WebSite",
            "name": site_name,
            "url": self.page("index"),
            "inLanguage": self.lang,
        }


def _geo(geo) -> dict[str, Any] | None:
    return {"@type": "GeoCoordinates", "latitude": geo.lat, "longitude": geo.lon} if geo else None


def _ids(article: Any, key: str) -> list[str]:
    return [part.strip() for part in (article.metadata.get(key) or "").split(",") if part.strip()]


_EMPTY = (None, "", [], {})


def _telephone(phone: str | None) -> str | list[str] | None:
    """schema.org's ``telephone``: the number, or a list when the field holds several."""
    numbers = callable_numbers(phone)
    return numbers[0] if len(numbers) == 1 else numbers


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    # A value that is true is never empty: only the others are compared with the empties.
    return {key: value for key, value in data.items() if value or value not in _EMPTY}


def _objects(context: Context | dict, linked: LinkedData, site_name: str) -> list[dict[str, Any]]:
    """The JSON-LD objects of the page being rendered (none for listing pages)."""
    kind = context.get("page_kind")
    if kind == "product":
        return [linked.product(context["product"])]
    if kind == "producer":
        return [linked.producer(context["producer"])]
    if kind == "fair":
        return [linked.fair(context["fair"])]
    if kind == "index":
        return [linked.website(site_name)]
    if kind is None and context.get("article") is not None:
        return [linked.article(context["article"], site_name)]
    return []


# One encoder for every page: json.dumps makes a new one on each call with these options.
# The data is built here from records, never circular: not checking for cycles makes
# the encoding a quarter faster.
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def script_block(data: dict[str, Any]) -> Markup:
    """``data`` in a script block that no text in it can close or break out of."""
    text = _JSON.encode(data)
    # "<", ">" and "&" only occur inside JSON strings, where \\u escapes mean the same.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def structured_data_global(translations: dict):
    # One LinkedData per language and SITEURL of the catalogue being built (its labels
    # are kept), instead of one per page.
    linked_data: dict[tuple[str, str], LinkedData] = {}

    def linked_for(context: Context) -> LinkedData | None:
        catalogue = context.get("catalogue")
        if catalogue is None:
            return None
        key = (i18n.page_lang(context), context.get("SITEURL") or "")
        linked = linked_data.get(key)
        if linked is None or linked.catalogue is not catalogue or linked.urls is not context["catalogue_urls"]:
            linked = linked_data[key] = LinkedData(
                catalogue, context["catalogue_urls"], key[1], key[0], translations, context["shared_picture_path"]
            )
        return linked

    @pass_context
    def structured_data(context: Context, site_name: str) -> Markup:
        """Every JSON-LD block of this page, ready for its <head>. ``site_name`` is the
        name the page's header shows (``_macros.html``), as HTML: the JSON holds its text."""
        linked = linked_for(context)
        if linked is None:
            return Markup("")
        name = Markup(site_name).unescape()
        return Markup("\n").join(script_block(data) for data in _objects(context, linked, name))

    return structured_data
