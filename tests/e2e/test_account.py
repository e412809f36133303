"""Sign-out erases this device's copy; signing in again brings the entries back from the server."""
from tests.e2e.conftest import entries, save_checkin, sign_in, sign_up, wait_until

# Never creates the database (opening a missing one would make an empty version 1 the app
# could not upgrade): a missing database counts as no records.
COUNT_RECORDS = """indexedDB.databases().then(dbs => !dbs.some(d => d.name === 'emberwise') ? 0 : new Promise((resolve) => {
  const open = indexedDB.open('emberwise');
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains('records')) { db.close(); return resolve(0); }
    const count = db.transaction('records').objectStore('records').count();
    count.onsuccess = () => { db.close(); resolve(count.result); };
  };
}))"""


def test_sign_out_erases_local_data_and_sign_in_restores_it(page, shot):
    email = sign_up(page)
    save_checkin(page, 4)
    [(_, _, entry_id)] = entries(page)
    page.wait_for_selector(f'.entries li[data-id="{entry_id}"][data-state="synced"]')
    assert page.evaluate(COUNT_RECORDS) == 1

    page.goto("/#/settings")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in").wait_for()
    assert page.evaluate(COUNT_RECORDS) == 0
    assert page.locator("#tabs").is_hidden()
    shot(page, "signed-out")

    page.goto("/#/history")  # a signed-out visitor is sent to sign in
    page.get_by_role("heading", name="Sign in").wait_for()

    sign_in(page, email)
    page.goto("/#/history")
    page.wait_for_selector(f'.entries li[data-id="{entry_id}"][data-state="synced"]')
    wait_until(page, f"{COUNT_RECORDS}.then(n => n === 1)")
    shot(page, "restored-from-server")


def test_wrong_password_is_explained(page):
    email = sign_up(page)
    page.goto("/#/settings")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in").wait_for()
    page.fill("#auth-email", email)
    page.fill("#auth-password", "not the password")
    page.click("button[type=submit]")
    assert page.get_by_role("alert").inner_text().strip() != ""


READ_TOKEN = """new Promise((resolve) => {
  const open = indexedDB.open('emberwise');
  open.onsuccess = () => {
    const get = open.result.transaction('meta').objectStore('meta').get('session');
    get.onsuccess = () => { open.result.close(); resolve(get.result.token); };
  };
})"""


def test_a_revoked_session_keeps_waiting_entries_until_signed_in_again(page, app, shot):
    from tests.e2e.conftest import PASSWORD, server_checkins

    email = sign_up(page)
    token = page.evaluate(READ_TOKEN)
    assert app.test_client().post("/api/auth/logout", headers={"Authorization": f"Bearer {token}"}).status_code == 204

    save_checkin(page, 8)
    [(_, state, entry_id)] = entries(page)
    assert state == "pending"
    page.wait_for_selector('ew-sync-status[data-kind="warn"]')
    page.locator(".sync-button").click()
    page.get_by_role("link", name="Sign in again").click()
    shot(page, "sign-in-again")
    page.fill("#auth-email", email)
    page.fill("#auth-password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("ew-scale[variant=pain] button")  # signed in: back on the check-in
    page.goto("/#/history")
    page.wait_for_selector(f'.entries li[data-id="{entry_id}"][data-state="synced"]')
    assert server_checkins(app) == [(entry_id, 8, False)]


def test_a_person_can_delete_their_account_from_settings_after_one_question(page, app, shot):
    """The app had no way to delete an account (only the API did). Settings asks once, in
    place, says what goes and offers the export first; "Keep my account" changes nothing,
    "Delete everything" erases the account on the server and this device's copy."""
    from sqlalchemy import select

    from server.accounts.models import User
    from server.checkins.models import CheckIn
    from server.extensions import db
    from tests.e2e.conftest import PASSWORD

    email = sign_up(page)
    save_checkin(page, 6)
    [(_, _, entry_id)] = entries(page)
    page.wait_for_selector(f'.entries li[data-id="{entry_id}"][data-state="synced"]')
    page.goto("/#/settings")
    card = page.locator("[data-section=account]")
    card.get_by_role("button", name="Delete my account").click()
    question = card.get_by_role("alert")
    assert "cannot be undone" in question.inner_text()
    assert card.get_by_role("link", name="Download my data first").get_attribute("href") == "#/reports"
    shot(page, "delete-question")
    card.get_by_role("button", name="Keep my account").click()  # nothing happens
    card.get_by_role("button", name="Delete my account").click()
    card.get_by_role("button", name="Delete everything").click()
    page.get_by_role("heading", name="Sign in").wait_for()
    page.locator(".toast", has_text="deleted").wait_for()
    shot(page, "deleted")
    assert page.evaluate(COUNT_RECORDS) == 0
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == email)) is None
        assert db.session.scalar(select(CheckIn).where(CheckIn.id == entry_id)) is None
    assert page.request.post("/api/auth/login", data={"email": email, "password": PASSWORD}).status == 401


def test_settings_says_in_words_whether_the_entries_are_on_the_server(page, context, shot):
    """"Waiting to sync: 0. Last successful sync: …" left a tired person to work out whether 0
    was good. It says where the entries are: all on the server, or how many are on this
    device only."""
    from tests.e2e.conftest import wait_offline_ready, wait_synced

    sign_up(page)
    wait_offline_ready(page)
    save_checkin(page, 3)
    wait_synced(page)
    page.goto("/#/settings")
    status = page.locator("[data-section=account] p.muted").first
    wait_until(page, "document.querySelector('[data-section=account] p.muted')?.textContent.startsWith('Everything')")
    assert status.inner_text().startswith("Everything on this device is also on the server. Last sync: ")
    context.set_offline(True)
    save_checkin(page, 5)
    page.goto("/#/settings")
    wait_until(page, "document.querySelector('[data-section=account] p.muted')?.textContent.startsWith('1 entry')")
    shot(page, "one-waiting")
    assert status.inner_text().startswith("1 entry is on this device only, waiting to reach the server.")
    context.set_offline(False)
