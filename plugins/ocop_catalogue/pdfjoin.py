"""Draw pages laid out apart under the pages of a booklet's frame, with pypdf.

Each page of entries becomes a form XObject (its content stream and
resources as they are, still compressed) that the frame's page draws first,
beneath its own header and footer. Nothing is parsed or re-encoded, so the
join takes a second or two for hundreds of pages, where pypdf's
``merge_page`` parses every content stream. The frame's page objects stay, so
its links, bookmarks and named destinations still point at them.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import ContentStream, DictionaryObject, NameObject, RectangleObject


def draw_under(frame: bytes, slots: list[int], parts: list[Path], target: Path) -> None:
    """Write ``target``: the frame, each page of ``parts`` in turn drawn under its page in ``slots``."""
    writer = PdfWriter(clone_from=BytesIO(frame))
    pages = [page for part in parts for page in PdfReader(part).pages]
    if len(pages) != len(slots):
        raise ValueError(f"{len(pages)} pages of entries for {len(slots)} pages kept for them")
    for number, (slot, page) in enumerate(zip(slots, pages, strict=True)):
        _draw_under(writer, writer.pages[slot], page, NameObject(f"/Entries{number}"))
    partial = target.with_name(f".{target.name}.part")
    with partial.open("wb") as output:
        writer.write(output)
    partial.replace(target)


def _draw_under(writer: PdfWriter, frame_page: PageObject, page: PageObject, name: NameObject) -> None:
    form = page.raw_get("/Contents").clone(writer)  # a reference, in the writer, to the stream as it is
    form.get_object().update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): RectangleObject(page.mediabox),
            NameObject("/Resources"): page.raw_get("/Resources").clone(writer),
        }
    )
    resources = frame_page["/Resources"].get_object()
    if "/XObject" not in resources:
        resources[NameObject("/XObject")] = DictionaryObject()
    resources["/XObject"].get_object()[name] = form
    # The frame's own drawing (header and footer, a few lines) comes after, over the entries.
    own = frame_page.get_contents()
    drawing = ContentStream(None, writer)
    drawing.set_data(f"q {name} Do Q\n".encode() + (own.get_data() if own is not None else b""))
    frame_page.replace_contents(drawing)
