"""A newcomer's walk through every screen on a 360 px phone: no stray "null" text, no sideways
scrolling, a way back from every sub-screen, and touch targets of at least 44 px."""
import re
from pathlib import Path

import pytest

from tests.e2e.conftest import demo_records, settle_sync, sign_in_demo, sign_up, wait_still, wait_until

ROUTES_JS = Path(__file__).resolve().parents[2] / "pwa" / "js" / "routes.js"

NARROW = {"width": 360, "height": 740}

# Text a view prints only when it put a missing value on screen (no trailing \b: "nullnull").
STRAY_TEXT = r"""() => (document.getElementById('view').innerText
  .match(/(?<![A-Za-z])(null|undefined|NaN)|\[object Object\]/g) || [])"""
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def routes():
    """Every route name in pwa/js/routes.js, so a new screen is walked without editing this test."""
    return re.findall(r"^  (\w+): \{ title:", ROUTES_JS.read_text(), flags=re.M)


@pytest.fixture
def narrow_page(new_context):
    page = new_context(viewport=NARROW, color_scheme="dark").new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    assert not page.errors, f"uncaught errors in the app: {page.errors}"


def open_route(page, name):
    page.goto(f"/#/{name}")
    wait_until(page, f"document.body.dataset.route === {name!r}")
    wait_still(page)  # views fill in from IndexedDB and the API after the first paint


def test_a_new_account_sees_no_stray_text_and_no_sideways_scroll_on_any_screen(narrow_page, shot):
    sign_up(narrow_page, form=True)
    for name in routes():
        if name in ("signin", "signup"):
            continue
        open_route(narrow_page, name)
        shot(narrow_page, name, full_page=True)
        # Both read in one step, so a late redraw cannot fall between them.
        stray, sideways = narrow_page.evaluate(f"[({STRAY_TEXT})(), ({SIDEWAYS})()]")
        assert stray == [], f"#/{name} shows a missing value"
        assert sideways <= 0, f"#/{name} scrolls sideways at 360 px"


def test_every_sub_screen_has_a_way_back_and_keeps_its_tab_lit(narrow_page, shot):
    sign_up(narrow_page)
    open_route(narrow_page, "breathing")
    assert narrow_page.locator("#tabs a[data-route=practices]").get_attribute("aria-current") == "true"
    shot(narrow_page, "breathing")
    narrow_page.get_by_role("link", name="Back to Practices").click()
    wait_until(narrow_page, "document.body.dataset.route === 'practices'")
    assert narrow_page.locator("#back").is_hidden()  # a tab's own screen needs no back link
    open_route(narrow_page, "alerts")
    narrow_page.get_by_role("link", name="Back to Settings").click()
    wait_until(narrow_page, "document.body.dataset.route === 'settings'")


def test_a_visitor_reading_the_warning_signs_can_go_back_to_sign_in(narrow_page):
    open_route(narrow_page, "redflags")
    # The bar above the page and the link at its foot (both say where they go; a visitor has no check-in).
    assert narrow_page.get_by_role("link", name="Back to Sign in").count() == 2
    narrow_page.get_by_role("link", name="Back to Sign in").first.click()
    wait_until(narrow_page, "document.body.dataset.route === 'signin'")


def test_the_warning_signs_lead_back_to_where_they_were_opened_from(narrow_page, shot):
    """Opened from the check-in's "Red flags", the page said "Back to Practices" and lit the
    Practices tab (issue 12): a person checking in was sent somewhere they had not been."""
    page = narrow_page
    sign_up(page)
    page.get_by_role("link", name="Red flags").click()
    wait_until(page, "document.body.dataset.route === 'redflags'")
    shot(page, "from-check-in")
    assert page.locator("#back a").inner_text() == "Back to check-in"
    assert page.locator("#tabs a[data-route=checkin]").get_attribute("aria-current") == "true"
    assert page.locator("#tabs a[data-route=practices]").get_attribute("aria-current") is None
    # The one at the foot of the page says and does the same.
    assert page.locator("#view a", has_text="Back to").inner_text() == "Back to check-in"
    page.locator("#back a").click()
    wait_until(page, "document.body.dataset.route === 'checkin'")
    # From Practices, back to Practices.
    open_route(page, "practices")
    page.locator("#view a[href='#/redflags']").first.click()
    wait_until(page, "document.body.dataset.route === 'redflags'")
    assert page.locator("#back a").inner_text() == "Back to Practices"
    # Its own links ("What these warning signs mean" in a message) keep the way back.
    page.locator('.triage input[value="night_rest_pain"]').check()
    page.get_by_role("alert").get_by_role("link", name="What these warning signs mean").click()
    assert page.locator("#back a").inner_text() == "Back to Practices"
    page.locator("#view a", has_text="Back to").click()
    wait_until(page, "document.body.dataset.route === 'practices'")
    # Opened directly (a bookmark, a reload): back to the check-in.
    page.goto("/#/redflags")
    page.reload()
    wait_until(page, "document.body.dataset.route === 'redflags'")
    page.get_by_role("link", name="Back to check-in").first.click()
    wait_until(page, "document.body.dataset.route === 'checkin'")


def test_empty_history_leads_to_the_first_check_in(narrow_page):
    sign_up(narrow_page)
    open_route(narrow_page, "history")
    narrow_page.get_by_role("link", name="Make your first check-in").click()
    wait_until(narrow_page, "document.body.dataset.route === 'checkin'")


def test_touch_targets_on_a_360_px_phone(narrow_page, shot):
    sign_up(narrow_page)
    small = """(sel) => [...document.querySelectorAll(sel)].map((el) => el.getBoundingClientRect())
      .filter((r) => r.width < 44 || r.height < 44).length"""
    assert narrow_page.evaluate(small, "ew-scale[variant=pain] button") == 0
    open_route(narrow_page, "settings")
    narrow_page.wait_for_selector("[data-section=data] a")
    shot(narrow_page, "settings", full_page=True)
    assert narrow_page.evaluate(small, "[data-section] .link-list a") == 0
    narrow_page.get_by_role("link", name="Clinician report, export and import").click()
    wait_until(narrow_page, "document.body.dataset.route === 'reports'")


def test_new_reminder_forms_show_no_stray_text(narrow_page, shot):
    sign_up(narrow_page)
    open_route(narrow_page, "reminders")
    adds = narrow_page.locator("#view button", has_text="reminder")
    for i in range(adds.count()):
        adds.nth(i).click()
    narrow_page.wait_for_selector("form.entry")
    shot(narrow_page, "reminder-forms", full_page=True)
    assert narrow_page.evaluate(STRAY_TEXT) == []


def test_a_toast_sits_just_above_the_tab_bar_off_the_check_in_screen(narrow_page):
    """Off the check-in there is no save bar: the foot of the screen is just above the tab bar.
    The therapies open on words, so the foot is free there; on pacing the plan's fields are
    at the foot, and the toast goes where it covers none of them (docs/pwa.md, "Toasts")."""
    sign_up(narrow_page)
    open_route(narrow_page, "therapies")
    narrow_page.evaluate("() => import('/js/ui/dom.js').then((m) => m.toast('Saved.'))")
    toast = narrow_page.locator(".toast").bounding_box()
    tabs = narrow_page.locator("#tabs").bounding_box()
    assert 0 <= tabs["y"] - (toast["y"] + toast["height"]) <= 24
    open_route(narrow_page, "pacing")
    narrow_page.evaluate("() => import('/js/ui/dom.js').then((m) => m.toast('Saved.'))")
    under = narrow_page.locator(".toast").evaluate("""(el) => { const t = el.getBoundingClientRect();
      return [...document.querySelectorAll('a[href], button, input, select, textarea, summary')].filter((n) => {
        const b = n.getBoundingClientRect();
        return b.width > 1 && t.left < b.right && b.left < t.right && t.top < b.bottom && b.top < t.bottom; }).length; }""")
    assert under == 0


def test_a_protocol_item_without_a_dose_fits_a_360_px_screen(narrow_page, shot):
    sign_up(narrow_page)
    open_route(narrow_page, "protocol")
    narrow_page.select_option(".protocol-editor select", "pea")  # the longest single word
    narrow_page.get_by_role("button", name="Add", exact=True).click()
    narrow_page.locator("form.item-form").get_by_role("button", name="Save").click()
    taken = narrow_page.locator(".dose-list li").first.get_by_role("button", name="Taken")
    taken.wait_for()
    settle_sync(narrow_page)  # the saved item's sync re-renders the list
    taken.wait_for()
    shot(narrow_page, "protocol", full_page=True)
    assert taken.bounding_box()["x"] + taken.bounding_box()["width"] <= NARROW["width"]
    summary = narrow_page.locator(".protocol-item p").first.inner_text()
    assert summary.startswith("dose not set"), summary  # not a bare "— mg"


def test_alert_switches_and_lab_history_are_44_px_targets(narrow_page, shot):
    sign_up(narrow_page)
    open_route(narrow_page, "alerts")
    narrow_page.get_by_text("Which alerts, and when").click()  # the rules' switches are folded
    narrow_page.wait_for_selector("label.row[for^=alert-on-]")
    narrow_page.get_by_text("Mute a whole kind").click()
    heights = narrow_page.evaluate("() => [...document.querySelectorAll('#view label.row')].map((l) => l.getBoundingClientRect().height)")
    assert heights and min(heights) >= 44, heights
    open_route(narrow_page, "labs")
    narrow_page.get_by_label("Value").fill("2.5")
    narrow_page.get_by_role("button", name="Save result").click()
    summary = narrow_page.locator(".lab-card summary")
    summary.wait_for()
    shot(narrow_page, "labs", full_page=True)
    assert summary.inner_text() == "This result: list and delete"
    assert summary.bounding_box()["height"] >= 44


def test_history_offers_older_check_ins_instead_of_cutting_them_off(page, app, shot):
    records = demo_records(app)
    total = len(records)
    days = sorted({r["local_date"] for r in records}, reverse=True)
    # A batch is two weeks of days with check-ins (pwa/js/views/history.js, batchEnd).
    first = sum(r["local_date"] >= days[13] for r in records)
    second = sum(r["local_date"] >= days[27] for r in records)
    assert first < second < total
    sign_in_demo(page)
    open_route(page, "history")
    page.get_by_text(f"Showing {first} of {total} check-ins, back to").wait_for()
    assert page.locator(".entries > li").count() == first
    page.get_by_role("button", name="Show older check-ins").click()
    wait_until(page, f"document.querySelectorAll('.entries > li').length === {second}")
    page.get_by_text(f"Showing {second} of {total} check-ins, back to").wait_for()
    shot(page, "older")


def test_breathing_stopped_early_says_stopped_not_well_done(narrow_page):
    sign_up(narrow_page)
    narrow_page.clock.install()
    open_route(narrow_page, "breathing")
    narrow_page.get_by_role("button", name="Start").click()
    narrow_page.clock.run_for(3000)
    narrow_page.get_by_role("button", name="Stop").click()
    narrow_page.get_by_text("Stopped before 30 seconds, so nothing was logged.").wait_for()
    assert narrow_page.locator(".pacer-word").inner_text() == "Stopped"
    assert narrow_page.locator(".pacer-left").inner_text() == ""
