"""A booklet's entry gives every contact its producer has: buyers take the booklet home."""

from __future__ import annotations

import pytest
from conftest import ROOT, Project, pdf_words
from ocop_catalogue.booklets import Booklet
from ocop_catalogue.pdf import standalone_renderer, write_all
from pelican.settings import read_settings
from test_print import A4, MM, pdftotext

PRODUCER = "data/producers/cong-ty-ngoc-trai-vinh-ha-long.yaml"  # makes the 5-star pearl jewellery
# A shop's page on a social network: a long address, with no place to break in its last part.
WEBSITE = "https://www.facebook.com/congtytnhhngoctraivinhhalongtrangsucngoctraichinhhang"
LABELS = {
    "vi": ("Thư điện tử", "Trang web", "Điện thoại", "Trang sức ngọc trai Hạ Long"),
    "en": ("E-mail", "Website", "Phone", "Ha Long pearl jewellery"),
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_entry_gives_the_producers_e_mail_and_website_without_a_phone_too(project: Project, lang):
    record = (ROOT / PRODUCER).read_text(encoding="utf-8")
    project.write(
        PRODUCER, record.replace("phone: 0203 3825 640\n", "").replace("https://ngoctrai.example.vn", WEBSITE)
    )
    override = {"BOOKLET_PROCESSES": 1, "BOOKLET_IMAGE_CACHE_PATH": str(ROOT / "cache" / "images")}
    settings = read_settings(str(project.root / "pelicanconf.py"), override=override)
    renderer = standalone_renderer(settings)
    target = project.root / "star-5.pdf"
    write_all(renderer.templates, renderer.context, settings, [(Booklet("star", "5"), lang, target)])
    email, website, phone, title = LABELS[lang]
    pages = pdftotext(target)
    [number] = [number for number, text in enumerate(pages, 1) if f"{title} ★" in text]
    entry = pages[number - 1].split(f"{title} ★")[1]
    assert f"{email}: info@ngoctrai.example.vn" in entry
    assert f"{phone}:" not in entry.split(email)[0]  # the producer has no phone: no line for one
    # The address as under the QR codes, without its scheme, after its label.
    address = WEBSITE.removeprefix("https://")
    assert f"{website}: www.facebook.com/" in entry
    # Its parts, in the order they are read, wrapped within the facts' column, clear of the QR
    # code and its caption beside it.
    found = pdf_words(target, number)
    start = [word.text for word in found].index("www.facebook.com/")
    parts, read = [], ""
    for word in found[start:]:
        if address.startswith(read + word.text):  # the QR code's caption may be read in between
            parts.append(word)
            read += word.text
    assert read == address
    right_margin = float(read_settings(str(ROOT / "pelicanconf.py"))["BOOKLET_MARGINS"].split()[1].removesuffix("mm"))
    column = A4[0] - (right_margin + 31) * MM  # .entry's right padding
    assert [word.text for word in parts if word.right > column + 0.5] == []
