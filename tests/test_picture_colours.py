"""A picture's colours reach phones and paper as the photographer saw them: a picture with a
colour profile of its own (a phone's Display P3, a camera's Adobe RGB, a print shop's CMYK) is
published in sRGB, which is how its derivatives, without a profile, are read; and a cut-out on
a transparent background prints on white."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from ocop_catalogue.images import Pictures, derived_stem
from ocop_catalogue.printimages import print_picture
from PIL import Image

# sRGB's primaries as a profile gives them (XYZ, adapted to D50).
RED, GREEN, BLUE = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)
WHITE = (0.9642, 1.0, 0.8249)


def rgb_profile(red: tuple, green: tuple, blue: tuple, gamma: float = 2.2) -> bytes:
    """A small ICC v2 display profile: three primaries, a white point and one gamma curve."""

    def number(value: float) -> bytes:  # s15Fixed16
        return struct.pack(">i", round(value * 65536))

    def xyz(point: tuple) -> bytes:
        return b"XYZ " + bytes(4) + b"".join(number(value) for value in point)

    curve = b"curv" + bytes(4) + struct.pack(">IH", 1, round(gamma * 256)) + bytes(2)
    name = b"test profile\0"
    description = b"desc" + bytes(4) + struct.pack(">I", len(name)) + name + bytes(8 + 3 + 67)
    tags = [(b"desc", description), (b"wtpt", xyz(WHITE)), (b"rXYZ", xyz(red)), (b"gXYZ", xyz(green))]
    tags += [(b"bXYZ", xyz(blue)), (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    start = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        body += bytes(-len(body) % 4)
        table += signature + struct.pack(">II", start + len(data), len(body))
        data += body
    header = struct.pack(">I", start + len(data)) + b"lcms" + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
    header += bytes(12) + b"acsp" + bytes(28) + xyz(WHITE)[8:] + bytes(48)
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


# A profile whose red is sRGB's green and whose green is sRGB's red: what it calls red is green.
SWAPPED = rgb_profile(GREEN, RED, BLUE)


def publish(tmp_path: Path, name: str, image: Image.Image, **save: object) -> dict[str, tuple]:
    """Each format's derivative of ``image`` saved as ``name``: the colour at its centre."""
    images = tmp_path / "content" / "images"
    images.mkdir(parents=True)
    image.save(images / name, **save)
    Pictures({"PATH": str(tmp_path / "content"), "IMAGE_WORKERS": 1}).publish([name], tmp_path / "output")
    colours = {}
    for extension in ("avif", "webp", "jpg"):
        with Image.open(tmp_path / "output" / "images" / f"{derived_stem(name)}-320.{extension}") as derived:
            assert "icc_profile" not in derived.info or not derived.info["icc_profile"]
            colours[extension] = derived.convert("RGB").getpixel((160, 120))
    return colours


def greenish(colour: tuple) -> bool:
    red, green, blue = colour
    return green > 150 and red < 80 and blue < 80


def test_a_picture_with_a_profile_of_its_own_is_published_in_srgb(tmp_path: Path):
    colours = publish(tmp_path, "swapped.jpg", Image.new("RGB", (400, 300), (200, 30, 30)), icc_profile=SWAPPED)
    assert all(greenish(colour) for colour in colours.values()), colours


def test_a_transparent_picture_with_a_profile_keeps_its_transparency(tmp_path: Path):
    picture = Image.new("RGBA", (400, 300), (200, 30, 30, 255))
    picture.paste((0, 0, 0, 0), (0, 0, 100, 300))  # a transparent band at the left
    publish(tmp_path, "cut-out.png", picture, icc_profile=SWAPPED)
    with Image.open(tmp_path / "output" / "images" / f"{derived_stem('cut-out.png')}-320.webp") as derived:
        assert derived.mode == "RGBA"
        assert derived.getpixel((10, 150))[3] == 0 and greenish(derived.getpixel((300, 150))[:3])


@pytest.mark.parametrize("profile", [b"not a profile", SWAPPED[:200]])
def test_a_damaged_profile_leaves_the_colours_as_they_were(tmp_path: Path, profile: bytes):
    colours = publish(tmp_path, "damaged.jpg", Image.new("RGB", (400, 300), (200, 30, 30)), icc_profile=profile)
    assert all(colour[0] > 150 and colour[1] < 80 for colour in colours.values()), colours


def test_a_picture_with_a_profile_of_its_own_prints_in_srgb(tmp_path: Path):
    source = tmp_path / "swapped.jpg"
    Image.new("RGB", (800, 600), (200, 30, 30)).save(source, icc_profile=SWAPPED)
    with Image.open(print_picture(source, tmp_path / "cache")) as printed:
        assert greenish(printed.getpixel((300, 225)))


def test_a_cut_out_prints_on_white(tmp_path: Path):
    # A product photographed and cut out on a transparent background printed on black.
    source = tmp_path / "cut-out.png"
    picture = Image.new("RGBA", (800, 600), (0, 0, 0, 0))
    picture.paste((200, 30, 30, 255), (200, 150, 600, 450))
    picture.save(source)
    with Image.open(print_picture(source, tmp_path / "cache")) as printed:
        assert printed.mode == "RGB"
        assert printed.getpixel((10, 10)) == pytest.approx((255, 255, 255), abs=2)
        assert printed.getpixel((300, 225))[0] > 150
