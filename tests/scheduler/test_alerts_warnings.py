"""The pure core of personal warning signs (server/alerts/warnings.py): which patterns warn, the
re-arm walk, and the track record that retires a rule at the base rate."""

from __future__ import annotations

from datetime import date, timedelta

from server.alerts import warnings
from server.alerts.rules import RuleState

D = date(2026, 6, 1)


def pattern(**over):
    p = {"kind": "threshold", "factors": ["activity_minutes"], "outcome": "pain", "lag_days": 2,
         "direction": "worse", "threshold": {"factor": "activity_minutes", "value": 60.0},
         "effect": 1.2, "ci_low": 0.6, "ci_high": 1.8, "n": 150, "q_value": 0.01,
         "summary": "After days with more than 60 minutes of activity, your pain 2 days later "
                    "averaged 1.2 points higher than after other days.",
         "claim": "cause", "condition": {"all": [{"factor": "activity_minutes", "op": ">", "value": 60.0}]}}
    p.update(over)
    return p


def test_only_lagged_causes_toward_more_pain_and_early_signs_become_signs():
    assert warnings.is_warning(pattern())
    assert not warnings.is_warning(pattern(lag_days=0, claim="together"))  # same day: pain may drive it
    assert not warnings.is_warning(pattern(claim="together"))
    assert not warnings.is_warning(pattern(direction="better"))  # that is "what helps"
    assert warnings.is_warning(pattern(kind="precursor", factors=["energy"], claim="together"))
    assert not warnings.is_warning(pattern(kind="precursor", factors=["pain"]))


def test_a_same_day_link_never_becomes_a_sign_even_when_stored_as_a_cause():
    """Pain itself may drive what goes with it on the same day, so no heads-up is ever built
    on a lag-0 link: not even one a stored result (or a future analysis bug) calls a cause.
    (The analysis's own rule that a lag-0 link is no cause is round 1's mutant 7; this is
    the warning signs' own guard, which nothing tested: issue 17, round 2.)"""
    same_day = pattern(lag_days=0, summary="On days with more than 60 minutes of activity, "
                       "your pain averaged 1.2 points higher.")
    history = [{"activity_minutes": float(m)} for m in range(40)]
    assert warnings.signs_from_patterns([same_day], history) == []
    assert len(warnings.signs_from_patterns([pattern()], history)) == 1


def test_a_sign_keeps_its_key_when_its_cut_moves():
    history = [{"activity_minutes": float(m)} for m in range(40)]
    [a] = warnings.signs_from_patterns([pattern()], history)
    [b] = warnings.signs_from_patterns([pattern(condition={"all": [
        {"factor": "activity_minutes", "op": ">", "value": 64.0}]})], history)
    assert a.key == b.key and b.terms[0]["value"] == 64.0


def walk(values: dict[int, float | None], today: int, state=None):
    [sign] = warnings.signs_from_patterns([pattern()], [])
    days = {D + timedelta(days=i): ({} if v is None else {"activity_minutes": v}) for i, v in values.items()}
    states = {sign.key: state} if state else {}
    crossings, new = warnings.walk([sign], days, states, D + timedelta(days=today), D)
    return [(c.day - D).days for c in crossings], new[sign.key]


def test_walk_fires_once_per_crossing_and_only_a_finished_day_re_arms():
    assert walk({0: 90}, 0) == ([0], RuleState("fired", D))
    fired = RuleState("fired", D)
    assert walk({0: 90, 1: 20}, 1, fired)[0] == []  # today below: still growing, no re-arm
    crossings, state = walk({0: 90, 1: 20, 2: 95}, 2, fired)
    assert crossings == [2] and state == RuleState("fired", D + timedelta(days=2))
    assert walk({0: 90, 1: None, 2: 95}, 2, fired)[0] == []  # a gap never re-arms


def test_a_crossing_whose_day_has_passed_moves_the_state_but_warns_no_one():
    crossings, state = walk({0: 90, 1: 10, 2: 10, 3: 10}, 3)
    assert crossings == [] and state.status == "armed" and state.changed_on == D + timedelta(days=1)


def worse(pattern_of_days: str) -> dict[date, bool]:
    return {D + timedelta(days=i): c == "x" for i, c in enumerate(pattern_of_days)}


def test_a_rule_right_no_more_often_than_the_base_rate_is_retired_and_says_so():
    days = worse("x..." * 40)  # a worse day every fourth day: base rate 25 %
    windows = [(D + timedelta(days=i), D + timedelta(days=i)) for i in range(1, 120, 12)]  # all calm days
    rec = warnings.record(windows, days, 1, D + timedelta(days=160))
    assert rec.warned == 10 and rec.came_true == 0 and rec.base_rate == 0.25 and rec.retired
    assert "Retired" in rec.words()
    good = [(D + timedelta(days=i), D + timedelta(days=i)) for i in range(0, 120, 12)]  # all worse days
    rec = warnings.record(good, days, 1, D + timedelta(days=160))
    assert rec.hit_rate == 1.0 and not rec.retired and "Right 10 of 10" in rec.words()


def test_too_few_warnings_are_never_retired():
    days = worse("x..." * 40)
    few = [(D + timedelta(days=i), D + timedelta(days=i)) for i in (1, 13, 25)]
    rec = warnings.record(few, days, 1, D + timedelta(days=160))
    assert rec.warned == 3 and not rec.retired and "Too few" in rec.words()


def test_worse_days_are_flares_or_a_point_above_the_usual():
    days = {D + timedelta(days=i): {"pain_mean": 3.0} for i in range(10)}
    days[D + timedelta(days=10)] = {"pain_mean": 4.0}
    days[D + timedelta(days=11)] = {"pain_mean": 3.5}
    days[D + timedelta(days=12)] = {"pain_mean": 3.0, "flare": 1.0}
    w = warnings.worse_days(days)
    assert [w[D + timedelta(days=i)] for i in (9, 10, 11, 12)] == [False, True, False, True]


def sign_of(**over):
    history = [{"activity_minutes": float(m)} for m in range(40)]
    [sign] = warnings.signs_from_patterns([pattern(**over)], history)
    return sign


def test_a_sign_reads_as_one_line_naming_the_days_as_its_summary_does():
    """The signs list's line (issue 12): what to watch for, with the days named as the
    pattern's summary names them, then when the effect comes."""
    sign = sign_of()
    assert warnings.watch_words(sign) == "days with more than 60 minutes of activity"
    assert warnings.watch_words(sign) in sign.summary
    night = sign_of(factors=["sleep_hours"], condition={"all": [
        {"factor": "sleep_hours", "op": "<=", "value": 6.0}]})
    assert warnings.watch_words(night) == "nights of 6 hours' sleep or less"
    late = sign_of(factors=["late_meal"], condition={"all": [{"factor": "late_meal", "op": ">=", "value": 1.0}]})
    assert warnings.watch_words(late) == "days with a late meal"
    both = sign_of(kind="combination", factors=["activity_minutes", "stress"], condition={"all": [
        {"factor": "activity_minutes", "op": ">", "value": 60.0}, {"factor": "stress", "op": ">", "value": 6.0}]})
    assert warnings.watch_words(both) == "days with more than 60 minutes of activity and with stress above 6"


def test_every_kind_has_a_short_name_and_says_what_it_means():
    assert set(warnings.KINDS) == set(warnings.KIND_ABOUT)
    assert all(len(name) <= 24 for name in warnings.KINDS.values())  # one line beside its switch
    assert warnings.kind_words("lagged") == "After-effects (more of something, more pain later)"
