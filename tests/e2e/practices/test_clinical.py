"""Clinical safety in the browser: interaction notes when an item is added and on the protocol
screen (offline too), health conditions, compound vs elemental magnesium, the breathing rule,
and the seed's guided practices, screening and therapies."""
from playwright.sync_api import expect

from server.practices.models import PracticeSession, Screening
from server.protocol.models import HealthConditions, LabResult, ProtocolItem
from tests.e2e.conftest import eventually, save_lab_result, sign_up, wait_until
from tests.e2e.practices.conftest import server_data



def add_own_item(page, name, dose, unit="mg"):
    page.locator(".protocol-editor select").select_option("")
    page.get_by_role("button", name="Add", exact=True).click()
    form = page.locator("form.item-form")
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=dose]").fill(str(dose))
    form.locator("input[name=unit]").fill(unit)
    form.get_by_role("button", name="Save").click()
    page.locator(f'.protocol-item h3:text-is("{name}")').wait_for()


def test_interactions_show_as_an_item_is_added_and_on_the_protocol_screen_offline(page, context, app, shot):
    sign_up(page)
    wait_until(page, "navigator.serviceWorker.controller !== null")
    context.set_offline(True)
    page.goto("/#/protocol")
    page.get_by_role("heading", name="Safety notes").wait_for()
    add_own_item(page, "Warfarin", 5)

    page.locator(".protocol-editor select").select_option("omega3")
    page.get_by_role("button", name="Add", exact=True).click()
    form = page.locator("form.item-form")
    facts = form.locator(".template-facts").inner_text()
    assert "3–4 g/day" in facts and "Systematic review" in facts and "Goldberg & Katz 2007" in facts
    note = form.locator('.check-notes .notice[data-kind="omega3_bleeding"]')
    note.wait_for()  # no dose yet: an unknown amount counts, so the caution shows at once
    form.locator("input[name=dose]").fill("1")
    expect(note).to_have_count(0)
    form.locator("input[name=dose]").fill("4")
    note.wait_for()
    assert "prescriber" in note.inner_text() and "MedlinePlus" in note.inner_text()
    shot(page, "while-adding", full_page=False)
    form.get_by_role("button", name="Save").click()  # never blocked
    screen = page.locator('.safety .notice[data-kind="omega3_bleeding"]')
    screen.wait_for()
    assert "Warfarin" in screen.inner_text() and "Omega-3" in screen.inner_text()

    page.locator(".conditions summary").click()
    page.get_by_label("Kidney disease").check()
    page.get_by_role("button", name="Save conditions").click()
    page.locator(".conditions summary", has_text="Kidney disease").wait_for()
    add_own_item(page, "Ibuprofen", 400)
    page.locator('.safety .notice[data-kind="nsaid_kidney"]').wait_for()
    kinds = page.eval_on_selector_all(".safety .notice[data-kind]", "els => els.map(e => e.dataset.kind)")
    assert kinds == ["nsaid_bleeding", "nsaid_kidney", "omega3_bleeding"]  # most serious first
    page.reload()  # offline: notes come from this device's records and the cached rule tables
    page.locator('.safety .notice[data-kind="nsaid_kidney"]').wait_for()
    shot(page, "protocol-offline", full_page=True)
    assert server_data(app, ProtocolItem) == []

    context.set_offline(False)
    assert eventually(page, lambda: len(server_data(app, ProtocolItem)) == 3)
    assert eventually(page, lambda: server_data(app, HealthConditions) == [{"conditions": ["kidney_disease"]}])


def test_magnesium_glycinate_asks_compound_or_elemental(page, shot):
    sign_up(page)
    page.goto("/#/protocol")
    page.locator(".protocol-editor select").select_option("mg_glycinate")
    page.get_by_role("button", name="Add", exact=True).click()
    form = page.locator("form.item-form")
    assert "350 mg upper limit" in form.locator(".template-facts").inner_text()
    basis = form.locator("select[name=basis]")
    assert basis.is_visible() and basis.input_value() == ""
    form.locator("input[name=dose]").fill("600")
    form.locator('.check-notes .notice[data-kind="magnesium_high"]', has_text="If the amounts you entered").wait_for()
    basis.select_option("compound")  # 600 mg of glycinate is about 85 mg of magnesium
    expect(form.locator(".check-notes .notice")).to_have_count(0)
    basis.select_option("elemental")
    form.locator('.check-notes .notice[data-kind="magnesium_high"]', has_text="600 mg of elemental magnesium").wait_for()
    shot(page, "magnesium")
    form.get_by_role("button", name="Cancel").click()
    page.locator(".protocol-editor select").select_option("")
    page.get_by_role("button", name="Add", exact=True).click()
    page.locator("form.item-form input[name=name]").fill("PEA")
    assert not basis.is_visible()  # the question only matters for magnesium
    page.locator("form.item-form input[name=name]").fill("Magnesium citrate")
    basis.wait_for()


def test_the_breathing_pacer_never_lets_the_out_breath_equal_the_in_breath(page):
    sign_up(page)
    page.goto("/#/breathing")
    settings = page.locator(".pacer-settings")
    settings.locator("select").nth(0).select_option("5")
    settings.locator("select").nth(1).select_option("5")
    settings.locator(".form-error", has_text="Let the out-breath be longer than the in-breath").wait_for()
    assert page.get_by_role("button", name="Start").is_disabled()
    settings.locator("select").nth(1).select_option("7")
    assert page.get_by_role("button", name="Start").is_enabled()


def test_gargling_has_its_own_guided_screen_and_is_saved(page, app, shot):
    sign_up(page)
    page.clock.install()
    page.goto("/#/practices")
    page.locator('.practice-card[href="#/vagal"]').click()
    page.locator('.practice-card[href="#/vagal/gargling"]').click()
    page.get_by_role("heading", name="Gargling").wait_for()
    assert "W. Le, PA-C" in page.locator(".view-vagal .source").inner_text()
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(6000)
    page.locator(".guide-step-now", has_text="gargle firmly").wait_for()
    shot(page, "gargling")
    page.clock.run_for(100_000)  # three rounds of 33 s
    page.get_by_text("Well done.").wait_for()
    assert eventually(page, lambda: [(d["practice"], d["count"]) for d in server_data(app, PracticeSession)] == [("gargling", 3)])


def test_graded_motor_imagery_has_all_three_stages(page, app, shot):
    sign_up(page)
    page.clock.install()
    page.goto("/#/laterality")
    page.get_by_role("link", name="Stage 2: imagined movements").click()
    page.get_by_role("heading", name="Imagined movements").wait_for()
    page.locator(".lat-picture svg").wait_for()
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(5000)
    text = page.locator(".guide-step-now").inner_text()
    assert "imagine moving your own" in text and ("left" in text or "right" in text)
    shot(page, "imagery")
    page.clock.run_for(160_000)  # ten pictures of 15 s
    page.get_by_text("Well done.").wait_for()
    page.get_by_role("link", name="Stage 3: mirror therapy").click()
    page.get_by_role("heading", name="Mirror therapy").wait_for()
    assert "behind the mirror" in page.locator(".view-mirror").inner_text()
    page.get_by_role("button", name="Foot").click()
    assert "point the toes" in page.locator(".guide-steps").inner_text()
    shot(page, "mirror", full_page=True)
    assert eventually(page, lambda: [(d["practice"], d["count"]) for d in server_data(app, PracticeSession)] == [("imagery", 10)])


def test_sleep_apnoea_screening_scores_and_is_saved(page, app, shot):
    sign_up(page)
    page.goto("/#/bedtime")
    page.get_by_role("link", name="Check your sleep apnoea risk").click()
    page.get_by_role("heading", name="Sleep apnoea check (STOP-Bang)").wait_for()
    page.get_by_label("Do you snore loudly").check()
    page.get_by_label("Do you often feel tired").check()
    page.get_by_label("Is your sex male").check()
    page.get_by_role("button", name="See my result").click()
    result = page.locator("[data-risk]")
    result.wait_for()
    assert result.get_attribute("data-risk") == "high" and "3 of 8" in result.inner_text()
    assert "sleep study" in result.inner_text()
    shot(page, "stopbang", full_page=True)
    assert eventually(page, lambda: len(server_data(app, Screening)) == 1)
    answers = server_data(app, Screening)[0]["answers"]
    assert [k for k, v in answers.items() if v] == ["snoring", "tired", "gender"]


def test_therapies_to_ask_about(page, shot):
    sign_up(page)
    page.goto("/#/therapies")
    cards = page.locator(".referral")
    cards.first.wait_for()
    assert [cards.nth(i).get_attribute("data-key") for i in range(cards.count())] == ["mbsr", "somatic_experiencing", "emdr"]
    assert "Cherkin 2016" in cards.nth(0).inner_text() and "8-week" in cards.nth(0).inner_text()
    shot(page, "therapies", full_page=True)


def test_a_panel_marker_is_kept_against_the_labs_own_range_only(page, app, shot):
    sign_up(page)
    page.goto("/#/labs")
    card = save_lab_result(page, "gi_map", 80, name="Calprotectin", name_unit="µg/g", ref_low=0, ref_high=50)
    assert card.locator(".band-ref").get_attribute("data-position") == "above"
    assert "gives no target" in card.inner_text()
    shot(page, "panel")
    assert eventually(page, lambda: [(d["test"], d["name"]) for d in server_data(app, LabResult)] == [("gi_map", "Calprotectin")])


def synced_item(app, email, data):
    """A protocol item written by another device: through the one write path, as its sync would."""
    from datetime import datetime, timezone

    from server.accounts.models import User
    from server.extensions import db
    from server.sync.registry import RECORD_TYPES
    from server.sync.service import Change, SyncResult, apply_changes
    from tests.conftest import new_id

    kind = next(t for t in RECORD_TYPES.values() if t.model is ProtocolItem)
    with app.app_context():
        user = db.session.query(User).filter_by(email=email).one()
        now = datetime.now(timezone.utc)
        apply_changes(user.id, "phone-2", [Change(kind, new_id(), now, False, kind.schema.load(data), None)],
                      now, SyncResult(cursor=0))
        db.session.commit()
        db.session.remove()


def test_a_synced_item_without_a_template_or_prescription_meets_a_medicine_named_in_the_check_in(page, context, app, shot):
    """Low-dose naltrexone added on another device, typed as "LDN" with no template and no
    prescription box ticked, then tramadol named in a check-in with its dose run on: the
    opioid caution shows under the medicines at once (offline) and on the protocol screen."""
    email = sign_up(page)
    wait_until(page, "navigator.serviceWorker.controller !== null")
    synced_item(app, email, {"name": "LDN", "dose": 1.5, "unit": "mg", "times": ["22:00"]})
    page.goto("/#/protocol")
    page.reload()  # opening the app syncs
    page.locator('.protocol-item h3:text-is("LDN")').wait_for()  # arrived by sync
    assert page.locator(".safety .notice").count() == 0

    context.set_offline(True)
    page.goto("/#/checkin")
    page.locator("ew-scale[variant=pain]").get_by_role("radio", name="6", exact=True).click()
    meds = page.locator('details[data-section="meds"]')
    if meds.get_attribute("open") is None:
        meds.locator("summary").click()
    meds.get_by_role("button", name="+ Add medication").click()
    meds.get_by_label("Medication or supplement").fill("Tramadol50mg")
    note = meds.locator('.check-notes .notice[data-kind="ldn_opioids"]')
    note.wait_for()
    text = note.inner_text()
    assert "LDN" in text and "Tramadol50mg" in text and "prescriber" in text and "naltrexone" in text.lower()
    note.scroll_into_view_if_needed()
    shot(page, "check-in-names-tramadol")
    meds.get_by_label("Medication or supplement").fill("Vitamin C")
    expect(note).to_have_count(0)  # only what interacts brings a note
    meds.get_by_label("Medication or supplement").fill("Tramadol50mg")
    note.wait_for()
    page.get_by_role("button", name="Save check-in").click()  # never blocked
    page.get_by_text("Check-in saved").first.wait_for()

    page.goto("/#/protocol")
    screen = page.locator('.safety .notice[data-kind="ldn_opioids"]')
    screen.wait_for()
    assert "LDN" in screen.inner_text() and "Tramadol50mg" in screen.inner_text()
    shot(page, "protocol-ldn-tramadol")


def test_at_200_percent_text_my_protocol_opens_on_today_under_a_one_line_safety_summary(new_context, app, shot):
    """Issue 12: at 200% text "Today" (what to take now) sat about 4,400 px down, below every
    safety note in full. The notes now say in one line how many there are and how serious,
    coloured by the most serious, with the way to them; "Today" follows, then the notes in
    full, never folded."""
    from tests.e2e.screens import DOUBLE_TEXT, SIDEWAYS

    for viewport in ({"width": 360, "height": 740}, {"width": 320, "height": 640}):
        page = new_context(viewport=viewport).new_page()
        email = sign_up(page)
        for item in ({"name": "Warfarin", "dose": 5, "unit": "mg", "times": ["08:00"], "prescription": True},
                     {"name": "Omega-3", "dose": 4, "unit": "g", "times": ["08:00"], "template": "omega3"},
                     {"name": "Ibuprofen", "dose": 400, "unit": "mg", "times": ["08:00", "20:00"]}):
            synced_item(app, email, item)
        page.goto("/#/protocol")
        page.reload()  # opening the app syncs
        page.locator(".protocol-today .dose").first.wait_for()
        page.evaluate(DOUBLE_TEXT, 2.0)
        page.wait_for_timeout(0)
        shot(page, f"protocol-first-screen-{viewport['width']}")
        height = viewport["height"] - page.evaluate("document.getElementById('tabs').getBoundingClientRect().height")
        taken = page.locator(".protocol-today").get_by_role("button", name="Taken").first.bounding_box()
        today = page.get_by_role("heading", name="Today").bounding_box()
        if viewport["width"] == 360:
            assert taken["y"] + taken["height"] <= height, (taken, height)  # the first dose, on the first screen
        else:  # the smallest phone: "Today" on the first screen, its first dose a short scroll on
            assert today["y"] + today["height"] <= height, (today, height)
        summary = page.locator(".safety-summary")
        notes = page.locator(".safety .notice")
        assert notes.count() >= 1 and all(notes.nth(i).is_visible() for i in range(notes.count()))  # never folded
        box = summary.bounding_box()
        assert box["y"] + box["height"] <= taken["y"]  # above "Today", so a note is never missed
        words = summary.inner_text()
        assert f"{notes.count()} safety notes" in words or (notes.count() == 1 and "One safety note" in words), words
        assert summary.get_attribute("data-severity") == page.locator(".safety .notice").first.get_attribute("class").split("notice-")[-1]
        assert page.evaluate(SIDEWAYS) == 0
        summary.get_by_role("button", name="read").click()
        heading = page.get_by_role("heading", name="Safety notes").bounding_box()
        assert 0 <= heading["y"] < height, heading
        shot(page, f"protocol-notes-{viewport['width']}")


def test_at_200_percent_text_lab_results_come_first_and_how_to_read_them_is_one_tap_away(new_context, shot):
    """Issue 12: at 200% text the opening paragraph (two ranges, whose target, not a diagnosis)
    filled the first screen and pushed the results below it. The results come first; the
    explanation waits behind "How to read this"."""
    from tests.e2e.screens import DOUBLE_TEXT, SIDEWAYS

    for viewport in ({"width": 360, "height": 740}, {"width": 320, "height": 640}):
        page = new_context(viewport=viewport).new_page()
        sign_up(page)
        page.goto("/#/labs")
        card = save_lab_result(page, "vitamin_d", 100, unit="nmol/L", date="2026-10-01")
        page.evaluate("window.scrollTo(0, 0)")
        page.evaluate(DOUBLE_TEXT, 2.0)
        shot(page, f"labs-first-screen-{viewport['width']}")
        height = viewport["height"] - page.evaluate("document.getElementById('tabs').getBoundingClientRect().height")
        value = card.locator(".lab-value").bounding_box()
        assert value["y"] + value["height"] <= height, (value, height)  # the result and its value, on the first screen
        explanation = page.get_by_text("a narrower functional-medicine target from one practitioner")
        expect(explanation).to_be_hidden()
        page.get_by_text("How to read this").click()
        expect(explanation).to_be_visible()
        assert page.evaluate(SIDEWAYS) == 0
