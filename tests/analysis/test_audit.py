"""A statistician's audit on a third generator (tests/analysis/audit_patients.py): new seeds,
new effect sizes, planted effects of known size, pain that drives a factor the engine might
call a cause, strict every-other-day and random-half logging, and odd data.

Modest numbers (the engine is CPU-heavy and the test machines are shared): 20 null and 20
planted daily loggers, 12 of each per sparse shape, 5 per pain-driven factor. The bounds are
the targets of docs/analysis.md, not the figures these seeds happen to give.
"""
import json

import numpy as np
import pytest

from server.analysis import analyse, daily_rows
from server.analysis.flare_forecast import MIN_EVAL_EVENTS
from server.analysis.patterns import LESS_IS_NOTABLE, fast_length
from server.analysis.patterns.regression import _median_split
from server.insights.overview import overview
from tests.analysis.audit_patients import DRIVEN, audit_patient

DERIVED = {"acwr": "activity_minutes", "activity_spike": "activity_minutes"}


def _run(seed, **kw):
    p = audit_patient(seed, **kw)
    return p, analyse(p.checkins, p.zone, p.today)


@pytest.fixture(scope="module")
def people():
    """(label, patient, analysis) for every patient of this module, analysed once."""
    out = []
    for logging, n in (("daily", 20), ("alternate", 12), ("half", 12)):
        out += [(f"null-{logging}", *_run(s, planted=False, logging=logging)) for s in range(n)]
        out += [(f"planted-{logging}", *_run(100 + s, logging=logging)) for s in range(n)]
    for k, name in enumerate(sorted(DRIVEN)):
        out += [(f"driven-{name}", *_run(200 + 10 * k + s, planted=False, driven=name))
                for s in range(5)]
    return out


def _more_way(p: dict) -> str:
    if p["kind"] == "lagged" and p["factors"][0] in LESS_IS_NOTABLE:
        return {"worse": "better", "better": "worse"}[p["direction"]]
    return p["direction"]


def _causes(result) -> list[dict]:
    return [p for p in (x.to_dict() for x in result.patterns) if p["claim"] == "cause"]


def _false(patient, result) -> list[dict]:
    truth = patient.truth.causes()
    return [p for p in _causes(result) if p["kind"] == "combination"
            or truth.get(DERIVED.get(p["factors"][0], p["factors"][0])) != _more_way(p)]


@pytest.mark.parametrize("logging", ["daily", "alternate", "half"])
def test_null_patients_are_rarely_told_of_a_cause(people, logging):
    nulls = [(p, r) for label, p, r in people if label == f"null-{logging}"]
    told = [_causes(r) for _, r in nulls if _causes(r)]
    assert len(told) <= max(1, 0.05 * len(nulls)), told


@pytest.mark.parametrize("logging", ["daily", "alternate", "half"])
def test_planted_patients_get_few_false_causes(people, logging):
    planted = [(p, r) for label, p, r in people if label == f"planted-{logging}"]
    false = [x["summary"] for p, r in planted for x in _false(p, r)]
    assert len(false) <= 0.1 * len(planted), false


def test_daily_loggers_are_told_both_planted_causes(people):
    planted = [(p, r) for label, p, r in people if label == "planted-daily"]
    for p, r in planted:
        told = {(DERIVED.get(x["factors"][0], x["factors"][0]), _more_way(x))
                for x in _causes(r) if x["kind"] != "combination"}
        assert ("activity_minutes", "worse") in told
        assert (p.truth.slope[0], p.truth.slope[3]) in told


def test_a_factor_pain_drives_is_not_told_as_a_cause(people):
    """Pain pushing the same day's stress, effort, meal regularity or fatigue, or breaking
    that night's sleep (told the next day, when last night's sleep may be called a cause)."""
    driven = [(label.split("-", 1)[1], r) for label, _, r in people if label.startswith("driven-")]
    told = [name for name, r in driven
            if any(name in x["factors"] for x in _causes(r))]
    assert len(driven) == 5 * len(DRIVEN)
    assert len(told) <= 0.05 * len(driven), told


def test_intervals_contain_the_planted_size_at_least_as_often_as_they_say(people):
    """The activity step (pain points) and the straight-line effect (its slope times the
    engine's own high-vs-low contrast), wherever a candidate sits at the planted lag (and,
    for the step, the planted cut within 10 %); reported or not."""
    inside = []
    for label, p, r in people:
        if not label.startswith("planted-"):
            continue
        cut, step_lag, step = p.truth.step
        name, lag, per_unit, way = p.truth.slope
        values = daily_rows(p.checkins, p.zone, p.today).column(name)
        _, contrast = _median_split(values[-fast_length(len(values)):])
        planted = (1 if way == "worse" else -1) * per_unit * contrast
        planted = -planted if name in LESS_IS_NOTABLE else planted
        for c in r.candidates:
            if c.outcome != "pain":
                continue
            if (c.kind == "threshold" and c.factors == ["activity_minutes"] and c.lag_days == step_lag
                    and abs(c.threshold["value"] - cut) <= 0.1 * cut):
                inside.append(c.ci_low <= step <= c.ci_high)
            if c.kind == "lagged" and c.factors == [name] and c.lag_days == lag:
                inside.append(c.ci_low <= planted <= c.ci_high)
    assert len(inside) >= 40
    assert np.mean(inside) >= 0.9, (sum(inside), len(inside))


def test_a_forecast_figure_only_when_it_beats_every_baseline(people):
    """Risk, drivers and the alerts' daily risk only when the forecast beat the base rate,
    "flare today" and today's+yesterday's pain on both AUC and Brier over 10+ flare windows."""
    for label, _, r in people:
        f = r.forecast
        q = f.quality
        beats = (q["events"] >= MIN_EVAL_EVENTS and len(q["wins"]) == 3
                 and all(w["auc"] and w["brier"] for w in q["wins"].values()))
        if f.risk is not None or f.drivers or np.isfinite(f.daily_risk).any():
            assert beats, (label, q)


def test_sparse_loggers_are_not_promised_what_gaps_prevent(people):
    """The engine's message said what gaps cost, but the Insights takeaway a sparse logger
    with no pattern sees still said "effects can show as the days add up"."""
    for label, p, r in people:
        if label.endswith("daily") or label.startswith("driven"):
            continue
        body = r.patterns_dict()
        assert "data grows" not in body["message"]
        if body["status"] == "no_patterns":
            said = overview(body, [], [], p.today)["takeaway"]["recent"]
            assert "as the days add up" not in said, said
            assert "You checked in on" in said


@pytest.fixture(scope="module")
def next_day_effects_every_other_day():
    """Strict every-other-day loggers with both planted effects at lag 1 (new seeds), strong
    enough (2.5 times the usual size) that the leak into 2 days through pain's persistence
    is often found: before lag ranges, most of these were told "2 days later"."""
    return [_run(800 + s, logging="alternate", lag=1, size=2.5) for s in range(16)]


def test_a_next_day_effect_unseen_every_other_day_is_never_told_as_2_days(
        next_day_effects_every_other_day):
    timed = [(p, x) for p, r in next_day_effects_every_other_day for x in r.patterns
             if x.kind in ("lagged", "threshold") and x.lag_days >= 1]
    planted = [x for p, x in timed
               if DERIVED.get(x.factors[0], x.factors[0]) in p.truth.causes()]
    assert len({id(x) for x in planted}) >= 8, "too few found for the check to mean anything"
    for _, x in timed:
        d = x.to_dict()
        # a range from the next day: [1, 3] from the exact lags; from pain at their first
        # check-in 1 or 2 days on, to the latest such check-in: 2 days, strictly every other
        # day (docs/analysis.md, "Sparse loggers")
        last = d["lag_range"][1]
        assert d["lag_range"][0] == 1 and last in (2, 3) and d["lag_exact"] is False, d
        assert " 2 days later" not in d["summary"].replace(" to 2 days later", ""), d
        assert f" 1 to {last} days later" in d["summary"], d


def test_daily_loggers_timing_stays_exact(people):
    """Daily loggers (6 % of days missed) have pairs at every lag: one day, worded as before."""
    for label, _, r in people:
        if label.endswith("daily"):
            for x in r.patterns:
                d = x.to_dict()
                assert d["lag_exact"] and d["lag_range"] == [x.lag_days] * 2, (label, d)
                assert "can't be told" not in d["summary"], d["summary"]


@pytest.mark.parametrize("odd", ["constant", "brief", "stuck", "no_flares", "all_flares"])
@pytest.mark.parametrize("logging", ["daily", "alternate", "half"])
def test_odd_data_gives_an_answer_that_json_can_carry(odd, logging):
    """A factor that never changes, one logged for five weeks, pain stuck for months, no
    flares or flares most days: no crash, no NaN or infinity in the stored payload."""
    p, r = _run(300, odd=odd, logging=logging)
    json.dumps(r.to_dict(), allow_nan=False)


@pytest.mark.parametrize("days", [1, 2, 6, 7, 8, 61, 89, 90, 91])
def test_short_histories_and_the_first_week_show_no_load_figure(days):
    for logging in ("daily", "alternate"):
        p, r = _run(400, days=days, logging=logging)
        json.dumps(r.to_dict(), allow_nan=False)
        checked = 0   # earlier days with a check-in (each has pain)
        for day in r.load:
            d = day.to_dict()
            if d["score"] is None:
                assert d["pain_mean"] is None or d["days_needed"] > 0, (logging, d)
            else:
                assert d["days_needed"] == 0 and checked >= 7, (logging, d)
            checked += d["pain_mean"] is not None
