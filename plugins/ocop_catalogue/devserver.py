"""Preview while editing: ``python -m ocop_catalogue devserver`` (``make devserver``).

Serves the output folder on 127.0.0.1 and rebuilds whenever anything under
the data, content, theme or plugin folders changes (Pelican's own autoreload
does not watch ``data/``). Each rebuild runs the real build in a fresh
process, forked from one that has already imported it (``warm_builds``), and
that one is started again when the plugin's code changes, so edits to the
code count too; a build that fails prints
its problems and leaves the last good site in place (the build swaps its
output in only when complete), and the preview then says so (``NOT_REBUILT``), or that
there is no site yet when no build has succeeded (``NO_PREVIEW_YET``). Open pages reload themselves after a
successful rebuild through a small script that the server adds to the HTML
it sends: the files on disk, and so every published build, never contain it.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import watchfiles
from pelican.settings import read_settings

from .checking import data_path
from .site_server import SiteHandler
from .warm_builds import WarmBuilder

RELOAD_PATH = "/__reload"
RELOAD_SCRIPT_PATH = "/__reload.js"
REPORT_SAVE_AS = "bien-tap/index.html"
# Polls the version of the site and reloads the page when a rebuild changed it since the
# page was served: the version comes with the page, since a rebuild may end before the first poll.
RELOAD_SCRIPT = b"""(function () {
  var script = document.currentScript;
  var seen = script ? script.dataset.version : null;
  setInterval(function () {
    fetch("/__reload", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (version) {
      if (seen !== null && version !== seen) { location.reload(); }
      seen = version;
    }).catch(function () {});
  }, 1000);
})();
"""
# Printed after a build that failed, below its errors and summary: the page in the browser
# looks as before, and an editor who only watches it must learn why from the terminal.
NOT_REBUILT = (
    "Trang xem trước chưa đổi: trình duyệt vẫn giữ bản đúng gần nhất cho tới khi bạn sửa các lỗi ở trên và lưu lại.\n"
    "The preview did not change: the browser keeps the last good version until you fix the errors above and save."
)
# Printed instead when no build has succeeded yet, in this preview or before it: there is no
# good version to keep, and the browser shows "not found" until the errors are fixed.
NO_PREVIEW_YET = (
    "Chưa có trang xem trước: trang chỉ có sau khi bạn sửa các lỗi ở trên và lưu lại.\n"
    "There is no preview yet: it appears once you fix the errors above and save."
)
_PLUGINS = Path(__file__).resolve().parent.parent


class SiteVersion:
    """Counts successful builds; the pages poll it to know when to reload."""

    def __init__(self) -> None:
        self.number = 0
        self.lock = threading.Lock()

    def bump(self) -> None:
        with self.lock:
            self.number += 1


def reload_tag(version: int) -> bytes:
    """The script tag added to every page served, with the version of the site it shows."""
    return f'<script src="{RELOAD_SCRIPT_PATH}" data-version="{version}" defer></script>'.encode()


class PreviewHandler(SiteHandler):
    version: SiteVersion

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path == RELOAD_PATH:
            return self.send_page(str(self.version.number).encode(), "text/plain")
        if self.path == RELOAD_SCRIPT_PATH:
            return self.send_page(RELOAD_SCRIPT, "text/javascript")
        page = self._html_file()
        if page is None:
            return super().do_GET()
        return self.send_page(self.page_bytes(page), "text/html; charset=utf-8")

    def page_bytes(self, page: Path) -> bytes:
        # The version before the page: a rebuild in between makes the page reload once more, never less.
        version = self.version.number
        html = page.read_bytes()
        at = html.rfind(b"</body>")
        at = at if at >= 0 else len(html)
        return html[:at] + reload_tag(version) + html[at:]

    def _html_file(self) -> Path | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return None  # http.server redirects to the address with its slash
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None


def watched_folders(settings: dict) -> list[Path]:
    """The folders whose changes need a rebuild: records, content, theme, plugins."""
    folders = [data_path(settings), Path(settings["PATH"]), Path(settings["THEME"])]
    folders += [Path(folder) for folder in settings.get("PLUGIN_PATHS", [])]
    return [folder.resolve() for folder in folders if Path(folder).is_dir()]


def rebuild(settings_file: str, output: Path, version: SiteVersion, builder: WarmBuilder) -> None:
    """Run the build in a fresh process; when it succeeds, tell the pages, write the editors'
    report, then renew the search index if the build kept the last one (``stale_mark``):
    the edited page shows without waiting for Pagefind, and the search pages reload once
    the index is new."""
    # Imported here: the preview's own process needs them only once it builds.
    from .generator import cache_path
    from .search import index_is_stale

    if builder.run(["build", "-s", settings_file, "-o", str(output), "--search-index-later"]) != 0:
        # A failed build leaves the output as it was (it is swapped in only when complete):
        # a site is there only if a build succeeded before, this preview's or an earlier one.
        print(NOT_REBUILT if (output / "index.html").is_file() else NO_PREVIEW_YET, flush=True)
        return
    version.bump()
    builder.run(["report", "-s", settings_file, "--html", str(output / REPORT_SAVE_AS)], quiet=True)
    stale = index_is_stale(output, cache_path(read_settings(settings_file)))
    if stale and builder.run(["index", "-s", settings_file, "-o", str(output)]) == 0:
        version.bump()


def code_changed(changes: set[tuple[object, str]], settings: dict) -> bool:
    """True when a changed file is the plugins' code, which the warm process holds in memory."""
    plugins = [Path(folder).resolve() for folder in settings.get("PLUGIN_PATHS", [])]
    return any(
        Path(path).suffix == ".py" and Path(path).is_relative_to(folder) for _, path in changes for folder in plugins
    )


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt


def serve(settings_file: str, output: str | None = None, port: int = 8000) -> int:
    signal.signal(signal.SIGTERM, _stop)  # stop a running build too, as Ctrl-C does
    settings = read_settings(settings_file)
    target = Path(output or settings["OUTPUT_PATH"]).resolve()
    version = SiteVersion()
    handler = type("Handler", (PreviewHandler,), {"version": version})
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(target)))
    except OSError as error:
        print(
            f"error: cannot serve on port {port}: {error.strerror}; try another: PORT=8080 make devserver",
            file=sys.stderr,
        )
        return 1
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(_PLUGINS), os.environ.get("PYTHONPATH", "")])}
    builder = WarmBuilder(environment)
    rebuild(settings_file, target, version, builder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    folders = watched_folders(settings)
    print(f"serving http://127.0.0.1:{port}/ (editors' report: /{REPORT_SAVE_AS[: -len('index.html')]})", flush=True)
    print(f"watching {', '.join(str(folder) for folder in folders)}; Ctrl-C to stop", flush=True)
    try:
        for changes in watchfiles.watch(*folders, debounce=300, step=50, raise_interrupt=True):
            names = sorted({Path(path).name for _, path in changes})
            print(f"changed: {', '.join(names)}; rebuilding", flush=True)
            if code_changed(changes, settings):
                builder.restart()
            rebuild(settings_file, target, version, builder)
    except KeyboardInterrupt:
        print("\nstopped", flush=True)
    finally:
        builder.stop()
        server.shutdown()
    return 0
