"""The service worker: push notifications and their actions, Background Sync with no window open,
the "update available" prompt, and installability."""
import json
import shutil
from pathlib import Path

from tests.e2e.conftest import (
    entries,
    eventually,
    save_checkin,
    server_checkins,
    sign_up,
    wait_offline_ready,
    wait_until,
)

PWA = Path(__file__).resolve().parents[2] / "pwa"

READ_OUTBOX = """new Promise((resolve, reject) => {
  const open = indexedDB.open('emberwise');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const get = open.result.transaction('outbox').objectStore('outbox').getAll();
    get.onsuccess = () => { open.result.close(); resolve(get.result.map(e => e.change)); };
  };
})"""

READ_RECORDS = READ_OUTBOX.replace("'outbox'", "'records'").replace("e => e.change", "e => e")

NOTIFICATIONS = """navigator.serviceWorker.ready.then(r => r.getNotifications()).then(ns => ns.map(n => (
  {title: n.title, body: n.body, tag: n.tag, actions: n.actions.map(a => a.action), data: n.data})))"""


def worker_session(context, origin):
    """A DevTools session on a blank tab (not a window client of the app) and the registration id."""
    blank = context.new_page()
    session = context.new_cdp_session(blank)
    registrations = []
    session.on("ServiceWorker.workerRegistrationUpdated", lambda e: registrations.extend(e["registrations"]))
    session.send("ServiceWorker.enable")
    while not [r for r in registrations if r["scopeURL"] == origin + "/" and not r["isDeleted"]]:
        blank.wait_for_timeout(50)
    return blank, session, registrations[0]["registrationId"]


def test_push_shows_one_notification_per_tag_with_its_actions(page, context, live_server, shot):
    context.grant_permissions(["notifications"], origin=live_server)
    sign_up(page)
    wait_offline_ready(page)
    _, session, reg_id = worker_session(context, live_server)
    payload = {"kind": "checkin", "title": "Time for your evening check-in", "body": "Ten seconds.",
               "tag": "checkin-2026-11-21", "url": "#/checkin", "occurrence_id": "occ-1",
               "actions": [{"action": "done", "title": "Done"}, {"action": "snooze", "title": "Later"}]}
    for _ in range(2):  # a duplicate delivery replaces the first: same tag
        session.send("ServiceWorker.deliverPushMessage",
                     {"origin": live_server, "registrationId": reg_id, "data": json.dumps(payload)})
    wait_until(page, f"{NOTIFICATIONS}.then(ns => ns.length === 1)")
    [shown] = page.evaluate(NOTIFICATIONS)
    assert shown["title"] == payload["title"] and shown["tag"] == payload["tag"]
    assert shown["actions"] == ["done", "snooze"]
    assert shown["data"]["occurrence_id"] == "occ-1" and shown["data"]["url"] == "#/checkin"


def test_a_notification_action_queues_a_reminder_action_from_the_worker(page, context):
    sign_up(page)
    wait_offline_ready(page)
    [worker] = context.service_workers
    worker.evaluate("onNotificationClick('snooze', {occurrence_id: 'occ-42', url: '#/checkin'})")
    # The record, not the outbox entry: online, the worker's background sync may already
    # have sent it and emptied the outbox (which made this test fail under load).
    [change] = [c for c in page.evaluate(READ_RECORDS) if c["type"] == "reminder_action"]
    assert change["data"]["occurrence_id"] == "occ-42" and change["data"]["action"] == "snooze"
    assert change["deleted"] is False and len(change["id"]) == 36 and change["data"]["at"]
    assert change["state"] in ("pending", "synced")


def test_background_sync_uploads_the_outbox_with_no_window_open(page, context, live_server, app, shot):
    sign_up(page)
    wait_offline_ready(page)
    context.set_offline(True)
    save_checkin(page, 6)
    [(_, state, entry_id)] = entries(page)
    assert state == "pending"
    page.close()  # the app is closed before the network comes back
    context.set_offline(False)

    blank, session, reg_id = worker_session(context, live_server)
    session.send("ServiceWorker.dispatchSyncEvent",
                 {"origin": live_server, "registrationId": reg_id, "tag": "outbox", "lastChance": False})
    eventually(blank, lambda: server_checkins(app))
    assert server_checkins(app) == [(entry_id, 6, False)]

    reopened = context.new_page()
    reopened.goto("/#/history")
    reopened.wait_for_selector(f'.entries li[data-id="{entry_id}"][data-state="synced"]')
    assert server_checkins(app) == [(entry_id, 6, False)]
    shot(reopened, "synced-by-the-worker")


def test_a_new_version_offers_an_update_and_takes_over_when_asked(page, app, tmp_path, shot):
    shell = tmp_path / "pwa"
    shutil.copytree(PWA, shell)
    app.config["PWA_DIR"] = str(shell)
    sign_up(page)
    wait_offline_ready(page)
    old_version = page.evaluate("caches.keys()")

    with (shell / "css" / "app.css").open("a") as css:  # "deploy" a new version
        css.write("\n/* release 2 */\n")
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    bar = page.locator("#update")
    bar.get_by_text("A new version of Emberwise is ready.").wait_for()
    shot(page, "update-offered")
    bar.get_by_role("button", name="Update now").click()
    page.wait_for_load_state("load")
    wait_until(page, f"caches.keys().then(k => k.length === 1 && k[0] !== {json.dumps(old_version[0])})")
    page.wait_for_selector("ew-scale[variant=pain] button")
    assert "release 2" in page.evaluate("fetch('/css/app.css').then(r => r.text())")


def test_the_app_is_installable(page, context):
    sign_up(page)
    wait_offline_ready(page)
    session = context.new_cdp_session(page)
    errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # Playwright contexts are incognito profiles, where Chrome never offers installation.
    assert [e for e in errors if e["errorId"] != "in-incognito"] == []
    manifest = session.send("Page.getAppManifest")
    assert manifest["errors"] == []


def test_log_now_on_a_check_in_reminder_opens_the_quick_check_in_and_answers_it(page, context, live_server, app):
    from sqlalchemy import select

    from server.extensions import db
    from server.push.payloads import build_payload
    from server.reminders.models import ReminderAction

    context.grant_permissions(["notifications"], origin=live_server)
    sign_up(page)
    wait_offline_ready(page)
    page.goto("/#/settings")
    _, session, reg_id = worker_session(context, live_server)
    payload = build_payload("checkin", occurrence_id="occ-77", tag="checkin:occ-77")  # what the server sends
    session.send("ServiceWorker.deliverPushMessage",
                 {"origin": live_server, "registrationId": reg_id, "data": json.dumps(payload)})
    wait_until(page, f"{NOTIFICATIONS}.then(ns => ns.length === 1)")
    [shown] = page.evaluate(NOTIFICATIONS)
    assert shown["actions"] == ["log", "snooze"]
    [worker] = context.service_workers
    # The worker's own click handler, with the notification it showed and the "Log now" button.
    worker.evaluate("""self.registration.getNotifications().then(([n]) =>
        self.dispatchEvent(new NotificationEvent('notificationclick', {notification: n, action: 'log'})))""")
    page.wait_for_url("**/#/checkin")
    page.wait_for_selector("ew-scale[variant=pain] button")
    assert page.get_by_role("heading", name="How is your pain right now?").is_visible()

    def answered():  # the "done" the worker queued reaches the server by sync
        with app.app_context():
            return [a.data for a in db.session.scalars(select(ReminderAction))]

    [data] = eventually(page, answered)
    assert data["occurrence_id"] == "occ-77" and data["action"] == "done"
