"""Reminder rules and alert settings edited in the PWA reach the server; the opt-in never hangs."""
import time
from datetime import date

from playwright.sync_api import expect
from sqlalchemy import select

from server.extensions import db
from server.reminders.models import ReminderRule
from tests.e2e.conftest import demo_records, pass_seconds_until, sign_in_demo, sign_up


def rules_on_server(app):
    with app.app_context():
        return [r.data for r in db.session.scalars(select(ReminderRule).where(ReminderRule.deleted.is_(False)))]


def day_box(form, day):
    return form.locator("label.chip").filter(has_text=day).locator("input")


def wait_for(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_breathing_reminder_saved_in_the_app_syncs_to_the_server(page, app, shot):
    sign_up(page)
    page.goto("/#/reminders")
    page.get_by_role("button", name="Add breathing practice reminder").click()
    form = page.get_by_role("form", name="Reminder")
    form.get_by_role("button", name="Remove time 3").click()
    form.get_by_label("Time 1", exact=True).fill("07:45")
    day_box(form, "Sat").uncheck()
    day_box(form, "Sun").uncheck()
    shot(page, "editing")
    form.get_by_role("button", name="Save").click()
    page.get_by_text("07:45, 13:00 · weekdays").wait_for()
    wait_for(lambda: rules_on_server(app))
    [rule] = rules_on_server(app)
    assert rule["kind"] == "breathing" and rule["times"] == ["07:45", "13:00"] and rule["weekdays"] == [1, 2, 3, 4, 5]
    shot(page, "saved")


def test_unticking_every_day_is_refused(page):
    sign_up(page)
    page.goto("/#/reminders")
    page.get_by_role("button", name="Add daily check-in reminder").click()
    form = page.get_by_role("form", name="Reminder")
    for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
        day_box(form, day).uncheck()
    form.get_by_role("button", name="Save").click()
    assert "at least one day" in form.get_by_role("alert").inner_text()


def test_quiet_hours_and_alert_settings_save(page, shot):
    sign_up(page)
    page.goto("/#/reminders")
    page.locator("#quiet-start").fill("21:30")
    page.get_by_role("button", name="Save quiet hours").click()
    page.get_by_text("Quiet hours saved.").wait_for()
    page.goto("/#/alerts")
    page.get_by_text("Which alerts, and when").click()  # folded: rarely changed
    page.get_by_label("At most this many alert notifications a day (more still show here)").fill("1")
    page.locator("#alert-on-nsaid_days").uncheck()
    page.locator("#alert-t-forecast_risk").fill("70")
    page.get_by_role("button", name="Save alert settings").click()
    page.get_by_text("Alert settings saved.").wait_for()
    shot(page, "alerts", full_page=True)
    page.reload()
    page.get_by_text("Which alerts, and when").click()
    page.locator("#alert-t-forecast_risk").wait_for()
    assert page.locator("#alert-t-forecast_risk").input_value() == "70"
    assert not page.locator("#alert-on-nsaid_days").is_checked()
    assert page.locator("#alert-cap").input_value() == "1"
    page.goto("/#/reminders")  # the quiet hours were stored, not only acknowledged
    expect(page.locator("#quiet-start")).to_have_value("21:30")
    expect(page.locator("#quiet-end")).not_to_have_value("")


def test_quiet_hours_typed_before_the_stored_ones_arrive_are_saved_whole(page):
    # A slow network: the person types "From" and taps Save before the stored hours
    # have arrived. Their "From" is kept, "Until" still comes from the server, and the
    # save waits for it instead of sending an empty time (which the server refuses).
    sign_up(page)
    held = []
    page.route("**/api/alerts/settings", lambda route: held.append(route)
               if route.request.method == "GET" else route.continue_())
    page.goto("/#/reminders")
    page.locator("#quiet-start").fill("21:30")
    page.get_by_role("button", name="Save quiet hours").click()
    while not held:  # polling: the route handler runs while Playwright is being called
        page.wait_for_timeout(20)
    for route in held:
        route.continue_()
    page.get_by_text("Quiet hours saved.").wait_for()
    page.unroute("**/api/alerts/settings")
    page.reload()
    expect(page.locator("#quiet-start")).to_have_value("21:30")
    expect(page.locator("#quiet-end")).to_have_value("07:00")


def test_notification_opt_in_gives_a_plain_message_when_the_push_service_hangs(page, context):
    context.grant_permissions(["notifications"])
    context.add_init_script("""
      if (self.PushManager) {
        PushManager.prototype.subscribe = () => new Promise(() => {});
        PushManager.prototype.getSubscription = () => Promise.resolve(null);
      }""")
    sign_up(page)
    page.goto("/#/settings")
    page.clock.install()  # the page's clock, so the 15 seconds can pass without waiting them
    button = page.get_by_role("button", name="Turn notifications on")
    button.click()
    pass_seconds_until(page, page.get_by_text("did not answer within 15 seconds"))
    assert page.get_by_role("button", name="Turn notifications on").is_enabled()


def test_protocol_reminder_can_take_an_items_name_and_times(page, app):
    sign_up(page)
    page.evaluate("""() => import('/js/app.js').then(({ ctx }) => ctx.save('protocol_item',
        { name: 'Magnesium glycinate', times: ['21:00'], timing: 'any' }))""")
    page.goto("/#/reminders")
    page.get_by_role("button", name="Add protocol item reminder").click()
    form = page.get_by_role("form", name="Reminder")
    form.get_by_label("Protocol item").select_option(label="Magnesium glycinate")
    assert form.get_by_label("Time 1", exact=True).input_value() == "21:00"
    form.get_by_role("button", name="Save").click()
    wait_for(lambda: rules_on_server(app))
    [rule] = rules_on_server(app)
    assert rule["label"] == "Magnesium glycinate" and rule["times"] == ["21:00"] and rule["protocol_item_id"]


def test_a_device_the_server_stopped_sending_to_is_shown_and_turned_back_on_with_one_tap(page, context, app):
    import json
    from datetime import UTC, datetime

    from server.accounts.models import User
    from server.push.models import PushSubscription
    from tests.push_service import make_subscription

    browser_sub = make_subscription("https://fcm.googleapis.com/fcm/send/e2e-stopped-device").to_json()
    context.grant_permissions(["notifications"])
    context.add_init_script("""
      if (self.PushManager) {
        const json = %s;
        const sub = { endpoint: json.endpoint, toJSON: () => json, unsubscribe: () => Promise.resolve(true) };
        PushManager.prototype.subscribe = () => Promise.resolve(sub);
        PushManager.prototype.getSubscription = () => Promise.resolve(sub);
      }""" % json.dumps(browser_sub))
    email = sign_up(page)
    with app.app_context():  # this browser's subscription failed for days and was disabled
        user = db.session.scalar(select(User).where(User.email == email))
        keys = browser_sub["keys"]
        db.session.add(PushSubscription(user_id=user.id, endpoint=browser_sub["endpoint"], p256dh=keys["p256dh"],
                                        auth=keys["auth"], failures=40, disabled_at=datetime(2026, 1, 1, tzinfo=UTC),
                                        failing_since=datetime(2025, 12, 28, tzinfo=UTC)))
        db.session.commit()
    page.goto("/#/settings")
    page.get_by_text("Notifications stopped reaching this device").wait_for()
    page.get_by_role("button", name="Turn notifications back on").click()
    page.get_by_text("Notifications are on for this device.").wait_for()
    with app.app_context():
        row = db.session.scalar(select(PushSubscription).where(PushSubscription.endpoint == browser_sub["endpoint"]))
        assert row.disabled_at is None and row.failures == 0


def test_past_alerts_say_when_they_were_sent_and_what_to_try(page, app, shot):
    """"Heads-up: pain likely higher the day after tomorrow Sun, Nov 1" read as if it were
    about now; each past alert says when it was sent, and opening one says what to try."""
    demo_records(app)
    sign_in_demo(page)
    page.goto("/#/alerts")
    # Past alerts only: the warning-signs card has disclosures too, and may be drawn first
    # (the two load separately). Each alert's line starts with the day it was sent.
    first = page.locator("details[id^=alert-]").first
    first.wait_for()
    days = page.locator("details[id^=alert-] summary time").all_inner_texts()
    assert days and all(any(c.isdigit() for c in d) for d in days), days[:3]
    first.locator("summary").click()
    # with its time, once opened
    assert first.locator(".alert-sent").inner_text().startswith("Sent ")
    assert first.locator(".suggestion").inner_text()
    shot(page, "past-alert-open")


def test_an_opened_past_alert_names_its_day_not_tomorrow(page, app):
    """Sent two days ago, "Heads-up: pain likely higher tomorrow" pointed at yesterday, not at
    tomorrow: opened today its headline and its explanation name the days they speak of."""
    from datetime import datetime, timedelta, timezone

    from server.accounts.models import User
    from server.alerts.models import AlertEvent
    from server.alerts.warnings import Crossing, Sign, explanation

    email = sign_up(page)
    sent = datetime.now(timezone.utc) - timedelta(days=2)
    about = sent.date() + timedelta(days=1)
    busy = Sign("w:busy", "lagged", ("activity_minutes",), ({"factor": "activity_minutes", "op": ">", "value": 51.0},),
                "pain", 1, 1, 0.9, 0.2, 1.5, 99, "After days with more than 51 minutes of activity, your pain "
                "the next day averaged 0.9 points higher.", "activity")
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        db.session.add(AlertEvent(id="a" * 8, user_id=user.id, rule="w:busy", day=sent.date(), created_at=sent,
                                  title="Heads-up: pain likely higher tomorrow",
                                  explanation=explanation(Crossing(busy, sent.date(), about, about)),
                                  target_from=about, target_to=about))
        db.session.commit()
    page.goto("/#/alerts/" + "a" * 8)
    opened = page.locator("#alert-" + "a" * 8)
    headline = opened.locator(".alert-about")
    expect(headline).to_be_visible()
    words = headline.inner_text()
    assert "tomorrow" not in words.lower(), words
    assert words.startswith("Pain likely higher on ") and about.strftime("%a") in words and str(about.day) in words, words
    expect(opened.locator(".alert-sent")).to_contain_text("Sent ")
    told = opened.locator(".alert-detail").inner_text()
    # Two days back and yesterday: dates (in the browser's locale), not "today … tomorrow".
    assert not any(w in told.lower() for w in ("today", "tomorrow", "yesterday")), told
    sent_day, about_day = (local_date(page, d) for d in (sent.date(), about))
    assert f"On {sent_day} you had such a day, so pain is likely to be higher on {about_day}" in told, told


def local_date(page, day):
    """A date as the app shows it in the browser's locale (pwa/js/domain/charts.js shortDate)."""
    return page.evaluate("""(iso) => { const [y, m, d] = iso.split('-').map(Number);
      return new Intl.DateTimeFormat(undefined, {weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC'}).format(Date.UTC(y, m - 1, d)); }""",
                         day.isoformat())


def test_alerts_word_their_days_on_the_day_they_are_read_in_the_persons_locale(new_context, app, shot):
    """Issue 12: an alert stored with "Today was such a day … tomorrow" still said "tomorrow"
    two days later, and newer ones named days in fixed English ("On Tue 1 Dec") whatever the
    person's language. Read now, in German: the old one names its dates the German way, one
    from yesterday says "Yesterday … today", and its headline says "today"."""
    from datetime import datetime, timedelta, timezone

    from server.accounts.models import User
    from server.alerts.models import AlertEvent
    from server.alerts.warnings import Crossing, Sign, explanation_parts, plain_text

    page = new_context(locale="de-DE").new_page()
    email = sign_up(page)
    today = date.fromisoformat(page.evaluate("""async () => (await import('/js/domain/day-words.js')).todayIn(
        Intl.DateTimeFormat().resolvedOptions().timeZone)"""))
    busy = Sign("w:busy", "lagged", ("activity_minutes",), ({"factor": "activity_minutes", "op": ">", "value": 51.0},),
                "pain", 1, 1, 0.9, 0.2, 1.5, 99, "After days with more than 51 minutes of activity, your pain "
                "the next day averaged 0.9 points higher.", "activity")
    old_day, new_day = today - timedelta(days=2), today - timedelta(days=1)
    now = datetime.now(timezone.utc)
    parts = explanation_parts(Crossing(busy, new_day, today, today))
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        # Stored before its days were kept: "Today … tomorrow" of two days ago, no parts.
        db.session.add(AlertEvent(id="old00000", user_id=user.id, rule="w:busy", day=old_day, created_at=now - timedelta(days=2),
                                  title="Heads-up: pain likely higher tomorrow",
                                  explanation="From your own data: After days with more than 51 minutes of activity, your pain "
                                  "the next day averaged 0.9 points higher. Today was such a day, so pain is likely to be higher "
                                  "tomorrow (pain about 0.9 points higher on the 0–10 scale, probably between 0.2 and 1.5; "
                                  "the pattern rests on 99 days).",
                                  target_from=old_day + timedelta(days=1), target_to=old_day + timedelta(days=1), details={"kind": "personal"}))
        db.session.add(AlertEvent(id="new00000", user_id=user.id, rule="w:busy", day=new_day, created_at=now - timedelta(days=1),
                                  title="Heads-up: pain likely higher tomorrow", explanation=plain_text(parts),
                                  target_from=today, target_to=today, details={"kind": "personal", "explanation": parts}))
        db.session.commit()
    page.goto("/#/alerts/old00000")
    old = page.locator("#alert-old00000")
    expect(old.locator(".alert-about")).to_be_visible()
    told = old.locator(".alert-detail").inner_text()
    assert not any(w in told.lower() for w in ("today", "tomorrow")), told
    yesterday = local_date(page, old_day + timedelta(days=1))
    assert f"On {local_date(page, old_day)} you had such a day, so pain is likely to be higher on {yesterday}" in told, told
    assert old.locator(".alert-about").inner_text() == f"Pain likely higher on {yesterday}"
    assert "Dez" in told or "Nov" in told  # German month names: the locale's date, not "Dec"
    new = page.locator("#alert-new00000")
    new.locator("summary").click()
    shot(page, "alerts-worded-today")
    assert new.locator(".alert-about").inner_text() == "Pain likely higher today"
    assert "Yesterday you had such a day, so pain is likely to be higher today (" in new.locator(".alert-detail").inner_text()
