"""The picture pipeline: AVIF, WebP and JPEG at several widths, encoded once and cached by content."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
from conftest import ROOT, Project, damaged_png, parse
from ocop_catalogue.images import Pictures, cache_path, derived_stem, widths_for
from ocop_catalogue.pictures import TRUNCATED, picture_problem
from ocop_catalogue.problems import CatalogueError
from PIL import Image, ImageFile


def draw(path: Path, size: tuple[int, int], colour: str = "teal", orientation: int | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    Image.new("RGB", size, colour).save(path, "JPEG", exif=exif)


@pytest.fixture
def pictures(tmp_path: Path) -> Pictures:
    draw(tmp_path / "content" / "images" / "products" / "wide.jpg", (1000, 500))
    draw(tmp_path / "content" / "images" / "products" / "small.jpg", (300, 200), "orange")
    return Pictures({"PATH": str(tmp_path / "content"), "IMAGE_WIDTHS": (320, 480, 800, 1200)})


def test_a_picture_is_never_enlarged():
    assert widths_for(1000, (320, 480, 800, 1200)) == (320, 480, 800, 1000)
    assert widths_for(1600, (320, 480, 800, 1200)) == (320, 480, 800, 1200)
    assert widths_for(300, (320, 480, 800, 1200)) == (300,)


def test_every_width_in_every_format_reaches_the_output(pictures: Pictures, tmp_path: Path):
    output = tmp_path / "output"
    encoded = pictures.publish(["products/wide.jpg"], output)
    assert encoded == 4 * 3
    for width in (320, 480, 800, 1000):
        for ext, pillow_format in (("avif", "AVIF"), ("webp", "WEBP"), ("jpg", "JPEG")):
            with Image.open(output / "images" / "products" / f"wide-{width}.{ext}") as image:
                assert image.format == pillow_format
                assert image.size == (width, width // 2)


def test_an_unchanged_picture_is_never_encoded_again(pictures: Pictures, tmp_path: Path):
    settings = {"PATH": str(tmp_path / "content")}
    assert pictures.publish(["products/wide.jpg", "products/small.jpg"], tmp_path / "one") == 4 * 3 + 3
    # A new build, into an output folder that was cleaned: everything comes from the cache.
    assert Pictures(settings).publish(["products/wide.jpg", "products/small.jpg"], tmp_path / "two") == 0
    assert (tmp_path / "two" / "images" / "products" / "small-300.webp").is_file()
    # A changed picture is encoded again, and only that one.
    draw(tmp_path / "content" / "images" / "products" / "small.jpg", (300, 200), "navy")
    assert Pictures(settings).publish(["products/wide.jpg", "products/small.jpg"], tmp_path / "three") == 3


def test_other_encoding_settings_are_other_cache_entries(pictures: Pictures, tmp_path: Path):
    first = pictures.derivative("products/small.jpg", 300, "webp")
    settings = {"PATH": str(tmp_path / "content"), "IMAGE_FORMATS": {"webp": {"quality": 40}}}
    second = Pictures(settings).derivative("products/small.jpg", 300, "webp")
    assert first.is_file() and second.is_file()
    assert first != second


def test_the_cache_is_outside_the_output(tmp_path: Path):
    settings = {"PATH": str(tmp_path / "content"), "OUTPUT_PATH": str(tmp_path / "output")}
    assert cache_path(settings) == tmp_path / "cache" / "images"
    assert cache_path({**settings, "IMAGE_CACHE_PATH": "/srv/cache"}) == Path("/srv/cache")


def test_a_turned_phone_photo_keeps_its_upright_size(tmp_path: Path):
    draw(tmp_path / "content" / "images" / "turned.jpg", (800, 600), orientation=6)
    pictures = Pictures({"PATH": str(tmp_path / "content")})
    picture = pictures.picture("turned.jpg")
    assert (picture.width, picture.height) == (600, 800)
    with Image.open(pictures.derivative("turned.jpg", 480, "jpeg")) as image:
        assert image.size == (480, 640)


def test_pages_serve_pictures_with_sources_sizes_and_dimensions(demo_site: Path):
    page = parse(demo_site / "san-pham" / "dau-lac-hai-yen" / "index.html")
    picture = page.select_one(".main-picture picture")
    types = [source["type"] for source in picture.find_all("source")]
    assert types == ["image/avif", "image/webp"]
    img = picture.img
    assert img["width"] and img["height"] and img["sizes"]
    assert img.get("loading") != "lazy"  # the main picture is the largest paint: it loads at once
    for srcset in [s["srcset"] for s in picture.find_all("source")] + [img["srcset"]]:
        for candidate in srcset.split(", "):
            url, width = candidate.split()
            assert (demo_site / url.lstrip("/")).is_file(), url
            assert width.endswith("w")
    card = parse(demo_site / "dia-phuong" / "ha-long" / "index.html").select_one(".cards img")
    assert card["loading"] == "lazy"


def test_original_pictures_stay_out_of_the_output(demo_site: Path):
    originals = {p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content" / "images").rglob("*.jpg")}
    assert originals
    assert not any((demo_site / original).exists() for original in originals)


def test_pictures_with_transparency_or_a_palette_are_encoded(tmp_path: Path):
    images = tmp_path / "content" / "images"
    images.mkdir(parents=True)
    Image.new("RGBA", (400, 300), (200, 30, 30, 128)).save(images / "logo.png")
    Image.new("P", (400, 300), 3).save(images / "palette.gif")
    Image.new("CMYK", (400, 300), (0, 80, 80, 0)).save(images / "print.jpg")
    pictures = Pictures({"PATH": str(tmp_path / "content"), "IMAGE_WORKERS": 1})
    assert pictures.publish(["logo.png", "palette.gif", "print.jpg"], tmp_path / "output") == 3 * 2 * 3
    with Image.open(tmp_path / "output" / "images" / f"{derived_stem('logo.png')}-320.jpg") as flattened:
        assert flattened.mode == "RGB"
        assert flattened.getpixel((10, 10)) != (200, 30, 30)  # drawn on white, not black


def test_a_photo_within_the_side_limit_opens_without_a_warning(tmp_path: Path):
    """The check accepts up to 10,000 px a side; Pillow's own limit, a 9,459 px square, warned
    of a decompression bomb at every build for a 9,800 px square photo."""
    images = tmp_path / "content" / "images"
    images.mkdir(parents=True)
    Image.new("1", (9_800, 9_800)).save(images / "vuong.png")
    pictures = Pictures({"PATH": str(tmp_path / "content")})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert pictures.picture("vuong.png").width == 9_800


def test_each_source_picture_has_derivatives_of_its_own():
    """Names the editors' guide asks for keep their own; any other is made unique and safe in a URL."""
    assert derived_stem("products/dau-lac.jpg") == "products/dau-lac"
    stems = {derived_stem(f"products/mat-ong-dam-ha{ext}") for ext in (".jpg", ".png", ".JPG", ".jpeg")}
    assert len(stems) == 4
    named = [derived_stem(name) for name in ("products/Mật ong Đầm Hà (1).jpg", "products/mat ong dam ha (1).jpg")]
    assert named[0] != named[1]
    assert all(re.fullmatch(r"[a-z0-9_/-]+", stem) for stem in stems | set(named))


def srcset_files(page, site: Path) -> list[Path]:
    """Every file the page's main picture offers the browser, each checked to be a valid URL."""
    picture = page.select_one(".main-picture picture")
    candidates = [c for s in picture.select("source, img") for c in s["srcset"].split(", ")] + [picture.img["src"]]
    urls = [candidate.split()[0] for candidate in candidates]
    assert all(re.fullmatch(r"/[A-Za-z0-9_./-]+", url) for url in urls), urls
    return [site / url.lstrip("/") for url in urls]


def test_pictures_of_the_same_name_or_an_unsafe_name_show_each_their_own(project: Project, capsys):
    """content/images/products/mat-ong-dam-ha.png beside mat-ong-dam-ha.jpg overwrote its
    derivatives: both products showed the png. A name with spaces made an invalid srcset."""
    images = project.root / "content" / "images" / "products"
    Image.new("RGB", (1600, 1200), (255, 0, 0)).save(images / "mat-ong-dam-ha.png")  # as wide as the jpg
    Image.new("RGB", (400, 300), (0, 0, 255)).save(images / "Mật ong Đầm Hà (1).jpg")
    for product, file in (
        ("mat-ong-rung-dong-lam", "mat-ong-dam-ha.png"),
        ("che-vang-dong-trieu", "Mật ong Đầm Hà (1).jpg"),
    ):
        record = project.root / "data" / "products" / f"{product}.yaml"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace(f"file: products/{product}.jpg", f'file: "products/{file}"'), encoding="utf-8")
    code, printed = project.build(capsys)
    assert code == 0, printed

    def shown(product: str) -> tuple[int, int, int]:
        """The colour at the middle of the product's main picture, as its <img> shows it."""
        files = srcset_files(parse(project.output / "san-pham" / product / "index.html"), project.output)
        assert all(file.is_file() for file in files), files
        with Image.open(files[-1]) as image:
            return image.convert("RGB").getpixel((image.width // 2, image.height // 2))

    red = shown("mat-ong-rung-dong-lam")
    assert red[0] > 200 and red[2] < 50  # the png
    assert shown("mat-ong-dam-ha") != red  # its own photo, not the png
    blue = shown("che-vang-dong-trieu")
    assert blue[2] > 200 and blue[0] < 50


def test_pictures_cut_short_are_refused_after_the_booklets_library_is_loaded(tmp_path: Path):
    """WeasyPrint, which renders the booklets, lets Pillow read truncated pictures in the whole
    process once imported: the check and the encoding refuse them all the same."""
    import weasyprint  # noqa: F401

    assert ImageFile.LOAD_TRUNCATED_IMAGES  # what importing it does, which this test is about
    images = tmp_path / "content" / "images"
    images.mkdir(parents=True)
    photo = images / "cut.jpg"
    draw(photo, (1200, 800))
    photo.write_bytes(photo.read_bytes()[:2000])
    assert picture_problem(photo) == TRUNCATED
    damaged_png(images / "hong.png")
    with pytest.raises(CatalogueError):
        Pictures({"PATH": str(tmp_path / "content"), "IMAGE_WORKERS": 1}).publish(["hong.png"], tmp_path / "output")
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # left as the process had it


def test_a_picture_that_cannot_be_encoded_is_named(tmp_path: Path):
    """The build said only "OSError: broken data stream when reading image file"."""
    images = tmp_path / "content" / "images"
    images.mkdir(parents=True)
    damaged_png(images / "hong.png")
    draw(images / "tot.jpg", (300, 200))
    pictures = Pictures({"PATH": str(tmp_path / "content"), "IMAGE_WORKERS": 2})
    with pytest.raises(CatalogueError) as raised:
        pictures.publish(["hong.png", "tot.jpg"], tmp_path / "output")
    assert [str(problem) for problem in raised.value.problems] == [
        "content/images/hong.png:1: -: the picture is damaged (broken data stream when reading image file); "
        "export or copy it again"
    ]
