"""The "my warning signs" list in the browser (issue 19): the demo's signs with their evidence and
record, a sign muted and unmuted, a kind muted, and an alert that says why and what may help."""
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from server.alerts.models import AlertSettings, WarningSign
from server.extensions import db
from tests.e2e.test_insights import demo_records, sign_in_demo


@pytest.fixture
def context(new_context):
    """The issue's phone: 360x740."""
    return new_context(viewport={"width": 360, "height": 740})


def muted_on_server(app):
    with app.app_context():
        return {row.key: row.muted for row in db.session.scalars(select(WarningSign))}


def test_warning_signs_show_evidence_and_can_be_muted(page, app, shot):
    demo_records(app)
    sign_in_demo(page)
    page.goto("/#/alerts")
    signs = page.get_by_role("region", name="My warning signs")
    first = signs.locator("article.sign").first
    first.wait_for(timeout=20_000)
    text = first.inner_text()
    for words in ("When:", "How much:", "probably between", "Days seen:", "Track record: Right"):
        assert words in text, text
    assert "base" not in text.lower() or "days anyway" in text  # the base rate is told in words
    shot(page, "signs")

    first.get_by_role("button", name="Mute this sign").click()
    muted = page.locator("article.sign[data-status=muted]")
    expect(muted).to_have_count(1)
    assert sum(muted_on_server(app).values()) == 1
    muted.get_by_role("button", name="Unmute this sign").click()
    expect(muted).to_have_count(0)
    assert sum(muted_on_server(app).values()) == 0

    page.get_by_label("Mute: After-effects").check()
    expect(page.locator("article.sign[data-kind=lagged][data-status=watching]")).to_have_count(0)
    assert page.locator("article.sign[data-kind=lagged][data-status=muted]").count() >= 1
    with app.app_context():
        assert db.session.scalars(select(AlertSettings.enabled)).one()["kind:lagged"] is False
    shot(page, "kind-muted")


def test_an_alert_says_why_and_what_may_help(page, app, shot):
    demo_records(app)
    sign_in_demo(page)
    page.goto("/#/alerts")
    recent = page.get_by_role("region", name="Recent alerts")
    heads_up = recent.locator("details").filter(has_text="Heads-up").first
    heads_up.wait_for(timeout=20_000)
    heads_up.locator("summary").click()
    assert "From your own data:" in heads_up.inner_text()
    link = heads_up.get_by_role("link", name="Open")
    assert link.get_attribute("href").startswith("#/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "alert-why")


def test_a_heads_up_sent_at_an_older_line_says_what_the_line_is_now(page, app, shot):
    """The demo's heads-ups were sent at "more than 49 minutes of activity"; the signs list
    above says 51 for the same sign. The alert says which figure is which, on screen."""
    demo_records(app)
    sign_in_demo(page)
    page.goto("/#/alerts")
    recent = page.get_by_role("region", name="Recent alerts")
    moved = recent.locator("details").filter(has=page.locator("p.line-moved")).first
    moved.wait_for(state="attached", timeout=20_000)
    moved.locator("summary").click()
    note = moved.locator("p.line-moved").inner_text()
    assert "When this was sent, this sign spoke of days with more than" in note
    assert "as your warning signs and Patterns show" in note
    signs = page.get_by_role("region", name="My warning signs")
    signs.locator("article.sign").first.wait_for(timeout=20_000)
    now = note.split("the same sign speaks of ")[1].split(",")[0]
    assert now.replace("days with ", "") in signs.inner_text()
    shot(page, "alert-line-moved")
