"""Sign-up and sign-in screens with the server's protections: a weak password is explained,
a taken email is said plainly after the sign-in that follows sign-up, and the owner's own
browser still signs in while someone else's wrong guesses have locked the account."""
from tests.e2e.conftest import PASSWORD, sign_up, unique_email


def sign_out(page):
    page.goto("/#/settings")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in").wait_for()


def submit(page, route, email, password):
    page.goto(f"/#/{route}")
    page.fill("#auth-email", email)
    page.fill("#auth-password", password)
    page.click("button[type=submit]")


def test_a_weak_password_is_explained_and_a_strong_one_works(page, shot):
    email = unique_email()
    submit(page, "signup", email, "aaaaaaaaaa")
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "easy to guess" in alert.inner_text() and "unrelated words" in alert.inner_text()
    assert "password:" not in alert.inner_text()  # the reason, not a field name
    shot(page, "weak-password")
    submit(page, "signup", email, "1234567890")
    page.get_by_text("one of the most common passwords").wait_for()
    page.fill("#auth-password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector(".welcome")  # signed in: a new account starts with the tour


def test_signing_up_with_a_taken_email(page, shot):
    email = sign_up(page, form=True)
    sign_out(page)
    submit(page, "signup", email, "a different long passphrase")
    page.get_by_text("If it is already yours, sign in with its password").wait_for()
    shot(page, "email-taken")
    page.fill("#auth-password", PASSWORD)  # the owner's own password: simply signed in
    page.click("button[type=submit]")
    page.wait_for_selector(".welcome")


def test_the_owners_browser_signs_in_while_the_account_is_locked(app, page, new_context, shot):
    email = sign_up(page, form=True)
    sign_out(page)
    attacker = app.test_client()
    for attempt in range(app.config["LOGIN_MAX_FAILURES"]):
        response = attacker.post("/api/auth/login", json={"email": email, "password": "guess " * 3},
                                 environ_base={"REMOTE_ADDR": f"203.0.113.{attempt}"})
        assert response.status_code == 401

    stranger = new_context().new_page()
    submit(stranger, "signin", email, PASSWORD)
    stranger.get_by_text("Too many failed sign-ins").wait_for()
    assert "signed in with before" in stranger.get_by_role("alert").inner_text()
    shot(stranger, "locked-for-a-new-device")

    submit(page, "signin", email, PASSWORD)  # this browser signed in before
    page.wait_for_selector("ew-scale[variant=pain] button")
