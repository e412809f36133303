"""What a person reads: pattern summaries in plain words, with numbers that agree with them."""
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from server.analysis import analyse, wording
from server.analysis.patterns import LESS_IS_NOTABLE

# --- lagged and threshold sentences -----------------------------------------------------------

def test_same_day_patterns_say_on_days_not_after_days():
    days = wording.days_at_most("sleep_hours", 7.2)
    assert wording.pain_summary(days, 0, 0.5) == (
        "On days with 7.2 hours' sleep or less, your pain averaged 0.5 points higher "
        "than on other days.")
    assert wording.flare_summary(days, 0, 2.0) == (
        "On days with 7.2 hours' sleep or less, the odds of a flare were 2.0 times those "
        "on other days.")


def test_a_timing_the_check_ins_leave_open_is_told_as_a_range_with_the_reason():
    """Every other day there are no pairs 1 or 3 days apart: a lag-2 finding may be either."""
    days = wording.days_above("activity_minutes", 70, 0)
    said = wording.pain_summary(days, 2, 1.2, span=(1, 3))
    assert said == ("After days with more than 70 minutes of activity, your pain 1 to 3 days "
                    "later averaged 1.2 points higher than after other days. Few of your "
                    "check-ins are 1 or 3 days apart, so which of these days it shows on "
                    "can't be told.")
    assert "1 to 3 days later" in wording.flare_summary(days, 2, 2.0, span=(1, 3))
    nights = wording.pain_summary(wording.days_at_most("sleep_hours", 6), 0, 0.8,
                                  names=["sleep_hours"], span=(0, 1))
    assert "your pain one to two days after averaged" in nights
    assert "1 day apart" in nights
    together = wording.pain_summary(wording.days_above("stress", 5, 0), 0, 0.9, True, ["stress"],
                                    span=(0, 1))
    assert "than other days, that day or the next." in together
    # an exact span words exactly as before
    assert wording.pain_summary(days, 2, 1.2, span=(2, 2)) == wording.pain_summary(days, 2, 1.2)


@pytest.mark.parametrize("pairs, lag, span", [
    ({0: 180, 1: 0, 2: 180, 3: 0}, 2, (1, 3)),      # strictly every other day
    ({0: 180, 1: 0, 2: 180, 3: 0}, 0, (0, 1)),
    ({0: 340, 1: 330, 2: 320, 3: 315}, 2, (2, 2)),  # daily, a few days missed
    ({0: 90, 1: 85, 2: 95, 3: 88}, 1, (1, 1)),      # a random half of days
    ({0: 200, 1: 40, 2: 190, 3: 120}, 2, (1, 2)),   # mostly every other day, 3 days apart often
    ({1: 0, 2: 180, 3: 0}, 2, (1, 3)),              # a response factor: no lag 0 tested
])
def test_a_lag_spans_its_poorly_observed_neighbours_only(pairs, lag, span):
    from server.analysis.patterns.model import lag_span
    assert lag_span(pairs, lag) == span


@pytest.mark.parametrize("lag, when", [(0, "the day after"), (1, "two days after"),
                                       (2, "three days after")])
def test_a_night_is_told_as_a_night_with_its_lag_counted_from_it(lag, when):
    """A night is kept on the day it ends. "After days with 7 hours' sleep or less, your pain
    the next day …" read as the day right after the night, a day early, and disagreed with
    Patterns' "Short nights were followed by more pain two days after"."""
    short = wording.days_at_most("sleep_hours", 7)
    assert wording.pain_summary(short, lag, 0.7, False, ["sleep_hours"]) == (
        f"After nights of 7 hours' sleep or less, your pain {when} averaged 0.7 points higher "
        "than after other nights.")
    broken = wording.days_above("night_wakings", 2, 0)
    assert wording.flare_summary(broken, lag, 2.0, False, ["night_wakings"]) == (
        f"After nights with more than 2 night wakings, the odds of a flare {when} were 2.0 "
        "times those after other nights.")
    poor = wording.days_at_most("sleep_quality", 4)
    assert wording.pain_summary(poor, lag, 0.5, False, ["sleep_quality"]).startswith(
        "After nights with sleep quality of 4 or less, your pain")


@pytest.mark.parametrize("lag, when", [(1, "the next day"), (2, "2 days later"),
                                       (3, "3 days later")])
def test_later_patterns_say_after_days_and_when(lag, when):
    days = wording.days_above("stress", 6, 0)
    assert wording.pain_summary(days, lag, -0.8) == (
        f"After days with stress above 6, your pain {when} averaged 0.8 points lower "
        "than after other days.")
    assert wording.flare_summary(days, lag, 0.4) == (
        f"After days with stress above 6, the odds of a flare {when} were about 40% of "
        "those after other days.")


@pytest.mark.parametrize("name, cut, lowest, words", [
    ("night_wakings", 1, 0, "days with more than 1 night waking"),
    ("night_wakings", 2, 0, "days with more than 2 night wakings"),
    ("night_wakings", 0, 0, "days with at least one night waking"),
    ("rest_breaks", 0, 0, "days with at least one rest break"),
    ("nsaid_doses", 1, 0, "days with more than 1 NSAID dose"),
    ("activity_minutes", 47, 10, "days with more than 47 minutes of activity"),
    ("alcohol_units", 0, 0, "days with any alcohol"),
    ("alcohol_units", 2, 0, "days with more than 2 units of alcohol"),
    ("breathing_minutes", 5, 0, "days with more than 5 minutes of breathing practice"),
    ("activity_effort", 3, 3, "days with activity effort above 3"),   # not "any effort"
    ("sleep_hours", 8, 4, "days with more than 8 hours' sleep"),
    ("activity_spike", 1.1, 0, "days more than 10% longer than your longest of the previous 30 days"),
    ("activity_spike", 1.0, 0, "days longer than your longest of the previous 30 days"),
    ("custom.hydration_glasses", 6, 2, "days with hydration glasses above 6"),
])
def test_high_end_days_read_in_the_factors_own_unit(name, cut, lowest, words):
    assert wording.days_above(name, cut, lowest) == words


@pytest.mark.parametrize("name, cut, words", [
    ("sleep_hours", 6.5, "days with 6.5 hours' sleep or less"),
    ("sleep_quality", 4, "days with sleep quality of 4 or less"),
    ("mood", 5, "days with mood of 5 or less"),
    ("energy", 3, "days with energy of 3 or less"),
    ("meal_regularity", 5, "days with meal regularity of 5 or less"),
])
def test_low_end_days_read_naturally(name, cut, words):
    assert wording.days_at_most(name, cut) == words


def test_every_less_is_notable_factor_has_a_natural_low_end_in_pairs():
    for name in LESS_IS_NOTABLE:
        assert not wording.notable(name).startswith("more "), name


@pytest.mark.parametrize("name, words", [
    ("custom.hydration_glasses", "more hydration glasses than usual"),
    ("rest_breaks", "more rest breaks than usual"),
    ("nsaid_doses", "more NSAID doses than usual"),
])
def test_a_tracked_count_without_its_own_words_reads_as_more_than_usual(name, words):
    assert wording.notable(name) == words


# --- combinations and precursors -------------------------------------------------------------

def test_combinations_name_both_notable_ends_and_the_lag():
    assert wording.combination_summary(["alcohol_units", "late_meal"], 1, 1.2) == (
        "After days with both more alcohol than usual and a late meal, your pain the next day "
        "was 1.2 points higher than the two apart would explain.")
    assert wording.combination_summary(["sleep_hours", "stress"], 0, 0.9) == (
        "On days with both short sleep and high stress, your pain was 0.9 points higher "
        "than the two apart would explain.")


@pytest.mark.parametrize("name, effect, binary, clause", [
    ("energy", -1.04, False, "your energy was on average 1 point lower"),
    ("pain", 0.6, False, "your pain was on average 0.6 points higher"),
    ("sleep_hours", -0.8, False, "you slept on average 0.8 hours less"),
    ("night_wakings", 0.5, False, "you woke on average 0.5 more times a night"),
    ("activity_minutes", 24.5, False, "you were active on average 24 minutes more a day"),
    ("late_meal", 0.16, True, "a late meal was 16 percentage points more common"),
])
def test_precursors_read_in_the_factors_own_unit(name, effect, binary, clause):
    assert wording.precursor_summary(name, effect, binary) == (
        f"In the 3 days before a flare, {clause} than on other days without a flare.")


# --- the numbers agree with the words -----------------------------------------------------------

def _short_sleep_patient(days: int = 200, seed: int = 3) -> list[dict]:
    """Pain is 1.5 points higher on days after a short night (the morning's sleep)."""
    rng = np.random.default_rng(seed)
    zone, start = ZoneInfo("Europe/London"), date(2026, 1, 1)
    out, noise = [], 0.0
    for i in range(days):
        day = start + timedelta(days=i)
        sleep = float(np.round(rng.uniform(4.5, 9.0), 1))
        noise = 0.5 * noise + rng.normal(0, 0.6)
        pain = float(np.clip(4 + 1.5 * (sleep < 6.5) + noise, 0, 10))
        out.append({"id": str(day), "at": datetime(day.year, day.month, day.day, 20, tzinfo=zone),
                    "pain": round(pain, 1), "sleep_hours": sleep})
    return out


def test_low_end_patterns_give_effect_interval_and_direction_from_the_low_end():
    records = _short_sleep_patient()
    result = analyse(records, "Europe/London", date(2026, 1, 1) + timedelta(days=200))
    found = [p.to_dict() for p in result.patterns
             if p.kind == "lagged" and p.factors == ["sleep_hours"]]
    assert found, [p.summary for p in result.patterns]
    pattern = found[0]
    assert pattern["summary"].startswith("After nights of ")
    assert "hours' sleep or less, your pain the day after averaged" in pattern["summary"]
    assert "higher" in pattern["summary"]
    assert pattern["effect"] > 0.3 and pattern["ci_low"] > 0
    assert pattern["ci_low"] <= pattern["effect"] <= pattern["ci_high"]
    assert pattern["direction"] == "worse"


def test_a_flare_odds_ratio_on_few_flares_is_told_as_its_range_not_one_precise_figure():
    """"The odds of a flare the next day were 23.1 times those after other days" on 14
    flares (likely 1.75 to 302.85) claimed a precision the flares cannot give."""
    days = wording.days_above("stress", 4, 0)
    assert wording.flare_summary(days, 1, 23.05, interval=(1.75, 302.85)) == (
        "After days with stress above 4, the odds of a flare the next day were higher than "
        "after other days (likely between 1.8 and 300 times as high: too few flares to say "
        "more closely).")
    assert wording.flare_summary(days, 1, 0.2, interval=(0.05, 0.6)) == (
        "After days with stress above 4, the odds of a flare the next day were lower than "
        "after other days (likely between 5% and 60% of theirs: too few flares to say more "
        "closely).")
    # a narrow range keeps its figure
    assert wording.flare_summary(days, 1, 2.0, interval=(1.4, 2.9)).endswith(
        "were 2.0 times those after other days.")


def test_no_flare_finding_on_generated_people_states_a_figure_its_range_cannot_back():
    """20 people with causes planted (tests/analysis/patients.py, 120 days: a dozen to a few
    dozen flares each). Before, every flare finding gave one figure ("25.7 times") whose
    likely range ran from about 1 to several hundred."""
    from server.analysis import analyse
    from tests.analysis.patients import patient

    told = []
    for seed in range(20):
        person = patient(seed, 120, planted=True)
        for p in analyse(person.checkins, person.zone, person.today).patterns:
            if p.outcome == "flare" and p.kind != "precursor":
                told.append(p)
    assert told
    for p in told:
        wide = p.ci_high / p.ci_low > 4  # wording.WIDE_ODDS
        assert ("too few flares" in p.summary) == wide, p.summary
        assert not wide or f"{p.effect:.1f} times" not in p.summary, p.summary
