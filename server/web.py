"""Serves the PWA: the shell files, and sw.js with its version and precache list filled in."""
import hashlib
import json
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, request
from werkzeug.routing import PathConverter
from werkzeug.security import safe_join

blp = Blueprint("web", __name__)


class ShellPath(PathConverter):
    """A path outside /api/: the API's own routes then answer 404 and 405 (with an Allow
    header naming only their methods) instead of this catch-all claiming GET on them."""

    regex = r"(?!api/)[^/].*?"


blp.record_once(lambda state: state.app.url_map.converters.setdefault("shell", ShellPath))

# The service worker gets a version that changes whenever any shell file changes, and the
# list of every shell file, so no hand-kept list can fall out of date.
VERSION_MARK = "__EMBERWISE_VERSION__"
PRECACHE_MARK = "__EMBERWISE_PRECACHE__"


def shell_files(pwa_dir: Path) -> list[Path]:
    """Every file of the app shell, sorted, except the service worker itself."""
    return sorted(
        p for p in pwa_dir.rglob("*")
        if p.is_file() and p.name != "sw.js" and not p.name.startswith(".")
    )


def precache_urls(pwa_dir: Path) -> list[str]:
    return ["/"] + ["/" + p.relative_to(pwa_dir).as_posix() for p in shell_files(pwa_dir)]


def shell_version(pwa_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in shell_files(pwa_dir) + [pwa_dir / "sw.js"]:
        if path.exists():
            digest.update(path.relative_to(pwa_dir).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _pwa_dir() -> Path:
    return Path(current_app.config["PWA_DIR"])


# Served from memory, not as open files: shell files are small, and an open file that a
# 304 or an aborted download leaves behind is only closed whenever the collector gets to it.
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
         ".json": "application/json", ".webmanifest": "application/manifest+json",
         ".svg": "image/svg+xml", ".png": "image/png", ".html": "text/html",
         ".ico": "image/x-icon", ".txt": "text/plain"}


def shell_response(relative: str) -> Response:
    """One shell file with an ETag, answering 304 when the browser's copy is current."""
    path = safe_join(str(_pwa_dir()), relative)
    if path is None or not Path(path).is_file():
        abort(404)
    path = Path(path)
    response = Response(path.read_bytes(), mimetype=TYPES.get(path.suffix, "application/octet-stream"))
    response.add_etag()
    return response.make_conditional(request)


@blp.get("/")
def index():
    return shell_response("index.html")


@blp.get("/sw.js")
def service_worker():
    pwa_dir = _pwa_dir()
    source = (pwa_dir / "sw.js").read_text(encoding="utf-8")
    source = source.replace(VERSION_MARK, shell_version(pwa_dir))
    source = source.replace(PRECACHE_MARK, json.dumps(precache_urls(pwa_dir)))
    response = Response(source, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@blp.get("/<shell:path>")
def shell_file(path):
    return shell_response(path)
