"""The welcome tour a new account starts with: skippable at every step, short, and it leaves
the check-in laid out as chosen and the reminders saved, with notifications asked for in
context and a plain answer when the push service hangs or permission is refused."""
import time

import pytest
from sqlalchemy import select

from server.accounts.models import User
from server.extensions import db
from server.reminders.models import ReminderRule
from tests.e2e.conftest import pass_seconds_until, sign_up

HANGING_PUSH = """
  if (self.PushManager) {
    PushManager.prototype.subscribe = () => new Promise(() => {});
    PushManager.prototype.getSubscription = () => Promise.resolve(null);
  }"""


@pytest.fixture
def context(new_context):
    """Every page here is the issue's phone: 360x740."""
    return new_context(viewport={"width": 360, "height": 740})


def account(app, email):
    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == email)).one()
        rules = [
            r.data
            for r in db.session.scalars(
                select(ReminderRule).where(
                    ReminderRule.user_id == user.id, ReminderRule.deleted.is_(False)
                )
            )
        ]
        sections = user.checkin_sections
        db.session.remove()
    return sections, rules


def saved_rules(app, email, timeout=15.0):
    """The account's reminder rules once the tour's have reached the server: the sync badge
    can already read "ok" from the sign-up's own sync before the tour's rules are sent."""
    deadline = time.monotonic() + timeout
    while True:
        _, rules = account(app, email)
        if rules or time.monotonic() > deadline:
            return rules
        time.sleep(0.1)


def words(page):
    return len(page.locator(".welcome").inner_text().split())


def test_the_tour_lays_out_the_check_in_and_saves_reminders_even_when_push_hangs(
    page, context, app, shot
):
    context.grant_permissions(["notifications"])
    context.add_init_script(HANGING_PUSH)
    started = time.monotonic()
    email = sign_up(page, tour=True)

    # 1: what the check-in and the load are, briefly.
    text = page.locator(".welcome").inner_text()
    assert "Step 1 of 3" in text and "The check-in" in text and "The load" in text
    assert "such as ibuprofen (NSAIDs)" in text  # the clinical word explained where it appears
    assert words(page) < 220  # a minute's reading at most
    shot(page, "1-intro", full_page=True)
    page.get_by_role("link", name="Next").click()

    # 2: untick Meals, move "Stress, mood, energy" to the top.
    page.wait_for_selector(".section-picker")
    shot(page, "2-sections", full_page=True)
    page.locator("[data-key=food]").get_by_role("checkbox").uncheck()
    up = page.get_by_role("button", name="Move Stress, mood, energy up")
    up.click()
    up.click()
    # Keyboard: the focus follows the row it moved, so Enter moves it again.
    assert (
        page.evaluate("document.activeElement.getAttribute('aria-label')")
        == "Move Stress, mood, energy up"
    )
    page.keyboard.press("Enter")
    assert page.locator(".section-row").first.get_attribute("data-key") == "mind"
    assert (
        page.evaluate("document.activeElement.getAttribute('aria-label')")
        == "Move Stress, mood, energy down"
    )
    page.get_by_role("link", name="Next").click()

    # 3: reminders, and the permission asked right here.
    page.wait_for_selector("#welcome-checkin-time")
    page.fill("#welcome-checkin-time", "21:15")
    shot(page, "3-reminders", full_page=True)
    page.clock.install()  # the page's clock, so the 15 seconds can pass without waiting them
    page.get_by_role("button", name="Turn on reminders").click()
    pass_seconds_until(page, page.get_by_text("did not answer within 15 seconds"))
    assert "Your reminders are saved" in page.locator(".welcome-status").text_content()
    shot(page, "3-push-hung", full_page=True)
    page.get_by_role("button", name="Go to the check-in").click()
    page.wait_for_selector("ew-scale[variant=pain] button")
    assert time.monotonic() - started < 60

    sections = page.eval_on_selector_all(
        "details.section", "els => els.map((e) => e.dataset.section)"
    )
    assert sections[0] == "mind" and "food" not in sections and "red_flags" in sections
    shot(page, "check-in-as-chosen")
    stored, rules = account(app, email)
    assert stored[0] == "mind" and "food" not in stored
    rules = saved_rules(app, email)
    assert sorted((r["kind"], tuple(r["times"])) for r in rules) == [
        ("breathing", ("13:00",)),
        ("checkin", ("21:15",)),
    ]


def test_refused_notifications_are_explained_and_the_reminders_kept(page, context, app):
    context.add_init_script("Notification.requestPermission = () => Promise.resolve('denied');")
    email = sign_up(page, tour=True)
    page.goto("/#/welcome/reminders")
    page.locator("#welcome-breathing").uncheck()
    page.get_by_role("button", name="Turn on reminders").click()
    page.get_by_text("Notifications are blocked for Emberwise").wait_for()
    rules = saved_rules(app, email)
    assert [r["kind"] for r in rules] == ["checkin"]


def test_every_step_can_be_skipped_straight_to_the_check_in(page, app):
    email = sign_up(page, tour=True)
    for step in ("", "checkin", "reminders"):
        page.goto(f"/#/welcome/{step}")
        page.wait_for_selector(".welcome")
        page.get_by_role("link", name="Skip the tour").click()
        page.wait_for_selector("ew-scale[variant=pain] button")
    sections, rules = account(app, email)
    assert sections is None and rules == []  # skipping changes nothing
    page.goto("/#/settings")
    page.get_by_role("link", name="Show the welcome tour again").click()
    page.wait_for_selector(".welcome")


# Per text node under `sel`: how many lines it takes and how many words it has. A word broken
# in two takes more lines than the text has words.
LINES_AND_WORDS = """(sel) => { const out = []; for (const el of document.querySelectorAll(sel)) {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT); let n;
  while ((n = walker.nextNode())) { const t = n.textContent.trim(); if (!t) continue;
    const range = document.createRange(); range.selectNodeContents(n);
    const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    out.push({text: t, lines, words: t.split(/\\s+/).length}); } } return out; }"""


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 320, "height": 640}], ids=["390", "320"])
def test_at_200_percent_text_the_section_pickers_names_keep_their_words_whole(new_context, shot, viewport):
    """At 390x844 and 200% text "Warning signs" and "(always shown)" were two flex items of a
    third of the row each: a word or less a line ("(always / shown)"). They flow as one text.
    At 320 px "Medications" and "mindfulness" broke mid-word, and a long name squeezed its
    box from 23 to 13 px."""
    from tests.e2e.screens import DOUBLE_TEXT

    page = new_context(viewport=viewport).new_page()
    sign_up(page)
    page.goto("/#/settings")
    page.wait_for_selector(".section-picker .section-row")
    page.evaluate(DOUBLE_TEXT, 2.0)
    page.locator(".section-row", has_text="always shown").first.scroll_into_view_if_needed()
    shot(page, "section-picker-200")
    texts = page.evaluate(LINES_AND_WORDS, ".section-picker .section-row label")
    assert any("always shown" in t["text"] for t in texts)
    squeezed = [t for t in texts if t["lines"] > t["words"]]
    assert squeezed == [], squeezed
    boxes = page.eval_on_selector_all(".section-picker input[type=checkbox]",
                                      "els => els.map((b) => Math.round(b.getBoundingClientRect().width))")
    assert len(set(boxes)) == 1 and boxes[0] >= 20, boxes  # every box the same, none squeezed


def test_the_way_out_of_the_tour_is_on_its_first_screen_at_200_percent_text_on_a_320_px_phone(new_context, shot):
    """Step 1 at 320x640 with 200% text is about three screens of reading; "Skip the tour" was
    at its foot, under "Next". A person on a bad day finds it beside "Step 1 of 3"."""
    from tests.e2e.screens import DOUBLE_TEXT

    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    sign_up(page, tour=True)
    page.evaluate(DOUBLE_TEXT, 2.0)
    shot(page, "tour-first-screen-320-200")
    skip = page.get_by_role("link", name="Skip the tour")
    box, tabs = skip.bounding_box(), page.locator("#tabs").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= tabs["y"], (box, tabs)
    assert box["height"] >= 44
    skip.click()
    page.wait_for_selector("ew-scale[variant=pain] button")
