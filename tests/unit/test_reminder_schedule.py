"""Time-travel tests for reminder due times: ordinary days, weekdays, DST nights, quiet hours."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from server.reminders.schedule import QuietHours, ReminderRule, occurrences, resolve_local, snoozed


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def rule(kind="breathing", times=("08:00",), **kw):
    return ReminderRule(id="r1", kind=kind, times=tuple(times), **kw)


def night(rule_, zone, day, quiet=None):
    """All occurrences in the local day ``day`` (+/- 1 day of margin) in UTC."""
    start = datetime.combine(day - timedelta(days=1), time(), UTC)
    return occurrences(rule_, start, start + timedelta(days=3), zone, quiet)


def on(occs, day):
    return [o for o in occs if o.local_date == day]


def test_ordinary_day_in_new_york():
    occs = occurrences(rule(times=("08:00", "20:30")), utc(2026, 6, 1), utc(2026, 6, 2), "America/New_York")
    assert [(o.occurrence_key, o.due_utc) for o in occs] == [
        ("2026-05-31T20:30", utc(2026, 6, 1, 0, 30)),
        ("2026-06-01T08:00", utc(2026, 6, 1, 12, 0)),
    ]


def test_window_is_half_open():
    r = rule(times=("08:00",))
    assert occurrences(r, utc(2026, 6, 1, 8), utc(2026, 6, 1, 8, 1), "UTC")
    assert not occurrences(r, utc(2026, 6, 1, 7), utc(2026, 6, 1, 8), "UTC")


def test_weekday_filter_uses_local_date():
    # Monday 2026-06-01; 23:30 in Sydney on Monday is Monday 13:30 UTC.
    r = rule(times=("23:30",), weekdays=(1,))
    occs = occurrences(r, utc(2026, 5, 25), utc(2026, 6, 8), "Australia/Sydney")
    assert [o.local_date for o in occs] == [date(2026, 5, 25), date(2026, 6, 1)]
    assert all(o.local_date.isoweekday() == 1 for o in occs)


def test_disabled_rule_has_no_occurrences():
    assert occurrences(rule(enabled=False), utc(2026, 6, 1), utc(2026, 6, 3), "UTC") == []


def test_not_before_skips_times_already_past_when_rule_was_made():
    r = rule(times=("08:00",), not_before=utc(2026, 6, 1, 9))
    occs = occurrences(r, utc(2026, 6, 1), utc(2026, 6, 3), "UTC")
    assert [o.local_date for o in occs] == [date(2026, 6, 2)]


@pytest.mark.parametrize(
    "zone, day, at, expected_utc, label",
    [
        # New York springs forward 02:00 -> 03:00: 02:30 does not exist, fires at 03:00 EDT.
        ("America/New_York", date(2026, 3, 8), "02:30", utc(2026, 3, 8, 7, 0), "gap"),
        # London springs forward 01:00 -> 02:00: 01:30 does not exist, fires at 02:00 BST.
        ("Europe/London", date(2026, 3, 29), "01:30", utc(2026, 3, 29, 1, 0), "gap"),
        # London's 02:30 exists that night (BST): 01:30 UTC.
        ("Europe/London", date(2026, 3, 29), "02:30", utc(2026, 3, 29, 1, 30), "after gap"),
        # Lord Howe springs forward 30 minutes, 02:00 -> 02:30: 02:15 fires at 02:30 (+11).
        ("Australia/Lord_Howe", date(2026, 10, 4), "02:15", utc(2026, 10, 3, 15, 30), "half-hour gap"),
        ("Australia/Lord_Howe", date(2026, 10, 4), "02:30", utc(2026, 10, 3, 15, 30), "gap end"),
    ],
)
def test_spring_forward_fires_once_at_first_valid_instant(zone, day, at, expected_utc, label):
    occs = on(night(rule(times=(at,)), zone, day), day)
    assert [o.due_utc for o in occs] == [expected_utc], label
    assert occs[0].occurrence_key == f"{day.isoformat()}T{at}"


@pytest.mark.parametrize(
    "zone, day, at, expected_utc",
    [
        # New York falls back 02:00 EDT -> 01:00 EST: 01:30 happens twice; first is EDT.
        ("America/New_York", date(2026, 11, 1), "01:30", utc(2026, 11, 1, 5, 30)),
        # London falls back 02:00 BST -> 01:00 GMT: 01:30 BST first.
        ("Europe/London", date(2026, 10, 25), "01:30", utc(2026, 10, 25, 0, 30)),
        # Lord Howe falls back 02:00 (+11) -> 01:30 (+10:30): 01:45 first at +11.
        ("Australia/Lord_Howe", date(2026, 4, 5), "01:45", utc(2026, 4, 4, 14, 45)),
    ],
)
def test_fall_back_fires_once_at_first_occurrence(zone, day, at, expected_utc):
    occs = on(night(rule(times=(at,)), zone, day), day)
    assert [o.due_utc for o in occs] == [expected_utc]


@pytest.mark.parametrize(
    "zone, day",
    [
        ("America/New_York", date(2026, 3, 8)),
        ("America/New_York", date(2026, 11, 1)),
        ("Europe/London", date(2026, 3, 29)),
        ("Europe/London", date(2026, 10, 25)),
        ("Australia/Lord_Howe", date(2026, 4, 5)),
        ("Australia/Lord_Howe", date(2026, 10, 4)),
    ],
)
def test_every_half_hour_slot_fires_exactly_once_on_dst_nights(zone, day):
    times = tuple(f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 15, 30, 45))
    occs = on(night(rule(times=times), zone, day), day)
    keys = [o.occurrence_key for o in occs]
    dues = [o.due_utc for o in occs]
    assert len(keys) == len(set(keys)) and len(dues) == len(set(dues))
    assert dues == sorted(dues)
    # Slots that collapse into the gap's end collapse into one instant, nothing else is lost.
    gap_slots = 96 - len(occs)
    assert gap_slots in (0, 2, 4)


def test_ordinary_local_time_follows_the_clock_across_dst():
    r = rule(times=("08:00",))
    occs = occurrences(r, utc(2026, 3, 27), utc(2026, 3, 31), "Europe/London")
    assert [o.due_utc.hour for o in occs] == [8, 8, 7, 7]


def test_resolve_local_new_york_gap_and_fold():
    from zoneinfo import ZoneInfo

    ny = ZoneInfo("America/New_York")
    assert resolve_local(date(2026, 3, 8), time(2, 59), ny) == utc(2026, 3, 8, 7)
    assert resolve_local(date(2026, 3, 8), time(3, 0), ny) == utc(2026, 3, 8, 7)
    assert resolve_local(date(2026, 11, 1), time(1, 0), ny) == utc(2026, 11, 1, 5)


def test_bedtime_reminder_before_midnight_bedtime_belongs_to_previous_day():
    r = ReminderRule(id="b", kind="bedtime", bedtime="00:10", minutes_before=30, weekdays=(5,))
    occs = occurrences(r, utc(2026, 6, 1), utc(2026, 6, 8), "UTC")
    assert [(o.occurrence_key, o.due_utc) for o in occs] == [("2026-06-05T23:40", utc(2026, 6, 5, 23, 40))]
    # useless once bedtime has come
    assert occs[0].expires_utc == utc(2026, 6, 6, 0, 10)


QUIET = QuietHours("22:00", "07:00")


def test_quiet_hours_suppress_breathing():
    occs = occurrences(rule(times=("06:30", "07:00", "21:59")), utc(2026, 6, 1), utc(2026, 6, 2), "UTC", QUIET)
    assert [o.occurrence_key for o in occs] == ["2026-06-01T07:00", "2026-06-01T21:59"]


def test_quiet_hours_defer_checkin_to_quiet_end_keeping_its_key():
    occs = occurrences(rule("checkin", ("23:15",)), utc(2026, 6, 1), utc(2026, 6, 3), "Europe/London", QUIET)
    first = next(o for o in occs if o.local_date == date(2026, 6, 1))
    assert first.occurrence_key == "2026-06-01T23:15"
    assert first.due_utc == utc(2026, 6, 2, 6, 0)  # 07:00 BST


def test_quiet_hours_rule_override():
    occs = occurrences(rule("breathing", ("23:00",), quiet="defer"), utc(2026, 6, 1, 12), utc(2026, 6, 2, 12), "UTC", QUIET)
    assert [(o.occurrence_key, o.due_utc) for o in occs] == [("2026-06-01T23:00", utc(2026, 6, 2, 7))]


def test_quiet_hours_within_a_day_and_none():
    day = QuietHours("13:00", "15:00")
    assert day.contains(time(14)) and not day.contains(time(15)) and not day.contains(time(12))
    assert not QuietHours("00:00", "00:00").contains(time(3))


def test_snooze_is_fifteen_minutes_and_respects_quiet_hours():
    occ = snoozed(rule("checkin"), utc(2026, 6, 1, 12), "UTC", QUIET, "a1")
    assert occ.due_utc == utc(2026, 6, 1, 12, 15) and occ.occurrence_key == "snooze:a1"
    assert snoozed(rule("breathing"), utc(2026, 6, 1, 21, 50), "UTC", QUIET, "a2") is None
    late = snoozed(rule("checkin"), utc(2026, 6, 1, 21, 50), "UTC", QUIET, "a3")
    assert late.due_utc == utc(2026, 6, 2, 7)


def test_bedtime_reminder_ignores_quiet_hours():
    r = ReminderRule(id="b", kind="bedtime", bedtime="23:00", minutes_before=30)
    occs = occurrences(r, utc(2026, 6, 1), utc(2026, 6, 2), "UTC", QUIET)
    assert [o.due_utc for o in occs] == [utc(2026, 6, 1, 22, 30)]
