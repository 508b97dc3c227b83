"""A source picture's pixels as the encoders take them, for the web (``images``) and for
print (``printimages``): upright, in sRGB, RGB or RGBA; on white where the format has no
transparency.

The derivatives carry no colour profile, so whatever reads them takes their numbers as
sRGB. A picture with a profile of its own is therefore converted to sRGB first (with
LittleCMS, through Pillow's ``ImageCms``): a phone's Display P3 photo read as sRGB looks
dull, a camera's Adobe RGB one too, and a print shop's CMYK file turned into RGB without its
profile comes out in colours far from the product's.
"""

from __future__ import annotations

import io

from PIL import Image, ImageCms, ImageOps

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
# What ``prepared`` makes of a source, in the cache keys of the pictures encoded from it:
# 2 since pictures with a colour profile are converted to sRGB and print is put on white.
VERSION = 2


def prepared(opened: Image.Image) -> Image.Image:
    """``opened`` upright (its EXIF orientation applied), in sRGB, as RGB or RGBA (RGBA where
    it has transparency; CMYK, palette and 16-bit sources too)."""
    profile = opened.info.get("icc_profile")
    upright = ImageOps.exif_transpose(opened)
    if profile:
        upright = _in_srgb(upright, profile)
        # Its pixels are sRGB now; AVIF's encoder would embed the profile left in the info.
        upright.info.pop("icc_profile", None)
    if upright.mode in ("RGB", "RGBA"):
        upright.load()
        return upright
    transparent = upright.mode in ("LA", "PA") or "transparency" in upright.info
    return upright.convert("RGBA" if transparent else "RGB")


def on_white(image: Image.Image) -> Image.Image:
    """``image`` without transparency, put on white: JPEG has none, and a cut-out product on a
    transparent background came out on black."""
    if image.mode == "RGB":
        return image
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, "white")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def _in_srgb(image: Image.Image, profile: bytes) -> Image.Image:
    """``image`` converted from its embedded ``profile`` to sRGB; as it is where LittleCMS
    cannot read that profile or apply it to the picture's mode (a damaged profile, a
    palette): its colours then stay as they were read before, not worse."""
    mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") else "RGB"
    try:
        return ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(profile)), SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image
