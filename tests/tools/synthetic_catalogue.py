"""Write a synthetic OCOP catalogue of N products in the data format, for benchmarks.

Everything is drawn from one seeded random generator, so the same N and seed
give the same files byte for byte. The shape follows a national catalogue:
about two products per producer, a hundred products per district, a few
communes per district, a fair per 500 products and a story (in both
languages) per 200 products. With ``pictures`` every product gets a small
JPEG of its own.

    python tests/tools/synthetic_catalogue.py --products 1000 /tmp/catalogue
"""

from __future__ import annotations

import argparse
import datetime
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))
from ocop_catalogue.record_warnings import certifying_levels  # noqa: E402  (the levels as the check has them)

GROUPS = ("thuc-pham", "do-uong", "duoc-lieu", "thu-cong-my-nghe", "sinh-vat-canh", "du-lich")
KINDS = ("enterprise", "cooperative", "cooperative-group", "household")
# Syllables with their tones, so that names sort as Vietnamese really does.
SYLLABLES = [
    "Bắc",
    "Đông",
    "Nam",
    "Tây",
    "Hải",
    "Sơn",
    "Lạc",
    "Vừng",
    "Chè",
    "Trà",
    "Mật",
    "Ong",
    "Nấm",
    "Gạo",
    "Nếp",
    "Cái",
    "Hoa",
    "Vàng",
    "Tôm",
    "Cá",
    "Mực",
    "Chả",
    "Rượu",
    "Ngô",
    "Men",
    "Lá",
    "Dầu",
    "Sả",
    "Quế",
    "Hồi",
    "Gừng",
    "Nghệ",
    "Sâm",
    "Ba",
    "Kích",
    "Mơ",
    "Mận",
    "Vải",
    "Nhãn",
    "Na",
    "Dứa",
    "Cam",
    "Bưởi",
    "Chanh",
    "Gốm",
    "Sứ",
    "Mây",
    "Tre",
    "Lụa",
    "Thổ",
    "Cẩm",
    "Ngọc",
    "Trai",
    "Sữa",
    "Bánh",
    "Giò",
    "Miến",
    "Dong",
    "Riềng",
    "Măng",
    "Khô",
    "Hành",
    "Tỏi",
    "Ớt",
    "Tiêu",
    "Điều",
    "Cà",
    "Phê",
    "Cacao",
]
PLACES = [
    "An",
    "Bình",
    "Cẩm",
    "Đồng",
    "Hà",
    "Hòa",
    "Kim",
    "Lâm",
    "Long",
    "Minh",
    "Ninh",
    "Phú",
    "Quang",
    "Tân",
    "Thanh",
    "Thủy",
    "Tiên",
    "Trung",
    "Vĩnh",
    "Xuân",
    "Yên",
    "Đức",
    "Lộc",
    "Hưng",
    "Lợi",
    "Mỹ",
    "Nghĩa",
    "Phước",
    "Sơn",
    "Thạnh",
    "Thuận",
    "Trà",
    "Vân",
]


def _name(rng: random.Random, words: tuple[str, ...] | list[str], count: int) -> str:
    return " ".join(rng.choice(words) for _ in range(count))


def _ascii(text: str) -> str:
    from unidecode import unidecode

    return unidecode(text).lower().replace(" ", "-")


def _text(vi: str, en: str | None) -> str:
    return f"{{vi: {vi}, en: {en}}}" if en else vi


def write_catalogue(root: Path, products: int, seed: int = 20, pictures: bool = False) -> None:
    """Write ``data/``, ``content/`` and ``pelicanconf.py`` of a catalogue under ``root``."""
    rng = random.Random(seed)
    data, content = root / "data", root / "content"
    for folder in ("producers", "products", "fairs"):
        (data / folder).mkdir(parents=True, exist_ok=True)
    (content / "stories").mkdir(parents=True, exist_ok=True)
    communes = _write_areas(data / "areas.yaml", rng, max(10, products // 100))
    producer_ids = [f"chu-the-{n:05d}" for n in range(max(1, products // 2))]
    for producer_id in producer_ids:
        _write_producer(data / "producers" / f"{producer_id}.yaml", rng, rng.choice(communes))
    made_by: dict[str, list[str]] = {}
    for n in range(products):
        product_id = f"san-pham-{n:05d}"
        producer_id = producer_ids[n % len(producer_ids)]
        made_by.setdefault(producer_id, []).append(product_id)
        image = f"products/{product_id}.jpg" if pictures else None
        _write_product(data / "products" / f"{product_id}.yaml", rng, producer_id, image)
        if pictures:
            _draw_picture(content / "images" / image, rng)
    for n in range(max(1, products // 500)):
        _write_fair(data / "fairs" / f"hoi-cho-{n:03d}.yaml", rng, n, made_by)
    for n in range(max(1, products // 200)):
        _write_story(content / "stories", rng, n, sorted(made_by))
    (content / "images").mkdir(exist_ok=True)
    _write_settings(root / "pelicanconf.py")


def _write_areas(path: Path, rng: random.Random, districts: int) -> list[str]:
    lines = ["province:", "  id: quoc-gia", "  name: {vi: Việt Nam, en: Viet Nam}", "districts:"]
    communes = []
    for d in range(districts):
        place = _name(rng, PLACES, 2)
        lines += [
            f"  - id: huyen-{d:04d}",
            f"    name: {_text('Huyện ' + place, place + ' District')}",
            "    communes:",
        ]
        for c in range(4):
            commune = _name(rng, PLACES, 2)
            communes.append(f"xa-{d:04d}-{c}")
            lines += [f"      - id: xa-{d:04d}-{c}", f"        name: {_text('Xã ' + commune, commune + ' Commune')}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return communes


def _write_producer(path: Path, rng: random.Random, commune: str) -> None:
    name = _name(rng, PLACES, 2)
    kind = rng.choice(KINDS)
    lines = [
        f"name: {_text('Hợp tác xã ' + name, name + ' Cooperative')}",
        f"kind: {kind}",
        f"commune: {commune}",
        f"phone: 0{rng.randint(200, 299)} {rng.randint(1000, 9999)} {rng.randint(100, 999)}",
        f"representative: {_name(rng, PLACES, 3)}",
        "description:",
        "  vi: |",
        f"    Cơ sở sản xuất **{name}** từ năm {rng.randint(1990, 2020)}, với {rng.randint(5, 200)} thành viên.",
        "  en: |",
        f"    A producer in **{name}** since {rng.randint(1990, 2020)}, with {rng.randint(5, 200)} members.",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_product(path: Path, rng: random.Random, producer: str, image: str | None) -> None:
    name = _name(rng, SYLLABLES, 3)
    english = rng.random() < 0.9  # one product in ten is not translated yet
    year = rng.randint(2022, 2026)
    group, star, number = rng.choice(GROUPS), rng.choice((3, 3, 3, 4, 4, 5)), rng.randint(100, 9999)
    day = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
    lines = [
        f"name: {_text(name, _ascii(name).replace('-', ' ').title() if english else None)}",
        f"producer: {producer}",
        f"group: {group}",
        f"star: {star}",
        f'certificate: {{number: "{number}/QĐ-UBND", date: {day}, level: {certifying_levels(star, day)[0]}}}',
        "description:",
        "  vi: |",
        f"    Sản phẩm *{name}* được làm theo cách truyền thống.",
        "",
        f"    Mỗi năm sản xuất khoảng {rng.randint(1, 500)} tấn.",
        "  en: |",
        "    Made the traditional way.",
        "prices:",
    ]
    for _ in range(rng.randint(1, 3)):
        lines.append(f"  - {{vnd: {rng.randint(2, 300) * 5000}, unit: {{vi: hộp {rng.randint(1, 9)}00 g, en: box}}}}")
    lines += ["where_to_buy:", "  - {vi: Cửa hàng OCOP, en: OCOP shop}"]
    if image:
        lines += ["images:", f"  - file: {image}", f"    alt: {_text(name, 'A picture of the product')}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_fair(path: Path, rng: random.Random, n: int, made_by: dict[str, list[str]]) -> None:
    year = 2025 + n % 3
    lines = [
        f"name: {{vi: Hội chợ OCOP số {n}, en: OCOP fair number {n}}}",
        f"start: {year}-{n % 12 + 1:02d}-10",
        f"end: {year}-{n % 12 + 1:02d}-14",
        f"venue: {_text('Nhà văn hóa ' + _name(rng, PLACES, 2), 'Culture house')}",
        "exhibitors:",
    ]
    for booth, producer in enumerate(rng.sample(sorted(made_by), min(40, len(made_by)))):
        lines += [f"  - producer: {producer}", f'    booth: "B{booth:03d}"', f"    products: [{made_by[producer][0]}]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_story(folder: Path, rng: random.Random, n: int, producers: list[str]) -> None:
    producer = rng.choice(producers)
    for lang, title in (("vi", f"Câu chuyện số {n}"), ("en", f"Story number {n}")):
        text = (
            f"Title: {title}\nDate: 2026-{n % 12 + 1:02d}-{n % 28 + 1:02d}\nLang: {lang}\n"
            f"Slug: cau-chuyen-{n:04d}\nProducers: {producer}\n\n" + "Một đoạn văn về sản phẩm OCOP.\n\n" * 3
        )
        (folder / f"cau-chuyen-{n:04d}.{lang}.md").write_text(text, encoding="utf-8")


def _draw_picture(path: Path, rng: random.Random) -> None:
    from PIL import Image, ImageDraw

    path.parent.mkdir(parents=True, exist_ok=True)
    picture = Image.new("RGB", (1200, 900), tuple(rng.randint(60, 230) for _ in range(3)))
    draw = ImageDraw.Draw(picture)
    for _ in range(6):
        x, y = rng.randint(0, 1000), rng.randint(0, 700)
        draw.ellipse((x, y, x + 200, y + 200), fill=tuple(rng.randint(0, 255) for _ in range(3)))
    picture.save(path, quality=82)


def _write_settings(path: Path) -> None:
    settings = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    settings += f"\nTHEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
    path.write_text(settings, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--products", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--pictures", action="store_true", help="draw a JPEG for every product")
    args = parser.parse_args()
    shutil.rmtree(args.folder, ignore_errors=True)
    write_catalogue(args.folder, args.products, args.seed, args.pictures)


if __name__ == "__main__":
    main()
