"""Serves the PWA: the shell files, and sw.js with its version and precache list filled in."""
import hashlib
import json
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, send_from_directory

blp = Blueprint("web", __name__)

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


@blp.get("/")
def index():
    return send_from_directory(_pwa_dir(), "index.html")


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


@blp.get("/<path:path>")
def shell_file(path):
    if path.startswith("api/"):
        abort(404)
    return send_from_directory(_pwa_dir(), path)
