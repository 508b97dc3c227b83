"""A real nginx from Debian's packages serving built sites on 127.0.0.1, for the publishing tests.

It serves precompressed twins (gzip_static, brotli_static), answers missing
pages with the site's 404 page and sends the year-long cache header for hashed
assets, as docs/publishing.md tells a province to do. One nginx process runs
one server per site: a site at the domain root, or one under a sub-path
(everything outside the sub-path answers 404, so a link that forgets the
sub-path is caught).
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

NGINX = "/usr/sbin/nginx"
BROTLI_STATIC_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")
HASHED_ASSET = r"\.[0-9a-f]{8,}\.[a-z0-9]+$"
YEAR = "public, max-age=31536000, immutable"


@dataclass
class Site:
    """A built site and the address nginx serves it at (``http://127.0.0.1:8123`` or ``.../ocop``)."""

    output: Path
    port: int
    prefix: str = ""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.prefix}"

    def url_of(self, relative: str) -> str:
        """The address of an output file: ``san-pham/x/index.html`` is served as ``san-pham/x/``."""
        if relative == "index.html" or relative.endswith("/index.html"):
            relative = relative.removesuffix("index.html")
        return f"{self.base}/{relative}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def missing_packages() -> str | None:
    """Why nginx cannot run here, or None."""
    for path in (Path(NGINX), BROTLI_STATIC_MODULE, MIME_TYPES):
        if not path.exists():
            return f"{path} is missing: `make system-deps` installs tests/system-packages/publish.txt"
    return None


def server_block(site: Site) -> str:
    if not site.prefix:
        return f"""
    server {{
        listen 127.0.0.1:{site.port};
        root {site.output};
        error_page 404 /404.html;
    }}"""
    return f"""
    server {{
        listen 127.0.0.1:{site.port};
        location {site.prefix}/ {{
            alias {site.output}/;
            error_page 404 {site.prefix}/404.html;
        }}
        location / {{
            return 404;
        }}
    }}"""


def config(folder: Path, sites: list[Site]) -> str:
    # A master process started by root hands requests to workers running as `nobody`,
    # who may not read the test's private temporary folders.
    user = "user root;" if os.geteuid() == 0 else ""
    temp_paths = "\n".join(
        f"    {name}_temp_path {folder / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    servers = "".join(server_block(site) for site in sites)
    return f"""load_module {BROTLI_STATIC_MODULE};
{user}
daemon off;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{
    worker_connections 64;
}}
http {{
    include {MIME_TYPES};
    types {{
        text/calendar ics;
    }}
    default_type application/octet-stream;
    access_log {folder / "access.log"};
{temp_paths}
    gzip_static on;
    brotli_static on;
    gzip_vary on;
    map $uri $cache_control {{
        "~{HASHED_ASSET}" "{YEAR}";
        default "";
    }}
    add_header Cache-Control $cache_control;
    # LinkChecker lifts its limit of 10 requests a second for servers that send this header.
    add_header LinkChecker unthrottled;
    charset utf-8;
    charset_types text/css application/javascript application/json application/atom+xml image/svg+xml;
{servers}
}}
"""


class Nginx:
    """``with Nginx(folder, sites):`` serves the sites until the block ends."""

    def __init__(self, folder: Path, sites: list[Site]):
        self.folder = folder
        self.sites = sites
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Nginx:
        self.folder.mkdir(parents=True, exist_ok=True)
        conf = self.folder / "nginx.conf"
        conf.write_text(config(self.folder, self.sites), encoding="utf-8")
        command = [NGINX, "-p", str(self.folder), "-e", str(self.folder / "error.log"), "-c", str(conf)]
        check = subprocess.run([*command, "-t"], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for site in self.sites:
            self._wait_for(site.port)
        return self

    def _wait_for(self, port: int, attempts: int = 100) -> None:
        for _ in range(attempts):
            assert self.process.poll() is None, self.log()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"nginx does not answer on port {port}:\n{self.log()}")

    def log(self) -> str:
        path = self.folder / "error.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def __exit__(self, *exc_info) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
