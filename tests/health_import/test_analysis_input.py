"""Imported days as analysis input: typed values win, the load uses imported sleep, and
imported factors enter the pattern search like typed ones."""
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from server.analysis import analyse
from server.analysis.daily import daily_rows
from server.analysis.load import load_scores

ZONE = "Europe/London"
START = date(2026, 1, 1)


def checkin(day: date, **fields) -> dict:
    return {"at": datetime.combine(day, time(20), ZoneInfo(ZONE)), **fields}


def test_a_typed_value_wins_over_the_imported_one_for_the_same_day():
    d0, d1 = START, START + timedelta(days=1)
    rows = daily_rows([checkin(d0, pain=4, sleep_hours=5, activity_minutes=20), checkin(d1, pain=3)], ZONE, d1,
                      imported=[{"date": d0, "sleep_hours": 7.5, "activity_minutes": 60, "steps": 9000},
                                {"date": d1, "sleep_hours": 6.0, "steps": 4000}])
    assert list(rows.column("sleep_hours")) == [5, 6.0]
    assert list(rows.column("activity_minutes"))[0] == 20
    assert list(rows.column("steps")) == [9000, 4000]


def test_imported_days_widen_the_rows_but_are_not_check_ins():
    first_checkin = START + timedelta(days=10)
    imported = [{"date": START + timedelta(days=i), "sleep_hours": 7.0} for i in range(12)]
    rows = daily_rows([checkin(first_checkin, pain=5)], ZONE, first_checkin + timedelta(days=1), imported=imported)
    assert rows.dates[0] == START and len(rows) == 12
    assert rows.observed.sum() == 1
    assert np.isnan(rows.column("flare")[:10]).all()  # an imported night says nothing of flares
    assert np.isfinite(rows.column("sleep_hours")[:12]).all()


def test_imported_days_after_today_are_ignored():
    rows = daily_rows([checkin(START, pain=2)], ZONE, START, imported=[{"date": START + timedelta(days=1), "steps": 5}])
    assert len(rows) == 1 and np.isnan(rows.column("steps")).all()


def _sleep_load(typed_on_short_night: float | None) -> float:
    days = [START + timedelta(days=i) for i in range(40)]
    short = days[-1]
    checkins = [checkin(d, pain=3, **({"sleep_hours": typed_on_short_night}
                                       if d == short and typed_on_short_night else {})) for d in days]
    imported = [{"date": d, "sleep_hours": 3.5 if d == short else 7.5} for d in days]
    load = load_scores(daily_rows(checkins, ZONE, short, imported=imported))
    return float(load.contributors["sleep"][-1])


def test_the_load_uses_imported_sleep_when_nothing_was_typed():
    assert _sleep_load(None) > 5  # a 3.5-hour night against a 7.5-hour baseline counts
    assert _sleep_load(8.0) == 0  # the person typed 8 hours for that night: theirs is used


def _person(seed: int, steps_effect: float, days: int = 240):
    """Pain that follows the previous day's imported steps by ``steps_effect`` points per
    1,000 steps above the person's usual, on top of AR(1) noise; check-ins hold pain only."""
    rng = np.random.default_rng(seed)
    steps = np.clip(rng.normal(7000, 2500, days), 500, None).round()
    latent = np.zeros(days)
    for i in range(1, days):
        latent[i] = 0.5 * latent[i - 1] + rng.normal(0, 0.9)
    pain = 4 + latent
    pain[1:] += steps_effect * (steps[:-1] - 7000) / 1000
    dates = [START + timedelta(days=i) for i in range(days)]
    checkins = [checkin(d, pain=int(np.clip(round(p), 0, 10))) for d, p in zip(dates, pain)
                if rng.random() > 0.1]
    imported = [{"date": d, "steps": float(s), "resting_heart_rate": float(rng.normal(60, 3))}
                for d, s in zip(dates, steps)]
    return checkins, imported, dates[-1]


@pytest.mark.parametrize("seed", [3, 11])
def test_an_imported_factor_that_drives_pain_is_found(seed):
    checkins, imported, today = _person(seed, steps_effect=0.6)
    result = analyse(checkins, ZONE, today, imported=imported)
    found = [p for p in result.patterns if p.factors == ["steps"]]
    assert found and found[0].lag_days == 1 and found[0].direction == "worse"
    assert "steps" in found[0].summary
    without = analyse(checkins, ZONE, today)
    assert result.tested > without.tested  # steps and heart rate joined the correction


@pytest.mark.parametrize("seed", [5, 8, 13])
def test_imported_factors_with_no_effect_are_not_reported(seed):
    checkins, imported, today = _person(seed, steps_effect=0.0)
    result = analyse(checkins, ZONE, today, imported=imported)
    assert not [p for p in result.patterns if set(p.factors) & {"steps", "resting_heart_rate"}]


@pytest.mark.parametrize("seed", [2, 7])
def test_imported_sleep_reveals_a_pattern_typed_check_ins_alone_could_not(seed):
    """Pain the day after a short night, where the person only ever typed their pain:
    with a year of the watch's nights imported, the sleep pattern is found."""
    rng = np.random.default_rng(seed)
    days = 300
    sleep = np.clip(rng.normal(7.0, 1.0, days), 3.5, 10).round(2)
    latent = np.zeros(days)
    for i in range(1, days):
        latent[i] = 0.5 * latent[i - 1] + rng.normal(0, 0.8)
    pain = 4 + latent
    pain[1:] += 0.7 * (7.0 - sleep[:-1]).clip(0)  # each hour short of 7 adds 0.7 points
    dates = [START + timedelta(days=i) for i in range(days)]
    checkins = [checkin(d, pain=int(np.clip(round(p), 0, 10))) for d, p in zip(dates, pain) if rng.random() > 0.15]
    imported = [{"date": d, "sleep_hours": float(h)} for d, h in zip(dates, sleep)]
    alone = analyse(checkins, ZONE, dates[-1])
    assert not [p for p in alone.patterns if "sleep_hours" in p.factors]
    found = [p for p in analyse(checkins, ZONE, dates[-1], imported=imported).patterns
             if p.factors == ["sleep_hours"] and p.outcome == "pain"]
    assert found and all(p.lag_days == 1 and "sleep" in p.summary for p in found)
