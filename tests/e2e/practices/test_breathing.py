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


def test_start_is_on_the_first_screen_at_200_percent_text_and_stop_stays_beside_the_circle(new_context, shot):
    """At 200% text on a 360x740 phone Start sat a screen and a half down, under the how-to and
    the pacer; once started, Stop and the circle are on the screen together."""
    from tests.e2e.screens import DOUBLE_TEXT

    page = new_context(viewport={"width": 360, "height": 740}).new_page()
    sign_up(page)
    page.goto("/#/breathing")
    start = page.get_by_role("button", name="Start")
    start.wait_for()
    page.evaluate(DOUBLE_TEXT, 2.0)
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "ready-200")
    box = start.bounding_box()
    tabs_top = page.evaluate("document.getElementById('tabs').getBoundingClientRect().top")
    assert box["y"] + box["height"] <= tabs_top, (box, tabs_top)  # no scrolling to reach it
    start.click()
    page.locator("ew-breath-pacer[data-phase]").wait_for()
    shot(page, "running-200")
    stop = page.get_by_role("button", name="Stop").bounding_box()
    circle = page.evaluate("(() => { const r = document.querySelector('ew-breath-pacer').getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; })()")
    assert stop["y"] >= 0 and circle["top"] >= 0 and circle["top"] < tabs_top, (stop, circle)
    page.get_by_role("button", name="Stop").click()
