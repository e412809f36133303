"""Tap targets and whole fields at 200% text on a 360x740 phone (issue 12): every link and
button is at least 44 px tall, a reminder's times are shown whole, and a select whose choice
is cut off shows that choice in full below it. Screenshots land in test-artifacts/."""
import pytest

from tests.e2e.conftest import demo_records, sign_in_demo, sign_up, wait_synced
from tests.e2e.screens import DOUBLE_TEXT, NOT_SIGNED_IN, open_route, routes, sub_screens

PHONE_360 = {"width": 360, "height": 740}

# Visible links, buttons and disclosures under 44 px tall. A checkbox or radio inside its
# label counts as the label (the whole row is the target).
SMALL_TARGETS = """() => [...document.querySelectorAll(
    '#view a, #view button, #view summary, #view select, #back a')].filter((el) => {
  if (!el.getClientRects().length || el.closest('[hidden], svg')) return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height < 43.5;
}).map((el) => `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}" ${Math.round(el.getBoundingClientRect().height)} px`)"""

# Each time field's shown time ("08:00 AM" in the page's locale), measured in the field's own
# font, plus its clock button (about 1.2em), against the room inside its padding.
TIME_ROOM = """() => [...document.querySelectorAll('#view input[type=time]')].map((el) => {
  const s = getComputedStyle(el), pen = document.createElement('canvas').getContext('2d');
  pen.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
  const [hh, mm] = el.value.split(':').map(Number);
  const shown = new Date(2000, 0, 1, hh, mm).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
  return {shown, need: pen.measureText(shown).width + 1.2 * parseFloat(s.fontSize),
          room: el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)};
})"""


@pytest.fixture
def context(new_context):
    return new_context(viewport=PHONE_360)


def large_text(page):
    page.evaluate(DOUBLE_TEXT, 2.0)  # answers once the next frames have laid it out


def test_every_link_and_button_is_a_44_px_target_at_200_percent_text(page, app, shot):
    """Every signed-in screen and sub-screen with the demo's half year, so the Insights
    "Try: …" links and every practice's way back are there to measure."""
    demo_records(app)
    sign_in_demo(page)
    wait_synced(page)
    small = []

    def check(label):
        found = page.evaluate(SMALL_TARGETS)
        if found:
            shot(page, label.replace("/", "-"))
        small.extend(f"#/{label}: {f}" for f in found)

    for name in routes():
        if name in NOT_SIGNED_IN:
            continue
        open_route(page, name, 2.0)
        check(name)
        for sub in sub_screens(page, name):
            open_route(page, sub, 2.0)
            check(sub)
    assert small == [], "\n".join(small)


def test_a_reminders_times_are_shown_whole_at_200_percent_text(page, shot):
    sign_up(page)
    page.goto("/#/reminders")
    page.get_by_role("button", name="Add breathing practice reminder").click()
    first = page.get_by_label("Time 1", exact=True)
    first.wait_for()
    large_text(page)
    first.scroll_into_view_if_needed()
    shot(page, "reminder-times")
    fields = page.evaluate(TIME_ROOM)
    assert len(fields) >= 3  # the breathing reminder's three times, and quiet hours
    assert all(f["need"] <= f["room"] for f in fields), fields


def test_a_cut_off_select_choice_is_shown_in_full_below_it(page, shot):
    sign_up(page)
    page.goto("/#/labs")
    test = page.locator("select[name=test]")
    test.wait_for()
    large_text(page)
    test.select_option(label="hs-CRP (high-sensitivity C-reactive protein)")
    full = page.locator("select + .select-full")
    full.wait_for()
    test.scroll_into_view_if_needed()
    shot(page, "long-choice-in-full")
    assert full.inner_text() == "hs-CRP (high-sensitivity C-reactive protein)"
    assert full.bounding_box()["y"] > test.bounding_box()["y"]  # below the select, on screen
    # A choice that fits needs no second line.
    test.select_option(label="Custom test")
    full.wait_for(state="detached")
    # Back at the usual size the long name fits a wider phone's select: the line goes.
    page.set_viewport_size({"width": 800, "height": 740})
    page.evaluate(DOUBLE_TEXT, 1.0)
    test.select_option(label="hs-CRP (high-sensitivity C-reactive protein)")
    assert full.count() == 0  # the change event re-measures at once; the resize ran in DOUBLE_TEXT's frames


# Per file field: the width its button needs ("Choose File", Chromium's own words, in the
# button's font, with its padding and border) and the width the field has.
FILE_BUTTON_ROOM = """() => [...document.querySelectorAll('input[type=file]')].map((i) => {
  const s = getComputedStyle(i, '::file-selector-button'), c = document.createElement('canvas').getContext('2d');
  c.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
  const need = c.measureText('Choose File').width + parseFloat(s.paddingLeft) + parseFloat(s.paddingRight)
    + parseFloat(s.borderLeftWidth) + parseFloat(s.borderRightWidth);
  return {need: Math.round(need), has: i.clientWidth}; })"""


@pytest.mark.parametrize("screen", ["import", "reports"])
def test_a_file_fields_button_is_whole_at_200_percent_text_on_a_320_px_phone(new_context, shot, screen):
    """"Choose File" with 32 px of padding each side was wider than its field at 320x640 with
    200% text (health import, the CSV diary on Reports): its right edge was cut off."""

    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    sign_up(page)
    page.goto(f"/#/{screen}")
    page.wait_for_selector("input[type=file]")
    page.evaluate(DOUBLE_TEXT, 2.0)
    field = page.locator("input[type=file]").first
    field.scroll_into_view_if_needed()
    shot(page, f"{screen}-file-field")
    rooms = page.evaluate(FILE_BUTTON_ROOM)
    assert rooms and all(r["need"] <= r["has"] for r in rooms), rooms
