"""Each practice screen's main action on the first screen for a tired person with 200% text on a
320x640 phone: "Bedtime routine" opened on its paragraph with the checklist below the first
screen, and "Calm the nervous system" on its paragraph with the first practice below it. The
action (Start, the first step) comes first; the explanation and its sources follow it or wait
behind "About this", never lost.

The first screen is the part of the page above the fixed tab bar on a 640 px tall viewport.
Screenshots land in test-artifacts/<test>/ like every browser test's."""
import re
from pathlib import Path

import pytest

from tests.e2e.conftest import sign_up, wait_still
from tests.e2e.screens import CUT_OFF, DOUBLE_TEXT, SIDEWAYS

SMALL_PHONE = {"width": 320, "height": 640}
ROUTES_JS = Path(__file__).resolve().parents[2] / "pwa" / "js" / "routes.js"

# A new account's main action on each practice screen: what a person came to the screen to do
# first. None: a screen of reading with nothing to start (its content is the point).
ACTIONS = {
    "breathing": "#view button:text-is('Start')",
    "bedtime": "#view .checklist input[type=checkbox] >> nth=0",  # the first step of tonight's routine
    "pacing": "#view label.field:has(input[name=baseline])",  # the plan's first field (its label focuses it)
    "laterality": "#view button:text-is('Start')",
    "imagery": "#view .guided button",
    "mirror": "#view ol >> nth=0",  # the first step: set up the mirror
    "vagal": "#view .practice-grid a >> nth=0",  # the first calming practice
    "stopbang": "#view form input[type=checkbox] >> nth=0",  # the first question's box
    "therapies": None,
    "lessons": "#view .lesson-link >> nth=0",
    "labs": "#view select[name=test]",  # "Add a result": a new account has none yet
    "protocol": "#view select >> nth=0",  # "Start from a template…": a new account has no items
}

TAP = 44
TALL = 120  # px: taller than this, an action is a card (a practice, a wrapped step), not a button

# Where the first screen ends: the viewport's foot, or the top of the tab bar fixed over it.
FIRST_SCREEN_BOTTOM = """() => {
  const tabs = document.getElementById('tabs');
  const shown = tabs && !tabs.hidden && getComputedStyle(tabs).position === 'fixed';
  return shown ? Math.min(innerHeight, tabs.getBoundingClientRect().top) : innerHeight;
}"""


def practice_routes():
    return re.findall(r"^  (\w+): \{[^\n]*parent: 'practices'(?![^\n]*returns: true)", ROUTES_JS.read_text(), flags=re.M)


def test_every_practice_screen_is_listed():
    assert set(practice_routes()) == set(ACTIONS)


@pytest.mark.parametrize("screen", list(ACTIONS))
def test_a_practice_screens_main_action_is_on_the_first_screen_at_200_percent_text_on_a_320_px_phone(new_context, shot, screen):
    page = new_context(viewport=SMALL_PHONE).new_page()
    sign_up(page)
    page.goto(f"/#/{screen}")
    page.wait_for_selector(f"body[data-route={screen}] #view h1")
    action = ACTIONS[screen]
    if action:
        page.wait_for_selector(action)
    wait_still(page)
    page.wait_for_selector(".toast", state="detached", timeout=10_000)  # "Works offline now."
    page.evaluate(DOUBLE_TEXT, 2.0)
    page.evaluate("scrollTo(0, 0)")
    shot(page, f"{screen}-320-200")
    assert page.evaluate(SIDEWAYS) == 0
    assert page.evaluate(CUT_OFF) == []
    if not action:
        return
    box = page.locator(action).bounding_box()
    bottom = page.evaluate(FIRST_SCREEN_BOTTOM)
    # All of a button or a field; of a tall card (a practice, a step over four lines), a full
    # 44 px tap target's worth: it is seen and can be tapped without scrolling.
    seen = box["height"] if box["height"] <= TALL else TAP
    assert 0 <= box["y"] and box["y"] + seen <= bottom, f"{action} at {box}; the first screen ends at {bottom} px"
