"""The night rules every format shares: sessions, wakings, naps, and which morning a night belongs to."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

from server.health_import.formats.common import DayTable, LocalDays, Night, clean_value, prefer_staged, put_nights, sessions

LONDON = LocalDays("Europe/London")


def at(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo("Europe/London")).timestamp()


def span(a: str, b: str) -> tuple[float, float]:
    return at(a), at(b)


def nights(*spans) -> dict:
    table = DayTable()
    put_nights(table, [Night(asleep=s) for s in sessions(spans)], LONDON)
    return {d.isoformat(): v for d, v in table.finish().items()}


def test_a_night_belongs_to_the_morning_it_ends():
    got = nights(span("2026-02-01T23:30", "2026-02-02T03:00"), span("2026-02-02T03:04", "2026-02-02T07:00"))
    assert got == {"2026-02-02": {"sleep_hours": 7.43, "night_wakings": 0}}  # 4 minutes awake: no waking


def test_awake_five_minutes_or_more_is_a_waking_and_two_hours_more_ends_the_night():
    got = nights(span("2026-02-01T23:00", "2026-02-02T01:00"), span("2026-02-02T01:05", "2026-02-02T03:00"),
                 span("2026-02-02T04:59", "2026-02-02T07:00"))
    assert got["2026-02-02"]["night_wakings"] == 2 and got["2026-02-02"]["sleep_hours"] == 5.93
    split = nights(span("2026-02-01T23:00", "2026-02-02T01:00"), span("2026-02-02T03:01", "2026-02-02T08:01"))
    assert split["2026-02-02"] == {"sleep_hours": 5.0, "night_wakings": 0}  # the longer part is the night
    # exactly two hours awake does not end the night yet: "more than" two hours does
    whole = nights(span("2026-02-01T23:00", "2026-02-02T01:00"), span("2026-02-02T03:00", "2026-02-02T07:00"))
    assert whole["2026-02-02"] == {"sleep_hours": 6.0, "night_wakings": 1}


def test_overlapping_records_of_one_source_are_not_counted_twice():
    assert nights(span("2026-02-01T23:00", "2026-02-02T05:00"), span("2026-02-02T04:00", "2026-02-02T07:00"))[
        "2026-02-02"]["sleep_hours"] == 8.0


def test_an_afternoon_nap_is_not_a_night_but_a_day_sleepers_main_sleep_is():
    assert nights(span("2026-02-02T14:00", "2026-02-02T15:30")) == {}
    assert nights(span("2026-02-02T09:00", "2026-02-02T15:30")) == {"2026-02-02": {"sleep_hours": 6.5, "night_wakings": 0}}


def test_the_devices_own_main_sleep_flag_decides_what_is_a_night():
    """Fitbit and Oura say which sleep was the main one. A long afternoon nap the watch calls
    a nap is not the night's sleep, and a night-shift worker's main sleep counts though it is
    short and after 07:00 (our own length and clock rules are only for devices that say nothing)."""
    def night_of(main, a, b):
        table = DayTable()
        put_nights(table, [Night(asleep=[span(a, b)], main=main)], LONDON)
        return {d.isoformat(): v["sleep_hours"] for d, v in table.finish().items()}

    assert night_of(False, "2026-02-02T12:30", "2026-02-02T17:30") == {}
    assert night_of(True, "2026-02-02T09:00", "2026-02-02T12:00") == {"2026-02-02": 3.0}


def test_a_watch_that_saw_stages_wins_over_an_apps_longer_guess():
    watch = Night(asleep=[span("2026-02-01T23:30", "2026-02-02T06:30")], staged=True)
    app_guess = Night(asleep=[span("2026-02-01T23:00", "2026-02-02T07:30")])
    table = DayTable()
    put_nights(table, prefer_staged({"watch": [watch], "app": [app_guess]}, LONDON), LONDON)
    assert table.finish()[date(2026, 2, 2)]["sleep_hours"] == 7.0


def test_values_outside_what_a_body_does_are_left_out():
    assert clean_value("sleep_hours", 30) is None and clean_value("resting_heart_rate", 0) is None
    assert clean_value("steps", 1234.6) == 1235 and clean_value("sleep_quality", 8.5) == 9
    assert clean_value("hrv_sdnn", "n/a") is None and clean_value("steps", True) is None
