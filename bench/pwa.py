"""Benchmark: the PWA shell's transfer size and the offline reload -> interactive check-in time.

- Size: every precached shell file as the server lists it (server/web.py), gzipped at level 9,
  summed with and without icons (target: under 150 KB without icons).
- Time: in Debian's headless Chromium at 390x844, signed in, the service worker in control and
  the network off, reload N times and read the `checkin-interactive` performance mark the
  check-in view sets once the pain scale and Save are live (ms since navigation start), plus the
  wall-clock time seen from outside (target: under 500 ms).
Run: .venv/bin/python bench/pwa.py [--write]   (--write updates the "## PWA" section of bench/README.md)
"""
import gzip
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
RELOADS = 25
WARMUP = 3
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def serve(workdir: Path):
    """The real app on a free port (SQLite in workdir); returns (base_url, shutdown)."""
    from flask_migrate import upgrade
    from werkzeug.serving import WSGIRequestHandler, make_server

    from server import create_app

    class Quiet(WSGIRequestHandler):
        def log_request(self, *args, **kwargs):
            pass

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'pwa.sqlite'}",
                      "SCRYPT_N": 2**10, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server.shutdown


def shell_sizes(base: str) -> dict:
    """Raw and gzipped bytes of the shell as served, split into code/styles and icons."""
    from server.web import precache_urls

    urls = precache_urls(ROOT / "pwa") + ["/sw.js"]
    startup = startup_urls()
    sizes = {"files": 0, "raw": 0, "gzip": 0, "icons_gzip": 0, "startup_files": 0, "startup_gzip": 0}
    for url in dict.fromkeys(urls):
        body = urllib.request.urlopen(base + url).read()
        packed = len(gzip.compress(body, 9))
        if url.startswith("/icons/"):
            sizes["icons_gzip"] += packed
            continue
        sizes["files"] += 1
        sizes["raw"] += len(body)
        sizes["gzip"] += packed
        if url in startup:
            sizes["startup_files"] += 1
            sizes["startup_gzip"] += packed
    return sizes


def startup_urls() -> set[str]:
    """What the check-in screen needs at start: the page, its stylesheet, manifest, worker,
    every modulepreloaded module and the vocabulary."""
    html = (ROOT / "pwa" / "index.html").read_text()
    modules = re.findall(r'<link rel="modulepreload" href="([^"]+)"', html)
    return {"/", "/index.html", "/css/app.css", "/manifest.webmanifest", "/sw.js",
            "/js/domain/vocabulary.json", *modules}


def chromium() -> str:
    """The browser the Makefile names: $CHROMIUM (a name on PATH or a path), else chromium."""
    found = shutil.which(os.environ.get("CHROMIUM") or "chromium")
    if found is None:
        raise SystemExit("bench/pwa.py needs Chromium: apt-get install chromium, or set CHROMIUM")
    return found


def offline_reload_times(base: str) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base)
        page = context.new_page()
        page.goto("/#/signup")
        page.fill("#auth-email", "bench-pwa@example.org")
        page.fill("#auth-password", "bench password 1")
        page.click("button[type=submit]")
        page.wait_for_selector("ew-scale[variant=pain] button")
        while not page.evaluate("navigator.serviceWorker.controller !== null"):
            page.wait_for_timeout(20)
        context.set_offline(True)
        marks, walls = [], []
        for _ in range(WARMUP):
            page.reload()
            page.wait_for_selector("ew-scale[variant=pain] button[role=radio]")
        for _ in range(RELOADS):
            start = time.perf_counter()
            page.reload(wait_until="commit")
            page.wait_for_selector("ew-scale[variant=pain] button[role=radio]")
            walls.append((time.perf_counter() - start) * 1000)
            marks.append(page.evaluate("performance.getEntriesByName('checkin-interactive')[0].startTime"))
        browser.close()
    return marks, walls


def p95(values):
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def report(sizes: dict, marks: list[float], walls: list[float]) -> str:
    kb = lambda n: f"{n / 1024:.1f} KB"
    return "\n".join([
        "## PWA",
        "",
        "`bench/pwa.py` — the real app served locally, Debian's headless Chromium at 390x844.",
        "",
        "| figure | result | target |",
        "| --- | --- | --- |",
        (f"| app shell, gzipped, without icons ({sizes['files']} files incl. sw.js) | {kb(sizes['gzip'])} "
        f"(raw {kb(sizes['raw'])}) | < 150 KB |"),
        f"| of which the check-in start-up path ({sizes['startup_files']} files) | {kb(sizes['startup_gzip'])} | — |",
        f"| icons, gzipped | {kb(sizes['icons_gzip'])} | — |",
        (f"| offline reload → interactive check-in, in-page mark (median / p95 of {len(marks)}) | "
        f"{statistics.median(marks):.0f} ms / {p95(marks):.0f} ms | < 500 ms |"),
        (f"| same, wall clock seen by the test driver (median / p95) | "
        f"{statistics.median(walls):.0f} ms / {p95(walls):.0f} ms | — |"),
        "",
        (f"Machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} during the run "
        "(other work on a shared machine widens the p95)."),
        "",
        "The in-page figure is `performance.mark('checkin-interactive')` (set when the pain scale and",
        "Save are live) relative to navigation start; the shell comes from the service worker's cache",
        "and the session and entries from IndexedDB, with the network switched off.",
        "",
    ])


def write_section(text: str) -> None:
    """Replace (or append) the "## PWA" section of bench/README.md, keeping every other section."""
    readme = ROOT / "bench" / "README.md"
    old = readme.read_text() if readme.exists() else "# Benchmarks\n\n"
    lines, out, skipping = old.splitlines(), [], False
    for line in lines:
        if line.startswith("## "):
            skipping = line.strip() == "## PWA"
            if skipping:
                continue
        if not skipping:
            out.append(line)
    readme.write_text("\n".join(out).rstrip() + "\n\n" + text)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        base, shutdown = serve(Path(tmp))
        try:
            sizes = shell_sizes(base)
            marks, walls = offline_reload_times(base)
        finally:
            shutdown()
    text = report(sizes, marks, walls)
    print(text)
    if "--write" in sys.argv:
        write_section(text)


if __name__ == "__main__":
    main()
