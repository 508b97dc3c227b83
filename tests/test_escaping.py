"""No field of a record can inject markup: it comes out as text."""

from __future__ import annotations

from conftest import NAVIGATION_SCRIPT, ROOT, Project, parse

PRODUCER = sorted((ROOT / "data" / "producers").glob("*.yaml"))[0].stem
ATTACK = "<script>alert(1)</script>"


def test_script_in_fields_comes_out_as_text(project: Project, capsys):
    project.write(
        "data/products/tan-cong.yaml",
        f'name: "{ATTACK}"\nproducer: {PRODUCER}\ngroup: thuc-pham\nstar: 3\n'
        f'description: "Mật ong {ATTACK} [bấm](javascript:alert(2)) <img src=x onerror=alert(3)>"\n'
        f'season: {{vi: "\\" onmouseover=\\"alert(4)", en: "{ATTACK}"}}\n',
    )
    code, printed = project.build(capsys)
    assert code == 0, printed
    for page in ("san-pham/tan-cong/index.html", "en/products/tan-cong/index.html"):
        html = (project.output / page).read_text(encoding="utf-8")
        soup = parse(project.output / page)
        # The only scripts: the JSON-LD data (checked in test_structured_data.py), the
        # theme's own script files and the navigation's few lines, never a script from a record.
        scripts = soup.find_all(
            "script",
            type=lambda kind: kind != "application/ld+json",
            src=lambda src: not (src or "").startswith("/theme/js/"),
        )
        assert [script.string for script in scripts] == [NAVIGATION_SCRIPT]
        assert not soup.find_all(attrs={"onerror": True}) and not soup.find_all(attrs={"onmouseover": True})
        assert "javascript:" not in " ".join(a.get("href", "") for a in soup.find_all("a"))
        assert soup.h1.get_text() == ATTACK
        assert "&lt;script&gt;" in html
