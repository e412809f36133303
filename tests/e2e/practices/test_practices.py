"""Bedtime checklist, a lab result against both bands, and a scored laterality session."""
from server.practices.models import BedtimeLog, LateralitySession
from server.protocol.models import LabResult
from tests.e2e.conftest import eventually, save_lab_result, sign_up
from tests.e2e.practices.conftest import server_data



def test_bedtime_checklist_ticked_from_its_screen(page, app, shot):
    sign_up(page)
    page.goto("/#/bedtime")
    boxes = page.locator(".checklist input[type=checkbox]")
    boxes.first.wait_for()
    assert boxes.count() == 3  # screens away, dim lights, short breathing
    shot(page, "empty")
    for i in range(3):
        boxes.nth(i).check()
        page.locator(f'[data-count="{i + 1}"]').wait_for()
    page.get_by_text("All done at").wait_for()
    assert all(boxes.nth(i).is_checked() for i in range(3))
    shot(page, "all-ticked", full_page=True)
    assert eventually(page, lambda: any(d.get("completed_at") and len(d["ticked"]) == 3
                                        for d in server_data(app, BedtimeLog)))

    page.reload()  # ticks are records, not page state
    page.locator(".checklist input:checked").nth(2).wait_for()


def test_lab_value_shown_against_both_bands(page, app, shot):
    sign_up(page)
    page.goto("/#/labs")
    card = save_lab_result(page, "vitamin_d", 100, unit="nmol/L", date="2026-10-01", ref_low=75, ref_high=250)
    ref = card.locator(".band-ref")
    opt = card.locator(".band-opt")
    assert ref.get_attribute("data-position") == "within"
    assert opt.get_attribute("data-position") == "below"
    assert "75–250 nmol/L" in ref.inner_text()
    assert "50–70 ng/mL" in opt.inner_text() and "40.06 ng/mL" in opt.inner_text()
    assert "Le, PA-C" in opt.inner_text()  # the optimal band names its source
    card.locator("h2").evaluate("el => el.scrollIntoView()")
    page.evaluate("window.scrollBy(0, -70)")  # clear of the sticky top bar
    shot(page, "vitamin-d")
    assert eventually(page, lambda: [d["value"] for d in server_data(app, LabResult)] == [100])


def test_laterality_session_is_scored(page, app, shot):
    sign_up(page)
    page.goto("/#/laterality")
    page.get_by_role("button", name="Hands", exact=True).click()
    page.select_option(".view-laterality select", "10")
    page.get_by_role("button", name="Start").click()
    for i in range(10):
        page.locator(f'.lat-picture[data-trial="{i}"] svg').wait_for()
        if i == 0:
            shot(page, "picture")
        # Answer from what the picture shows: a mirrored drawing is a right hand unless it is a palm.
        trial = page.evaluate("""() => {
            const g = document.querySelector('.lat-picture svg > g');
            return { mirrored: g.getAttribute('transform').includes('scale(-1 1)'),
                     palm: !document.querySelector('.lat-picture .limb-nail') };
        }""")
        right = trial["mirrored"] != trial["palm"]
        wrong_on_purpose = i in (3, 7)
        answer = "Right" if right != wrong_on_purpose else "Left"
        page.get_by_role("button", name=answer, exact=True).click()
    result = page.locator(".lat-result")
    result.wait_for()
    assert result.get_attribute("data-accuracy") == "0.8"
    assert page.get_by_role("heading", name="80% correct").is_visible()
    page.locator(".lat-history svg.chart").first.wait_for()
    shot(page, "scored", full_page=True)
    assert eventually(page, lambda: [(d["n"], d["accuracy"]) for d in server_data(app, LateralitySession)] == [(10, 0.8)])
