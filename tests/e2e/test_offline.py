"""A check-in made offline survives reloads, lost responses and a second device, and arrives once."""
from datetime import UTC

from tests.e2e.conftest import (
    entries,
    save_checkin,
    server_checkins,
    sign_in,
    sign_up,
    wait_offline_ready,
    wait_until,
)


def wait_state(page, entry_id, state):
    page.wait_for_selector(f'.entries li[data-id="{entry_id}"][data-state="{state}"]', timeout=15_000)


def test_sign_up_lands_on_the_check_in(page, app, shot):
    sign_up(page)
    assert page.get_by_role("heading", name="How is your pain right now?").is_visible()
    assert page.locator("#tabs").is_visible()
    shot(page, "signed-up")


def test_offline_check_in_survives_reload_and_arrives_once(page, context, app, shot):
    sign_up(page)
    wait_offline_ready(page)
    context.set_offline(True)
    save_checkin(page, 7)
    [(pain, state, entry_id)] = entries(page)
    assert (pain, state) == ("7", "pending")
    shot(page, "saved-offline")

    page.reload()  # still offline: the service worker serves the shell, IndexedDB the entry
    wait_state(page, entry_id, "pending")
    page.locator("ew-sync-status .sync-text", has_text="1 waiting").wait_for()
    shot(page, "reloaded-offline")
    assert server_checkins(app) == []

    context.set_offline(False)  # the "online" event starts a sync
    wait_state(page, entry_id, "synced")
    shot(page, "synced")
    assert server_checkins(app) == [(entry_id, 7, False)]


def test_a_lost_sync_response_is_retried_without_a_duplicate(new_context, app, shot):
    # No service worker here: its Background Sync upload would bypass page.route and succeed.
    page = new_context(service_workers="block").new_page()
    sign_up(page)
    losing, lost = [True], []

    def lose_uploads(route):
        if losing[0] and '"changes":[{' in (route.request.post_data or ""):
            route.fetch()   # the server applies the upload...
            lost.append(route.request.post_data)
            route.abort()   # ...but the answer never reaches the phone
        else:
            route.continue_()

    page.route("**/api/sync", lose_uploads)
    save_checkin(page, 5)
    while not lost:
        page.wait_for_timeout(50)
    [(_, state, entry_id)] = entries(page)
    assert state == "pending"  # not applied as far as the phone knows: it stays queued
    page.wait_for_selector('ew-sync-status[data-kind="warn"]')
    assert server_checkins(app) == [(entry_id, 5, False)]
    shot(page, "response-lost")

    losing[0] = False
    page.locator(".sync-button").click()
    page.get_by_role("button", name="Sync now").click()
    wait_state(page, entry_id, "synced")
    assert server_checkins(app) == [(entry_id, 5, False)]  # the retry made no second copy
    assert len(lost) >= 1
    shot(page, "retried")


def test_two_devices_editing_offline_converge_and_the_overruled_one_can_use_its_own(
        page, new_context, app, shot):
    """The server decides by versions, not clocks (docs/sync.md): the edit that reaches it
    first stands, the other device is told and can put its own value back."""
    email = sign_up(page)
    save_checkin(page, 3)
    [(_, _, entry_id)] = entries(page)
    wait_state(page, entry_id, "synced")

    tablet_ctx = new_context()
    tablet = tablet_ctx.new_page()
    sign_in(tablet, email)
    tablet.goto("/#/history")
    wait_state(tablet, entry_id, "synced")

    phone_ctx = page.context
    for p in (page, tablet):
        wait_offline_ready(p)
    phone_ctx.set_offline(True)
    tablet_ctx.set_offline(True)
    edit_pain(page, entry_id, 4)
    edit_pain(tablet, entry_id, 8)
    shot(page, "phone-edited-offline")
    shot(tablet, "tablet-edited-offline")

    phone_ctx.set_offline(False)
    wait_state(page, entry_id, "synced")
    tablet_ctx.set_offline(False)
    note = tablet.locator(f'.entries li[data-id="{entry_id}"][data-conflict="yes"] .conflict-note')
    note.wait_for(timeout=15_000)
    assert "pain was kept" in note.inner_text() and "Yours here: pain 8" in note.inner_text()
    assert [e[0] for e in entries(tablet)] == ["4"]  # the phone's edit arrived first and stands
    assert server_checkins(app) == [(entry_id, 4, False)]
    shot(tablet, "tablet-told-of-conflict")

    note.get_by_role("button", name="Use mine").click()
    tablet.wait_for_selector(f'.entries li[data-id="{entry_id}"] .pain-badge:text-is("8")')
    wait_state(tablet, entry_id, "synced")
    assert tablet.locator(".conflict-note").count() == 0
    page.reload()  # opening the app syncs: the phone now pulls the tablet's choice
    page.wait_for_selector(f'.entries li[data-id="{entry_id}"] .pain-badge:text-is("8")')
    assert server_checkins(app) == [(entry_id, 8, False)]
    shot(page, "phone-converged")
    shot(tablet, "tablet-converged")


def edit_pain(page, entry_id, pain):
    page.goto(f"/#/checkin/{entry_id}")
    page.get_by_role("heading", name="Edit check-in").wait_for()
    wait_until(page, "document.querySelector('ew-scale[variant=pain]').value !== null")
    page.locator("ew-scale[variant=pain]").get_by_role("radio", name=str(pain), exact=True).click()
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_selector(f'.entries li[data-id="{entry_id}"] .pain-badge:text-is("{pain}")')


def test_a_red_flag_shows_the_urgent_care_message_offline(page, context, shot):
    sign_up(page)
    wait_offline_ready(page)
    context.set_offline(True)
    page.reload()
    page.locator('details[data-section="red_flags"] > summary').click()
    page.get_by_role("checkbox", name="Numbness between the legs").check()
    alert = page.get_by_role("alert").filter(has_text="Get medical help now")
    alert.wait_for()
    alert.scroll_into_view_if_needed()
    shot(page, "urgent-message")
    alert.get_by_role("link", name="What these warning signs mean").click()
    page.get_by_role("heading", name="Warning signs that need a doctor").wait_for()
    shot(page, "triage-offline")


def test_a_long_history_from_another_device_arrives_page_by_page(page, app):
    """More changes than one sync answer carries: the app follows has_more until it has all."""
    import uuid
    from datetime import datetime, timedelta

    from tests.e2e.conftest import PASSWORD

    email = sign_up(page)
    client = app.test_client()
    token = client.post("/api/auth/login", json={"email": email, "password": PASSWORD}).get_json()["token"]
    start = datetime(2026, 1, 1, 8, tzinfo=UTC)
    changes = [{"type": "checkin", "id": str(uuid.uuid4()), "deleted": False,
                "updated_at": (start + timedelta(hours=i)).isoformat(),
                "data": {"at": (start + timedelta(hours=i)).isoformat(), "pain": i % 11}}
               for i in range(1200)]
    for i in range(0, len(changes), 600):
        res = client.post("/api/sync", json={"device_id": "laptop", "cursor": 0, "changes": changes[i:i + 600]},
                          headers={"Authorization": f"Bearer {token}"})
        assert res.status_code == 200 and len(res.get_json()["applied"]) == 600

    page.reload()
    wait_until(page, """indexedDB.databases().then(() => new Promise((resolve) => {
      const open = indexedDB.open('emberwise');
      open.onsuccess = () => {
        const count = open.result.transaction('records').objectStore('records').count();
        count.onsuccess = () => { open.result.close(); resolve(count.result === 1200); };
      };
    }))""", timeout=30)
    history = entries(page)
    # History shows whole days up to 60 entries: the newest, Feb 20 (00:00-07:00), then Feb 19 and 18.
    assert len(history) == 8 + 24 + 24 and {state for _, state, _ in history} == {"synced"}
    assert page.get_by_text("Showing 56 of 1200 check-ins").is_visible()


def test_an_edit_made_while_its_upload_is_in_flight_is_not_lost(new_context, app):
    """The outbox drops an entry only if the revision the server applied is still the latest."""
    page = new_context(service_workers="block").new_page()
    sign_up(page)
    uploads = []

    def edit_during_first_upload(route):
        body = route.request.post_data or ""
        if '"changes":[{' not in body:
            return route.continue_()
        uploads.append(body)
        response = route.fetch()  # the server applies pain 2...
        if len(uploads) == 1:     # ...while the person changes it to 9 before the answer arrives
            entry_id = page.evaluate(QUEUED_ID)
            page.evaluate(f"import('/js/app.js').then(m => m.ctx.record('checkin', '{entry_id}'))"
                          f".then(r => import('/js/app.js').then(m => m.ctx.save('checkin', "
                          f"{{...r.data, pain: 9}}, '{entry_id}')))")
        route.fulfill(response=response)

    page.route("**/api/sync", edit_during_first_upload)
    save_checkin(page, 2)
    [(_, _, entry_id)] = entries(page)
    page.wait_for_selector(f'.entries li[data-id="{entry_id}"][data-state="synced"]')
    assert page.locator(f'.entries li[data-id="{entry_id}"] .pain-badge').inner_text() == "9"
    assert server_checkins(app) == [(entry_id, 9, False)]
    assert len(uploads) == 2


QUEUED_ID = """new Promise((resolve) => {
  const open = indexedDB.open('emberwise');
  open.onsuccess = () => {
    const all = open.result.transaction('outbox').objectStore('outbox').getAll();
    all.onsuccess = () => { open.result.close(); resolve(all.result[0].change.id); };
  };
})"""
