"""A sync's answer redraws a view while the person is using it: what they were doing must
survive the redraw (the question they were asked, the disclosure they opened, their focus)."""
import time
import uuid
from datetime import UTC, datetime, timedelta

from server.protocol.models import HealthConditions
from tests.e2e.conftest import save_checkin, settle_sync, sign_up, wait_until
from tests.e2e.practices.conftest import server_data


def another_device_checks_in(page, pain, minutes_ago=5):
    """A check-in stored on the server from elsewhere (this device learns of it at its next sync)."""
    token = page.evaluate("async () => (await (await import('/js/store.js')).getMeta('session')).token")
    at = (datetime.now(UTC) - timedelta(minutes=minutes_ago)).isoformat()
    made = page.request.post("/api/checkins", data={"id": str(uuid.uuid4()), "at": at, "pain": pain},
                             headers={"Authorization": f"Bearer {token}"})
    assert made.status in (200, 201), made.text()


def mark_children_old(page, selector):
    """Tag what `selector` holds now, so a test can wait for a redraw to replace it."""
    page.evaluate("(s) => { for (const el of document.querySelector(s).children) el.dataset.old = 'yes'; }", selector)


def test_the_delete_question_stays_open_when_a_sync_redraws_the_history(page, app, shot):
    sign_up(page)
    save_checkin(page, 4)
    page.goto("/#/history")
    page.wait_for_selector(".entries li.entry[data-state=synced]")
    page.get_by_role("button", name="More about the check-in").click()
    page.get_by_role("button", name="Delete check-in").click()
    page.get_by_text("This cannot be undone").wait_for()

    # While the person reads the question, a check-in from their other phone arrives.
    mark_children_old(page, ".entries")
    another_device_checks_in(page, 7)
    settle_sync(page)
    page.wait_for_selector(".entries li.entry:not([data-old]) >> nth=1")
    shot(page, "question-after-redraw")

    assert page.get_by_text("This cannot be undone").is_visible(), "the sync's redraw dropped the question"
    assert page.evaluate("document.activeElement.textContent") == "Keep it"
    # The question still does what it says, on the check-in it was asked about.
    page.get_by_role("button", name="Yes, delete the check-in").click()
    wait_until(page, "document.querySelectorAll('.entries li.entry').length === 1")
    assert page.locator(".entries .pain-badge").inner_text() == "7"


def test_an_open_disclosure_and_the_focus_survive_the_insights_redraw_after_sync(page, shot):
    sign_up(page)
    # Something started, so the screen shows its comparison and the method beside it (a new
    # account with nothing started is told what makes comparisons appear, and no method).
    page.evaluate("""() => import('/js/app.js').then(({ ctx }) => ctx.save('protocol_item',
        { name: 'Magnesium glycinate', start: '2026-11-01', times: ['21:00'], timing: 'any' }))""")
    page.goto("/#/insights/practices")
    page.get_by_text("Results from").wait_for()  # the first visit keeps the results on the device

    # The next visit draws the kept results at once; the fresh ones are held back for now.
    held = []
    page.route("**/api/insights/overview", lambda route: held.append(route))
    page.goto("/#/history")
    with page.expect_request("**/api/insights/overview"):  # asked after the kept results are drawn
        page.goto("/#/insights/practices")
    summary = page.locator("summary", has_text="How these are worked out")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.method").get_attribute("open") is not None
    mark_children_old(page, ".insights-body")

    deadline = time.monotonic() + 10
    while not held:  # the route handler runs while Playwright is being called
        assert time.monotonic() < deadline, "the insights were not asked for"
        page.evaluate("0")
    held.pop().continue_()
    page.wait_for_selector(".insights-body > :not([data-old])")
    shot(page, "after-redraw")

    assert page.locator("details.method").get_attribute("open") is not None, "the redraw folded the disclosure"
    assert page.evaluate("document.activeElement.textContent") == "How these are worked out"


def test_unsaved_health_condition_ticks_survive_a_sync_redraw_of_the_protocol(page, app):
    sign_up(page)
    page.goto("/#/protocol")
    page.get_by_role("heading", name="Safety notes").wait_for()
    page.locator(".conditions summary").click()
    page.get_by_label("Diabetes").check()

    # Before they press Save, a check-in from their other phone arrives and the screen redraws.
    mark_children_old(page, ".conditions")
    another_device_checks_in(page, 5)
    settle_sync(page)
    page.wait_for_selector(".conditions > :not([data-old])")

    assert page.locator(".conditions details").get_attribute("open") is not None, "the redraw folded the form"
    assert page.get_by_label("Diabetes").is_checked(), "the redraw dropped the unsaved tick"
    page.get_by_label("Kidney disease").check()
    page.get_by_role("button", name="Save conditions").click()
    page.locator(".conditions summary", has_text="function); Diabetes").wait_for()
    settle_sync(page)
    assert server_data(app, HealthConditions) == [{"conditions": ["kidney_disease", "diabetes"]}]


HOLD_NEXT_READ = """([type, ms]) => {
  // The next read of the records of `type` answers `ms` late (with what it read at once), as
  // a busy phone's IndexedDB can: the paint it serves then finishes after a later one.
  const getAll = IDBIndex.prototype.getAll;
  IDBIndex.prototype.getAll = function (query, ...rest) {
    const request = getAll.call(this, query, ...rest);
    if (query !== type) return request;
    IDBIndex.prototype.getAll = getAll;
    const setter = Object.getOwnPropertyDescriptor(IDBRequest.prototype, 'onsuccess').set;
    Object.defineProperty(request, 'onsuccess', {
      set(fn) { setter.call(this, (event) => setTimeout(() => fn.call(this, event), ms)); },
    });
    window.__held = true;
    return request;
  };
}"""


def test_an_older_list_never_lands_on_top_of_a_newer_one(page):
    """Two syncs' answers in quick succession start two paints of the history; when the
    first one's read is slow, its older list must not replace the newer one it finishes
    after (pwa/js/views/history.js draws only the newest paint)."""
    sign_up(page)
    save_checkin(page, 4)
    page.goto("/#/history")
    page.wait_for_selector(".entries li.entry[data-state=synced]")
    page.evaluate(HOLD_NEXT_READ, ["checkin", 3000])
    another_device_checks_in(page, 7, minutes_ago=2)
    settle_sync(page)  # its redraw reads 4 and 7, and answers 3 s late
    assert page.evaluate("window.__held === true"), "the sync's redraw did not read the check-ins"
    another_device_checks_in(page, 2, minutes_ago=1)
    settle_sync(page)  # this redraw reads 4, 7 and 2 and draws them at once
    wait_until(page, "document.querySelectorAll('.entries li.entry').length === 3")
    page.wait_for_timeout(3500)  # the slow first paint has finished by now
    assert page.locator(".entries .pain-badge").all_inner_texts() == ["4", "2", "7"], \
        "an older paint drew over a newer one"


def test_an_older_protocol_never_lands_on_top_of_a_newer_one(page):
    """The protocol screen redraws on every change of its records; a slow first draw must not
    drop an item saved while it was reading (pwa/js/views/protocol.js draws only the newest)."""
    sign_up(page)
    page.goto("/#/protocol")
    page.get_by_role("heading", name="Safety notes").wait_for()
    page.evaluate(HOLD_NEXT_READ, ["protocol_item", 3000])
    save = """(name) => import('/js/app.js').then(({ ctx }) => ctx.save('protocol_item',
        { name, times: ['21:00'], timing: 'any' }))"""
    page.evaluate(save, "Magnesium glycinate")  # its redraw reads one item, 3 s late
    wait_until(page, "window.__held === true")
    page.evaluate(save, "Vitamin D3")  # this redraw reads both and draws them at once
    page.get_by_text("Vitamin D3").first.wait_for()
    page.wait_for_timeout(3500)  # the slow first draw has finished by now
    assert page.get_by_text("Vitamin D3").first.is_visible(), "an older draw dropped the newer item"
    assert page.get_by_text("Magnesium glycinate").first.is_visible()



def test_a_slow_insights_draw_never_covers_a_newer_one(page):
    """Draws of the insights overlap when the person taps a range while one is under way; the
    chart must end as the newest draw made it, not go back to what a slow earlier draw read
    (pwa/js/views/insights.js paints only the newest draw)."""
    sign_up(page)
    save_checkin(page, 4)
    page.goto("/#/insights")
    page.get_by_role("button", name="3 months").wait_for()
    wait_until(page, "!document.querySelector('.insights-body[aria-busy]')")
    page.evaluate(HOLD_NEXT_READ, ["checkin", 3000])
    page.get_by_role("button", name="3 months").click()  # this draw reads one check-in, 3 s late
    wait_until(page, "window.__held === true")
    page.evaluate("""() => import('/js/app.js').then(({ ctx }) => ctx.save('checkin',
        { at: new Date(Date.now() - 86400000).toISOString(), pain: 9 }))""")  # yesterday's, late
    mark_children_old(page, ".insights-body")
    page.get_by_role("button", name="4 weeks").click()  # this draw reads both, at once
    page.wait_for_selector(".insights-body > :not([data-old])")
    newest = page.inner_html(".insights-body")
    wait_until(page, "!document.querySelector('.insights-body[aria-busy]')")  # the slow one is done
    assert page.inner_html(".insights-body") == newest, "a slow earlier draw covered the newest"


def test_a_screen_that_loads_slowly_never_replaces_the_one_tapped_after_it(new_context):
    """A tab's code can arrive late (a slow network before the app is cached): someone who
    taps Reports, then Settings before Reports has loaded, must end on Settings, not be
    thrown back to Reports when its code lands (pwa/js/app.js draws only the newest
    navigation). No service worker here, so the screen's code really comes over the network
    and can be held back."""
    page = new_context(service_workers="block").new_page()
    sign_up(page)
    page.goto("/#/checkin")
    page.wait_for_selector("ew-scale[variant=pain] button")
    held = []
    page.route("**/js/views/reports.js", lambda route: held.append(route))
    page.evaluate("location.hash = '#/reports'")
    deadline = time.monotonic() + 10
    while not held:  # the route handler runs while Playwright is being called
        assert time.monotonic() < deadline, "the Reports screen's code was not asked for"
        page.evaluate("0")
    page.evaluate("location.hash = '#/settings'")
    page.get_by_role("heading", name="Settings", exact=True).wait_for()
    held.pop().continue_()
    # Reports' code has arrived and its module ran: anything it was going to draw is drawn.
    page.evaluate("import('/js/views/reports.js')")
    page.wait_for_timeout(300)
    assert page.evaluate("location.hash") == "#/settings"
    assert page.locator("#view h1").all_inner_texts() == ["Settings"], \
        "the slower, earlier navigation drew over the screen tapped after it"
    assert page.title().startswith("Settings")
