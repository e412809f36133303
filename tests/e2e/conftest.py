"""Browser fixtures: the real app served on a free port, Debian's Chromium driven by Playwright
at phone size (390x844), and screenshots kept under test-artifacts/ for people to look at.

Never downloads a browser. Chromium is found the way the Makefile finds it: $CHROMIUM, else
`chromium` on PATH. Without it these tests are skipped on a developer's machine and fail in CI.
"""
import os
import re
import shutil
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.serving import WSGIRequestHandler, make_server

from server.checkins.models import CheckIn
from server.checkins.service import checkin_records
from server.common.time import utcnow
from server.demo import DEMO_EMAIL, DEMO_PASSWORD, seed_demo
from server.extensions import db

# As the Makefile finds it ($CHROMIUM, a name on PATH or a path; default chromium), with no
# fallback of its own: a browser make would not use is not one these tests quietly pick.
CHROMIUM_NAME = os.environ.get("CHROMIUM") or "chromium"
CHROMIUM = shutil.which(CHROMIUM_NAME)
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "correct horse battery"



class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


@pytest.fixture
def live_server(app):
    """The app from create_app on the test database, served by werkzeug on 127.0.0.1:<free port>."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


def missing(reason: str):
    """Skip on a developer's machine; fail in CI."""
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium (never a downloaded one); without it every browser test is skipped,
    or fails when CI is set (CI must not pass with its browser tests quietly missing)."""
    if CHROMIUM is None:
        missing(f"browser tests need Debian's chromium (CHROMIUM={CHROMIUM_NAME} is not found): "
                "apt-get install chromium, or set CHROMIUM")
    try:
        from playwright import sync_api
    except ImportError:
        missing("browser tests need the playwright package: make install")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser, live_server):
    """Factory for extra browser contexts (a second device); all are closed after the test."""
    contexts = []

    def make(**options):
        ctx = browser.new_context(**{"viewport": PHONE, **options}, base_url=live_server)  # a test may pick another size
        ctx.set_default_timeout(10_000)
        _count_api_requests(ctx)
        contexts.append(ctx)
        return ctx

    yield make
    for ctx in contexts:
        ctx.close()


def _count_api_requests(ctx):
    """Keep ctx.api_in_flight: the API requests its pages have sent and not yet had answered
    (wait_still waits for none, so a view is not measured while its data is on the way)."""
    ctx.api_in_flight = set()
    ctx.on("request", lambda r: "/api/" in r.url and ctx.api_in_flight.add(r))
    ctx.on("requestfinished", lambda r: ctx.api_in_flight.discard(r))
    ctx.on("requestfailed", lambda r: ctx.api_in_flight.discard(r))


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context, shot):
    """A phone-sized page. An uncaught error in the app fails the test (with a screenshot)."""
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    if page.errors and not page.is_closed():
        shot(page, "page-errors")
    assert not page.errors, f"uncaught errors in the app: {page.errors}"


@pytest.fixture
def shot(request):
    """shot(page, name): save a screenshot as test-artifacts/<test>/<nn>-<name>.png."""
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)  # only this run's pictures
    folder.mkdir(parents=True)
    count = iter(range(1, 1000))

    def take(page, name, full_page=False):
        path = folder / f"{next(count):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


def unique_email():
    return f"e2e-{uuid.uuid4().hex[:10]}@example.org"


def sign_up(page, email=None, tour=False, form=False):
    """A new account, signed in on this page; returns the email. Leaves the page on the
    check-in view.

    Through the sign-up form only where signing up is what a test is about (`form=True`, or
    `tour=True`: stays on the welcome tour a new account starts with). Otherwise the account
    is made through the API and its session stored on the device as the form leaves it:
    the same state, seconds sooner (docs/pwa.md, "Tests and figures")."""
    email = email or unique_email()
    if not (form or tour):
        _session_from_the_api(page, email)
        return email
    page.goto("/#/signup")
    page.fill("#auth-email", email)
    page.fill("#auth-password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector(".welcome")
    if not tour:
        page.get_by_role("link", name="Skip the tour").click()
        page.wait_for_selector("ew-scale[variant=pain] button")
    return email


def _session_from_the_api(page, email):
    """Register and sign in through the API in the browser's time zone (as the form does),
    then store the session and the device key where pwa/js/session.js keeps them."""
    page.goto("/api/health")
    zone = page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") or "UTC"
    registered = page.request.post("/api/auth/register",
                                   data={"email": email, "password": PASSWORD, "timezone": zone})
    assert registered.status == 202, registered.text()
    login = page.request.post("/api/auth/login", data={"email": email, "password": PASSWORD})
    assert login.status == 200, login.text()
    session = login.json()
    device_key = session.pop("device_key", None)
    page.evaluate("""async ([session, email, key]) => {
        const store = await import('/js/store.js');
        await store.setMeta('session', session);
        if (key) localStorage.setItem('emberwise.device-keys', JSON.stringify({[email.toLowerCase()]: key}));
    }""", [session, email, device_key])
    page.goto("/#/checkin")
    page.wait_for_selector("ew-scale[variant=pain] button")
    settle_sync(page)  # the form's sign-up syncs at once too; start the test after it


def settle_sync(page):
    """Wait until the app's sync has run to the end (pwa/js/sync.js syncNow: one more round
    if one is under way), so no answer re-renders a view under the test's feet."""
    page.evaluate("async () => { await (await import('/js/sync.js')).syncNow(); }")


def checked_in_on_days_before(page, days_ago, **fields):
    """Check-ins stored on the server for each of `days_ago` (0 = a minute ago), as if made on
    those days, then synced to this device."""
    token = page.evaluate("async () => (await (await import('/js/store.js')).getMeta('session')).token")
    now = datetime.now(UTC)
    for back in days_ago:
        at = (now - timedelta(days=back, minutes=1)).isoformat()
        made = page.request.post("/api/checkins", data={"id": str(uuid.uuid4()), "at": at, "pain": 5, **fields},
                                 headers={"Authorization": f"Bearer {token}"})
        assert made.status in (200, 201), made.text()
    settle_sync(page)


def sign_in(page, email):
    page.goto("/#/signin")
    page.fill("#auth-email", email)
    page.fill("#auth-password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("ew-scale[variant=pain] button")


def demo_records(app):
    """Seed the demo account (180 days) and return its check-ins."""
    with app.app_context():
        seed_demo(utcnow(), days=180, scrypt_n=2**10)
        from server.accounts.models import User

        user = db.session.query(User).filter_by(email=DEMO_EMAIL).one()
        records = checkin_records(user.id)
        db.session.remove()
    return records


@pytest.fixture
def demo(app):
    """The demo account's half year on the server; its check-ins."""
    return demo_records(app)


def sign_in_demo(page):
    page.goto("/#/signin")
    page.fill("#auth-email", DEMO_EMAIL)
    page.fill("#auth-password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("ew-scale[variant=pain] button")
    page.wait_for_selector(".toast", state="detached", timeout=10_000)  # the "works offline" note


def wait_synced(page, timeout=30.0):
    """Wait until the sync status says the last sync went through (after a demo sign-in:
    its half year of records are on the device)."""
    wait_until(page, "document.querySelector('ew-sync-status')?.dataset.kind === 'ok'", timeout=timeout)


def open_screen(page, screen, ready):
    """Open an insights screen and wait until it is drawn from the sync's answer (it draws the
    kept results first, then again: a test reading between the two raced the redraw)."""
    page.goto(f"/#/insights/{screen}")
    page.wait_for_selector(ready, timeout=20_000)
    drawn(page)
    page.wait_for_selector(".toast", state="detached", timeout=10_000)


def drawn(page, timeout=20_000):
    """Wait until the insights screen has finished loading and drawing (it is aria-busy until then;
    a range or month button sets that at once, so this also waits for the redraw after a tap)."""
    page.wait_for_selector(".insights-body:not([aria-busy])", timeout=timeout)


def save_lab_result(page, test, value, *, unit=None, date=None, ref_low=None, ref_high=None,
                    name=None, name_unit=None):
    """Fill the labs screen's "Add a result" form (the page is on #/labs) and save it; returns
    the result's card once it is drawn. `name` and `name_unit` are the typed test or panel
    marker name and unit (a custom test or a panel); fields left None keep the form's own."""
    page.select_option("select[name=test]", test)
    for selector, text in (("input[name=custom_name]", name), ("input[name=custom_unit]", name_unit)):
        if text is not None:
            page.fill(selector, text)
    if unit is not None:
        page.select_option("select[name=unit]", unit)
    for field, number in (("value", value), ("date", date), ("ref_low", ref_low), ("ref_high", ref_high)):
        if number is not None:
            page.fill(f"input[name={field}]", str(number))
    page.get_by_role("button", name="Save result").click()
    card = page.locator(f'.lab-card[data-test="{test}"]')
    card.wait_for()
    return card


def pass_seconds_until(page, locator, timeout=30.0):
    """Move the page's installed clock (page.clock.install()) a second per tenth of a real
    second until `locator` shows: an app's time-out is seen without the test sitting it out."""
    deadline = time.monotonic() + timeout
    while not locator.is_visible():
        assert time.monotonic() < deadline, f"{locator} did not show"
        page.clock.run_for(1000)
        page.wait_for_timeout(100)


def wait_until(page, expression, timeout=10.0):
    """Poll a JS expression until truthy. (page.wait_for_function polls with eval, which the
    app's CSP rightly forbids; page.evaluate goes through the debugger and is not blocked.)"""
    deadline = time.monotonic() + timeout
    while not _evaluate_across_navigation(page, expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout}s: {expression}")
        page.wait_for_timeout(50)


# Resolves true once nothing under #view has been added, removed or retexted (nor anything
# marked aria-busy) for `quiet` ms, false if that has not happened within `limit` ms.
_QUIET = """([quiet, limit]) => new Promise((resolve) => {
  const root = document.getElementById('view') || document.body;
  let timer = 0;
  const finish = (still) => { observer.disconnect(); clearTimeout(timer); clearTimeout(cap); resolve(still); };
  const check = () => { if (root.querySelector('[aria-busy=true]')) timer = setTimeout(check, quiet); else finish(true); };
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(check, quiet); });
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributeFilter: ['aria-busy', 'open', 'hidden'] });
  timer = setTimeout(check, quiet);
  const cap = setTimeout(() => finish(false), limit);
})"""


def wait_still(page, quiet_ms=250, timeout=15.0):
    """Wait until the screen has stopped changing, as a person looking at it would: no API
    answer on the way, nothing busy, and the view unchanged for `quiet_ms` (views fill in from
    IndexedDB and the API after their first paint; charts redraw for their width a frame
    later). Returns False when it still changes after `timeout` s (an animated screen)."""
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        still = page.evaluate(_QUIET, [quiet_ms, left * 1000])
        if still and not getattr(page.context, "api_in_flight", None):
            return True
    return False


def eventually(page, check, timeout=15.0):
    """Poll a Python check (the server's records, say) until it is true or `timeout` s pass;
    returns its last answer. Polled by time, not by a count of tries, so a loaded machine
    gets the same time as a quiet one; the page's events are handled while it waits."""
    deadline = time.monotonic() + timeout
    while not (answer := check()) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    return answer or check()


def _evaluate_across_navigation(page, expression):
    """page.evaluate, counting a page that is just reloading as "not yet"."""
    from playwright.sync_api import Error

    try:
        return page.evaluate(expression)
    except Error as exc:
        if "context was destroyed" in str(exc) or "navigat" in str(exc):
            return False
        raise


def wait_offline_ready(page):
    """Wait until the service worker controls the page, so the shell is cached for offline use."""
    wait_until(page, "navigator.serviceWorker.controller !== null")


def save_checkin(page, pain):
    page.goto("/#/checkin")
    page.locator("ew-scale[variant=pain]").get_by_role("radio", name=str(pain), exact=True).click()
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_text("Check-in saved").first.wait_for()
    # The form empties itself just after saying so; the next check-in starts on the empty form.
    wait_until(page, "document.querySelector('ew-scale[variant=pain]').value === null")


def entries(page):
    """The history list as [(pain text, state text)], newest first."""
    page.goto("/#/history")
    page.wait_for_selector(".entries li")
    return page.eval_on_selector_all(
        ".entries li.entry",
        "els => els.map(e => [e.querySelector('.pain-badge').textContent, e.dataset.state, e.dataset.id])",
    )


def server_checkins(app):
    """Every stored check-in row (tombstones too), as (id, pain, deleted)."""
    with app.app_context():
        rows = db.session.execute(select(CheckIn.id, CheckIn.pain, CheckIn.deleted)).all()
        db.session.remove()
    return [tuple(r) for r in rows]
