"""History at 360x740 with 200% text and the demo's half year: the recent weeks first, the
older ones a button away, and every entry shown can still be edited."""
from tests.e2e.conftest import demo_records, sign_in_demo, wait_still, wait_synced, wait_until
from tests.e2e.screens import CONDITIONS, DOUBLE_TEXT

# The page held the newest 60 check-ins: 34,655 px tall on this phone at 200% text (measured
# on the code before this change); the demo's latest two weeks (25 check-ins) take 15,069 px.
MAX_HEIGHT = 17_000  # half the old page
DAYS = 14  # pwa/js/views/history.js: the days of check-ins each batch adds

HEIGHT = "document.documentElement.scrollHeight"
SHOWN_IDS = "[...document.querySelectorAll('.entries li.entry')].map((e) => e.dataset.id)"


def test_history_opens_on_the_recent_weeks_and_shows_older_ones_on_request(new_context, app, shot):
    records = demo_records(app)  # oldest first
    days = sorted({r["local_date"] for r in records}, reverse=True)
    recent = {r["id"] for r in records if r["local_date"] >= days[DAYS - 1]}
    page = new_context(viewport=CONDITIONS["text-200"][0]).new_page()
    sign_in_demo(page)
    wait_synced(page)
    page.goto("/#/history")
    wait_until(page, "document.body.dataset.route === 'history'")
    page.evaluate(DOUBLE_TEXT, CONDITIONS["text-200"][1])
    wait_still(page)  # the list fills in from IndexedDB after the first paint
    shot(page, "history-first-screen")

    shown = page.evaluate(SHOWN_IDS)
    # The newest check-in leads, and the first batch is exactly the latest two weeks of check-ins.
    assert shown[0] == records[-1]["id"]
    assert set(shown) == recent
    height = page.evaluate(HEIGHT)
    assert height < MAX_HEIGHT, height

    more = page.get_by_role("button", name="Show older check-ins")
    box = more.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    # Reached from the keyboard: it is a real button, and pressing Enter on it adds the next batch.
    more.focus()
    page.keyboard.press("Enter")
    wait_until(page, f"document.querySelectorAll('.entries li.entry').length > {len(shown)}")
    after = page.evaluate(SHOWN_IDS)
    assert after[:len(shown)] == shown  # added below, in place
    older = [i for i in after if i not in recent]
    assert older and set(older) <= {r["id"] for r in records if r["local_date"] < days[DAYS - 1]}
    # The focus moved to the first of the added check-ins, so reading goes on from there.
    focused = page.evaluate("document.activeElement.closest('li.entry')?.dataset.id")
    assert focused == older[0]
    # ...shown from its date at the top of the screen, not scrolled to its Edit at the foot.
    top = page.evaluate("document.activeElement.closest('li.entry').getBoundingClientRect().top")
    assert 0 <= top < 100, top
    shot(page, "history-older")

    # An older entry opens for editing with its own values.
    target = next(r for r in records if r["id"] == older[-1])
    page.locator(f'.entries li[data-id="{target["id"]}"]').get_by_role("link", name="Edit check-in").click()
    page.get_by_role("heading", name="Edit check-in").wait_for()
    if "pain" in target:
        wait_until(page, f"document.querySelector('ew-scale[variant=pain]').value === {target['pain']}")


# An entry with its sections, sync state and Delete was about 550 px tall at 320x640 with 200%
# text: one a screen. Two short lines (pain, day, time, flare) and Edit stay under half of the
# first screen (the 570 px above the tab bar), so a week is scanned in a few screens.
SMALL_PHONE = CONDITIONS["text-200-width-320"][0]
ENTRY_MAX = 285  # px at 320x640 with 200% text: measured 237, 276 with a flare tag


def test_each_check_in_is_two_short_lines_and_edit_at_200_percent_text_on_a_320_px_phone(new_context, app, shot):
    demo_records(app)
    page = new_context(viewport=SMALL_PHONE).new_page()
    sign_in_demo(page)
    wait_synced(page)
    page.goto("/#/history")
    wait_until(page, "document.body.dataset.route === 'history'")
    page.evaluate(DOUBLE_TEXT, 2.0)
    wait_still(page)
    shot(page, "history-320-200")
    heights = page.evaluate("[...document.querySelectorAll('.entries li.entry')].map((e) => e.getBoundingClientRect().height)")
    assert heights and max(heights) <= ENTRY_MAX, heights
    # Each shows its pain, its day and Edit; the rest is one tap away, not gone.
    first = page.locator(".entries li.entry").first
    assert first.locator(".pain-badge").is_visible() and first.get_by_role("link", name="Edit check-in").is_visible()
    more = first.get_by_role("button", name="More about the check-in")
    assert more.get_attribute("aria-expanded") == "false"
    delete = first.get_by_role("button", name="Delete check-in")
    assert delete.is_hidden()
    more.click()
    assert more.get_attribute("aria-expanded") == "true"
    assert first.locator(".entry-body").is_visible() and first.locator(".state").is_visible()
    shot(page, "history-320-200-more")
    # Delete stays smaller than Edit and quieter (no border), and still asks first.
    edit_box, delete_box = first.get_by_role("link", name="Edit check-in").bounding_box(), delete.bounding_box()
    assert delete_box["width"] * delete_box["height"] < edit_box["width"] * edit_box["height"], (delete_box, edit_box)
    assert delete.evaluate("(b) => getComputedStyle(b).borderStyle") == "none"
    delete.click()
    first.get_by_text("This cannot be undone").wait_for()
    first.get_by_role("button", name="Keep it").click()
    assert first.get_by_role("button", name="Delete check-in").is_visible()  # nothing deleted
