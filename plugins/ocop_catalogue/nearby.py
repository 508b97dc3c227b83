"""The "near me" page's data: producers and upcoming fairs with coordinates.

One small JSON file per language is written beside that language's near-me
page. The page's script sorts it by distance from the phone's position in
the browser: the position is never sent anywhere.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

from .i18n import format_days
from .model import Catalogue
from .urls import Urls, save_as
from .values import LANGS

PLACES_FILE = "places.json"


def places_url(urls: Urls, lang: str) -> str:
    """Where the near-me page of ``lang`` finds its places, beside the page."""
    return posixpath.join(posixpath.dirname(save_as(urls.url("nearby", "", lang))), PLACES_FILE)


def places(catalogue: Catalogue, urls: Urls, lang: str, site_url: str = "") -> list[dict[str, Any]]:
    """Producers (with the names of their products) and upcoming fairs that have coordinates,
    in reading order."""
    found = []
    for producer in catalogue.ordered[lang]["producers"]:
        if producer.geo:
            where = catalogue.district_of(producer).name.get(lang)[0]
            place = _place("producer", producer, where, urls.url("producer", producer.id, lang), lang, site_url)
            # What it makes: a tourist looking for specialities to buy does not know it by name.
            place["makes"] = [
                product.name.get(lang)[0] for product in catalogue.products_in(lang, "producer", producer.id)
            ]
            found.append(place)
    upcoming, _ = catalogue.fairs_in_order(lang)
    for fair in upcoming:
        if fair.geo:
            where = fair.venue.get(lang)[0]
            place = _place("fair", fair, where, urls.url("fair", fair.id, lang), lang, site_url)
            # When: a fair a kilometre away may be months off, or on today.
            place["when"] = format_days(fair.start, fair.end, lang)
            place["on"] = catalogue.is_on(fair)
            found.append(place)
    return found


def _place(kind: str, record, where: str, url: str, lang: str, site_url: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "name": record.name.get(lang)[0],
        "where": where,
        "url": f"{site_url}/{url}",
        # Four decimals are about 10 m: plenty for "how far", and a smaller file.
        "lat": round(float(record.geo.lat), 4),
        "lon": round(float(record.geo.lon), 4),
    }


def write_places(output: Path, catalogue: Catalogue, urls: Urls, settings: dict[str, Any]) -> None:
    """Write each language's places file."""
    for lang in LANGS:
        path = output / places_url(urls, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = places(catalogue, urls, lang, settings.get("SITEURL", ""))
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
