"""A breathing session runs to its end and its minutes arrive in a check-in on the server."""
from sqlalchemy import select

from tests.e2e.conftest import sign_up


def breathing_minutes(app):
    from server.checkins.models import CheckIn
    from server.extensions import db

    with app.app_context():
        values = db.session.execute(select(CheckIn.breathing_minutes).where(CheckIn.breathing_minutes.is_not(None))).scalars().all()
        db.session.remove()
    return values


def test_a_short_breathing_session_logs_its_minutes(page, app, shot):
    sign_up(page)
    page.clock.install()
    page.goto("/#/breathing")
    page.get_by_role("button", name="1 min").click()
    assert page.locator(".pacer-left").inner_text() == "0:55 left"  # five whole breaths
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "ready")
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(2000)
    page.locator("ew-breath-pacer[data-phase=in]").wait_for()
    assert page.locator(".pacer-word").inner_text() == "Breathe in"
    page.clock.run_for(3000)  # 5 s in: the out-breath has begun
    page.locator("ew-breath-pacer[data-phase=out]").wait_for()
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "breathing-out")
    page.clock.run_for(60_000)  # 1 min = five whole 4+7 s breaths (55 s)
    page.get_by_text("Logged 1 minute of slow breathing").wait_for()
    shot(page, "logged")
    for _ in range(50):  # the outbox syncs right after the save
        if breathing_minutes(app) == [1]:
            break
        page.clock.run_for(200)
        page.wait_for_timeout(100)
    assert breathing_minutes(app) == [1]
    page.goto("/#/history")  # a check-in with only breathing minutes must show, not break the list
    page.locator(".entries li").first.wait_for()
    shot(page, "history")
