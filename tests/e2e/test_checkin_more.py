"""Check-in details a tired person notices: "Same as yesterday" copies yesterday (the previous
local day), and the layout follows the sections the person chose."""
from datetime import datetime, timedelta

from tests.e2e.conftest import sign_up, wait_until


def save_at(page, when, pain, sleep_hours, stress):
    """A check-in back-dated with the "When" field, with sleep and stress filled in."""
    page.goto("/#/checkin")
    page.locator("ew-scale[variant=pain]").get_by_role("radio", name=str(pain), exact=True).click()
    page.evaluate("document.querySelectorAll('details.section').forEach((d) => { d.open = true; })")
    page.locator("details[data-section=sleep]").get_by_role("spinbutton", name="Hours slept").fill(str(sleep_hours))
    page.locator("details[data-section=mind]").get_by_role("radiogroup", name="Stress").get_by_role(
        "radio", name=str(stress), exact=True).click()
    if when is not None:
        page.locator("#checkin-at").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_text("Check-in saved").first.wait_for()


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
    sleep = "document.querySelector('details[data-section=sleep] input[type=number]').value"
    wait_until(page, f"{sleep} === '7.5'")
    assert page.evaluate("document.querySelector('details[data-section=mind] ew-scale').value") == 3
    assert page.evaluate("document.querySelector('ew-scale[variant=pain]').value") is None  # pain is today's
    page.get_by_text("Filled in from yesterday").first.wait_for()
    shot(page, "same-as-yesterday")
