"""People who check in about every other day: controls never come from the outcome day,
lagged effects are still found, and the message says what gaps cost.

Patients from tests/analysis/patients.py with logging="alternate" (gaps of 1–3 days, two
on average: about half the days have a check-in).
"""
from datetime import timedelta

import numpy as np
import pytest

from server.analysis import analyse, daily_rows
from server.analysis.patterns import pattern_data
from server.analysis.patterns.model import control_design
from tests.analysis.patients import patient
from tests.analysis.scoring import tally


def test_a_control_is_never_filled_from_the_outcome_day():
    """Changing today's pain must not change the controls of today's outcome: with
    interpolation across gaps it did, and the outcome became a function of its controls."""
    p = patient(7, 200, logging="alternate")
    rows = daily_rows(p.checkins, p.zone, p.today)
    pain = rows.column("pain_mean")
    flare = rows.column("flare")
    data = pattern_data(rows)
    n = data.n
    day = int(np.flatnonzero(np.isnan(pain[:-1]))[-1]) + 1   # after a gap
    moved_pain = pain.copy()
    moved_pain[day] += 3
    base = data.outcomes["pain"]
    rows.columns["pain_mean"] = moved_pain
    moved = pattern_data(rows).outcomes["pain"]
    day -= len(pain) - n                      # the searches use the most recent n days
    for depth in base.residual:
        before = control_design(pain[-n:], flare[-n:], depth, "pain")
        after = control_design(moved_pain[-n:], flare[-n:], depth, "pain")
        # the controls of every day up to and including the changed one stay as they were
        np.testing.assert_array_equal(before[: day + 1], after[: day + 1])
        np.testing.assert_allclose(base.valid[depth], moved.valid[depth])
        # so the day's own residual takes the change (less its small leverage on the fit)
        assert 2.0 <= moved.residual[depth][day] - base.residual[depth][day] <= 3.0


def test_a_control_is_carried_at_most_three_days_with_a_gap_indicator_and_its_own_slope():
    """docs/analysis.md: a control day with no check-in takes the last pain recorded before
    it, at most three days back, with a gap indicator beside it and a slope of its own; a
    day after a longer gap has no control and is not used. (Dropping any of the three left
    every other analysis test passing: issue 17's planted-bug audit.)"""
    nan = np.nan
    pain = np.array([2, nan, nan, 5, nan, nan, nan, nan, 7, 3], dtype=float)
    design = control_design(pain, np.zeros(len(pain)), 1, "pain")
    constant, yesterday, gap, carried_slope = design.T
    np.testing.assert_array_equal(constant, np.ones(len(pain)))
    # day 8 follows four unrecorded days: yesterday's pain is too old to stand in
    np.testing.assert_array_equal(yesterday, [nan, 2, 2, 2, 5, 5, 5, 5, nan, 7])
    np.testing.assert_array_equal(gap, [nan, 0, 1, 1, 0, 1, 1, 1, 0, 0])
    np.testing.assert_array_equal(carried_slope, [nan, 0, 2, 2, 0, 5, 5, 5, nan, 0])


@pytest.fixture(scope="module")
def alternate():
    return tally(range(600, 616), range(700, 716), logging="alternate", size=1.6)


def test_every_other_day_loggers_keep_lagged_effects(alternate):
    """Lag 1–3 effects that a daily logger finds nearly always: interpolated controls
    found none of them for an every-other-day logger (issue 10: 0 of 9)."""
    assert alternate.cause_recall >= 0.35, (alternate.causes_found, alternate.causes)


def test_every_other_day_null_patients_are_not_told_of_causes(alternate):
    assert alternate.null_cause_rate <= 0.0625   # at most 1 of 16


def test_a_sparse_logger_is_told_what_gaps_cost():
    """The message counts the pairs of days next-day effects are seen on, from the person's
    own check-ins, and says what that costs (bench/README.md: about a fifth of the lagged
    effects a daily check-in finds, and no combinations)."""
    p = patient(604, logging="alternate")
    message = analyse(p.checkins, p.zone, p.today).patterns_dict()["message"]
    days = {c["at"].date() for c in p.checkins}
    pairs = sum(day - timedelta(days=1) in days for day in days)
    assert 20 <= pairs <= 60          # about every other day: ~a fifth of check-ins
    assert f"and {pairs} times on the day after another check-in" in message
    assert "only the larger effects" in message and "every day" in message
    assert "effects show up as data grows" not in message
    daily = patient(604)
    assert "You checked in on" not in analyse(daily.checkins, daily.zone,
                                              daily.today).patterns_dict()["message"]


def test_a_sparse_logger_with_an_unstable_flare_fit_still_gets_an_analysis():
    """This every-other-day logger's flare model for sleep quality is nearly singular (its
    odds ratio's interval ran from 0 to infinity) and turning it into the low end's odds
    divided by zero: the whole analysis failed, and with it the nightly job for them. Now
    the interval is merely huge, covers "no effect", and nothing is said about it."""
    p = patient(314, logging="alternate")
    result = analyse(p.checkins, p.zone, p.today)
    for c in result.candidates:
        assert np.isfinite([c.effect, c.ci_low, c.ci_high]).all(), c
    assert all(np.isfinite([q.effect, q.ci_low, q.ci_high]).all() and q.ci_low > 0
               for q in result.patterns)
