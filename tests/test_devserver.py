"""`make devserver` rebuilds when a record changes, reloads the open page, and keeps the last
good preview when a record is broken."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from functools import partial
from http.server import ThreadingHTTPServer

import pytest
from conftest import BUILD_EPOCH, CHROMIUM_ARGS, ROOT, Project, copy_project, errors_after_warnings
from ocop_catalogue.devserver import PreviewHandler, SiteVersion

WAIT = 180  # seconds: a bound for a slow machine, not a speed target


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Devserver:
    def __init__(self, project: Project):
        self.port = free_port()
        environment = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "SOURCE_DATE_EPOCH": BUILD_EPOCH}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ocop_catalogue", "devserver", "-s", "pelicanconf.py", "-p", str(self.port)],
            cwd=project.root,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for_line(self, text: str) -> str:
        return self.lines_until(text)[-1]

    def lines_until(self, text: str) -> list[str]:
        """The lines printed from now until one with ``text``, that one included."""
        deadline = time.monotonic() + WAIT
        lines = []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.process.poll() is None, "the devserver stopped"
                continue
            lines.append(line.rstrip("\n"))
            if text in line:
                return lines
        raise AssertionError(f"no line with {text!r} within {WAIT} s")

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=30) as response:
            return response.read().decode("utf-8")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def poll_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"not so within {WAIT} s"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def devserver(tmp_path_factory) -> Iterator[tuple[Project, Devserver]]:
    """One devserver for this file's tests, on a copy of the demo."""
    project = copy_project(tmp_path_factory.mktemp("devserver"))
    server = Devserver(project)
    try:
        server.wait_for_line("serving http://127.0.0.1")
        yield project, server
    finally:
        server.stop()


def test_the_reload_script_is_served_but_never_written(devserver):
    project, server = devserver
    served = server.get("/")
    version = server.get("/__reload")
    assert f'<script src="/__reload.js" data-version="{version}" defer></script></body>' in served
    assert "location.reload()" in server.get("/__reload.js")
    on_disk = (project.output / "index.html").read_text(encoding="utf-8")
    assert "__reload" not in on_disk
    assert "noindex" in server.get("/bien-tap/")  # the editors' report, previewed only


@contextlib.contextmanager
def browser(url: str, profile) -> Iterator[Callable[[], list[str]]]:
    """Headless Chromium showing ``url``; yields a function listing the titles of its pages."""
    port = free_port()
    process = subprocess.Popen(
        ["/usr/bin/chromium", *CHROMIUM_ARGS, f"--remote-debugging-port={port}", f"--user-data-dir={profile}", url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def titles() -> list[str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=10) as response:
                return [tab["title"] for tab in json.load(response) if tab.get("type") == "page"]
        except OSError:
            return []

    try:
        yield titles
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_page_reloads_after_a_rebuild_that_ended_before_its_first_poll(tmp_path):
    """The page polls the site's version every second: a rebuild that ends sooner still reloads it."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>page</title><body><p>page</p></body>", encoding="utf-8")
    version = SiteVersion()
    served = []

    class RebuiltRightAfter(PreviewHandler):
        def do_GET(self) -> None:  # noqa: N802
            super().do_GET()
            if self.path == "/":
                served.append(version.number)
                if len(served) == 1:
                    version.bump()  # a rebuild ends as the page arrives, before any poll

    RebuiltRightAfter.version = version
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(RebuiltRightAfter, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with browser(f"http://127.0.0.1:{server.server_address[1]}/", tmp_path / "profile"):
            poll_until(lambda: len(served) >= 2)
        assert served[:2] == [0, 1]  # served before the rebuild, then reloaded once
    finally:
        server.shutdown()


def test_a_changed_record_is_rebuilt_and_a_broken_one_keeps_the_last_good_page(devserver, tmp_path):
    project, server = devserver
    record = project.root / "data/products/dau-lac-hai-yen.yaml"
    url = "/san-pham/dau-lac-hai-yen/"
    assert "<h1>Dầu lạc nguyên chất Hải Yến</h1>" in server.get(url)
    version = server.get("/__reload")

    with browser(f"http://127.0.0.1:{server.port}{url}", tmp_path / "profile") as titles:
        poll_until(lambda: any("Dầu lạc nguyên chất Hải Yến" in title for title in titles()))
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("Dầu lạc nguyên chất", "Dầu lạc ép mới"), encoding="utf-8")
        poll_until(lambda: "<h1>Dầu lạc ép mới Hải Yến</h1>" in server.get(url))
        poll_until(lambda: server.get("/__reload") != version)
        # The page open in the browser reloads itself.
        poll_until(lambda: any("Dầu lạc ép mới Hải Yến" in title for title in titles()))
    # A name is searched by: the search index is renewed after the page, and the pages reload again.
    server.wait_for_line("ok: search index of output/ renewed")
    poll_until(lambda: int(server.get("/__reload")) == int(version) + 2)
    version = server.get("/__reload")

    record.write_text(record.read_text(encoding="utf-8").replace("star: 4", "star: 9"), encoding="utf-8")
    printed = server.lines_until("The preview did not change")
    # The error stands last, after the demo's warnings, and the preview says why the page stays.
    errors_after_warnings(printed, "data/products/dau-lac-hai-yen.yaml:5: star: must be 3, 4 or 5, the number alone")
    assert printed[-3].startswith("failed: not built; the output is unchanged: ")
    assert printed[-2].startswith("Trang xem trước chưa đổi: trình duyệt vẫn giữ bản đúng gần nhất")
    assert "<h1>Dầu lạc ép mới Hải Yến</h1>" in server.get(url)
    assert server.get("/__reload") == version


def test_a_first_build_that_fails_says_there_is_no_preview_yet(tmp_path):
    """With no good build to keep, the preview must not promise the last good version."""
    project = copy_project(tmp_path)
    record = project.root / "data/products/dau-lac-hai-yen.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("star: 4", "star: 9"), encoding="utf-8")
    server = Devserver(project)
    try:
        printed = server.lines_until("serving http://127.0.0.1")
        failed = next(number for number, line in enumerate(printed) if line.startswith("failed: not built"))
        assert printed[failed + 1 : failed + 3] == [
            "Chưa có trang xem trước: trang chỉ có sau khi bạn sửa các lỗi ở trên và lưu lại.",
            "There is no preview yet: it appears once you fix the errors above and save.",
        ]
        with pytest.raises(urllib.error.HTTPError) as response:
            server.get("/")
        assert response.value.code == 404
    finally:
        server.stop()
