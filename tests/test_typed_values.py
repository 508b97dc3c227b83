"""What an editor typed, as published: scalars kept as written, a web address linked, decomposed
letters composed, and the dates most likely mistyped warned of."""

from __future__ import annotations

import unicodedata

from conftest import Project
from ocop_catalogue import checking
from test_bad_input import product


def producer_page(project: Project, capsys, name: str, more: str) -> str:
    """The English page of a new producer ho-moi named ``name`` with the lines ``more``, built."""
    commune = first_commune(project)
    project.write("data/producers/ho-moi.yaml", f"name: {name}\nkind: household\ncommune: {commune}\n{more}")
    project.write("data/products/mat-ong.yaml", product(producer="producer: ho-moi"))
    code, printed = project.build(capsys)
    assert code == 0, printed
    return (project.output / "en/producers/ho-moi/index.html").read_text(encoding="utf-8")


def test_scalars_keep_what_the_editor_typed(project: Project, capsys):
    page = producer_page(project, capsys, "{vi: Hộ Không, en: No}", "phone: 0212345670\n")
    assert "<h1>No</h1>" in page
    assert 'href="tel:0212345670"' in page
    assert "<dd>0212345670</dd>" in page


def test_a_web_address_without_http_is_linked_as_https(project: Project, capsys):
    page = producer_page(project, capsys, "Hộ ông Ba", "website: www.example.vn\n")
    assert 'href="https://www.example.vn"' in page


def first_commune(project: Project) -> str:
    text = (project.root / "data/areas.yaml").read_text(encoding="utf-8")
    return text.split("communes:\n", 1)[1].split("id: ", 1)[1].split("\n", 1)[0].strip()


def test_decomposed_text_is_published_composed(project: Project, capsys):
    """macOS and some keyboards write "ậ" as "a" and two combining marks: the pages and the
    open data get the composed letters, which search, sorting and copying expect."""
    name = "Mật ong rừng Đầm Hà"
    decomposed = unicodedata.normalize("NFD", name)
    assert decomposed != name
    project.write("data/products/mat-ong.yaml", product(name=f"name: {decomposed}"))
    code, printed = project.build(capsys)
    assert code == 0, printed
    published = [
        project.output / "san-pham/mat-ong/index.html",
        project.output / "du-lieu/catalogue.vi.csv",
        project.output / "du-lieu/catalogue.vi.json",
    ]
    for path in published:
        text = path.read_text(encoding="utf-8")
        assert name in text, path
        assert decomposed not in text, path


def test_dates_most_likely_mistyped_are_warned_of_and_a_future_certificate_does_not_hold(project: Project, capsys):
    """The data format accepts any date, so these are warnings; a certificate dated after the
    build date (2202 for 2022) does not make the product count as certified meanwhile."""
    project.write(
        "data/products/mat-ong.yaml",
        product(certificate='certificate: {number: "12/QĐ-UBND", date: 2202-08-18, level: district}'),
    )
    project.write(
        "data/products/mat-ong-2.yaml",
        product(
            certificate='certificate:\n  number: "1"\n  date: 2025-02-03\n  level: district\n  valid_until: 2022-02-03'
        ),
    )
    project.write(
        "data/products/mat-ong-3.yaml",
        product(certificate='certificate: {number: "2", date: 2026-02-03, level: district, valid_until: 2209-02-02}'),
    )
    project.write("data/fairs/cho-tet.yaml", "name: Chợ Tết\nstart: 2026-04-16\nend: 2062-04-20\nvenue: Hạ Long\n")
    code, printed = project.build(capsys)
    assert code == 0, printed
    for expected in (
        "mat-ong.yaml:5: certificate.date: warning: the certificate is dated 2202-08-18, after the build date "
        "(2026-11-22); a decision cannot be dated in the future: check the year (until then the product is not "
        "shown as certified)",
        "mat-ong-2.yaml:9: certificate.valid_until: warning: the certificate is valid until 2022-02-03, "
        "before its date 2025-02-03",
        "mat-ong-3.yaml:5: certificate.valid_until: warning: the certificate is valid until 2209-02-02, "
        "more than 36 months after its date 2026-02-03; a decision holds for 36 months: check the year",
        "data/fairs/cho-tet.yaml:3: end: warning: the fair lasts 13,154 days, from 2026-04-16 to 2062-04-20; "
        "a fair lasts at most 31 days: check the years and months",
    ):
        assert expected in printed, printed
    star = (project.output / "hang-sao" / "3-sao" / "index.html").read_text(encoding="utf-8")
    assert "/san-pham/mat-ong/" not in star and "/san-pham/mat-ong-2/" not in star
    certificate = (project.output / "en/products/mat-ong/index.html").read_text(encoding="utf-8")
    assert "Not in force: the decision is dated after today." in certificate and "Expired" not in certificate


def test_dates_within_the_limits_are_accepted(project: Project, capsys):
    """A decision signed this morning in Vietnam may be dated the day after a build run on UTC,
    a decision may say it holds for its full 36 months, and a fair may run for a month."""
    project.write(
        "data/products/mat-ong.yaml",
        product(certificate='certificate: {number: "12/QĐ-UBND", date: 2026-11-23, level: province}'),
    )
    project.write(
        "data/products/mat-ong-2.yaml",
        product(certificate='certificate: {number: "2", date: 2026-02-28, level: province, valid_until: 2029-02-28}'),
    )
    project.write("data/fairs/cho-tet.yaml", "name: Chợ Tết\nstart: 2027-01-01\nend: 2027-01-31\nvenue: Hạ Long\n")
    code = checking.check(str(project.root / "pelicanconf.py"))
    printed = capsys.readouterr().err
    assert code == 0, printed
    assert "certificate." not in printed and "the fair lasts" not in printed
