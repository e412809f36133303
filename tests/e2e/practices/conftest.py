"""Browser fixtures for the practice screens: the real app on a free port, Debian's Chromium
via Playwright at phone size (390x844), screenshots under test-artifacts/.

Self-contained (the shell's tests/e2e/conftest.py had not landed when these were written);
fixtures here override same-named ones from a parent conftest for this folder only.
Never downloads a browser: without /usr/bin/chromium (or CHROMIUM) these tests are skipped.
"""
import os
import re
import threading
import time
import uuid
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
PHONE = {"width": 390, "height": 844}
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "practices"
PASSWORD = "correct horse battery"

if not Path(CHROMIUM).exists():
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM}", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


@pytest.fixture
def live_server(app):
    """The test app served by werkzeug on 127.0.0.1:<free port>."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture(scope="session")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, live_server):
    ctx = browser.new_context(viewport=PHONE, base_url=live_server)
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A phone-sized page; uncaught page errors fail the test (they are bugs a person would hit)."""
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    assert page.errors == [], page.errors


@pytest.fixture
def shot(request):
    """shot(page, name): save test-artifacts/practices/<test>/<nn>-<name>.png."""
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    count = iter(range(1, 1000))

    def take(page, name, full_page=False):
        path = folder / f"{next(count):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


def sign_up(page):
    """Create an account through the UI; returns the email once the app is signed in."""
    email = f"e2e-{uuid.uuid4().hex[:10]}@example.org"
    page.goto("/#/signup")
    page.fill("#auth-email", email)
    page.fill("#auth-password", PASSWORD)
    page.click("button[type=submit]")
    page.locator("#tabs").wait_for()
    return email


def wait_until(page, expression, timeout=15.0):
    """Poll a JS expression until truthy (wait_for_function uses eval, which the CSP forbids)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout}s: {expression}")
        page.wait_for_timeout(50)


def server_data(app, model):
    """Every live row of a JSON-record model as its data dict."""
    from server.extensions import db

    with app.app_context():
        rows = db.session.query(model).filter(model.deleted.is_(False)).all()
        data = [r.data for r in rows]
        db.session.remove()
    return data
