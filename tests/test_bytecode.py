"""The Makefile compiles the plugin ahead, so no command compiles it again."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _project_copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, project / name)  # with its time: the installed venv stays up to date
    shutil.copytree(ROOT / "plugins", project / "plugins", ignore=shutil.ignore_patterns("__pycache__"))
    (project / ".venv").symlink_to(Path(sys.prefix))
    return project


def _compiled_from(project: Path) -> dict[str, str]:
    """Where each of the plugin's modules came from when the build's modules were imported,
    with Python told never to write bytecode: ``.pyc`` or its source."""
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(project / "plugins")}
    command = [sys.executable, "-v", "-c", "import ocop_catalogue.build, ocop_catalogue.generator"]
    verbose = subprocess.run(command, env=environment, capture_output=True, text=True, check=True).stderr
    found = re.findall(r"^# code object from '?(\S*?/ocop_catalogue/\S+?\.pyc?)'?$", verbose, re.MULTILINE)
    return {Path(path).name.split(".")[0]: Path(path).suffix for path in found}


def _make_bytecode(project: Path) -> None:
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run(["make", "-s", "bytecode"], cwd=project, env=environment, check=True, capture_output=True)


def test_the_plugin_is_read_from_bytecode_made_ahead_even_when_python_writes_none(tmp_path):
    project = _project_copy(tmp_path)
    assert set(_compiled_from(project).values()) == {".py"}  # nothing compiled: every command compiles it
    _make_bytecode(project)
    imported = _compiled_from(project)
    assert len(imported) > 20 and set(imported.values()) == {".pyc"}, imported

    # An edited module is compiled again by the next command's make.
    edited = project / "plugins/ocop_catalogue/rendering.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    later = edited.stat().st_mtime + 2
    os.utime(edited, (later, later))
    assert _compiled_from(project)["rendering"] == ".py"  # the bytecode is stale
    _make_bytecode(project)
    assert set(_compiled_from(project).values()) == {".pyc"}
