"""Search: a Pagefind index of the finished site, one index per language.

Product, producer and fair pages mark their content with ``data-pagefind-body``
(see ``_search_record.html``), so listing pages stay out of the index; and
Pagefind reads only those pages, not the listings, which at national scale
are long and cost it time and memory for nothing.
Pagefind reads each page's ``<html lang>`` and writes a separate index per
language; the search page of each language loads its own.

Pagefind folds tone marks but not ``đ`` (it has no decomposition), so
``dong`` would not find ``Đông``. Each indexed page therefore carries a
hidden, fully folded copy of its key Vietnamese texts (``fold``), and the
English search page folds the query alike (``search.js``), since the English
pages hold those names folded only.

Pagefind matches the start of every word (``don`` finds ``dong``), so a place
typed whole does not bring its own products first. The search page's district
choices therefore carry the district's name folded (``place_words``), and
``search.js`` offers a link to the district's page when the typed words hold it;
the star level and group choices likewise (``star_words``, ``group_words``), for
"5 sao", "five stars", "do uong" or "handicraft".
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from .incremental import manifest_path
from .schema import Group
from .staging import mirror_links, move_in
from .urls import Urls, save_as
from .values import LANGS, Text
from .vietnamese import fold, place_name

logger = logging.getLogger(__name__)

SEARCH_BUNDLE = "pagefind"
# The pagefind package's command runs the binary that pagefind[bin] installs. A separate
# process rather than its asyncio API, so that a build inside a running event loop works too.
PAGEFIND = [sys.executable, "-m", "pagefind"]


def place_words(name: Text) -> str:
    """A district's ``name`` (a ``Text``) as its search page matches typed words against it:
    each language's name without its kind (``vietnamese.place_name``), folded, lowercase,
    one space between words; ``|`` between the languages' when they differ.
    ``Huyện Vân Đồn`` → ``van don``.

    ``fold`` in ``search.js`` folds the typed words alike."""
    ways = []
    for written in (name.vi, name.en or ""):
        bare = place_name(written)
        # "Quận 1": its kind is kept, since "1" alone would match any query with a 1.
        ways.append(bare if re.search(r"[^\W\d_]", bare) else written)
    return _typed_ways(ways)


# How visitors type a star level, in either language whatever the page's: "5 sao", "năm sao", "5 stars".
_STAR_NUMBER_WORDS = {3: ("ba", "three"), 4: ("bon", "four"), 5: ("nam", "five")}


def star_words(star: int) -> str:
    """A star level as its search page matches typed words against it, as ``place_words``
    gives a district: folded, lowercase, ``|`` between the ways of writing it.
    ``5`` → ``5 sao|nam sao|5 star|5 stars|five star|five stars``."""
    vietnamese, english = _STAR_NUMBER_WORDS[star]
    ways = [f"{star} sao", f"{vietnamese} sao"]
    ways += [f"{number} {noun}" for number in (star, english) for noun in ("star", "stars")]
    return "|".join(ways)


def group_words(group: Group) -> str:
    """A product group as its search page matches typed words against it, as ``place_words``
    gives a district: its name in each language and its id's words, folded, lowercase,
    ``|`` between them; a one-word English name also without its plural's ``s``, as a
    visitor types "handicraft". ``do-uong`` (Đồ uống, Beverages) →
    ``do uong|beverages|beverage``; ``duoc-lieu`` → ``duoc lieu va san pham tu duoc
    lieu|medicinal herbs and herbal products|duoc lieu``."""
    ways = [group.name.vi, group.name.en or "", group.id]
    english = (group.name.en or "").strip()
    if re.fullmatch(r"[A-Za-z]{4,}s", english):
        ways.append(english[:-1])
    return _typed_ways(ways)


# A drink's name begins with what it is, in the north's word or the south's: chè and trà are
# both tea. A visitor typing "tra" found no "Chè xanh", one typing "che" no "Trà hoa vàng".
# And rượu, which the records' English calls liquor or liqueur, is "rice wine" to a tourist,
# whose "wine" found one producer. Only in the groups that hold drinks: elsewhere chè is a
# sweet soup.
ALSO_CALLED = {"che": "trà tra", "tra": "chè che", "ruou": "wine"}
DRINK_GROUPS = {"do-uong", "duoc-lieu"}


def also_called(name: str, group: str) -> str:
    """Other words for what a product is, for its search record: "trà tra" for a tea named
    "Chè xanh Đường Hoa", "chè che" for "Trà hoa vàng", "wine" for a rượu; "" for any other."""
    first = fold(name).split(maxsplit=1)[0].lower() if name.strip() else ""
    return ALSO_CALLED.get(first, "") if group in DRINK_GROUPS else ""


def _typed_ways(ways: list[str]) -> str:
    """The ways of writing a name as ``search.js`` matches typed words against them: each
    folded, lowercase, one space between its words, once, ``|`` between them; a way without
    a letter is left out (a number alone would match any query that holds it)."""
    found = []
    for way in ways:
        words = " ".join(re.findall(r"[^\W_]+", fold(way).lower()))
        if re.search(r"[^\W\d_]", words) and words not in found:
            found.append(words)
    return "|".join(found)


def install_filters(generator) -> None:
    """Give the templates the ``fold``, ``place_words``, ``star_words`` and ``group_words``
    filters (Pelican's ``generator_init`` signal)."""
    generator.env.filters["fold"] = fold
    generator.env.filters["place_words"] = place_words
    generator.env.filters["star_words"] = star_words
    generator.env.filters["group_words"] = group_words
    generator.env.globals["also_called"] = also_called


def index_site(site: Path, current: Path | None = None, urls: Urls | None = None, keep: bool = False) -> bool:
    """Index the written ``site`` with Pagefind, or reuse the index of ``current``,
    the published site; True when the published index was kept.

    With ``urls``, Pagefind reads only the product, producer and fair pages.

    ``keep`` says that no page changed what Pagefind reads of it: Pagefind rebuilds
    its whole index every time (and not byte for byte), which would cost most of an
    unchanged rebuild, so ``current``'s index is linked instead. Otherwise, when
    there is a published index, Pagefind writes beside ``site``, and its files are
    moved in but for those that repeat the bytes of ``current``'s: those stay the
    published files (``move_in``). Most do, since an edit changes a few pages, and
    the reused spare most often holds those very files already: nothing is linked
    or replaced for them, where Pagefind writing into ``site`` meant 60,000 of each
    at national scale.

    ``site`` may be ``current`` itself: its index is then made again in place
    (``index`` after a preview's build, see ``stale_mark``).
    """
    bundle = site / SEARCH_BUNDLE
    published = current / SEARCH_BUNDLE if current is not None else None
    fresh = site.with_name(f"{site.name}.{SEARCH_BUNDLE}")
    _clear(fresh)  # left by a killed build
    if keep and published is not None and _link_index(published, bundle):
        logger.info("search: kept the index of %s", current)
        return True
    if published is None or not published.is_dir():  # a first build: nothing to keep
        _clear(bundle)
        _run_pagefind(site, urls, bundle)
    else:
        _run_pagefind(site, urls, fresh)
        move_in(str(fresh), str(published), str(bundle))
        _clear(fresh)  # what is left repeats the published index
    logger.info("search: indexed %s", bundle)
    return False


def stale_mark(output: Path, cache: Path) -> Path:
    """The file that says ``output``'s search index is older than its pages.

    Pagefind indexes every page again after any change of searchable text: 1.4 s
    at 1,000 products, 30 s at 20,000. The preview's builds (``--search-index-later``)
    keep the published index instead, so that the edited page shows at once,
    leave this mark, and the ``index`` command then makes the index again. Until
    it has, every build indexes: the published pages no longer tell what the
    index holds."""
    return manifest_path(output, cache).with_suffix(".search-stale")


def mark_index(output: Path, cache: Path, stale: bool) -> None:
    mark = stale_mark(output, cache)
    if stale:
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.touch()
    else:
        mark.unlink(missing_ok=True)


def index_is_stale(output: Path, cache: Path) -> bool:
    return stale_mark(output, cache).exists()


def _run_pagefind(site: Path, urls: Urls | None, output: Path) -> None:
    done = subprocess.run(pagefind_command(site, urls, output), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip() or f"exit status {done.returncode}"
        raise RuntimeError(f"Pagefind could not index the site: {said}")


def pagefind_command(site: Path, urls: Urls | None = None, output: Path | None = None) -> list[str]:
    """The command that indexes ``site`` into ``output`` (default: its folder
    ``SEARCH_BUNDLE``): with ``urls``, the product, producer and fair pages only."""
    command = [*PAGEFIND, "--site", str(site), "--output-path", str(output or site / SEARCH_BUNDLE), "--silent"]
    if urls is not None:
        command += ["--glob", record_pages(urls)]
    return command


def record_pages(urls: Urls) -> str:
    """A glob of the files of every product, producer and fair page, in every language:
    ``{san-pham/*/index.html,en/products/*/index.html,...}``. Fairs are few, and a
    tourist types "hoi cho" or the fair's town.

    The search pages come too, though they are not indexed while any record
    page is: Pagefind fails when it finds nothing, and a catalogue may have no
    records yet."""
    records = [urls.url(kind, "*", lang) for kind in ("product", "producer", "fair") for lang in LANGS]
    search_pages = [urls.url("search", lang=lang) for lang in LANGS]
    return "{" + ",".join(save_as(url) for url in records + search_pages) + "}"


def _link_index(current: Path, new: Path) -> bool:
    """Hard-link ``current``'s files into ``new``, if it was made by this Pagefind.

    ``new`` is the bundle the reused spare kept (``staging``), most often the
    very files of ``current`` when the index was kept last time too: those stay
    where they are, instead of being unlinked by the spare and linked again
    (60,000 of each at national scale)."""
    try:
        entry = json.loads((current / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(entry, dict) or entry.get("version") != version("pagefind"):
        return False
    mirror_links(str(current), str(new))
    return True


def _clear(bundle: Path) -> None:
    """Remove the file or folder ``bundle``, if there is one."""
    if bundle.is_symlink() or bundle.is_file():
        bundle.unlink()
    elif bundle.is_dir():
        shutil.rmtree(bundle)
