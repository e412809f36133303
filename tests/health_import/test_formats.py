"""Each export format, read from a small hand-made but realistic export (tests/fixtures)."""
import io
import json
import zipfile
from datetime import date

import pytest

from server.health_import.formats import FORMATS, NAMES, SOURCES_FILE, ImportFormatError, read_export
from server.health_import.formats import archive
from server.health_import.formats.common import LIMITS
from tests.health_import.exports import apple_xml, health_connect_db, health_connect_zip, zipped

LONDON = "Europe/London"
D = date.fromisoformat


def days(data: bytes, name: str = "export.zip", zone: str = LONDON) -> dict:
    return {d.isoformat(): v for d, v in read_export(io.BytesIO(data), name, zone).days.items()}


def test_apple_health_export_zip():
    got = days(zipped("apple_health"))
    # Watch nights win over an app's unstaged guess; 12 min awake is a waking, 3 min is not.
    assert got["2026-03-27"] == {"sleep_hours": 7.25, "night_wakings": 1, "steps": 2900,
                                 "activity_minutes": 24, "resting_heart_rate": 58, "hrv_sdnn": 45}
    # Steps nested in a blood-pressure Correlation and a record with a broken date are ignored.
    assert got["2026-03-28"] == {"steps": 50, "activity_minutes": 5, "resting_heart_rate": 62}
    # The night the clocks went forward: 6.5 h asleep, the afternoon nap not added to it.
    assert got["2026-03-29"] == {"sleep_hours": 6.5, "night_wakings": 1}
    assert "2026-03-30" not in got  # time in bed alone is not sleep
    assert "2026-03-20" not in got  # an Activity summary from before the watch says 0, not "idle"


def test_apple_export_xml_alone_reads_like_the_zip():
    assert days(apple_xml(), "export.xml") == days(zipped("apple_health"))


def test_apple_days_follow_the_persons_time_zone():
    got = days(zipped("apple_health"), zone="America/New_York")
    assert got["2026-03-27"]["steps"] == 2950  # 00:10 UTC on the 28th is the 27th in New York
    assert "steps" not in got.get("2026-03-28", {})


def test_apple_export_with_a_translated_name_and_clinical_documents():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive_file:
        archive_file.writestr("apple_health_export/export_cda.xml", "<?xml version='1.0'?><ClinicalDocument/>")
        archive_file.writestr("apple_health_export/导出.xml", apple_xml())
        archive_file.writestr("__MACOSX/apple_health_export/._导出.xml", b"\x00\x05\x16\x07")
    assert days(buffer.getvalue()) == days(zipped("apple_health"))


def test_apple_export_with_the_ios16_broken_doctype_and_control_characters():
    broken = apple_xml().replace(
        b"<!ELEMENT MetadataEntry EMPTY>",
        b"<!ATTLIST VisionPrescription\n  type CDATA #REQUIRED\n<!ELEMENT RightEye EMPTY>\n>\n"
        b"<!ELEMENT MetadataEntry EMPTY>", 1,
    ).replace("Ada’s iPhone".encode(), "Ada’s\x0b iPhone".encode())
    assert days(broken, "export.xml") == days(apple_xml(), "export.xml")


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.97])
def test_a_cut_off_export_xml_is_refused(cut):
    data = apple_xml()
    with pytest.raises(ImportFormatError, match="cut off"):
        read_export(io.BytesIO(data[: int(len(data) * cut)]), "export.xml", LONDON)


def test_a_cut_off_zip_is_refused():
    data = zipped("apple_health")
    with pytest.raises(ImportFormatError, match="damaged or incomplete"):
        read_export(io.BytesIO(data[: len(data) // 2]), "export.zip", LONDON)


def test_a_zip_with_corrupted_contents_is_refused():
    data = bytearray(zipped("apple_health"))
    middle = len(data) // 3
    data[middle:middle + 64] = bytes(64)
    with pytest.raises(ImportFormatError):
        read_export(io.BytesIO(bytes(data)), "export.zip", LONDON)


def test_google_fit_takeout():
    got = days(zipped("google_fit"))
    assert got["2026-03-26"] == {"activity_minutes": 41, "steps": 4821}
    # Sleep is the sum of its asleep segments (7 h 20 min), not the session's span.
    assert got["2026-03-27"] == {"activity_minutes": 67, "steps": 7903, "sleep_hours": 7.33,
                                 "night_wakings": 1}
    assert "2026-03-28" not in got  # a row with empty cells says nothing
    # A session without segments says how long, not when the person woke; the nap is ignored.
    assert got["2026-03-29"] == {"activity_minutes": 12, "steps": 2107, "sleep_hours": 6.5}


def test_health_connect_export(tmp_path):
    got = days(health_connect_zip(tmp_path), "Health Connect.zip")
    # The watch app's staged night wins over the phone's unstaged one; steps are not added
    # across apps; exercise sessions give the active minutes.
    assert got["2026-03-27"] == {"sleep_hours": 7.45, "night_wakings": 1, "steps": 5500,
                                 "activity_minutes": 55, "resting_heart_rate": 57, "hrv_rmssd": 40}
    assert got["2026-03-28"] == {"steps": 800}
    assert got["2026-03-29"] == {"sleep_hours": 6.0, "night_wakings": 1}  # awake in bed 30 min
    assert got["2026-03-30"] == {"steps": 120}  # 23:30 UTC is 00:30 the next day in summer time


def test_health_connect_database_uploaded_on_its_own(tmp_path):
    assert days(health_connect_db(tmp_path), "health_connect_export.db") == \
        days(health_connect_zip(tmp_path), "Health Connect.zip")


def test_fitbit_takeout():
    got = days(zipped("fitbit"))
    assert got["2026-03-27"] == {"sleep_hours": 7.02, "night_wakings": 1, "sleep_quality": 8,
                                 "resting_heart_rate": 61.32, "hrv_rmssd": 34.51, "steps": 4140,
                                 "activity_minutes": 30}
    assert got["2026-03-28"] == {"resting_heart_rate": 60.8, "steps": 900, "activity_minutes": 7}
    # Across the clock change the levels are counted on, not read off the local stamps: one
    # waking, not a phantom hour awake.
    assert got["2026-03-29"] == {"sleep_hours": 6.33, "night_wakings": 1, "sleep_quality": 7}
    assert got["2026-03-30"] == {"steps": 300, "activity_minutes": 0}
    assert "2026-03-31" not in got  # padding past the export date, no steps: not an idle day
    assert "2026-03-26" not in got  # resting heart rate 0 is "not worn"


def test_fitbit_account_archive_layout_reads_the_same():
    def legacy(path):
        base = path.rsplit("/", 1)[-1]
        folder = "Sleep" if base.startswith(("sleep", "Daily Heart")) else "Physical Activity"
        return f"MyFitbitData/Ada/{folder}/{base}"

    assert days(zipped("fitbit", rename=legacy)) == days(zipped("fitbit"))


def test_oura_app_data_export():
    got = days(zipped("oura"))
    assert got["2026-03-27"] == {"sleep_hours": 6.93, "night_wakings": 2, "sleep_quality": 7,
                                 "resting_heart_rate": 52, "hrv_rmssd": 41, "steps": 6412,
                                 "activity_minutes": 34}
    assert got["2026-03-28"] == {"steps": 3120, "activity_minutes": 10}
    assert got["2026-03-29"] == {"sleep_hours": 6.25, "night_wakings": 0, "sleep_quality": 7,
                                 "resting_heart_rate": 54, "hrv_rmssd": 38}


def test_oura_older_json_export():
    got = days(zipped("oura_json"), zone="Europe/Helsinki")
    assert got == {"2019-01-10": {"sleep_hours": 6.85, "night_wakings": 1, "sleep_quality": 7,
                                  "resting_heart_rate": 51, "hrv_rmssd": 44, "steps": 8012,
                                  "activity_minutes": 44}}


def test_garmin_export():
    got = days(zipped("garmin"))
    assert got["2026-03-27"] == {"sleep_hours": 7.02, "night_wakings": 2, "sleep_quality": 8,
                                 "steps": 9342, "activity_minutes": 34, "resting_heart_rate": 53}
    assert got["2026-03-28"] == {"steps": 4120, "activity_minutes": 0}
    assert got["2026-03-29"] == {"sleep_hours": 5.83, "night_wakings": 1, "sleep_quality": 7}


def test_a_takeout_with_fit_and_fitbit_prefers_the_trackers_own_records():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as both:
        for folder in ("google_fit", "fitbit"):
            with zipfile.ZipFile(io.BytesIO(zipped(folder))) as part:
                for info in part.infolist():
                    both.writestr(info.filename, part.read(info))
    extract = read_export(io.BytesIO(buffer.getvalue()), "takeout.zip", LONDON)
    assert extract.sources == ["fitbit", "google_fit"]
    day = extract.days[D("2026-03-27")]
    assert day["steps"] == 4140 and extract.origins[D("2026-03-27")]["steps"] == "fitbit"
    assert extract.days[D("2026-03-26")] == {"activity_minutes": 41, "steps": 4821}
    assert extract.origins[D("2026-03-26")]["steps"] == "google_fit"


@pytest.mark.parametrize("data,name", [
    (b"", "empty.zip"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "photo.png"),
    (b"date,pain\n2026-01-01,4\n", "diary.csv"),
    (b'{"hello": "world"}', "notes.json"),
])
def test_files_that_are_not_exports_are_refused_with_a_pointer(data, name):
    with pytest.raises(ImportFormatError, match="How to export"):
        read_export(io.BytesIO(data), name, LONDON)


def test_a_zip_of_unrelated_files_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as other:
        other.writestr("holiday/notes.txt", "nothing to see")
    with pytest.raises(ImportFormatError, match="not a health export"):
        read_export(io.BytesIO(buffer.getvalue()), "photos.zip", LONDON)


def test_a_damaged_json_file_inside_an_export_is_named():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as broken:
        broken.writestr("DI_CONNECT/DI-Connect-Wellness/2026_1_sleepData.json", '[{"calendarDate": "2026-03-27", ')
    with pytest.raises(ImportFormatError, match="2026_1_sleepData.json is damaged"):
        read_export(io.BytesIO(buffer.getvalue()), "garmin.zip", LONDON)


def test_an_export_with_nothing_usable_says_so():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as empty:
        empty.writestr("DI_CONNECT/DI-Connect-Wellness/2026_1_sleepData.json", '[{"retro": false}]')
    with pytest.raises(ImportFormatError, match="holds no sleep"):
        read_export(io.BytesIO(buffer.getvalue()), "garmin.zip", LONDON)


def test_an_archive_that_unpacks_to_too_much_is_refused_before_reading(monkeypatch):
    monkeypatch.setattr(archive, "MAX_UNPACKED", 1000)
    with pytest.raises(ImportFormatError, match="larger than 8 GB"):
        read_export(io.BytesIO(zipped("apple_health")), "export.zip", LONDON)


def test_progress_is_reported_up_to_the_whole_file():
    seen = []
    read_export(io.BytesIO(zipped("apple_health")), "export.zip", LONDON, seen.append)
    assert seen and seen == sorted(seen) and seen[-1] == pytest.approx(1.0)


def test_every_format_and_field_has_the_words_the_pwa_shows():
    shared = json.loads(SOURCES_FILE.read_text())
    assert sorted(NAMES) == sorted(f.KEY for f in FORMATS)
    assert sorted(f["key"] for f in shared["fields"]) == sorted(LIMITS)
