"""A new person's first two weeks, at 360x740 with 200% text: what the screens say while there
are only a few days of check-ins must be true of those few days."""
import re
import uuid
from datetime import UTC, datetime, timedelta

from tests.e2e.conftest import drawn, open_screen, settle_sync, sign_up
from tests.e2e.test_reflow import DOUBLE_TEXT

PHONE = {"width": 360, "height": 740}


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


def test_the_days_before_the_first_check_in_are_not_missed_check_ins(new_context, shot):
    """Three days in, the calendar's previous month was a page of dashed "no check-in" days and
    the "3 months" picture 88 empty outlines: the person had missed nothing."""
    page = new_context(viewport=PHONE, locale="en-GB").new_page()
    sign_up(page)
    checked_in_on_days_before(page, (2, 1, 0))
    open_screen(page, "calendar", "table.month .day")
    page.evaluate(DOUBLE_TEXT, 2.0)

    # Every day shown, this month and the month before, is either a check-in or not yet one:
    # nothing is marked as a day without a check-in.
    for month in ("this", "before"):
        if month == "before":
            page.get_by_role("button", name="Month before").click()
            drawn(page)
        shot(page, f"month-{month}")
        assert page.locator("table.month button.day.level-none").count() == 0
        assert page.locator("table.month button.day").count() <= 3
    before = page.locator("table.month .day.future").filter(has_text="before your first check-in")
    assert before.count() >= 28 - 3

    page.get_by_role("button", name="3 months").click()
    drawn(page)
    page.locator(".heatmap").scroll_into_view_if_needed()
    shot(page, "three-months")
    assert page.locator(".heatmap rect.heat-none").count() == 0
    assert page.locator(".heatmap rect.heat").count() == 3


def test_a_new_accounts_warning_signs_say_how_long_until_there_can_be_any(new_context, shot):
    """Day 3: "none of your patterns is strong enough to warn on" told the person that patterns
    had been found and fallen short; there were none yet, and Insights counted the days left."""
    page = new_context(viewport=PHONE, locale="en-GB").new_page()
    sign_up(page)
    checked_in_on_days_before(page, (2, 1, 0))
    page.goto("/#/insights")
    drawn(page)
    headline = page.locator(".insights-lead").inner_text()
    left = re.search(r"(\d+) more days of check-ins", headline)
    assert left, headline

    page.goto("/#/alerts")
    page.evaluate(DOUBLE_TEXT, 2.0)
    signs = page.locator("section[aria-labelledby=alerts-signs]")
    signs.get_by_text("No warning signs yet").wait_for()
    shot(page, "no-signs-yet")
    words = signs.inner_text()
    assert f"they come from your own patterns, which need about {left[1]} more days of check-ins" in words
    assert "none of your patterns" not in words


def test_the_second_weeks_load_says_when_it_can_be_read_against_the_persons_usual(new_context, shot):
    """Days 8 to 14 have a load but no usual to read it against: "Today's load is 15 of 100"
    stood alone, a number a tired person cannot use."""
    page = new_context(viewport=PHONE, locale="en-GB").new_page()
    sign_up(page)
    checked_in_on_days_before(page, range(9, -1, -1), nsaid_doses=2)  # day 10 today
    page.goto("/#/insights")
    drawn(page)
    page.evaluate(DOUBLE_TEXT, 2.0)
    lead = page.locator("h2:text(\"Today's load\") + p.lead")
    lead.scroll_into_view_if_needed()
    shot(page, "load-day-10")
    # Scores from day 8; a usual needs 7 of them before today (day 15 for a daily check-in).
    assert re.match(r"Today's load is \d+ of 100 \(whether that is high for you shows after 5 more days of "
                    r"check-ins\)", lead.inner_text()), lead.inner_text()
    # An abbreviation stays one inside the sentence ("The largest part is nsaid use").
    assert "The largest part is NSAID use:" in lead.inner_text()


def test_a_hunch_keeps_nsaid_in_capitals_and_says_it_waits_for_more_days(new_context, shot):
    """Day 3, a first hunch: its title read "… together with more nsaid doses than usual"."""
    page = new_context(viewport=PHONE, locale="en-GB").new_page()
    sign_up(page)
    checked_in_on_days_before(page, (2, 1, 0), nsaid_doses=1, activity_minutes=40)
    open_screen(page, "patterns", "#hunch-first")
    page.select_option("#hunch-first", label="A lot of activity")
    page.select_option("#hunch-second", label="More NSAID doses than usual")
    page.get_by_role("button", name="Test this hunch").click()
    hunch = page.locator(".hunch").first
    hunch.wait_for()
    page.evaluate(DOUBLE_TEXT, 2.0)
    hunch.scroll_into_view_if_needed()
    shot(page, "hunch-day-3")
    assert "A lot of activity together with more NSAID doses than usual makes my pain worse" in hunch.inner_text()
    # Three days back nothing: the hunch waits, and says for how long.
    assert re.search(r"needs 90 days with pain recorded \(3 so far\)", hunch.inner_text()), hunch.inner_text()
