"""Charts as a person reads them at 360x740: labels of at least 12 px, dates in the person's
locale (one format everywhere), no empty axes, no codes, and a calendar whose days open."""

import calendar
import re

from playwright.sync_api import expect

from server.common.time import utcnow
from tests.e2e.conftest import (demo_records, drawn, open_screen, save_checkin, save_lab_result, sign_in_demo,
                                sign_up, wait_synced, wait_until)
from tests.e2e.test_reflow import DOUBLE_TEXT

PHONE = {"width": 360, "height": 740}
# Every label drawn inside a chart on the page, with its rendered size in px.
LABEL_SIZES = """() => [...document.querySelectorAll('svg.chart text, .chart-holder svg text')]
  .filter((t) => t.getClientRects().length && t.textContent.trim())
  .map((t) => [t.textContent.trim(), Math.round(t.getBoundingClientRect().height * 10) / 10,
               parseFloat(getComputedStyle(t).fontSize)])"""
ISO_LIKE = re.compile(r"^\d\d-\d\d$|^\d{4}-\d\d-\d\d$")


def rendered_font_sizes(page):
    """The font size each chart label is drawn at on screen: its size times the SVG's scale."""
    return page.evaluate("""() => [...document.querySelectorAll('svg text')]
      .filter((t) => t.getClientRects().length && t.textContent.trim() && t.closest('.chart, .chart-holder'))
      .map((t) => { const svg = t.ownerSVGElement; const vb = svg.viewBox.baseVal;
        const scale = vb && vb.width ? svg.getBoundingClientRect().width / vb.width : 1;
        return [t.textContent.trim(), parseFloat(getComputedStyle(t).fontSize) * scale]; })""")


def test_insights_charts_have_12px_labels_and_locale_dates(new_context, app, shot):
    demo = demo_records(app)
    page = new_context(viewport=PHONE, locale="en-GB").new_page()
    sign_in_demo(page)
    for screen, ready in (("overview", ".timeline .tl-mean"), ("calendar", ".heatmap rect.heat")):
        open_screen(page, screen, ready)
        sizes = rendered_font_sizes(page)
        assert sizes and min(s for _, s in sizes) >= 11.9, sorted(sizes, key=lambda x: x[1])[:5]
        labels = [t for t, _ in sizes]
        assert not [t for t in labels if ISO_LIKE.match(t)]
        shot(page, screen, full_page=True)
    open_screen(page, "overview", ".timeline .tl-mean")
    # en-GB: "2 Nov", day before month, on every date label of the timeline.
    dates = page.eval_on_selector_all(".timeline text.tick", "els => els.map((t) => t.textContent)")
    dates = [t for t in dates if re.search(r"[A-Za-z]", t)]
    assert dates and all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}", t) for t in dates), dates
    # The legend is HTML that wraps, not text squeezed into the drawing.
    assert page.locator(".chart-box .chart-legend li").count() == 4
    flare_days = len({r["local_date"] for r in demo if r.get("flare")})
    assert flare_days > 0


def test_the_calendar_marks_flares_and_a_tapped_day_opens_its_check_ins(new_context, app, shot):
    demo = demo_records(app)
    page = new_context(viewport=PHONE, locale="en-GB").new_page()
    sign_in_demo(page)
    # Synced first: the first sync's end redraws the screen, and a day button measured
    # while it was being replaced had no box (a flaky failure under load).
    wait_synced(page)
    open_screen(page, "calendar", "table.month .day")
    today = utcnow().date()
    this_month = {
        r["local_date"]
        for r in demo
        if r["local_date"].strftime("%Y-%m") == today.strftime("%Y-%m")
    }
    flares = {r["local_date"] for r in demo if r.get("flare")}
    # Find a month with a flare (the demo has several in 90 days) and check its marks.
    for _ in range(7):
        shown = page.eval_on_selector_all("table.month .day.flare", "els => els.length")
        if shown:
            break
        title = page.locator(".month-head h3").inner_text()
        page.get_by_role("button", name="Month before").click()
        expect(page.locator(".month-head h3")).not_to_have_text(title)
    assert shown >= 1 and flares
    day = page.locator("table.month .day.flare").first
    assert "flare" in day.get_attribute("aria-label")
    # Measured in one step: a redraw between finding the day and measuring it left no box.
    width, height = day.evaluate("e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; }")
    assert height >= 44 and width >= 40
    day.click()
    details = page.locator(".day-details")
    details.wait_for()
    assert "You marked a flare." in details.inner_text()
    assert details.get_by_role("link", name=re.compile("^Edit the check-in at")).count() >= 1
    shot(page, "calendar-day-details", full_page=True)
    details.get_by_role("link", name=re.compile("^Edit the check-in at")).first.click()
    page.get_by_role("heading", name="Edit check-in").wait_for()
    assert this_month is not None


def test_days_still_to_come_are_not_missed_check_ins_and_weekdays_fit_at_200_percent_text(new_context, app, shot):
    from tests.e2e.test_reflow import DOUBLE_TEXT

    demo_records(app)
    page = new_context(viewport=PHONE, locale="en-GB").new_page()
    sign_in_demo(page)
    open_screen(page, "calendar", "table.month .day")
    page.evaluate(DOUBLE_TEXT, 2.0)
    year, month, day = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()")
    to_come = calendar.monthrange(year, month)[1] - day
    future = page.locator("table.month .day.future")
    # Every day up to today can be tapped; the rest of the month is neither a button nor a
    # dashed "no check-in" box, and says it is still to come.
    assert page.locator("table.month button.day").count() == day
    assert future.count() == to_come
    for i in range(to_come):
        cell = future.nth(i)
        assert cell.evaluate("e => e.tagName") == "SPAN" and "still to come" in cell.text_content()
        assert cell.evaluate("e => getComputedStyle(e).borderTopStyle !== 'dashed' || getComputedStyle(e).borderTopColor === 'rgba(0, 0, 0, 0)'")
    missed = page.locator("table.month button.day.level-none:not(.today)")
    if missed.count():
        assert missed.first.get_attribute("aria-label").endswith("no check-in")
    # The weekday letters stay on one line each at 200% text (short names broke as "We / d").
    lines = page.eval_on_selector_all("table.month th span[aria-hidden]", "els => els.map((e) => e.getClientRects().length)")
    assert lines == [1] * 7
    assert page.eval_on_selector_all("table.month th", "els => els.map((e) => e.abbr)")[0] == "Monday"
    page.locator("table.month").scroll_into_view_if_needed()
    shot(page, "calendar-this-month-200")
    page.get_by_role("button", name="Month before").click()
    drawn(page)
    assert future.count() == 0 and page.locator("table.month button.day").count() == calendar.monthrange(
        year - (month == 1), 12 if month == 1 else month - 1)[1]


def test_lab_chart_has_no_empty_axis_no_codes_and_readable_dates(new_context, shot):
    page = new_context(viewport=PHONE, locale="en-GB").new_page()
    sign_up(page)
    page.goto("/#/labs")
    card = save_lab_result(page, "hs_crp", 2.1, date="2026-11-02")
    card.scroll_into_view_if_needed()
    # The chart is drawn for the width the card has; wait for its date label, not a fixed time.
    wait_until(page, "[...document.querySelectorAll('.lab-card svg text')].some((t) => t.textContent === '2 Nov')")
    text = card.inner_text()
    assert "LOINC" not in text and "30522" not in text  # no codes shown to the person
    drawn_labels = rendered_font_sizes(page)  # one measurement: a redraw between two read two charts
    labels = [t for t, _ in drawn_labels]
    assert "10" not in labels  # no pain logged: no empty 0–10 pain axis on the right
    assert not [t for t in labels if ISO_LIKE.match(t)]
    assert "2 Nov" in labels
    assert min(s for _, s in drawn_labels) >= 11.9
    shot(page, "lab-chart")
    # With pain logged, the pain axis appears, labelled.
    save_checkin(page, 4)
    page.goto("/#/labs")
    card.wait_for()
    wait_until(
        page,
        "[...document.querySelectorAll('.lab-card svg text')].some((t) => t.textContent === '10')",
    )


def test_calendar_days_are_44_px_targets_on_a_320_px_phone_at_200_percent_text(new_context, app, shot):
    """Seven days in a row were 39 px wide inside the side gutters of a 320 px screen, and
    "December 2026" pushed the "Month after" button off it: the month takes the full width
    there, every day is at least 44 px square and nothing scrolls sideways."""
    from tests.e2e.test_reflow import DOUBLE_TEXT, SIDEWAYS

    demo_records(app)
    page = new_context(viewport={"width": 320, "height": 640}, locale="en-GB").new_page()
    sign_in_demo(page)
    open_screen(page, "calendar", "table.month .day")
    page.evaluate(DOUBLE_TEXT, 2.0)
    page.get_by_role("button", name="Month before").click()  # a whole month of days to tap
    drawn(page)
    page.locator("table.month").scroll_into_view_if_needed()
    shot(page, "calendar-320-200")
    sizes = page.eval_on_selector_all("table.month button.day", "els => els.map((e) => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })")
    assert len(sizes) >= 28
    assert min(w for w, _ in sizes) >= 44 and min(h for _, h in sizes) >= 44, sizes[:3]
    assert page.evaluate(SIDEWAYS) == 0
    after = page.get_by_role("button", name="Month after").bounding_box()
    assert after["x"] + after["width"] <= 320


# Pairs of chart labels that run into each other on screen.
LABELS_OVERLAPPING = """() => { const out = [];
  for (const svg of document.querySelectorAll('svg.chart')) {
    const texts = [...svg.querySelectorAll('text')].filter((t) => t.getClientRects().length && t.textContent.trim());
    const boxes = texts.map((t) => [t.textContent.trim(), t.getBoundingClientRect()]);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, p] = boxes[i], [b, q] = boxes[j];
      if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1) out.push([a, b]);
    }
  }
  return out; }"""


def test_lab_chart_dates_never_print_over_each_other_at_200_percent_text_on_a_320_px_phone(new_context, shot):
    """A result from three months ago, pain logged today: at 320x640 with 200% text the chart's
    two dates, one anchored at each end of a plot narrower than both, printed "Aug 25" over
    "Dec 3". Where both do not fit, the last date alone says where the range ends."""
    from datetime import date, timedelta

    page = new_context(viewport={"width": 320, "height": 640}, locale="en-GB").new_page()
    sign_up(page)
    save_checkin(page, 4)
    page.goto("/#/labs")
    card = save_lab_result(page, "hs_crp", 2.1, date=(date.today() - timedelta(days=100)).isoformat())
    page.evaluate(DOUBLE_TEXT, 2.0)
    card.locator("svg.chart").scroll_into_view_if_needed()
    wait_until(page, "[...document.querySelectorAll('.lab-card svg text')].some((t) => t.textContent === '10')")
    shot(page, "lab-chart-320-200")
    assert page.evaluate(LABELS_OVERLAPPING) == []
    today = page.evaluate("""() => new Intl.DateTimeFormat(undefined, {day: 'numeric', month: 'short'}).format(new Date())""")
    labels = page.eval_on_selector_all(".lab-card svg text", "els => els.map((t) => t.textContent)")
    assert today in labels, labels  # the range's last day is still named


# Where a chart draws its data, as a share of the chart's width (0 = left edge, 1 = right).
SPREAD = """(sel) => { const el = document.querySelector(sel); const svg = el.ownerSVGElement;
  const box = el.getBBox(); const w = svg.viewBox.baseVal.width;
  return [box.x / w, (box.x + box.width) / w]; }"""


def test_a_new_persons_charts_start_at_their_first_data(new_context, shot):
    """Day 3: the 4-week timeline was four empty weeks and the three days squeezed against the
    right edge; a first PEG-3 answer sat in a chart from twelve weeks before the person began.
    A chart starts at the person's first data and is at least a week (PEG-3: four weeks) wide,
    so the first days fill it from the left."""
    from tests.e2e.test_first_weeks import checked_in_on_days_before

    page = new_context(viewport=PHONE, locale="en-GB").new_page()
    sign_up(page)
    checked_in_on_days_before(page, (9, 8, 7, 6, 5, 4, 3, 2, 1, 0))
    open_screen(page, "overview", ".timeline")  # a flat line (pain 5 each day) has no height
    left, right = page.evaluate(SPREAD, ".timeline .tl-mean")
    shot(page, "first-days-timeline", full_page=True)
    # Ten days of a 28-day chart began past 60% of its width: here they fill it.
    assert left < 0.15 and right > 0.6, (left, right)

    page.goto("/#/peg3")
    page.wait_for_selector(".peg-form")
    for group, value in zip(page.locator(".peg-form ew-scale").all(), (6, 7, 5)):
        group.get_by_role("radio", name=str(value), exact=True).click()
    page.get_by_role("button", name="Save this week").click()
    page.wait_for_selector(".chart.weekly .dot")
    shot(page, "first-peg3-chart", full_page=True)
    # The one answer starts the series at the left, not eleven empty weeks to its right.
    left, _ = page.evaluate(SPREAD, ".chart.weekly .dot")
    assert left < 0.25, left
