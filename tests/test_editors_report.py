"""`make report` finds what editors must fix: untranslated fields, expiring certificates,
products without pictures, pictures without alt, producers without contacts."""

from __future__ import annotations

import datetime

from conftest import BUILD_EPOCH, Project, parse
from ocop_catalogue import editor_commands

TODAY = datetime.datetime.fromtimestamp(int(BUILD_EPOCH), datetime.UTC).date()


def first_id(project: Project, folder: str) -> str:
    return sorted((project.root / "data" / folder).glob("*.yaml"))[0].stem


def certificate_on(day: datetime.date) -> str:
    return f'certificate: {{number: "1/QĐ-UBND", date: {day.isoformat()}, level: district}}\n'


def plant(project: Project) -> None:
    producer = first_id(project, "producers")
    soon = TODAY.replace(year=TODAY.year - 3) + datetime.timedelta(days=30)  # valid 36 months: 30 days left
    project.write(
        "data/products/mat-ong-moi.yaml",
        f"name: {{vi: Mật ong mới, en: New honey}}\nproducer: {producer}\ngroup: thuc-pham\nstar: 3\n"
        + certificate_on(soon)
        + "description: Chỉ có tiếng Việt.\nprices:\n  - {vnd: 90000, unit: {vi: lọ, en: jar}}\n  - {vnd: 160000, unit: hộp}\n",
    )
    lapsed = TODAY.replace(year=TODAY.year - 4)
    project.write(
        "data/products/che-cu.yaml",
        f"name: {{vi: Chè cũ, en: Old tea}}\nproducer: {producer}\ngroup: do-uong\nstar: 3\n"
        + certificate_on(lapsed)
        + f"images:\n  - file: products/{first_picture(project)}\n",
    )
    project.write(
        "data/producers/ho-moi.yaml",
        f"name: {{vi: Hộ mới, en: New household}}\nkind: household\ncommune: {first_commune(project)}\n",
    )


def first_picture(project: Project) -> str:
    return sorted((project.root / "content/images/products").glob("*.jpg"))[0].name


def first_commune(project: Project) -> str:
    text = (project.root / "data/areas.yaml").read_text(encoding="utf-8")
    return text.split("communes:\n", 1)[1].split("id: ", 1)[1].split("\n", 1)[0].strip()


def run_report(project: Project, capsys, *options: str) -> str:
    assert editor_commands.main(["report", "-s", str(project.root / "pelicanconf.py"), *options]) == 0
    return capsys.readouterr().out


def test_the_report_finds_what_was_planted(project: Project, capsys):
    before = run_report(project, capsys)
    plant(project)
    printed = run_report(project, capsys)
    new_lines = [line.strip() for line in printed.splitlines() if line not in before.splitlines()]

    assert "data/products/mat-ong-moi.yaml:6: description: no English text" in new_lines
    assert "data/products/mat-ong-moi.yaml:9: prices.1.unit: no English text" in new_lines
    soon = TODAY.replace(year=TODAY.year - 3) + datetime.timedelta(days=30)
    expires = soon.replace(year=soon.year + 3).isoformat()
    days = (soon.replace(year=soon.year + 3) - TODAY).days
    assert f"data/products/mat-ong-moi.yaml:5: certificate: expires on {expires} (in {days} days)" in new_lines
    lapsed = TODAY.replace(year=TODAY.year - 1).isoformat()
    assert f"data/products/che-cu.yaml:5: certificate: expired on {lapsed}" in " ".join(new_lines)
    assert "data/products/mat-ong-moi.yaml:1: -: no picture" in new_lines
    assert f"data/products/che-cu.yaml:7: images.0: no alt for products/{first_picture(project)}" in new_lines
    assert "data/producers/ho-moi.yaml:1: -: no phone, email or website" in new_lines
    assert "data/products/che-cu.yaml:1: name" not in printed  # translated fields are not listed


def test_a_files_missing_english_texts_are_listed_down_the_file(project: Project, capsys):
    producer = first_id(project, "producers")
    project.write(
        "data/products/mat-ong-moi.yaml",
        f"name: Mật ong mới\nproducer: {producer}\ngroup: thuc-pham\nstar: 3\ndescription: Chỉ có tiếng Việt.\n"
        "prices:\n  - {vnd: 90000, unit: lọ}\nseason: Tháng 3\nshelf_life: 24 tháng\n"
        f"images:\n  - file: products/{first_picture(project)}\n    alt: Lọ mật ong\n",
    )
    printed = run_report(project, capsys)
    listed = [line.strip() for line in printed.splitlines() if "mat-ong-moi.yaml" in line and "English" in line]
    assert listed == [
        "data/products/mat-ong-moi.yaml:1: name: no English text",
        "data/products/mat-ong-moi.yaml:5: description: no English text",
        "data/products/mat-ong-moi.yaml:7: prices.0.unit: no English text",
        "data/products/mat-ong-moi.yaml:8: season: no English text",
        "data/products/mat-ong-moi.yaml:9: shelf_life: no English text",
        "data/products/mat-ong-moi.yaml:12: images.0.alt: no English text",
    ]


def test_the_share_translated_counts_each_field(project: Project, capsys):
    def share(printed: str, field: str) -> tuple[int, int]:
        line = next(line for line in printed.splitlines() if line.strip().startswith(f"products: {field}:"))
        done, total = line.split(": ")[-1].split(" ")[0].split("/")
        return int(done), int(total)

    before = run_report(project, capsys)
    plant(project)
    after = run_report(project, capsys)
    done, total = share(before, "prices.unit")
    assert share(after, "prices.unit") == (done + 1, total + 2)  # one unit of two is translated
    done, total = share(before, "name")
    assert share(after, "name") == (done + 2, total + 2)


def test_the_report_page_is_for_editors_only(project: Project, capsys, demo_site):
    plant(project)
    page_path = project.output / "bien-tap" / "index.html"
    printed = run_report(project, capsys, "--html", str(page_path))
    page = parse(page_path)
    assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    listed = [item.get_text() for item in page.select("li code")]
    assert listed and all(line in printed for line in listed)
    assert "data/products/mat-ong-moi.yaml:6: description: no English text" in listed
    # Nothing on the public site links to it, and a build does not write it.
    assert not (demo_site / "bien-tap").exists()
    for html in demo_site.rglob("*.html"):
        assert "bien-tap" not in html.read_text(encoding="utf-8"), html


def test_files_with_errors_are_counted_errors_between_records_included(project: Project, capsys):
    project.write(
        "data/products/mat-ong-moi.yaml",
        "name: {vi: Mật ong mới, en: New honey}\nproducer: khong-co\ngroup: thuc-pham\nstar: 3\n",
    )
    printed = run_report(project, capsys)
    assert printed.endswith("\nTệp có lỗi / Files with errors: 1; run `make check`.\n")
    assert "data/products/mat-ong-moi.yaml:1: -: no picture" in printed  # in the report all the same

    project.write("data/products/che-cu.yaml", "name: Chè cũ\nstar:3\n")  # a syntax error: left out
    printed = run_report(project, capsys)
    assert printed.endswith("\nTệp có lỗi / Files with errors: 2 (1 left out of this report); run `make check`.\n")
    assert "che-cu.yaml" not in printed


def test_districts_and_groups_without_english_are_warned_about_and_reported(project: Project, capsys):
    areas = project.root / "data/areas.yaml"
    text = areas.read_text(encoding="utf-8")
    english = "      en: Hand-pounded squid cakes from Bai Chay, jewellery of pearls farmed in the bay and Dong Lam forest honey.\n"
    assert english in text
    commune = "        name: {vi: Phường Hồng Gai, en: Hong Gai Ward}\n"
    assert commune in text
    written = text.replace(commune, "        name: Phường Hồng Gai\n").replace(english, "")
    areas.write_text(written, encoding="utf-8")
    line = written.splitlines().index("    description:") + 1
    commune_line = written.splitlines().index("        name: Phường Hồng Gai") + 1
    groups = "\n".join(f"- {{id: {id}, name: {{vi: {id}, en: {id}}}}}" for id in ("thuc-pham", "do-uong", "duoc-lieu"))
    project.write(
        "data/groups.yaml",
        groups + "\n- {id: thu-cong-my-nghe, name: Hàng thủ công mỹ nghệ}\n"
        "- {id: sinh-vat-canh, name: Sinh vật cảnh}\n- {id: du-lich, name: {vi: Du lịch, en: Tourism}}\n",
    )

    code, printed = project.build(capsys)
    assert code == 0
    warned = [line for line in printed.splitlines() if "no English text" in line and "data/products" not in line]
    assert warned == [
        f"data/areas.yaml:{line}: districts.0.description: warning: no English text; the English page shows the Vietnamese",
        "data/groups.yaml:4: 3.name: warning: no English text; the English page shows the Vietnamese",
        "data/groups.yaml:5: 4.name: warning: no English text; the English page shows the Vietnamese",
    ]
    report = run_report(project, capsys)
    assert f"data/areas.yaml:{line}: districts.0.description: no English text" in report
    assert "data/groups.yaml:5: 4.name: no English text" in report
    # A commune's name is listed in the report, not warned about by every build: a province names
    # hundreds of them, often in Vietnamese only.
    assert f"data/areas.yaml:{commune_line}: districts.0.communes.0.name: no English text" in report
    assert "  areas: districts.description: 5/6 (83%)" in report.splitlines()
    assert "  groups: name: 4/6 (67%)" in report.splitlines()
