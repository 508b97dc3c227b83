"""Pictures for phones: every picture in AVIF, WebP and JPEG at several widths.

A picture under ``content/images/`` becomes derivatives such as
``images/products/dau-lac-480.avif`` in the output. Their names are unique to
the source and safe in a URL whatever the source is called (``derived_stem``):
``x.png`` beside ``x.jpg``, or ``Mật ong (1).jpg``, get names of their own.
Encoded files live in a cache (``IMAGE_CACHE_PATH``, by default
``cache/images/`` beside ``content/``) named by a hash of the source bytes and
the encoding settings, so a picture that has not changed is never encoded
again, whatever happens to the output.
The output gets hard links to the cached files (copies across file systems).

Encoding one picture does not depend on any other, so missing derivatives
are encoded picture by picture in a process pool (``IMAGE_WORKERS``).

Public API: ``Pictures(settings)`` with ``picture(file)`` (sizes and widths),
``derivative(file, width, fmt)`` (the encoded file), ``shared_path(file)``
(the one file that stands for a picture outside ``<picture>``) and
``publish(files, output)``; ``picture_markup`` and ``install`` give templates
the ``picture`` filter that writes ``<picture>`` markup.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

import PIL
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from PIL import Image

from . import pixels
from .i18n import page_lang
from .pictures import MAX_SIDE, allow_pictures_up_to, strict_decoding
from .pixels import on_white, prepared
from .problems import CatalogueError, Problem
from .vietnamese import slugify

DEFAULT_WIDTHS = (320, 480, 800, 1200)
# Pillow save options per format; they are part of every cache key.
DEFAULT_FORMATS: dict[str, dict[str, Any]] = {
    "avif": {"quality": 50, "speed": 8},
    "webp": {"quality": 75, "method": 4},
    "jpeg": {"quality": 78, "optimize": True, "progressive": True},
}
FALLBACK_FORMAT = "jpeg"  # what <img> itself points to when it is one of the formats: every browser shows it
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
# EXIF orientations that turn the picture a quarter: width and height swap.
QUARTER_TURNS = {5, 6, 7, 8}
# A source named as the editors' guide asks (lowercase a-z, 0-9 and '-', a .jpg)
# lends its derivatives its own name: products/dau-lac.jpg -> products/dau-lac-480.avif.
_PLAIN = re.compile(r"(?:[a-z0-9-]+/)*[a-z0-9-]+\.jpg")


def derived_stem(file: str) -> str:
    """The name a source picture's derivatives share before their width, unique to it and
    safe in a URL: ``products/dau-lac`` for ``products/dau-lac.jpg``.

    Dropping the extension alone made ``x.png`` and ``x.jpg`` (or ``x.JPG``) overwrite each
    other's derivatives, so that a product showed another's photo; and a name with spaces or
    tone marks made an invalid ``srcset``. Any name but a plain one is made a slug and takes
    a digest of the whole name: ``products/Mật ong (1).jpg`` -> ``products/mat-ong-1_ff7a71fc``.
    A '_' never occurs in a plain name, and the digest tells apart names of the same slug."""
    if _PLAIN.fullmatch(file):
        return file.removesuffix(".jpg")
    path = PurePosixPath(file)
    folders = [slug for slug in map(slugify, path.parent.parts) if slug]
    digest = hashlib.sha256(file.encode()).hexdigest()[:8]
    return "/".join([*folders, f"{slugify(path.stem) or 'picture'}_{digest}"])


@dataclass(frozen=True)
class Picture:
    """One source picture: its upright size and the widths it is encoded at."""

    file: str  # the path under content/images/, such as products/dau-lac.jpg
    width: int
    height: int
    widths: tuple[int, ...]

    def height_at(self, width: int) -> int:
        return max(1, round(self.height * width / self.width))

    def path(self, width: int, fmt: str, folder: str = "images") -> str:
        """Where a derivative lives in the output, such as ``images/products/dau-lac-480.avif``."""
        return f"{folder}/{derived_stem(self.file)}-{width}.{EXTENSIONS[fmt]}"


def widths_for(source_width: int, widths: Iterable[int]) -> tuple[int, ...]:
    """The configured widths narrower than the source, and the source width if it is narrower
    than the widest: a picture is never enlarged."""
    wanted = sorted(set(widths))
    kept = [w for w in wanted if w < source_width]
    if not wanted or source_width <= wanted[-1]:
        kept.append(source_width)
    return tuple(kept)


def cache_path(settings: dict[str, Any]) -> Path:
    return Path(settings.get("IMAGE_CACHE_PATH") or Path(settings["PATH"]).parent / "cache" / "images")


class Pictures:
    """The picture pipeline of one build."""

    def __init__(self, settings: dict[str, Any]):
        self.source_dir = Path(settings["PATH"]) / "images"
        self.cache_dir = cache_path(settings)
        self.widths = tuple(settings.get("IMAGE_WIDTHS", DEFAULT_WIDTHS))
        self.formats: dict[str, dict[str, Any]] = settings.get("IMAGE_FORMATS", DEFAULT_FORMATS)
        self.folder = settings.get("IMAGE_OUTPUT_DIR", "images")
        self.workers = settings.get("IMAGE_WORKERS") or os.cpu_count() or 1
        # Every picture was checked against the side limit first; encoding workers, forked, inherit this.
        allow_pictures_up_to(settings.get("CATALOGUE_MAX_PICTURE_SIDE", MAX_SIDE))
        self._pictures: dict[str, Picture] = {}
        self._digests: dict[str, str] = {}

    def picture(self, file: str) -> Picture:
        """The size of a picture, read from its header once per build (a PNG's EXIF may
        follow its pixels: Pillow decodes those to find it). Raises ``DamagedPicture``."""
        if file not in self._pictures:
            try:
                with Image.open(self.source_dir / file) as image:
                    width, height = image.size
                    if image.getexif().get(0x0112) in QUARTER_TURNS:
                        width, height = height, width
            except BAD_DATA as error:
                raise DamagedPicture.of(error) from None
            self._pictures[file] = Picture(file, width, height, widths_for(width, self.widths))
        return self._pictures[file]

    @property
    def fallback(self) -> str:
        """The format of the ``<img>`` itself, which every browser shows."""
        return FALLBACK_FORMAT if FALLBACK_FORMAT in self.formats else list(self.formats)[-1]

    def shared_path(self, file: str) -> str:
        """The site path of the one file that stands for a picture where no ``<picture>`` can:
        Open Graph and JSON-LD, for apps and search engines, and the open data. The fallback
        format at the widest width: Zalo and Facebook read JPEG, and ask for 1,200 px."""
        picture = self.picture(file)
        return picture.path(picture.widths[-1], self.fallback, self.folder)

    def cached_file(self, file: str, width: int, fmt: str) -> Path:
        """The cache entry of a derivative: named by the source bytes and the encoding settings."""
        settings = {
            "width": width,
            "format": fmt,
            "options": self.formats[fmt],
            "pillow": PIL.__version__,
            "pixels": pixels.VERSION,
        }
        key = hashlib.sha256(self._digest(file).encode() + json.dumps(settings, sort_keys=True).encode())
        digest = key.hexdigest()
        return self.cache_dir / digest[:2] / f"{digest}.{EXTENSIONS[fmt]}"

    def derivative(self, file: str, width: int, fmt: str) -> Path:
        """The encoded file of ``file`` at ``width`` in ``fmt``, encoding it if it is not cached."""
        target = self.cached_file(file, width, fmt)
        if not target.exists():
            encode(self.source_dir / file, [(width, fmt, self.formats[fmt], target)])
        return target

    def missing(self, file: str) -> list[tuple[int, str, dict[str, Any], Path]]:
        """The derivatives of ``file`` that are not in the cache yet."""
        picture = self.picture(file)
        jobs = []
        for width in picture.widths:
            for fmt, options in self.formats.items():
                target = self.cached_file(file, width, fmt)
                if not target.exists():
                    jobs.append((width, fmt, options, target))
        return jobs

    def publish(self, files: Iterable[str], output: Path) -> int:
        """Encode what the cache lacks, then link every derivative into ``output``.
        Returns how many files were encoded."""
        files = sorted(set(files))
        work: dict[str, list[tuple[int, str, dict[str, Any], Path]]] = {}
        failures = [_failure(file, partial(self._plan, file, work)) for file in files]
        if len(work) > 1 and self.workers > 1:
            with ProcessPoolExecutor(max_workers=min(self.workers, len(work))) as pool:
                futures = {file: pool.submit(encode, self.source_dir / file, jobs) for file, jobs in work.items()}
                failures += [_failure(file, future.result) for file, future in futures.items()]
        else:
            failures += [_failure(file, partial(encode, self.source_dir / file, jobs)) for file, jobs in work.items()]
        if problems := [problem for problem in failures if problem is not None]:
            raise CatalogueError(problems)  # the build stops, naming every picture it could not encode
        for file in files:
            self._link(file, output)
        return sum(len(jobs) for jobs in work.values())

    def _plan(self, file: str, work: dict[str, list[tuple[int, str, dict[str, Any], Path]]]) -> None:
        if jobs := self.missing(file):
            work[file] = jobs

    def _link(self, file: str, output: Path) -> None:
        picture = self.picture(file)
        for width in picture.widths:
            for fmt in self.formats:
                cached = self.cached_file(file, width, fmt)
                if not cached.exists():
                    raise OSError(f"content/images/{file}: the {fmt} picture at {width} px was not encoded")
                _link_or_copy(cached, output / picture.path(width, fmt, self.folder))

    def _digest(self, file: str) -> str:
        if file not in self._digests:
            self._digests[file] = hashlib.sha256((self.source_dir / file).read_bytes()).hexdigest()
        return self._digests[file]


# What Pillow raises for data it cannot decode.
BAD_DATA = (OSError, SyntaxError, ValueError, EOFError)


class DamagedPicture(Exception):
    """A source picture whose pixels Pillow could not decode, with Pillow's reason."""

    @classmethod
    def of(cls, error: Exception) -> DamagedPicture:
        return cls(str(error) or type(error).__name__)


def _failure(file: str, encoding: Callable[[], None]) -> Problem | None:
    """Run ``encoding`` (reading or encoding the picture ``file``): the problem it met, or None."""
    try:
        encoding()
    except DamagedPicture as error:
        # The check decodes every picture, so this is a damage it could not see; without
        # this, the editor read "OSError: broken data stream" without knowing which picture.
        return Problem(f"content/images/{file}", 1, "-", f"the picture is damaged ({error}); export or copy it again")
    return None


def encode(source: Path, jobs: list[tuple[int, str, dict[str, Any], Path]]) -> None:
    """Encode one picture at several widths and formats (runs in a worker process)."""
    try:
        with strict_decoding(), Image.open(source) as opened:
            upright = prepared(opened)
    except BAD_DATA as error:
        raise DamagedPicture.of(error) from None
    for width, fmt, options, target in jobs:
        resized = upright.resize((width, max(1, round(upright.height * width / upright.width))), Image.LANCZOS)
        if fmt == "jpeg":
            resized = on_white(resized)
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written beside the entry then renamed: a killed build leaves no half-written entry.
        partial = target.with_name(f".{target.name}.{os.getpid()}")
        resized.save(partial, fmt.upper(), **options)
        partial.replace(target)


def _link_or_copy(cached: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(cached, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(cached, target)


# Templates ---------------------------------------------------------------------


@dataclass(frozen=True)
class Sources:
    """What a ``<picture>`` of one source picture offers the browser: a ``<source>``'s
    ``srcset`` per format but the fallback, the fallback's ``srcset`` and ``src`` (the
    ``<img>``'s), and the picture's size."""

    sources: dict[str, str]  # MIME type -> srcset
    srcset: str
    src: str
    width: int
    height: int


def picture_sources(pictures: Pictures, image: Any, site_url: str = "") -> Sources:
    """The sources of ``image``'s picture, their addresses under ``site_url``."""
    picture = pictures.picture(image.file)

    def srcset(fmt: str) -> str:
        return ", ".join(f"{site_url}/{picture.path(w, fmt, pictures.folder)} {w}w" for w in picture.widths)

    fallback = pictures.fallback
    sources = {MIME_TYPES[fmt]: srcset(fmt) for fmt in pictures.formats if fmt != fallback}
    default_width = next((w for w in picture.widths if w >= 480), picture.widths[-1])
    src = f"{site_url}/{picture.path(default_width, fallback, pictures.folder)}"
    return Sources(sources, srcset(fallback), src, picture.width, picture.height)


def picture_markup(
    pictures: Pictures,
    image: Any,
    alt: str,
    sizes: str,
    site_url: str = "",
    eager: bool = False,
    alt_lang: str | None = None,
) -> Markup:
    """``<picture>`` with AVIF and WebP sources and a JPEG ``<img>`` of explicit size.

    ``eager`` is for the picture at the top of a page (the largest paint):
    it loads at once and first; every other picture waits until it is near.
    ``alt_lang`` is the language of ``alt`` when it is not the page's."""
    found = picture_sources(pictures, image, site_url)
    sources = [
        Markup('<source type="{}" srcset="{}" sizes="{}">').format(mime, srcset, sizes)
        for mime, srcset in found.sources.items()
    ]
    loading = Markup('fetchpriority="high"') if eager else Markup('loading="lazy" decoding="async"')
    lang = Markup(' lang="{}"').format(alt_lang) if alt_lang else ""
    img = Markup('<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{} {}>').format(
        found.src, found.srcset, sizes, found.width, found.height, alt, lang, loading
    )
    return Markup("<picture>{}{}</picture>").format(Markup("").join(sources), img)


def install(env: Environment, settings: dict[str, Any]) -> None:
    """Give templates ``{{ image|picture(sizes) }}`` (``eager=True`` for the top picture),
    ``{{ image|picture_data(sizes) }}``: the same picture as JSON, for scripts that draw it
    (the search results, from the index's metadata), and ``shared_picture_path(file)``."""
    pictures = Pictures(settings)

    @pass_context
    def picture(context: Context, image: Any, sizes: str = "100vw", eager: bool = False) -> Markup:
        if not image:
            return Markup("")
        alt, alt_lang = _alt(context, image)
        return picture_markup(pictures, image, alt, sizes, context.get("SITEURL", "") or "", eager, alt_lang)

    @pass_context
    def picture_data(context: Context, image: Any, sizes: str = "100vw") -> str:
        if not image:
            return ""
        found = picture_sources(pictures, image, context.get("SITEURL", "") or "")
        alt, alt_lang = _alt(context, image)
        data = {
            "sources": [{"type": mime, "srcset": srcset} for mime, srcset in found.sources.items()],
            "srcset": found.srcset,
            "src": found.src,
            "width": found.width,
            "height": found.height,
            "alt": alt,
            "sizes": sizes,
        }
        if alt_lang:  # only where the alt text is untranslated: the index holds it for every record
            data["lang"] = alt_lang
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    env.filters["picture"] = picture
    env.filters["picture_data"] = picture_data
    # For the social tags and JSON-LD, which pages make in Python (``social``, ``structured_data``).
    env.globals["shared_picture_path"] = pictures.shared_path


def _alt(context: Context, image: Any) -> tuple[str, str | None]:
    """The picture's alt text for the page, and the text's language when it is not the page's
    (a Vietnamese text on an English page, for want of a translation): the ``<img>`` is then
    marked ``lang="vi"``, as the templates mark other such texts (the ``lt`` filter)."""
    if image.alt is None:
        return "", None
    lang = page_lang(context)
    alt, alt_lang = image.alt.get(lang)
    return alt, alt_lang if alt_lang != lang else None


def record_pictures(catalogue: Any) -> list[str]:
    """Every picture the records show."""
    records = [*catalogue.products.values(), *catalogue.producers.values()]
    return [image.file for record in records for image in record.images]
