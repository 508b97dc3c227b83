"""Draw the demo catalogue's pictures.

Every product in data/products/ gets a generated illustration at
content/images/products/<id>.jpg, and every producer whose record points to
producers/<id>.jpg gets one at content/images/producers/<id>.jpg. No photo is
downloaded: each picture is a soft gradient in the colour of the product group
(or producer kind), a simple shape that suggests the product, and the name.

Only Pillow is needed. The records are read with a few regular expressions
rather than a YAML parser, which is enough for the demo files. The output is
deterministic: every random choice is seeded by the record id.

Run from anywhere:  python tests/tools/draw_demo_pictures.py
"""

import json
import random
import re
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[2]
WIDTH, HEIGHT = 1200, 900
SCALE = 2  # draw at twice the size, then shrink: smooth edges without extra work
QUALITY = 82

# (top colour, bottom colour) of the background, per product group
GROUP_COLOURS = {
    "thuc-pham": ((252, 226, 180), (226, 128, 72)),
    "do-uong": ((200, 238, 222), (52, 132, 118)),
    "duoc-lieu": ((222, 240, 190), (86, 138, 62)),
    "thu-cong-my-nghe": ((240, 224, 208), (140, 92, 64)),
    "sinh-vat-canh": ((250, 214, 230), (150, 92, 166)),
    "du-lich": ((198, 230, 248), (46, 120, 176)),
}
KIND_COLOURS = {
    "enterprise": ((214, 226, 240), (70, 96, 140)),
    "cooperative": ((226, 238, 200), (94, 136, 70)),
    "cooperative-group": ((246, 232, 196), (184, 128, 60)),
    "household": ((246, 218, 206), (170, 88, 74)),
}
# the first keyword found in a product id decides its shape; else the group does
SHAPE_KEYWORDS = [
    ("banh-gio", "pyramid"),
    ("sua-chua", "cup"),
    ("na-dai", "fruit"),
    ("ngoc-trai", "pearls"),
    ("tinh-dau", "bottle"),
    ("nuoc-mam", "bottle"),
    ("ruou", "bottle"),
    ("sua-tuoi", "bottle"),
    ("mat-ong", "bottle"),
    ("dau-", "bottle"),
    ("cao-", "jar"),
    ("chanh-dao", "jar"),
    ("ruoc", "jar"),
    ("mam-", "jar"),
    ("cha-", "plate"),
    ("ga-", "plate"),
    ("muc", "fish"),
    ("sa-sung", "fish"),
    ("hau", "fish"),
    ("tom", "fish"),
    ("am-chen", "cup"),
]
GROUP_SHAPES = {
    "thuc-pham": "bag",
    "do-uong": "bag",
    "duoc-lieu": "leaf",
    "thu-cong-my-nghe": "vase",
    "sinh-vat-canh": "flower",
    "du-lich": "landscape",
}
FONT_NAMES = ["DejaVuSans-Bold.ttf", "DejaVuSans.ttf"]


def find_font():
    """Return the path of a font that covers Vietnamese, or None."""
    for name in FONT_NAMES:
        for folder in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts")):
            if folder.is_dir():
                found = sorted(folder.rglob(name))
                if found:
                    return found[0]
    return None


def unquote(value):
    value = value.strip()
    if value.startswith('"'):
        return json.loads(value)
    return value.strip("'")


def read_field(text, key):
    """The Vietnamese value of a top-level `key:` line, in any of the three styles."""
    match = re.search(rf"^{key}:[ \t]*(.*)$", text, re.MULTILINE)
    if not match:
        return None
    rest = match.group(1).strip()
    if rest.startswith("{"):
        inner = re.search(r'vi:\s*("(?:[^"\\]|\\.)*"|[^,}]*)', rest)
        return unquote(inner.group(1)) if inner else None
    if rest:
        return unquote(rest)
    below = re.match(r"\n\s+vi:[ \t]*(.*)", text[match.end() :])
    return unquote(below.group(1)) if below else None


def gradient(top, bottom):
    size = (WIDTH * SCALE, HEIGHT * SCALE)
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def shade(colour, factor):
    return tuple(max(0, min(255, int(c * factor))) for c in colour)


def add_bokeh(image, rng):
    """Blurred light circles for depth."""
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(7):
        r = rng.randint(60, 220) * SCALE // 2
        x, y = rng.randint(0, image.width), rng.randint(0, image.height * 2 // 3)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255, rng.randint(30, 70)))
    layer = layer.filter(ImageFilter.GaussianBlur(18 * SCALE))
    return Image.alpha_composite(image.convert("RGBA"), layer)


def draw_shape(draw, shape, cx, cy, size, colour, rng):
    """Draw a simple outline of the product kind centred on (cx, cy)."""
    dark, light = shade(colour, 0.55), shade(colour, 1.35)
    s = size
    if shape == "bottle":
        draw.rounded_rectangle((cx - s * 0.32, cy - s * 0.35, cx + s * 0.32, cy + s), s * 0.12, fill=colour)
        draw.rectangle((cx - s * 0.12, cy - s * 0.8, cx + s * 0.12, cy - s * 0.3), fill=colour)
        draw.rectangle((cx - s * 0.15, cy - s * 0.95, cx + s * 0.15, cy - s * 0.78), fill=dark)
        draw.rounded_rectangle((cx - s * 0.26, cy, cx + s * 0.26, cy + s * 0.5), s * 0.05, fill=light)
    elif shape == "jar":
        draw.rounded_rectangle((cx - s * 0.5, cy - s * 0.45, cx + s * 0.5, cy + s * 0.8), s * 0.2, fill=colour)
        draw.rounded_rectangle((cx - s * 0.42, cy - s * 0.7, cx + s * 0.42, cy - s * 0.42), s * 0.06, fill=dark)
        draw.rounded_rectangle((cx - s * 0.36, cy - s * 0.1, cx + s * 0.36, cy + s * 0.45), s * 0.05, fill=light)
    elif shape == "bag":
        draw.polygon(
            [
                (cx - s * 0.5, cy - s * 0.6),
                (cx + s * 0.5, cy - s * 0.6),
                (cx + s * 0.6, cy + s),
                (cx - s * 0.6, cy + s),
            ],
            fill=colour,
        )
        draw.rectangle((cx - s * 0.5, cy - s * 0.75, cx + s * 0.5, cy - s * 0.6), fill=dark)
        draw.ellipse((cx - s * 0.3, cy - s * 0.15, cx + s * 0.3, cy + s * 0.45), fill=light)
    elif shape == "vase":
        draw.ellipse((cx - s * 0.6, cy - s * 0.3, cx + s * 0.6, cy + s), fill=colour)
        draw.rectangle((cx - s * 0.2, cy - s * 0.8, cx + s * 0.2, cy - s * 0.1), fill=colour)
        draw.ellipse((cx - s * 0.32, cy - s * 0.92, cx + s * 0.32, cy - s * 0.7), fill=dark)
        for k in range(3):
            y = cy + s * (0.05 + 0.25 * k)
            draw.arc((cx - s * 0.5, y - s * 0.1, cx + s * 0.5, y + s * 0.1), 0, 180, fill=light, width=s // 25)
    elif shape == "cup":
        draw.pieslice((cx - s * 0.7, cy - s * 0.7, cx + s * 0.7, cy + s * 0.7), 0, 180, fill=colour)
        draw.ellipse((cx - s * 0.7, cy - s * 0.12, cx + s * 0.7, cy + s * 0.12), fill=light)
        draw.rectangle((cx - s * 0.25, cy + s * 0.68, cx + s * 0.25, cy + s * 0.8), fill=dark)
    elif shape == "leaf":
        for angle in (-35, 0, 35):
            leaf = Image.new("L", (s * 2, s * 2), 0)
            ImageDraw.Draw(leaf).ellipse((s * 0.6, 0, s * 1.4, s * 2), fill=255)
            leaf = leaf.rotate(angle, center=(s, s * 2))
            draw.bitmap((int(cx - s), int(cy - s * 1.1)), leaf, fill=colour)
        draw.line((cx, cy + s * 0.9, cx, cy - s * 0.6), fill=dark, width=s // 20)
    elif shape == "flower":
        draw.line((cx, cy + s, cx, cy), fill=shade((90, 150, 70), 1), width=s // 14)
        for k in range(5):
            px = cx + s * 0.45 * [1, 0.31, -0.81, -0.81, 0.31][k]
            py = cy - s * 0.35 + s * 0.45 * [0, 0.95, 0.59, -0.59, -0.95][k]
            draw.ellipse((px - s * 0.32, py - s * 0.32, px + s * 0.32, py + s * 0.32), fill=colour)
        draw.ellipse((cx - s * 0.2, cy - s * 0.55, cx + s * 0.2, cy - s * 0.15), fill=(250, 210, 80))
    elif shape == "landscape":
        draw.ellipse((cx + s * 0.3, cy - s * 1.0, cx + s * 0.8, cy - s * 0.5), fill=(255, 214, 110))
        draw.polygon([(cx - s * 1.6, cy + s), (cx - s * 0.6, cy - s * 0.5), (cx + s * 0.4, cy + s)], fill=dark)
        draw.polygon([(cx - s * 0.4, cy + s), (cx + s * 0.6, cy - s * 0.2), (cx + s * 1.6, cy + s)], fill=colour)
        draw.chord((cx - s * 0.5, cy + s * 0.55, cx + s * 0.3, cy + s * 0.95), 0, 180, fill=light)
    elif shape == "plate":
        draw.ellipse((cx - s, cy - s * 0.45, cx + s, cy + s * 0.75), fill=(248, 246, 240))
        for _ in range(5):
            px, py = cx + rng.uniform(-0.5, 0.5) * s, cy + rng.uniform(-0.1, 0.4) * s
            draw.ellipse((px - s * 0.28, py - s * 0.18, px + s * 0.28, py + s * 0.18), fill=colour, outline=dark)
    elif shape == "fish":
        draw.ellipse((cx - s * 0.8, cy - s * 0.35, cx + s * 0.5, cy + s * 0.35), fill=colour)
        draw.polygon([(cx + s * 0.4, cy), (cx + s * 0.95, cy - s * 0.35), (cx + s * 0.95, cy + s * 0.35)], fill=colour)
        draw.ellipse((cx - s * 0.6, cy - s * 0.1, cx - s * 0.45, cy + s * 0.05), fill=dark)
    elif shape == "fruit":
        draw.ellipse((cx - s * 0.7, cy - s * 0.6, cx + s * 0.7, cy + s * 0.8), fill=(150, 190, 110))
        for _ in range(18):
            px, py = cx + rng.uniform(-0.45, 0.45) * s, cy + rng.uniform(-0.35, 0.55) * s
            draw.arc(
                (px - s * 0.14, py - s * 0.14, px + s * 0.14, py + s * 0.14), 200, 340, fill=(90, 130, 60), width=5
            )
        draw.line((cx, cy - s * 0.6, cx + s * 0.1, cy - s * 0.85), fill=(100, 80, 50), width=s // 18)
    elif shape == "pearls":
        for k in range(9):
            px = cx + (k - 4) * s * 0.22
            py = cy + s * 0.5 - s * 0.06 * (k - 4) ** 2
            draw.ellipse(
                (px - s * 0.12, py - s * 0.12, px + s * 0.12, py + s * 0.12), fill=(250, 248, 242), outline=dark
            )
    elif shape == "pyramid":
        draw.polygon(
            [(cx, cy - s * 0.8), (cx + s * 0.8, cy + s * 0.7), (cx - s * 0.8, cy + s * 0.7)], fill=(120, 160, 80)
        )
        draw.line((cx, cy - s * 0.8, cx, cy + s * 0.7), fill=(70, 110, 50), width=s // 30)
    return shape


def draw_building(draw, kind, cx, cy, size, colour):
    """A workshop, a cluster of houses or a home, depending on the producer's kind."""
    s = size
    dark, light = shade(colour, 0.55), shade(colour, 1.4)
    count = {"cooperative-group": 3, "household": 1}.get(kind, 2)
    for k in range(count):
        x = cx + (k - (count - 1) / 2) * s * 0.95
        w = s * (0.55 if count > 1 else 0.7)
        draw.rectangle((x - w, cy - s * 0.1, x + w, cy + s * 0.8), fill=colour)
        draw.polygon([(x - w * 1.15, cy - s * 0.1), (x, cy - s * 0.75), (x + w * 1.15, cy - s * 0.1)], fill=dark)
        draw.rectangle((x - w * 0.25, cy + s * 0.35, x + w * 0.25, cy + s * 0.8), fill=light)
    if kind == "enterprise":
        draw.rectangle((cx + s * 1.2, cy - s * 0.9, cx + s * 1.4, cy + s * 0.8), fill=dark)


def add_caption(image, title, subtitle, font_path):
    """A translucent band at the bottom with the name (and stars or kind) in it."""
    if font_path is None:
        return image
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    margin = 50 * SCALE
    size = 58 * SCALE
    font = ImageFont.truetype(str(font_path), size)
    while draw.textlength(title, font=font) > image.width - 2 * margin - 80 * SCALE and size > 30 * SCALE:
        size -= 2 * SCALE
        font = ImageFont.truetype(str(font_path), size)
    small = ImageFont.truetype(str(font_path), 40 * SCALE)
    top = image.height - 230 * SCALE
    band = (margin, top, image.width - margin, image.height - margin)
    draw.rounded_rectangle(band, 28 * SCALE, fill=(255, 255, 255, 190))
    draw.text((margin + 36 * SCALE, top + 26 * SCALE), title, font=font, fill=(40, 40, 40, 255))
    draw.text((margin + 36 * SCALE, top + 104 * SCALE), subtitle, font=small, fill=(170, 120, 20, 255))
    return Image.alpha_composite(image, layer)


def finish(image, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    small = image.convert("RGB").resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    small.save(path, "JPEG", quality=QUALITY, optimize=True)


def product_picture(record_id, text, font_path):
    rng = random.Random(zlib.crc32(record_id.encode()))
    group = read_field(text, "group") or "thuc-pham"
    star = int(read_field(text, "star") or 3)
    top, bottom = GROUP_COLOURS.get(group, GROUP_COLOURS["thuc-pham"])
    image = add_bokeh(gradient(top, bottom), rng)
    shape = next((s for key, s in SHAPE_KEYWORDS if key in record_id), GROUP_SHAPES.get(group, "bag"))
    colour = shade(bottom, rng.uniform(0.75, 1.05))
    if "mai-vang" in record_id:
        colour = (246, 196, 40)
    draw = ImageDraw.Draw(image)
    cx = image.width // 2 + rng.randint(-80, 80) * SCALE
    draw_shape(draw, shape, cx, 340 * SCALE, 270 * SCALE, colour, rng)
    title = read_field(text, "name") or record_id
    return add_caption(image, title, "OCOP " + "★" * star, font_path)


def producer_picture(record_id, text, font_path):
    rng = random.Random(zlib.crc32(record_id.encode()))
    kind = read_field(text, "kind") or "cooperative"
    top, bottom = KIND_COLOURS.get(kind, KIND_COLOURS["cooperative"])
    image = add_bokeh(gradient(top, bottom), rng)
    draw = ImageDraw.Draw(image)
    hill = shade(bottom, 0.8)
    draw.ellipse((-300 * SCALE, 480 * SCALE, 900 * SCALE, 1100 * SCALE), fill=hill)
    draw.ellipse((500 * SCALE, 520 * SCALE, 1600 * SCALE, 1150 * SCALE), fill=shade(hill, 0.9))
    draw_building(draw, kind, image.width // 2 + rng.randint(-60, 60) * SCALE, 330 * SCALE, 200 * SCALE, top)
    labels = {
        "enterprise": "Doanh nghiệp",
        "cooperative": "Hợp tác xã",
        "cooperative-group": "Tổ hợp tác",
        "household": "Hộ sản xuất",
    }
    return add_caption(image, read_field(text, "name") or record_id, labels.get(kind, ""), font_path)


def main():
    font_path = find_font()
    count = 0
    for source in sorted((ROOT / "data" / "products").glob("*.yaml")):
        text = source.read_text(encoding="utf-8")
        finish(product_picture(source.stem, text, font_path), ROOT / "content/images/products" / f"{source.stem}.jpg")
        count += 1
    for source in sorted((ROOT / "data" / "producers").glob("*.yaml")):
        text = source.read_text(encoding="utf-8")
        if f"producers/{source.stem}.jpg" not in text:
            continue
        finish(producer_picture(source.stem, text, font_path), ROOT / "content/images/producers" / f"{source.stem}.jpg")
        count += 1
    print(f"{count} pictures written" + ("" if font_path else " (no font found: pictures have no text)"))


if __name__ == "__main__":
    main()
