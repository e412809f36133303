"""Check-in details a tired person notices: "Same as yesterday" copies yesterday (the previous
local day), and the body map's targets are big enough and it is one stop for the keyboard."""
from datetime import datetime, timedelta

import pytest

from tests.e2e.conftest import sign_up, wait_until


@pytest.fixture
def context(new_context):
    """Every page here is the issue's phone: 360x740."""
    return new_context(viewport={"width": 360, "height": 740})


def save_at(page, when, pain, sleep_hours, stress):
    """A check-in back-dated with the "When" field, with sleep and stress filled in."""
    page.goto("/#/checkin")
    page.locator("ew-scale[variant=pain]").get_by_role("radio", name=str(pain), exact=True).click()
    page.evaluate("document.querySelectorAll('details.section').forEach((d) => { d.open = true; })")
    page.locator("details[data-section=sleep]").get_by_role("spinbutton", name="Hours slept").fill(
        str(sleep_hours)
    )
    page.locator("details[data-section=mind]").get_by_role("radiogroup", name="Stress").get_by_role(
        "radio", name=str(stress), exact=True
    ).click()
    if when is not None:
        page.locator("#checkin-date").fill(when.strftime("%Y-%m-%d"))
        page.locator("#checkin-time").fill(when.strftime("%H:%M"))
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_text("Check-in saved").first.wait_for()
    form_emptied(page)


def form_emptied(page):
    """Wait until the form has emptied itself for the next check-in, as the person sees it after
    "Check-in saved": filling it in before then raced the reset, which wiped the new values."""
    wait_until(page, "document.querySelector('ew-scale[variant=pain]').value === null")


def test_same_as_yesterday_copies_yesterday_not_the_check_in_from_minutes_ago(page, shot):
    sign_up(page)
    now = datetime.now()
    yesterday_evening = (now - timedelta(days=1)).replace(hour=21, minute=0)
    save_at(page, yesterday_evening, 4, 7.5, 3)
    save_at(page, None, 6, 5, 8)  # this morning's, minutes ago
    page.goto("/#/checkin")
    copy = page.get_by_role("button", name="Same as yesterday")
    copy.wait_for()
    copy.click()
    # The form refills in one step, and the toast says so once it has: read it all at once then.
    page.get_by_text("Filled in from yesterday").first.wait_for()
    sleep, stress, pain = page.evaluate("""[
      document.querySelector('details[data-section=sleep] input[type=number]').value,
      document.querySelector('details[data-section=mind] ew-scale').value,
      document.querySelector('ew-scale[variant=pain]').value]""")
    assert (sleep, stress) == ("7.5", 3)
    assert pain is None  # pain is today's
    shot(page, "same-as-yesterday")


BOXES = """(sel) => [...document.querySelectorAll(sel)].filter((el) => el.getClientRects().length)
  .map((el) => { const r = el.getBoundingClientRect(); return [el.dataset.region || el.dataset.area, Math.round(r.width), Math.round(r.height)]; })"""


def open_where(page):
    page.evaluate("document.querySelector('details[data-section=where]').open = true")
    return page.locator('details[data-section="where"]')


def test_every_body_map_target_is_at_least_44px_on_a_360px_phone(new_context, shot):
    page = new_context(viewport={"width": 360, "height": 740}).new_page()
    sign_up(page)
    where = open_where(page)
    measured = 0
    for view in ("Front", "Back"):
        where.get_by_role("button", name=view).click()
        areas = page.evaluate(BOXES, "ew-body-map rect.area")
        assert len(areas) == 7 and all(w >= 44 and h >= 44 for _, w, h in areas), areas
        for key, _, _ in areas:
            where.locator(f"rect.area[data-area={key}]").click()
            regions = page.evaluate(BOXES, "ew-body-map svg.zoomed path.region:not(.elsewhere)")
            small = [r for r in regions if r[1] < 44 or r[2] < 44]
            assert regions and small == [], f"{view} {key}: {small}"
            measured += len(regions)
            if key == "head" and view == "Front":
                where.scroll_into_view_if_needed()
                shot(page, "zoomed-head")
            where.get_by_role("button", name="Whole body").click()
    assert measured == 26 + 25  # every region of both views (front 26, back 25) measured zoomed in


def test_the_body_map_is_one_tab_stop_with_arrow_keys_inside(page, shot):
    sign_up(page)
    where = open_where(page)
    where.get_by_role("button", name="List").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('svg') !== null")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    name = page.evaluate("document.activeElement.getAttribute('aria-label')")
    page.keyboard.press("Space")
    where.get_by_text(f"Selected: {name}").wait_for()
    page.keyboard.press("Space")  # again: unticked
    where.get_by_text("Nothing selected yet.").wait_for()
    # One more Tab leaves the map: 26 regions are not 26 stops.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('ew-body-map') === null")
    # From the section's heading to the next section: Front, Back, List, the map — then out.
    where.locator("summary").focus()
    stops = 0
    while page.evaluate("document.activeElement.closest('details')?.dataset.section === 'where'"):
        page.keyboard.press("Tab")
        stops += 1
    assert stops <= 5, stops
    shot(page, "body-map-keyboard")


def test_a_zoomed_area_follows_the_arrow_keys_and_escape_zooms_out(page):
    sign_up(page)
    where = open_where(page)
    where.locator("rect.area[data-area=head]").click()
    page.wait_for_selector("ew-body-map svg.zoomed")
    page.locator('ew-body-map path[tabindex="0"]').focus()
    assert page.evaluate("document.activeElement.dataset.region") == "head"
    for _ in range(3):
        page.keyboard.press("ArrowDown")  # head, jaw, neck, then into the chest's area
    assert page.evaluate("document.activeElement.dataset.region") == "chest"
    assert (
        page.evaluate("document.querySelector('ew-body-map svg').getAttribute('aria-label')")
        == "Body, front view, chest and belly"
    )
    page.keyboard.press("Escape")
    page.wait_for_selector("ew-body-map svg.whole")
    assert page.evaluate("document.activeElement.dataset.region") == "chest"


def test_after_saving_the_form_says_it_was_saved_today_and_leads_to_the_check_ins(page, shot):
    """The fields empty again after a save; a tired person back on the form must see that it
    went through (not save it twice), also after the toast is gone and after reopening."""
    sign_up(page)
    assert page.locator(".last-checkin").is_hidden()  # nothing today yet: nothing claimed
    page.locator("ew-scale[variant=pain]").get_by_role("radio", name="6", exact=True).click()
    page.get_by_role("button", name="Save check-in").click()
    note = page.locator(".last-checkin")
    note.wait_for()
    assert "Saved today at" in note.inner_text() and "pain 6" in note.inner_text()
    page.reload()
    page.wait_for_selector("ew-scale[variant=pain] button")
    note.wait_for()
    assert "pain 6" in note.inner_text()
    shot(page, "saved-today")
    link = note.get_by_role("link", name="See your check-ins")
    assert link.bounding_box()["height"] >= 44
    link.click()
    page.wait_for_selector(".entries li.entry")


def test_a_tapped_area_zooms_in_on_screen_at_200_percent_text_on_a_320_px_phone(new_context, shot):
    """The whole body is about 530 px tall at 320x640 with 200% text, the zoomed area about
    150: after a tap on the hips the drawing shrank above the screen's top and the person saw
    "Whole body" and "Nothing selected yet." with no region to tap. The zoomed area is on
    screen, above the save bar, and its regions can be tapped where they are."""
    from tests.e2e.screens import DOUBLE_TEXT

    page = new_context(viewport={"width": 320, "height": 640}, has_touch=True).new_page()
    sign_up(page)
    page.evaluate(DOUBLE_TEXT, 2.0)
    where = open_where(page)
    drawing = page.locator("ew-body-map svg.whole")
    drawing.scroll_into_view_if_needed()
    # Scrolled as a person reading down would be: the drawing's foot just above the save bar.
    page.evaluate("""() => { const s = document.querySelector('ew-body-map svg').getBoundingClientRect();
      const bar = document.querySelector('.save-bar').getBoundingClientRect();
      window.scrollBy(0, s.bottom - bar.top + 8); }""")
    area = where.locator("rect.area[data-area=hips]")
    box = area.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("ew-body-map svg.zoomed")
    shot(page, "zoomed-in-320-200")
    zoomed = page.locator("ew-body-map svg.zoomed").bounding_box()
    bar = page.locator(".save-bar").bounding_box()
    assert zoomed["y"] >= 0 and zoomed["y"] + zoomed["height"] <= bar["y"], (zoomed, bar)
    region = page.locator("ew-body-map svg.zoomed path.region:not(.elsewhere)").first
    r = region.bounding_box()
    page.touchscreen.tap(r["x"] + r["width"] / 2, r["y"] + r["height"] / 2)
    where.get_by_text("Selected: ").wait_for()
