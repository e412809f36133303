"""Protocol taken-logging with its safety note, lessons marked read, triage, pacing and the hub."""
from playwright.sync_api import expect
from sqlalchemy import select

from server.practices.models import LessonProgress
from server.protocol.models import ProtocolItem
from tests.e2e.conftest import eventually, sign_up, wait_still, wait_until
from tests.e2e.practices.conftest import server_data


def medications(app):
    from server.checkins.models import CheckIn
    from server.extensions import db

    with app.app_context():
        meds = db.session.execute(select(CheckIn.medications).where(CheckIn.medications.is_not(None))).scalars().all()
        db.session.remove()
    return meds



def test_protocol_item_from_template_taken_with_one_tap(page, app, shot):
    sign_up(page)
    page.goto("/#/practices")
    page.get_by_role("link", name="My protocol").click()
    page.select_option(".protocol-editor select", "ldn")
    page.get_by_role("button", name="Add", exact=True).click()
    form = page.locator("form.item-form")
    assert "1.5–4.5 mg at bedtime" in form.inner_text() and "Younger 2013" in form.inner_text()
    assert form.locator("input[name=dose]").input_value() == ""  # the app never fills in a dose
    form.locator("input[name=start]").fill("2026-01-05")
    form.get_by_role("button", name="Save").click()
    note = page.locator('.notice[data-kind="prescriber_missing"]')
    note.wait_for()
    assert "no prescriber is noted" in note.inner_text()
    row = page.locator(".dose-list li").first
    assert "Low-dose naltrexone 4.5 mg" in row.inner_text()  # titration done long ago: top dose
    row.get_by_role("button", name="Taken").click()
    page.get_by_role("button", name="Taken ✓").wait_for()
    shot(page, "taken", full_page=True)
    assert eventually(page, lambda: medications(app) == [[{"name": "Low-dose naltrexone", "dose_mg": 4.5}]])
    assert [d["template"] for d in server_data(app, ProtocolItem)] == ["ldn"]


def test_lessons_are_marked_read(page, app, shot):
    sign_up(page)
    page.goto("/#/lessons")
    page.get_by_role("link", name="Why scans can look").click()
    page.get_by_text("37% of 20-year-olds").wait_for()
    shot(page, "lesson", full_page=True)
    page.get_by_role("link", name="Back to all cards").click()
    page.get_by_text("1 of 6 read").wait_for()
    shot(page, "list")
    assert eventually(page, lambda: [d["lesson"] for d in server_data(app, LessonProgress)] == ["scans"])


def test_red_flag_triage_says_how_urgent_each_sign_is(page, shot):
    page.goto("/#/redflags")  # public: also before signing in
    page.locator(".triage input").first.wait_for()
    # The list is grouped by what to do, so no "today" sign reads as "call the emergency number".
    groups = page.eval_on_selector_all(".triage fieldset", """els => els.map((g) => [g.querySelector('legend').textContent,
      [...g.querySelectorAll('input')].map((i) => i.dataset.action)])""")
    assert [(legend, set(actions)) for legend, actions in groups] == [
        ("Get medical help now: call your emergency number", {"emergency"}),
        ("Get medical help today", {"urgent"}), ("See a doctor soon", {"soon"})]
    page.locator('.triage input[value="night_rest_pain"]').check()
    alert = page.get_by_role("alert")
    assert alert.get_attribute("data-action") == "soon"
    assert "See a doctor soon" in alert.inner_text()
    page.locator('.triage input[value="fever_with_back_pain"]').check()
    assert alert.get_attribute("data-action") == "urgent" and "Get medical help today" in alert.inner_text()
    page.locator('.triage input[value="saddle_numbness"]').check()
    assert alert.get_attribute("data-action") == "emergency"
    assert "call your emergency number" in alert.inner_text()
    assert "See a doctor soon" not in alert.inner_text().split("\n")[0]
    shot(page, "urgent", full_page=True)
    why = page.locator('.flag-list li[data-key="inflammatory_back_pain"]')
    page.get_by_text("Why these signs matter, and our sources").click()  # folded: a dozen screens at 200% text
    assert "NICE NG65" in why.inner_text() and "30 minutes" in why.inner_text()


def test_warning_signs_are_one_tap_from_the_check_in_top_offline(page, context, shot):
    sign_up(page)
    wait_until(page, "navigator.serviceWorker.controller !== null")  # shell cached
    context.set_offline(True)
    page.reload()
    link = page.get_by_role("link", name="Red flags")
    link.wait_for()
    box = link.bounding_box()
    assert box["y"] < 844 and box["height"] >= 44  # on the first screen, a full-size target
    link.click()
    page.get_by_role("heading", name="Warning signs that need a doctor").wait_for()
    # The first words say what to do, not what Emberwise is.
    assert page.locator("#view h1 + p").inner_text().startswith("Tick any sign you have to see what to do.")
    page.locator('.triage input[value="cancer_history"]').check()
    alert = page.get_by_role("alert")
    assert "See a doctor soon" in alert.inner_text() and "24 hours" not in alert.inner_text()
    page.get_by_text("Why these signs matter, and our sources").click()
    assert "NICE NG234" in page.locator('.flag-list li[data-key="cancer_history"]').inner_text()
    shot(page, "redflags-offline")
    context.set_offline(False)


def test_pacing_and_hub_screens(page, shot):
    sign_up(page)
    page.goto("/#/practices")
    page.get_by_role("link", name="Movement pacing").wait_for()
    shot(page, "hub")
    page.goto("/#/pacing")
    page.fill("input[name=baseline]", "20")
    page.get_by_role("button", name="Start plan").click()
    page.get_by_role("heading", name="Today's budget: 20 minutes").wait_for()
    shot(page, "pacing", full_page=True)


def test_at_200_percent_text_the_warning_signs_page_leads_with_what_to_do(new_context, shot):
    """At 390x844 and 200% text the page was 23,000 px (27 screens): each sign listed again
    under "What to do" and every reason with its sources in full. The reasons now wait behind
    one disclosure, "What to do" keeps its advice, and the first screen reaches the triage."""
    from tests.e2e.screens import DOUBLE_TEXT, SIDEWAYS

    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto("/#/redflags")
    page.locator(".triage input").first.wait_for()
    page.evaluate(DOUBLE_TEXT, 2.0)
    shot(page, "redflags-first-screen-200")
    triage = page.get_by_role("heading", name="Do you have any of these?").bounding_box()
    assert triage["y"] + triage["height"] <= 844 - 60, triage  # above the tab bar on the first screen
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 12 * 844, f"{height} px, {height / 844:.0f} screens"
    why = page.locator('.flag-list li[data-key="cancer_history"]')
    expect(why).to_be_hidden()
    page.get_by_text("Why these signs matter, and our sources").click()
    expect(why).to_contain_text("NICE NG234")
    assert page.evaluate(SIDEWAYS) == 0


def test_at_200_percent_text_a_doses_name_has_room_beside_its_taken_button(new_context, shot):
    """At 390x844 and 200% text the name's column between "22:00" and "Taken" was a few
    letters wide ("Low- / dose / nal / trex / one", a syllable a line). The time and "Taken"
    now share a line and the name reads whole on the next, its words unbroken."""
    from tests.e2e.screens import DOUBLE_TEXT, SIDEWAYS

    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_up(page)
    page.goto("/#/protocol")
    page.select_option(".protocol-editor select", "ldn")
    page.get_by_role("button", name="Add", exact=True).click()
    form = page.locator("form.item-form")
    form.locator("input[name=start]").fill("2026-01-05")
    form.get_by_role("button", name="Save").click()
    name = page.locator(".dose-list .dose-name").first
    name.wait_for()
    page.evaluate(DOUBLE_TEXT, 2.0)
    wait_still(page)  # the save's sync redraws the list
    name.scroll_into_view_if_needed()
    shot(page, "dose-200")
    assert name.inner_text() == "Low-dose naltrexone 4.5 mg"
    # Each word on one line: no line of the name is narrower than its longest word would need.
    lines = name.evaluate("""(el) => { const range = document.createRange(); range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size; }""")
    assert lines <= 2, f"the name takes {lines} lines"
    assert page.locator(".dose-list li").first.get_by_role("button", name="Taken").is_visible()
    assert page.evaluate(SIDEWAYS) == 0
