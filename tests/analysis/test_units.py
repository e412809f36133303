"""Unit tests of the analysis engine's parts: folding, load, shifts, FDR, shapes, purity."""
import ast
import json
import math
import pathlib
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from server.analysis import analyse, daily_rows, fdr_adjust, load_scores
from server.analysis import shifts
from server.analysis.patterns import MIN_PATTERN_DAYS

NY = ZoneInfo("America/New_York")
ROOT = pathlib.Path(__file__).resolve().parents[2]


def at(day: date, hour: int, zone=NY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=zone)


def checkin(day: date, hour: int = 20, **fields) -> dict:
    return {"id": f"{day}-{hour}", "at": at(day, hour), **fields}


D0 = date(2026, 3, 1)


# --- daily rows ---------------------------------------------------------------------------

def test_several_checkins_fold_into_mean_max_sums_and_last_sleep():
    rows = daily_rows([
        checkin(D0, 8, pain=2, sleep_hours=6.0, nsaid_doses=1, activity_minutes=20, stress=2),
        checkin(D0, 13, pain=6, sleep_hours=7.5, nsaid_doses=2, stress=4),
        checkin(D0, 21, pain=7, activity_minutes=40, flare=True),
    ], "America/New_York")
    assert rows.dates == [D0]
    assert rows.column("pain_mean")[0] == pytest.approx(5.0)
    assert rows.column("pain_max")[0] == 7
    assert rows.column("nsaid_doses")[0] == 3
    assert rows.column("activity_minutes")[0] == 60
    assert rows.column("sleep_hours")[0] == 7.5      # the last value reported that day
    assert rows.column("stress")[0] == pytest.approx(3.0)
    assert rows.column("flare")[0] == 1


def test_missing_days_and_unfilled_fields_stay_missing_not_zero():
    rows = daily_rows([
        checkin(D0, pain=3, nsaid_doses=0),
        checkin(D0 + timedelta(days=3), pain=5),
    ], "America/New_York", today=D0 + timedelta(days=4))
    assert len(rows) == 5
    pain = rows.column("pain_mean")
    assert np.isnan(pain[[1, 2, 4]]).all()
    assert rows.column("nsaid_doses")[0] == 0
    assert np.isnan(rows.column("nsaid_doses")[3])   # recorded day, field left empty
    assert np.isnan(rows.column("late_meal")).all()  # nobody said either way
    assert list(rows.observed) == [True, False, False, True, False]


def test_local_day_comes_from_the_zone_and_later_checkins_are_ignored():
    late_evening_utc = datetime(2026, 3, 2, 2, 30, tzinfo=timezone.utc)  # 21:30 on 1 March in NY
    rows = daily_rows([
        {"id": "a", "at": late_evening_utc, "pain": 4},
        checkin(D0 + timedelta(days=5), pain=9),
    ], "America/New_York", today=D0)
    assert rows.dates == [D0]
    assert rows.column("pain_mean")[0] == 4


def test_deleted_records_and_custom_trackers():
    rows = daily_rows([
        checkin(D0, 8, pain=2, custom={"stiffness": 4}),
        checkin(D0, 9, pain=9, custom={"stiffness": 6}, deleted=True),
        checkin(D0, 20, custom={"stiffness": 8}),
    ], "America/New_York")
    assert rows.column("pain_mean")[0] == 2
    assert rows.column("custom.stiffness")[0] == 6


def test_naive_time_is_refused():
    with pytest.raises(ValueError):
        daily_rows([{"id": "x", "at": datetime(2026, 3, 1, 8), "pain": 2}], "UTC")


# --- load ---------------------------------------------------------------------------------

def _steady(days: int, **fields) -> list[dict]:
    return [checkin(D0 + timedelta(days=i), pain=3, **fields) for i in range(days)]


def _last_points(records):
    load = load_scores(daily_rows(records, "America/New_York"))
    return load, load.days()[-1]


def test_short_night_counts_against_the_persons_own_baseline():
    records = _steady(28, sleep_hours=8.0, stress=3)
    records.append(checkin(D0 + timedelta(days=28), pain=3, sleep_hours=5.0, stress=3))
    load, day = _last_points(records)
    assert day.contributors == {"sleep": 18.0}     # 3 h short × 6 points
    assert load.short_night[-1] == 1
    # 6.5 h is nothing special for someone who always sleeps 6.5 h ...
    _, usual = _last_points(_steady(29, sleep_hours=6.5))
    assert usual.contributors == {}


def test_disrupted_nights_in_a_row_count_more_each_night_up_to_half_again():
    """docs/analysis.md: ×1.25 on the 2nd and ×1.5 on the 3rd and later disrupted night in a
    row — a run of short nights weighs more than the same nights spread out."""
    records = _steady(28, sleep_hours=8.0)
    records += [checkin(D0 + timedelta(days=28 + i), pain=3, sleep_hours=6.5) for i in range(4)]
    load = load_scores(daily_rows(records, "America/New_York"))
    run = [d.contributors["sleep"] for d in load.days()[-4:]]
    assert run == [9.0, 11.2, 13.5, 13.5]       # 1.5 h short × 6 points, then ×1.25 (11.25, shown to one place), ×1.5
    # A good night breaks the run: the next short night counts once again.
    records.append(checkin(D0 + timedelta(days=32), pain=3, sleep_hours=8.0))
    records.append(checkin(D0 + timedelta(days=33), pain=3, sleep_hours=6.5))
    assert load_scores(daily_rows(records, "America/New_York")).days()[-1].contributors["sleep"] == 9.0


def test_short_sleep_counts_whatever_the_persons_habit():
    """Under 6 hours counts even for someone who always sleeps that little (docs/analysis.md)."""
    load, day = _last_points(_steady(29, sleep_hours=4.0))
    assert day.contributors["sleep"] >= 12.0       # 2 h under 6 × 6 points, every night
    assert load.short_night[-1] == 1
    _, shorter = _last_points(_steady(29, sleep_hours=5.0))
    assert 0 < shorter.contributors["sleep"] < day.contributors["sleep"]


def test_no_score_until_the_baseline_exists():
    """The first week reads "no score yet (N more days)", never "0 of 100"."""
    load = load_scores(daily_rows(_steady(9, sleep_hours=7.0, stress=3), "America/New_York"))
    days = [d.to_dict() for d in load.days()]
    assert [d["score"] for d in days[:7]] == [None] * 7
    assert [d["days_needed"] for d in days[:7]] == [7, 6, 5, 4, 3, 2, 1]
    assert days[7]["score"] == 0.0 and days[7]["days_needed"] == 0


@pytest.mark.parametrize("minutes", [[30, 34, 40, 45, 60, 61, 80, 100, 200]])
def test_a_bigger_activity_spike_never_scores_fewer_points(minutes):
    points = []
    for m in minutes:
        records = _steady(30, activity_minutes=30)
        records.append(checkin(D0 + timedelta(days=30), pain=3, activity_minutes=m))
        points.append(_last_points(records)[1].contributors.get("activity_spike", 0.0))
    assert points == sorted(points) and points[-1] > points[0]


def test_stress_above_baseline_and_nsaid_frequency():
    records = _steady(20, stress=3, nsaid_doses=1)
    records.append(checkin(D0 + timedelta(days=20), pain=3, stress=7, nsaid_doses=1))
    load, day = _last_points(records)
    assert day.contributors["stress"] == 12.0        # 4 points above usual × 3
    assert load.nsaid_days_14[-1] == 14
    assert day.contributors["nsaid"] == 10.0         # 14 days with NSAIDs: capped


def test_activity_spike_over_the_months_longest_day_and_the_crash_window():
    records = _steady(30, activity_minutes=30)
    records.append(checkin(D0 + timedelta(days=30), pain=3, activity_minutes=70))
    records.append(checkin(D0 + timedelta(days=31), pain=3, activity_minutes=30))
    load, _ = _last_points(records)
    spike_day, after = load.days()[-2], load.days()[-1]
    assert spike_day.contributors["activity_spike"] == 10.0  # more than double: 2.3× risk
    assert after.contributors["post_exertion"] == 8.0        # 12–72 h later


def test_days_without_checkins_have_no_score_and_scores_stay_in_range():
    records = _steady(10, stress=2) + [checkin(D0 + timedelta(days=12), pain=9, stress=10,
                                               nsaid_doses=3, alcohol_units=6, late_meal=True)]
    load = load_scores(daily_rows(records, "America/New_York"))
    days = load.days()
    assert days[10].score is None and days[10].pain_mean is None
    assert all(0 <= d.score <= 100 for d in days if d.score is not None)
    assert days[12].score == pytest.approx(sum(days[12].contributors.values()), abs=0.2)


# --- statistics helpers -------------------------------------------------------------------

def test_fdr_adjust_matches_benjamini_hochberg_by_hand():
    q = fdr_adjust([0.01, 0.04, 0.03, 0.005])
    np.testing.assert_allclose(q, [0.02, 0.04, 0.04, 0.02])
    np.testing.assert_allclose(fdr_adjust([0.01, 0.02, 0.03, 0.04, 0.05]), [0.05] * 5)
    assert fdr_adjust([0.9, 0.95])[1] == pytest.approx(0.95)
    assert len(fdr_adjust([])) == 0


def test_benjamini_hochberg_steps_up_from_the_largest_p_value():
    """Seven p-values between 0.02 and 0.03: the largest passes its bar (0.03 <= 0.05), so
    BH rejects all seven; judged one by one against p*m/rank, the smallest would not
    (0.02 * 7 = 0.14). A person with these tests is told all seven patterns."""
    from server.analysis.patterns import Pattern, reported_patterns
    p = [0.02, 0.021, 0.022, 0.023, 0.024, 0.025, 0.03]
    np.testing.assert_allclose(fdr_adjust(p), [0.025 * 7 / 6] * 6 + [0.03])
    candidates = [Pattern(kind="lagged", factors=[f"f{i}"], outcome="pain", lag_days=1,
                          direction="worse", threshold=None, effect=1.0, ci_low=0.5,
                          ci_high=1.5, n=100, summary="", p_value=v, family="lagged")
                  for i, v in enumerate(p)]
    assert len(reported_patterns(candidates)) == 7


def test_a_factor_tested_many_ways_does_not_let_chance_links_through():
    """Two real behaviours, each rejected in every way it was tested (lags, outcomes, shapes,
    and for activity its derived views), and one unrelated factor with a single p of 0.02.
    A flat Benjamini–Hochberg over the 32 tests counts 14 discoveries and lets the 0.02
    through (0.02 × 32 / 15 < 0.05): a chance link told because other things were real.
    Judged by family (one per factor), the discoveries counted are factors, not tests: the
    0.02 would need 0.05 × 6 / 32 (six families, 32 tests) and is not told; the real
    ones are."""
    from server.analysis.patterns import Pattern, reported_patterns

    def test(name, p, outcome="pain", kind="lagged"):
        return Pattern(kind=kind, factors=[name], outcome=outcome, lag_days=1,
                       direction="worse", threshold=None, effect=1.0, ci_low=0.5, ci_high=1.5,
                       n=300, summary="", p_value=p, family=kind)

    real = [test(name, 1e-4, outcome, kind)
            for name in ("activity_minutes", "acwr", "activity_spike", "activity_effort", "stress")
            for outcome in ("pain",) for kind in ("lagged", "threshold")]
    real += [test("stress", 1e-4, "flare"), test("stress", 1e-4, "flare", "threshold"),
             test("activity_minutes", 1e-4, "flare"), test("acwr", 1e-4, "flare")]
    chance = [test("energy", 0.02), test("energy", 0.5, "flare")]
    others = [test(f"f{i}", p) for i, p in enumerate(np.linspace(0.3, 0.9, 8))]
    others += [test(f"f{i}", 0.95, "flare") for i in range(8)]
    candidates = real + chance + others
    assert len(candidates) == 32
    assert fdr_adjust([c.p_value for c in candidates])[len(real)] <= 0.05   # flat BH: told
    told = reported_patterns(candidates)
    assert "energy" not in {p.factors[0] for p in told}
    assert {p.factors[0] for p in told} >= {"stress", "activity_minutes"}


def test_one_behaviour_is_one_finding_not_three():
    """Activity minutes, the acute:chronic ratio and the spike are views of one behaviour:
    where minutes are reported for an outcome, the derived two are not told again."""
    from server.analysis.patterns import Pattern, reported_patterns

    def found(name, outcome):
        effect = (1.0, 0.5, 1.5) if outcome == "pain" else (2.0, 1.5, 3.0)
        return Pattern(kind="lagged", factors=[name], outcome=outcome, lag_days=2,
                       direction="worse", threshold=None, effect=effect[0], ci_low=effect[1],
                       ci_high=effect[2], n=100, summary="", p_value=0.001, family="lagged")
    told = reported_patterns([found("activity_minutes", "pain"), found("acwr", "pain"),
                              found("activity_spike", "pain"), found("acwr", "flare")])
    assert sorted((p.factors[0], p.outcome) for p in told) == [
        ("activity_minutes", "pain"), ("acwr", "flare")]


def test_cross_sums_are_every_circular_shift():
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=30), rng.normal(size=30)
    sums = shifts.cross_sums(shifts.spectrum(a), shifts.spectrum(b), 30)
    for s in (0, 1, 7, 29):
        assert sums[s] == pytest.approx(sum(a[t] * b[(t - s) % 30] for t in range(30)))


def test_tail_p_value_is_empirical_in_the_body_and_fitted_in_the_tail():
    null = np.random.default_rng(2).normal(size=1000)
    assert shifts.tail_p_value(0.0, null) == pytest.approx(0.5, abs=0.05)
    far = shifts.tail_p_value(6.0, null)
    assert 0 < far < 1 / 1000


# --- the whole analysis -------------------------------------------------------------------

def _daily(days: int, seed: int = 0) -> list[dict]:
    rng = np.random.default_rng(seed)
    return [checkin(D0 + timedelta(days=i), pain=int(rng.integers(2, 7)),
                    stress=int(rng.integers(0, 10)), sleep_hours=float(rng.integers(5, 9)))
            for i in range(days)]


def test_too_little_data_says_how_many_more_days_are_needed():
    result = analyse(_daily(20), "America/New_York", D0 + timedelta(days=19))
    body = result.patterns_dict()
    assert body["status"] == "collecting"
    assert body["data_days"] == 20
    assert body["days_needed"] == MIN_PATTERN_DAYS - 20
    assert body["patterns"] == []
    assert result.forecast.risk is None and result.forecast.quality["beats_baseline"] is False


def test_no_checkins_at_all_is_a_plain_collecting_result():
    result = analyse([], "UTC", D0)
    assert result.load == [] and result.signals == []
    assert result.status == "collecting" and result.days_needed == MIN_PATTERN_DAYS
    json.dumps(result.to_dict(), allow_nan=False)


def test_result_serialises_to_the_design_shapes():
    from tests.analysis.synthetic import synthetic_patient
    patient = synthetic_patient(3, 200)
    payload = analyse(patient.checkins, patient.zone, patient.today).to_dict()
    json.dumps(payload, allow_nan=False)
    assert set(payload["load"][0]) == {"date", "score", "contributors", "pain_mean", "flare",
                                       "days_needed"}
    body = payload["patterns"]
    assert {"patterns", "data_days", "status"} <= set(body)
    assert body["patterns"], "a planted patient should show something"
    for pattern in body["patterns"]:
        assert set(pattern) == {"kind", "factors", "outcome", "lag_days", "direction",
                                "threshold", "effect", "ci_low", "ci_high", "q_value", "n",
                                "summary", "claim", "condition", "interval", "n_days",
                                "lag_range", "lag_exact", "timing", "counted_from"}
        assert pattern["lag_range"][0] <= pattern["lag_days"] <= pattern["lag_range"][1]
        sleep = {"sleep_hours", "sleep_quality", "night_wakings"}
        assert pattern["counted_from"] == ("night" if set(pattern["factors"]) <= sleep else "day")
        assert pattern["timing"] == "lag"   # a daily logger's timing is a day count
        assert pattern["kind"] in ("lagged", "threshold", "combination", "precursor")
        assert pattern["outcome"] in ("pain", "flare")
        assert pattern["direction"] in ("worse", "better")
        assert pattern["ci_low"] <= pattern["effect"] <= pattern["ci_high"]
        assert pattern["q_value"] <= 0.05 and pattern["summary"].endswith(".")
    forecast = payload["forecast"]
    assert {"risk", "horizon_hours", "drivers", "quality"} <= set(forecast)
    assert forecast["horizon_hours"] == 48
    assert {"auc", "brier", "n_days", "baseline", "beats_baseline"} <= set(forecast["quality"])
    signal = payload["signals"][-1]
    assert set(signal) == {"date", "load", "acwr", "short_night", "nsaid_days_14",
                           "forecast_risk"}
    assert len(payload["signals"]) == len(payload["load"])


def test_forecast_risk_is_a_probability_from_the_latest_day():
    from tests.analysis.synthetic import synthetic_patient
    patient = synthetic_patient(4, 365)
    forecast = analyse(patient.checkins, patient.zone, patient.today).forecast
    assert 0 <= forecast.risk <= 1
    assert forecast.quality["n_days"] > 100
    assert not math.isnan(forecast.daily_risk[-1])


# --- purity -------------------------------------------------------------------------------

ALLOWED = {"numpy", "scipy", "__future__"}


def test_analysis_imports_only_stdlib_numpy_and_scipy():
    package = ROOT / "server" / "analysis"
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert top in ALLOWED or top in sys.stdlib_module_names, f"{path.name}: {name}"


def test_importing_analysis_pulls_in_no_flask_or_sqlalchemy():
    code = ("import sys, server.analysis; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', "
            "'flask_sqlalchemy', 'flask_smorest', 'marshmallow')]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("days, constant", [(1, False), (3, False), (95, True), (130, False),
                                            (400, True)])
def test_odd_histories_give_valid_json_without_warnings(days, constant):
    """Sparse fields, constant pain, gaps: the engine must still answer, never crash or NaN."""
    rng = np.random.default_rng(days)
    records = []
    for i in range(days):
        if rng.random() < 0.3 and i not in (0, days - 1):
            continue
        fields = {"pain": 4 if constant else int(rng.integers(0, 11))}
        if rng.random() < 0.5:
            fields["nsaid_doses"] = int(rng.integers(0, 3))
        if rng.random() < 0.2:
            fields["custom"] = {"rare": float(rng.integers(0, 3))}
        if rng.random() < 0.1:
            fields["flare"] = True
        records.append(checkin(D0 + timedelta(days=i), **fields))
    result = analyse(records, "America/New_York", D0 + timedelta(days=days - 1))
    json.dumps(result.to_dict(), allow_nan=False)


def test_a_flare_after_an_unrecorded_day_is_not_counted_as_a_new_flare():
    """F ? F is one flare that may have run through the gap, not two onsets; 0 ? F is an
    onset (at most a day early); 0 ? ? F is unknown."""
    from server.analysis.patterns import _onsets
    nan = float("nan")
    flare = np.array([0, 1, 1, 0, 1, nan, 1, 0, nan, 1, 0, nan, nan, 1], dtype=float)
    assert np.flatnonzero(_onsets(flare)).tolist() == [1, 4, 9]


def test_average_ranks_match_scipy_with_and_without_ties():
    from scipy.stats import rankdata

    from server.analysis.flare_forecast import auc, average_ranks

    rng = np.random.default_rng(20261202)
    for values in (rng.random(50), rng.integers(0, 5, 200).astype(float), np.array([0.3]),
                   np.round(rng.random(500), 2), np.zeros(7)):
        assert np.array_equal(average_ranks(values), rankdata(values)), values
    # The AUC it feeds: ties count half (0.5 for a score that cannot tell the classes apart).
    assert auc(np.array([0.2, 0.2, 0.2, 0.2]), np.array([0, 1, 0, 1])) == 0.5
    assert auc(np.array([0.1, 0.4, 0.35, 0.8]), np.array([0, 0, 1, 1])) == 0.75
