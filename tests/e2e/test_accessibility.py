"""Phone usability checks a person would notice: 44 px touch targets and readable contrast,
in light and dark mode."""
import pytest

from tests.e2e.conftest import sign_up
from tests.e2e.screens import CONTRAST, SMALL_TARGETS

OPEN_ALL = "document.querySelectorAll('details.section').forEach(d => d.open = true)"

TEXT = ["h1", "summary span", ".field-label", ".muted", ".scale-ends span", ".btn-primary", ".btn-quiet",
        ".chip span", ".tab", ".sync-text", "ew-scale[variant=pain] button", ".state", ".entry-body"]


def test_every_touch_target_on_the_check_in_is_at_least_44px(page, shot):
    sign_up(page)
    page.evaluate(OPEN_ALL)
    page.locator('details[data-section="meds"]').get_by_role("button", name="+ Add medication").click()
    targets = page.evaluate(SMALL_TARGETS)
    assert targets["count"] > 150  # every section open: scales, steppers, chips, body map tabs
    assert targets["small"] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_is_at_least_4_5_to_1(new_context, scheme, shot):
    page = new_context(color_scheme=scheme).new_page()
    sign_up(page)
    page.locator("ew-scale[variant=pain]").get_by_role("radio", name="9", exact=True).click()
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_text("Check-in saved").first.wait_for()
    page.evaluate(OPEN_ALL)
    measured = page.evaluate(CONTRAST, TEXT)
    page.goto("/#/history")
    page.wait_for_selector(".entries li.entry")
    measured += page.evaluate(CONTRAST, TEXT)
    shot(page, f"history-{scheme}")
    low = [m for m in measured if m["ratio"] < 4.5]
    assert len(measured) > 100 and low == []
