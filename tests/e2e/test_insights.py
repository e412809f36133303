"""Insights, PEG-3 and reports in the browser, from the demo account, at phone size.

Screenshots of every screen go to test-artifacts/ for people to look at. When the
insights API is not installed yet (the analysis feature lands separately), its three
routes are answered from a fixture that follows DESIGN.md's contract, built from the
demo account's own check-ins.
"""

import json
import re
import shutil
import subprocess

import pytest
from playwright.sync_api import expect
from playwright.sync_api import Error as PlaywrightError

from server.checkins.service import checkin_records
from server.common.time import utcnow
from server.demo import DEMO_EMAIL, DEMO_PASSWORD, seed_demo
from server.extensions import db
from tests.e2e.conftest import wait_until


@pytest.fixture
def demo(app):
    return demo_records(app)


def demo_records(app):
    """Seed the demo account (180 days) and return its check-ins."""
    with app.app_context():
        seed_demo(utcnow(), days=180, scrypt_n=2**10)
        from server.accounts.models import User

        user = db.session.query(User).filter_by(email=DEMO_EMAIL).one()
        records = checkin_records(user.id)
        db.session.remove()
    return records


def contract_fixture(records):
    """/api/insights/* answers shaped like DESIGN.md, from the check-ins' own sleep and stress."""
    by_day = {}
    for r in records:
        by_day.setdefault(r["local_date"], []).append(r)
    load = []
    for day, items in sorted(by_day.items()):
        sleep = min((i.get("sleep_hours") or 7) for i in items)
        stress = max((i.get("stress") or 3) for i in items)
        contributors = {
            "sleep": round(max(0, 7.5 - sleep) * 6, 1),
            "stress": round(max(0, stress - 3) * 2.5, 1),
            "recovery_debt": 4.0
            if any((i.get("activity_minutes") or 0) > 90 for i in items)
            else 0.0,
            "nsaid": 3.0 if any(i.get("nsaid_doses") for i in items) else 0.0,
        }
        pains = [i["pain"] for i in items if i.get("pain") is not None]
        load.append(
            {
                "date": day.isoformat(),
                "score": round(min(100, 20 + sum(contributors.values())), 1),
                "contributors": contributors,
                "pain_mean": sum(pains) / len(pains) if pains else None,
                "flare": any(i.get("flare") for i in items),
            }
        )
    patterns = {
        "status": "patterns",
        "data_days": len(by_day),
        "days_needed": 0,
        "patterns": [
            {
                "kind": "lagged",
                "factors": ["sleep_hours"],
                "outcome": "pain",
                "lag_days": 1,
                "direction": "better",
                "threshold": None,
                "effect": -0.6,
                "ci_low": -0.9,
                "ci_high": -0.3,
                "q_value": 0.004,
                "n": 150,
                "summary": "After a longer night's sleep, pain is lower the next day.",
            },
            {
                "kind": "combination",
                "factors": ["sleep_hours", "activity_minutes"],
                "outcome": "flare",
                "lag_days": 2,
                "direction": "worse",
                "threshold": None,
                "effect": 3.1,
                "ci_low": 1.6,
                "ci_high": 6.0,
                "q_value": 0.02,
                "n": 150,
                "summary": "A short night followed by a long active day is often followed by a flare two days later.",
            },
        ],
    }
    forecast = {
        "risk": 0.18,
        "horizon_hours": 48,
        "status": "ok",
        "drivers": [
            {"factor": "short_night", "contribution": 0.4},
            {"factor": "acwr", "contribution": 0.2},
        ],
        "quality": {
            "auc": 0.56,
            "brier": 0.21,
            "n_days": 120,
            "events": 9,
            "beats_baseline": False,
        },
    }
    return {"load": load, "patterns": patterns, "forecast": forecast}


def answer_insights_if_missing(page, fixture):
    def handle(route):
        try:
            response = route.fetch()
        except PlaywrightError:  # offline: fail the request as the network would
            route.abort()
            return
        if response.status != 404:
            route.fulfill(response=response)
            return
        name = route.request.url.split("/api/insights/")[1].split("?")[0]
        route.fulfill(status=200, content_type="application/json", body=json.dumps(fixture[name]))

    page.route("**/api/insights/**", handle)


def keep_pdf_pages_as_png(pdf_path, folder):
    """Render the downloaded PDF next to the screenshots (needs poppler's pdftoppm; skipped without)."""
    if shutil.which("pdftoppm") is None:
        return
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", str(pdf_path), str(folder / "clinician-report")],
        check=True,
    )


def sign_in_demo(page):
    page.goto("/#/signin")
    page.fill("#auth-email", DEMO_EMAIL)
    page.fill("#auth-password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("ew-scale[variant=pain] button")
    page.wait_for_selector(".toast", state="detached", timeout=10_000)  # the "works offline" note


def open_screen(page, screen, ready):
    page.goto(f"/#/insights/{screen}")
    page.wait_for_selector(ready, timeout=20_000)
    page.wait_for_timeout(300)
    page.wait_for_selector(".toast", state="detached", timeout=10_000)


def test_every_insights_screen_from_the_demo_account(page, demo, shot):
    answer_insights_if_missing(page, contract_fixture(demo))
    sign_in_demo(page)
    wait_until(page, "document.querySelector('ew-sync-status')?.dataset.kind === 'ok'", timeout=30)

    open_screen(page, "overview", ".timeline .tl-mean")
    assert page.get_by_text("Today's load").or_(page.get_by_text("Load on")).first.is_visible()
    shot(page, "overview", full_page=True)
    if page.locator(".chart.contributors").count():
        page.locator(".chart.contributors").scroll_into_view_if_needed()
        shot(page, "overview-load-contributors")
    page.get_by_role("button", name="3 months").click()
    page.wait_for_timeout(200)
    shot(page, "overview-3-months", full_page=True)
    page.get_by_role("button", name="All").click()
    flare_days = len({r["local_date"] for r in demo if r.get("flare")})
    # The chart redraws for the new range after the click; wait for it rather than race it.
    marks = page.locator(".timeline .tl-flare:not(.legend-mark)")
    expect(marks).to_have_count(flare_days)
    shot(page, "overview-all")

    open_screen(page, "calendar", ".heatmap rect.heat")
    assert page.locator(".heatmap rect.heat").count() >= 80
    shot(page, "calendar", full_page=True)

    open_screen(page, "patterns", "article.pattern")
    page.locator("article.pattern summary").first.click()
    assert re.match(
        r"Based on \d+ days", page.locator("article.pattern details li").first.text_content()
    )
    shot(page, "patterns", full_page=True)

    open_screen(page, "forecast", ".big-figure, .empty-state")
    if page.locator(".big-figure").count():  # the demo has no flares, so usually "not yet"
        assert re.search(r"guessing|right|Too few days", page.locator(".quality").text_content())
    shot(page, "forecast", full_page=True)

    open_screen(page, "practices", "article.compare")
    shot(page, "practices", full_page=True)
    assert not page.errors


def test_insights_work_offline_from_the_last_synced_results(page, context, demo, shot):
    answer_insights_if_missing(page, contract_fixture(demo))
    sign_in_demo(page)
    open_screen(page, "overview", ".timeline .tl-mean")
    wait_until(page, "navigator.serviceWorker.controller !== null", timeout=20)
    context.set_offline(True)
    page.unroute("**/api/insights/**")  # a route handler's own fetch would still reach the server
    page.route("**/api/insights/**", lambda route: route.abort("internetdisconnected"))
    page.reload()
    open_screen(page, "patterns", "article.pattern")
    page.get_by_text("offline, showing the last synced results").wait_for()
    shot(page, "patterns-offline")


def test_weekly_peg3_is_offered_saved_and_charted(page, demo, shot, app):
    answer_insights_if_missing(page, contract_fixture(demo))
    sign_in_demo(page)
    open_screen(page, "overview", ".timeline .tl-mean")
    page.get_by_role("link", name="Your weekly PEG-3 is ready").click()
    page.wait_for_selector(".peg-form")
    shot(page, "peg3-offered", full_page=True)
    for group, value in zip(page.locator(".peg-form ew-scale").all(), (6, 7, 5)):
        group.get_by_role("radio", name=str(value), exact=True).click()
    page.get_by_role("button", name="Save this week").click()
    page.wait_for_selector(".chart.weekly .dot")
    assert page.get_by_text("score 6.0").first.is_visible()
    shot(page, "peg3-saved", full_page=True)
    with app.app_context():
        from server.reports.models import Peg3

        wait_until(
            page, "document.querySelector('ew-sync-status')?.dataset.kind === 'ok'", timeout=20
        )
        assert [r.data["pain"] for r in db.session.query(Peg3).all()] == [6]
        db.session.remove()


def test_reports_screen_downloads_and_imports(page, demo, shot, tmp_path):
    sign_in_demo(page)
    page.goto("/#/reports")
    page.wait_for_selector(".reports")
    folder = shot(page, "reports", full_page=True).parent

    with page.expect_download() as pdf:
        page.get_by_role("button", name="Download clinician report (PDF)").click()
    saved = tmp_path / "report.pdf"
    pdf.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    keep_pdf_pages_as_png(saved, folder)

    csv_file = tmp_path / "diary.csv"
    csv_file.write_text(
        "Date;Pain level;Comment\n2025-01-03;4;ok\n2025-01-04;12;too high\n2025-01-05;3;\n"
    )
    page.set_input_files("#csv-file", str(csv_file))
    page.wait_for_selector("#map-at")
    assert page.locator("#map-at").input_value() == "Date"
    assert page.locator("#map-pain").input_value() == "Pain level"
    shot(page, "import-mapping", full_page=True)
    page.get_by_role("button", name="Import 3 rows").click()
    page.get_by_text("Imported 2 check-ins").wait_for()
    assert page.get_by_text("Line 3:").is_visible()
    shot(page, "import-result", full_page=True)
    page.get_by_role("button", name="Import 3 rows").click()
    page.get_by_text("Imported 0 check-ins; 2 already here").wait_for()


def test_honest_states_not_enough_data_and_a_forecast_no_better_than_guessing(page, demo, shot):
    fixture = contract_fixture(demo)
    answers = {
        "patterns": {"patterns": [], "data_days": 12, "status": "collecting", "days_needed": 16},
        "forecast": fixture["forecast"],
    }

    def handle(route):
        name = route.request.url.split("/api/insights/")[1].split("?")[0]
        if name in answers:
            route.fulfill(
                status=200, content_type="application/json", body=json.dumps(answers[name])
            )
        else:
            route.continue_()

    page.route("**/api/insights/**", handle)
    sign_in_demo(page)
    open_screen(page, "patterns", ".empty-state")
    page.get_by_text("Not enough data yet — 16 more days").wait_for()
    shot(page, "patterns-not-enough-data")
    open_screen(page, "forecast", ".big-figure")
    page.get_by_text("Right about as often as guessing").wait_for()
    shot(page, "forecast-as-good-as-guessing")


@pytest.mark.parametrize(
    "screen, ready",
    [
        ("overview", ".timeline .tl-mean"),
        ("calendar", ".heatmap rect.heat"),
        ("patterns", "article.pattern"),
        ("practices", "article.compare"),
    ],
)
def test_screens_fit_a_360px_phone_without_sideways_scrolling(page, demo, shot, screen, ready):
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in_demo(page)
    open_screen(page, screen, ready)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, f"{screen}-360px")


def test_reports_screen_fits_360px(page, demo, shot):
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in_demo(page)
    page.goto("/#/reports")
    page.wait_for_selector(".reports .export-list")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "reports-360px", full_page=True)


def test_charts_follow_the_dark_theme(page, demo, shot):
    page.emulate_media(color_scheme="dark")
    sign_in_demo(page)
    open_screen(page, "overview", ".timeline .tl-mean")
    stroke = page.evaluate("getComputedStyle(document.querySelector('.timeline .tl-mean')).stroke")
    assert stroke not in ("rgb(0, 0, 0)", "#000")  # black on a dark card would vanish
    shot(page, "overview-dark")
    open_screen(page, "patterns", "article.pattern")
    shot(page, "patterns-dark")
