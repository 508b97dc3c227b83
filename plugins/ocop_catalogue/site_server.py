"""The built site served on 127.0.0.1 as its hosts serve it: ``python -m ocop_catalogue serve``
(``make serve``), and the base of the preview's server (``devserver``).

Python's own file server answered a missing address with its English "Error response"
page; the hosts of docs/publishing.md answer with the site's not-found page, in the
language of the address (``en/404.html`` under ``/en/``), which offers the search filled
with the address's words. So does this one, with the status 404.
"""

from __future__ import annotations

import re
import sys
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

NOT_FOUND_PAGE = "404.html"
# The first folder of an address that may hold a language's own not-found page (``en``).
_LANGUAGE_FOLDER = re.compile(r"[a-z]{2,3}(?:-[a-zA-Z]{2,4})?")


class SiteHandler(SimpleHTTPRequestHandler):
    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.not_found_page() if code == HTTPStatus.NOT_FOUND else None
        if page is None:
            return super().send_error(code, message, explain)
        self.send_page(self.page_bytes(page), "text/html; charset=utf-8", status=HTTPStatus.NOT_FOUND)

    def not_found_page(self) -> Path | None:
        """The not-found page of the address's language, else the site's, if built."""
        root = Path(self.directory)
        first = self.path.lstrip("/").split("/", 1)[0]
        pages = [root / first / NOT_FOUND_PAGE] if _LANGUAGE_FOLDER.fullmatch(first) else []
        return next((page for page in [*pages, root / NOT_FOUND_PAGE] if page.is_file()), None)

    def page_bytes(self, page: Path) -> bytes:
        """What is sent of an HTML page (the preview adds its reload script)."""
        return page.read_bytes()

    def send_page(self, body: bytes, content_type: str, status: int = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass  # the terminal is for the build's messages


def serve(output: str, port: int = 8000) -> int:
    """Serve ``output`` until Ctrl-C."""
    if not (Path(output) / "index.html").is_file():
        print(f"error: {output}/ holds no built site: run make html first", file=sys.stderr)
        return 1
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), partial(SiteHandler, directory=str(Path(output).resolve())))
    except OSError as error:
        print(
            f"error: cannot serve on port {port}: {error.strerror}; try another: PORT=8080 make serve", file=sys.stderr
        )
        return 1
    print(f"serving {output}/ on http://127.0.0.1:{port}/; Ctrl-C to stop", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nstopped", flush=True)
    finally:
        server.server_close()
    return 0
