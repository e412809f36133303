"""Your hunches (Insights › Patterns) on the demo's half year, on a 320 px phone at 200% text:
the person names "short sleep makes my pain worse" in a few taps, reads what their own days
say (the demo's short nights do push pain up), sees the list again offline (read-only), and
deletes it. Screenshots land in test-artifacts/."""
import pytest

from tests.e2e.conftest import open_screen, sign_in_demo, wait_synced, wait_until
from tests.e2e.screens import CUT_OFF, DOUBLE_TEXT, SIDEWAYS


@pytest.fixture
def context(new_context):
    return new_context(viewport={"width": 320, "height": 640})


def test_a_hunch_is_named_answered_kept_offline_and_deleted(page, context, demo, shot):
    sign_in_demo(page)
    wait_synced(page)
    open_screen(page, "patterns", ".pattern-group")
    card = page.locator("section.hunches")
    card.get_by_label("What do you suspect?").select_option(label="Short sleep")
    card.get_by_role("button", name="Worse").click()
    card.get_by_role("button", name="Test this hunch").click()
    hunch = card.locator(".hunch")
    hunch.wait_for(timeout=20_000)
    assert hunch.locator("h3").inner_text() == "Short sleep makes my pain worse"
    result = hunch.locator(".hunch-result").inner_text()
    assert result.startswith("Your data agree: after short sleep, your pain the day after averaged")
    assert "points higher than otherwise (likely between" in result
    assert "since you named it" in hunch.locator(".hunch-since").inner_text().lower()

    page.evaluate(DOUBLE_TEXT, 2.0)
    hunch.scroll_into_view_if_needed()
    shot(page, "hunch-agree-200pct")
    assert page.evaluate(SIDEWAYS) <= 0
    assert page.evaluate(CUT_OFF) == []

    # Offline: the list as last checked, nothing that needs the server on offer.
    context.set_offline(True)
    page.goto("/#/insights/overview")
    open_screen(page, "patterns", ".pattern-group")
    card.locator(".hunch").wait_for()
    wait_until(page, "document.querySelector('.hunch-status')?.textContent.startsWith('Offline')")
    assert card.locator(".hunch-result").inner_text() == result
    assert card.locator("form.hunch-form").is_hidden()
    assert card.get_by_role("button", name="Delete the hunch: Short sleep makes my pain worse").is_disabled()
    shot(page, "hunch-offline")

    context.set_offline(False)
    page.goto("/#/insights/overview")
    open_screen(page, "patterns", ".pattern-group")
    card.get_by_role("button", name="Delete the hunch: Short sleep makes my pain worse").click()
    wait_until(page, "document.querySelectorAll('.hunch').length === 0")
    assert card.locator(".hunch-status").inner_text() == "Hunch deleted."
