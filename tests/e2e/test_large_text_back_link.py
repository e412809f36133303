"""A sub-screen's way back at 200% text on a 320x640 phone: "‹ Back to Practices" took two
lines (about 50 px of the first screen) above every Practices and Settings sub-screen. Where
the words do not fit on one line it reads "‹ Practices"; its name stays "Back to Practices"
and it stays a full 44 px target.

Screenshots land in test-artifacts/<test>/ like every browser test's."""
import pytest

from tests.e2e.conftest import sign_up
from tests.e2e.screens import CUT_OFF, DOUBLE_TEXT, SIDEWAYS

SMALL_PHONE = {"width": 320, "height": 640}

# The back link's box, and the lines its visible words run over: their text's rectangles, one
# line per rectangle that starts below the ones before it (a visually hidden word is skipped).
BACK_LINK = """() => {
  const a = document.querySelector('#back a'), r = a.getBoundingClientRect();
  const walk = document.createTreeWalker(a, NodeFilter.SHOW_TEXT), rects = [];
  for (let t = walk.nextNode(); t; t = walk.nextNode()) {
    if (getComputedStyle(t.parentElement).clip !== 'auto') continue;
    const range = document.createRange(); range.selectNodeContents(t);
    rects.push(...[...range.getClientRects()].filter((x) => x.width > 0));
  }
  rects.sort((p, q) => p.top - q.top);
  let lines = 0, bottom = -Infinity;
  for (const x of rects) { if (x.top >= bottom - 2) lines += 1; bottom = Math.max(bottom, x.bottom); }
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height, lines};
}"""


def open_sub_screen(page, name):
    page.goto(f"/#/{name}")
    page.wait_for_selector(f"body[data-route={name}] #back a")


@pytest.mark.parametrize("screen, parent", [
    ("breathing", "Practices"), ("labs", "Practices"), ("protocol", "Practices"), ("reminders", "Settings"),
])
def test_the_back_link_is_one_line_and_a_full_target_at_200_percent_text_on_a_320_px_phone(new_context, shot, screen, parent):
    page = new_context(viewport=SMALL_PHONE).new_page()
    sign_up(page)
    open_sub_screen(page, screen)
    page.evaluate(DOUBLE_TEXT, 2.0)
    shot(page, f"{screen}-320-200")
    link = page.evaluate(BACK_LINK)
    assert link["lines"] == 1, link
    assert link["height"] >= 44 and link["right"] <= SMALL_PHONE["width"], link
    assert page.evaluate(CUT_OFF) == [] and page.evaluate(SIDEWAYS) == 0
    # The heading is no lower than one line of link below the top bar.
    heading = page.locator("#view h1").first.bounding_box()
    assert heading["y"] - link["bottom"] < 40, (heading, link)
    # Its name still says where it goes, and it goes there.
    page.get_by_role("link", name=f"Back to {parent}", exact=True).click()
    page.wait_for_selector(f"body[data-route={parent.lower()}]")


def test_at_the_usual_text_size_the_back_link_says_back_to_in_full(new_context, shot):
    page = new_context(viewport=SMALL_PHONE).new_page()
    sign_up(page)
    open_sub_screen(page, "breathing")
    shot(page, "breathing-320-100")
    link = page.evaluate(BACK_LINK)
    assert link["lines"] == 1 and link["height"] >= 44, link
    # "Back to" is on screen, not only in the name.
    assert page.locator("#back a").evaluate("(a) => a.getBoundingClientRect().width") > 150
    assert page.get_by_role("link", name="Back to Practices", exact=True).is_visible()


@pytest.mark.parametrize("viewport, text", [(SMALL_PHONE, 2.0), (SMALL_PHONE, 1.0), ({"width": 390, "height": 844}, 1.75)],
                         ids=["320-200", "320-100", "390-175"])
def test_a_long_screen_name_shows_its_short_form_on_one_line_and_keeps_its_whole_name(new_context, shot, viewport, text):
    """The warning signs go back to where they were opened from, named as that screen: from the
    import screen "‹ Back to Import from a phone or watch" took three lines at 200% text on a
    320 px phone and two at the usual size. It reads "‹ Import" (or "‹ Back to Import") on
    one line; its name is still the whole "Back to Import from a phone or watch"."""
    page = new_context(viewport=viewport).new_page()
    sign_up(page)
    open_sub_screen(page, "import")
    page.evaluate("location.hash = '#/redflags'")  # in the page, as a link in the app opens it
    page.wait_for_selector("body[data-route=redflags] #back a")
    page.evaluate(DOUBLE_TEXT, text)
    shot(page, f"redflags-from-import-{viewport['width']}-{int(text * 100)}")
    link = page.evaluate(BACK_LINK)
    assert link["lines"] == 1, (link, page.inner_text("#back a"))
    assert link["height"] >= 44 and link["right"] <= viewport["width"], link
    assert "Import" in page.inner_text("#back a")
    assert page.evaluate(CUT_OFF) == [] and page.evaluate(SIDEWAYS) == 0
    page.locator("#back").get_by_role("link", name="Back to Import from a phone or watch", exact=True).click()
    page.wait_for_selector("body[data-route=import]")
