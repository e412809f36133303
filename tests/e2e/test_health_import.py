"""The import screen in a phone-sized browser: upload with progress through a dropped
connection, reading progress, the result, the imported values on the check-in with their
source, undo, a bad file, and resuming an upload after the page was closed."""
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from server.health_import import processing
from tests.e2e.conftest import sign_up, wait_until
from tests.e2e.screens import CONTRAST, SMALL_TARGETS

ZONE = ZoneInfo("Europe/London")
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 13 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
]>
<HealthData locale="en_GB">
 <ExportDate value="{now}"/>
"""


def stamp(day: date, hour: int, minute: int = 0) -> str:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE).strftime("%Y-%m-%d %H:%M:%S %z")


def record(kind: str, start: str, end: str, value: str, unit: str = "") -> str:
    unit = f' unit="{unit}"' if unit else ""
    return (f' <Record type="{kind}" sourceName="Sam’s Apple Watch"{unit} startDate="{start}" '
            f'endDate="{end}" value="{value}"/>\n')


def export_ending_this_morning(padding: int = 300) -> str:
    """An export.xml whose last night ends today (6 h 30 min asleep, woken once), with steps."""
    today = datetime.now(ZONE).date()
    yesterday = today - timedelta(days=1)
    sleep = "HKCategoryTypeIdentifierSleepAnalysis"
    value = "HKCategoryValueSleepAnalysis"
    body = [HEAD.format(now=stamp(today, 9)),
            record(sleep, stamp(yesterday, 23, 10), stamp(today, 2), value + "AsleepCore"),
            record(sleep, stamp(today, 2), stamp(today, 2, 20), value + "Awake"),
            record(sleep, stamp(today, 2, 20), stamp(today, 6), value + "AsleepDeep"),
            record("HKQuantityTypeIdentifierStepCount", stamp(yesterday, 10), stamp(yesterday, 11), "5300", "count")]
    body += [record("HKQuantityTypeIdentifierHeartRate", stamp(yesterday, 12, i % 60), stamp(yesterday, 12, i % 60),
                    str(60 + i % 30), "count/min") for i in range(padding)]
    return "".join(body) + "</HealthData>\n"


@pytest.fixture
def context(new_context):
    return new_context(timezone_id="Europe/London")


@pytest.fixture
def small_chunks(app):
    app.config["IMPORT_CHUNK_BYTES"] = 8 * 1024  # several chunks, so progress can be watched
    return app


def open_sleep_section(page):
    details = page.locator('details[data-section="sleep"]')
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def watch_status(page):
    """Record every text and value the status line and progress bar show from now on."""
    page.evaluate("""() => {
      window.seen = [];
      const status = document.querySelector('.import-status');
      const bar = document.querySelector('.health-import progress');
      new MutationObserver(() => window.seen.push([status.textContent, bar.value]))
        .observe(status, {childList: true, characterData: true, subtree: true});
    }""")


def slow_reading(monkeypatch):
    """Reading a year of data takes a while; make the small file take a while too."""
    real = processing.formats.read_export

    def slow(file, name, zone, report=None):
        for fraction in (0.25, 0.5, 0.75):
            report(fraction)
            time.sleep(0.7)
        return real(file, name, zone, report)

    monkeypatch.setattr(processing.formats, "read_export", slow)
    monkeypatch.setattr(processing, "REPORT_EVERY_SECONDS", 0)


def test_import_with_progress_shows_up_on_the_check_in_and_can_be_undone(page, app, small_chunks, monkeypatch, tmp_path, shot):
    app.config["IMPORT_WAIT_SECONDS"] = 0  # the screen follows the reading, as with a big file
    slow_reading(monkeypatch)
    export = tmp_path / "export.xml"
    export.write_text(export_ending_this_morning())
    sign_up(page)
    page.goto("/#/settings")
    page.get_by_role("link", name="Import sleep and activity from a phone or watch").click()
    page.get_by_role("heading", name="Import from a phone or watch").wait_for()
    page.get_by_text("Apple Health — export.zip").click()
    page.get_by_text("Export All Health Data").wait_for()
    shot(page, "how-to-export")

    dropped = {"done": False}

    def flaky(route):
        if not dropped["done"] and "offset=0" not in route.request.url:
            dropped["done"] = True  # the connection drops once, mid-upload
            return route.abort("internetdisconnected")
        time.sleep(0.15)
        return route.continue_()

    page.route("**/api/imports/*/content*", flaky)
    page.set_input_files("#import-file", str(export))
    watch_status(page)
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text("Reading your data", exact=False).wait_for(timeout=20_000)
    shot(page, "reading")
    page.locator(".import-status", has_text="Done.").wait_for(timeout=20_000)
    shot(page, "done", full_page=True)

    seen = page.evaluate("window.seen")
    uploads = [value for text, value in seen if text.startswith("Uploading")]
    assert len(uploads) >= 3 and uploads == sorted(uploads)  # the bar moves forward while uploading
    assert any(text.startswith("The connection dropped") for text, _ in seen)
    readings = [int(text.rsplit(" ", 1)[1].rstrip("%")) for text, _ in seen if text.startswith("Reading your data")]
    # The reading reports a quarter, a half and three quarters (10–95% of the bar); the
    # screen, asking once a second, shows at least one of them, in order.
    assert readings and set(readings) <= {10, 31, 52, 73} and readings == sorted(readings)
    result = page.locator(".import-result").inner_text()
    assert "2 days from Apple Health" in result and "sleep (1), night wakings (1), steps (1)" in result
    page.evaluate("document.querySelectorAll('.how-list details').forEach(d => d.open = true)")
    assert page.evaluate(SMALL_TARGETS)["small"] == []  # large enough to tap with a tired hand
    assert [m for m in page.evaluate(CONTRAST, ["h1", "h2", ".lead", ".muted", "li", "summary", ".btn"])
            if m["ratio"] < 4.5] == []

    page.goto("/#/checkin")
    note = open_sleep_section(page).locator(".imported-note")
    note.filter(has_text="Apple Health recorded 6 h 30 min asleep, woke 1 time that night.").wait_for()
    assert "It counts unless you type your own." in note.inner_text()
    assert [m for m in page.evaluate(CONTRAST, [".imported-note"]) if m["ratio"] < 4.5] == []
    shot(page, "check-in-shows-the-source")

    page.goto("/#/import")
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Undo this import").click()
    page.locator(".import-list li[data-state=undone]").wait_for()
    page.goto("/#/checkin")
    open_sleep_section(page)
    wait_until(page, "document.querySelector('details[data-section=\"sleep\"] .imported-note').hidden")
    shot(page, "undone")


def test_a_bad_file_says_why_and_saves_nothing(page, app, tmp_path, shot):
    app.config["IMPORT_WAIT_SECONDS"] = 30
    cut = tmp_path / "export.xml"
    cut.write_text(export_ending_this_morning()[:3000])
    sign_up(page)
    page.goto("/#/import")
    page.set_input_files("#import-file", str(cut))
    page.get_by_role("button", name="Import", exact=True).click()
    alert = page.get_by_role("alert")
    alert.filter(has_text="ends too early").wait_for()
    assert page.get_by_text("Nothing from this file was saved.").is_visible()
    page.locator(".import-list li[data-state=failed]").wait_for()
    shot(page, "bad-file")


def test_an_upload_cut_off_by_closing_the_page_carries_on_with_the_same_file(page, app, small_chunks, tmp_path, shot):
    app.config["IMPORT_WAIT_SECONDS"] = 30
    export = tmp_path / "export.xml"
    export.write_text(export_ending_this_morning(padding=600))
    sign_up(page)
    page.goto("/#/import")
    sent = []

    def offline_after_three(route):
        sent.append(route.request.url)
        return route.abort("internetdisconnected") if len(sent) > 3 else route.continue_()

    page.route("**/api/imports/*/content*", offline_after_three)
    page.set_input_files("#import-file", str(export))
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text("The connection dropped").wait_for()
    page.unroute("**/api/imports/*/content*")

    page.reload()  # the person gave up and came back later
    resume = page.get_by_text("Choose the same file to carry on from there.")
    resume.wait_for()
    assert "stopped at" in resume.inner_text() and "24 KB of" in resume.inner_text()
    shot(page, "resume-offered")
    offsets = []
    page.on("request", lambda r: offsets.append(r.url) if "/content?offset=" in r.url else None)
    page.set_input_files("#import-file", str(export))
    page.get_by_role("button", name="Import", exact=True).click()
    page.locator(".import-status", has_text="Done.").wait_for(timeout=20_000)
    assert offsets and offsets[0].endswith(f"offset={3 * 8 * 1024}")  # not from the start again
    assert "2 days from Apple Health" in page.locator(".import-result").inner_text()
    assert len(page.locator(".import-list li").all()) == 1
