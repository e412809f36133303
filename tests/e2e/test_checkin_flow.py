"""The whole check-in at phone size (390x844): every section, save, history, edit, delete, copy."""
from sqlalchemy import select

from server.checkins.models import CheckIn
from server.extensions import db
from tests.e2e.conftest import entries, eventually, server_checkins, sign_up, wait_until


def section(page, key):
    """Open a collapsible section (if closed) and return its locator."""
    details = page.locator(f'details[data-section="{key}"]')
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def pick(scope, label, value):
    scope.get_by_role("radiogroup", name=label).get_by_role("radio", name=str(value), exact=True).click()


def stored(app, entry_id):
    with app.app_context():
        row = db.session.execute(select(CheckIn).where(CheckIn.id == entry_id)).scalar_one()
        values = {c.name: getattr(row, c.name) for c in CheckIn.__table__.c}
        db.session.remove()
    return values


def test_full_check_in_flow_on_a_phone(page, app, shot):
    sign_up(page, form=True)  # a newcomer: through the sign-up form
    shot(page, "quick-check-in")
    page.get_by_role("button", name="Morning").click()
    first_sections = page.eval_on_selector_all("details.section", "els => els.slice(0, 3).map(e => e.dataset.section)")
    assert first_sections == ["sleep", "where", "mind"]

    pick(page, "Pain right now, 0 no pain to 10 worst imaginable", 6)
    page.get_by_role("button", name="This is a flare").click()
    shot(page, "pain-and-flare")

    where = section(page, "where")
    where.get_by_role("button", name="Back").click()
    where.locator("rect.area[data-area=trunk]").click()  # zoom into the back, then tap
    where.get_by_role("checkbox", name="Lower back").click()
    where.get_by_role("button", name="Front").click()
    where.locator("rect.area[data-area=left_leg]").click()
    where.get_by_role("checkbox", name="Left knee").click()
    where.get_by_text("Selected: Lower back, Left knee").wait_for()
    where.scroll_into_view_if_needed()
    shot(page, "body-map")
    where.get_by_role("button", name="List").click()  # the same regions as named chips
    assert where.get_by_role("checkbox", name="Left knee").is_checked()
    where.get_by_role("checkbox", name="Left knee").scroll_into_view_if_needed()
    shot(page, "body-map-list")

    feel = section(page, "qualities")
    feel.get_by_role("checkbox", name="Burning").check()
    feel.get_by_role("checkbox", name="Aching").check()

    sleep = section(page, "sleep")
    sleep.get_by_role("spinbutton", name="Hours slept").fill("6.5")
    pick(sleep, "Sleep quality", 4)
    sleep.get_by_role("button", name="More times woken in the night").click()
    sleep.get_by_role("button", name="More times woken in the night").click()
    sleep.scroll_into_view_if_needed()
    shot(page, "sleep")

    mind = section(page, "mind")
    pick(mind, "Stress", 6)
    pick(mind, "Mood", 5)
    pick(mind, "Energy", 3)

    act = section(page, "activity")
    act.get_by_role("spinbutton", name="Physical activity (minutes)").fill("30")
    pick(act, "How hard it felt", 4)
    act.get_by_role("checkbox", name="Walking").check()
    act.get_by_role("button", name="More rest breaks taken").click()
    act.scroll_into_view_if_needed()
    shot(page, "activity")

    meds = section(page, "meds")
    meds.get_by_role("button", name="More nsaid doses (ibuprofen, naproxen, …)").click()
    meds.get_by_role("button", name="+ Add medication").click()
    meds.get_by_label("Medication or supplement").fill("PEA")
    meds.get_by_label("Dose in mg").fill("600")
    meds.scroll_into_view_if_needed()
    shot(page, "medications")

    food = section(page, "food")
    pick(food, "How regular were meal times", 7)
    food.get_by_role("checkbox", name="Ate within 2 hours of bed").check()
    food.get_by_role("spinbutton", name="Alcohol (units)").fill("1.5")

    practice = section(page, "practice")
    practice.get_by_role("spinbutton", name="Slow breathing (minutes)").fill("10")
    practice.get_by_role("spinbutton", name="Mindfulness (minutes)").fill("5")

    mine = section(page, "custom")
    mine.get_by_label("New tracker name").fill("Jaw tension")
    mine.get_by_role("button", name="Add").click()
    mine.get_by_role("spinbutton", name="Jaw tension").fill("3")
    mine.scroll_into_view_if_needed()
    shot(page, "my-trackers")

    notes = section(page, "notes")
    notes.get_by_label("Anything else worth remembering").fill("Long drive to see family")
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_text("Check-in saved").first.wait_for()
    shot(page, "saved")

    [(pain, _, entry_id)] = entries(page)
    assert pain == "6"
    page.wait_for_selector(f'.entries li[data-id="{entry_id}"][data-state="synced"]')
    shot(page, "history")
    row = stored(app, entry_id)
    assert {k: row[k] for k in ("pain", "flare", "sleep_hours", "sleep_quality", "night_wakings", "stress", "mood",
                                "energy", "activity_minutes", "activity_effort", "rest_breaks", "nsaid_doses",
                                "meal_regularity", "late_meal", "alcohol_units", "breathing_minutes",
                                "mindfulness_minutes", "notes")} == {
        "pain": 6, "flare": True, "sleep_hours": 6.5, "sleep_quality": 4, "night_wakings": 2, "stress": 6,
        "mood": 5, "energy": 3, "activity_minutes": 30, "activity_effort": 4, "rest_breaks": 1, "nsaid_doses": 1,
        "meal_regularity": 7, "late_meal": True, "alcohol_units": 1.5, "breathing_minutes": 10,
        "mindfulness_minutes": 5, "notes": "Long drive to see family"}
    assert sorted(row["locations"]) == ["left_knee", "lower_back"]
    assert sorted(row["qualities"]) == ["aching", "burning"]
    assert row["activities"] == ["walking"]
    assert row["medications"] == [{"name": "PEA", "dose_mg": 600}]
    assert row["custom"] == {"jaw_tension": 3}

    # A check-in from minutes ago is not "yesterday": nothing is offered to copy.
    page.goto("/#/checkin")
    page.get_by_text("Saved today at").wait_for()  # shown once the form has read the check-ins
    assert page.get_by_role("button", name="Same as yesterday").is_hidden()

    # Editing: emptying the notes clears them on the server too.
    page.goto("/#/history")
    page.get_by_role("link", name="Edit check-in").first.click()
    page.get_by_role("heading", name="Edit check-in").wait_for()
    wait_until(page, "document.querySelector('ew-scale[variant=pain]').value === 6")
    section(page, "notes").get_by_label("Anything else worth remembering").fill("")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_selector(f'.entries li[data-id="{entry_id}"][data-state="synced"]')
    edited = stored(app, entry_id)
    assert edited["notes"] is None
    assert edited["at"] == row["at"]  # an edit keeps the check-in's own time

    # Delete is a quiet action behind "More" (Edit is in sight), and asks in place before
    # anything is lost.
    delete = page.get_by_role("button", name="Delete check-in").first
    edit = page.get_by_role("link", name="Edit check-in").first
    assert edit.is_visible() and delete.is_hidden()
    page.get_by_role("button", name="More about the check-in").first.click()
    assert delete.bounding_box()["height"] >= 44
    assert delete.evaluate("(b) => getComputedStyle(b).borderStyle") == "none"
    assert edit.bounding_box()["width"] > delete.bounding_box()["width"] * 0.9
    delete.click()
    page.get_by_text("This cannot be undone").wait_for()
    shot(page, "delete-asks")
    page.get_by_role("button", name="Keep it").click()
    assert len(entries(page)) == 1  # kept
    if delete.is_hidden():
        page.get_by_role("button", name="More about the check-in").first.click()
    delete.click()
    page.get_by_role("button", name="Yes, delete the check-in").click()
    page.get_by_text("No check-ins yet").wait_for()
    assert eventually(page, lambda: server_checkins(app) == [(entry_id, None, True)]), server_checkins(app)
    shot(page, "deleted")
