"""How a warning sign says when and where its line is: sleep signs told from the night, as
Patterns tells them, and a past alert's line that has moved since."""
from datetime import date, timedelta

from server.alerts.warnings import (Crossing, Sign, effect_words, explanation, explanation_parts, lag_words,
                                     moved_line, plain_text, stored_parts)
from server.insights.overview import timing


def sign(factor: str, lag: int, op: str = ">", value: float = 1.0, window: int = 1) -> Sign:
    return Sign("w:1", "lagged", (factor,), ({"factor": factor, "op": op, "value": value},),
                "pain", lag, window, 0.8, 0.3, 1.3, 120, "", "sleep")


def test_a_sleep_sign_is_told_from_the_night_as_patterns_tells_it():
    """A night is kept on the day it ends: a lag-1 sleep sign's pain comes two days after the
    night. "When: pain likely higher the next day" read as the day right after the night."""
    for factor in ("sleep_hours", "sleep_quality", "night_wakings"):
        words = lag_words(sign(factor, 1, "<=", 6.0))
        assert words == "pain likely higher two days after such a night", factor
        assert timing(1, night=True) in words          # the words Patterns uses
        assert lag_words(sign(factor, 2, "<=", 6.0)).endswith("three days after such a night")


def test_a_day_sign_keeps_its_days():
    assert lag_words(sign("activity_minutes", 1)) == "pain likely higher the next day"
    assert lag_words(sign("stress", 2)) == "pain likely higher two days later"


def test_a_moved_line_names_the_figure_then_and_now_in_the_persons_units():
    then = [{"factor": "activity_minutes", "op": ">", "value": 49.0}]
    now = [{"factor": "activity_minutes", "op": ">", "value": 51.0}]
    note = moved_line(then, now)
    assert "days with more than 49 minutes of activity" in note
    assert "days with more than 51 minutes of activity" in note
    nights = moved_line([{"factor": "sleep_hours", "op": "<=", "value": 6.2}],
                        [{"factor": "sleep_hours", "op": "<=", "value": 6.0}])
    assert "nights of 6.2 hours or less" in nights and "nights of 6 hours or less" in nights


def test_a_line_that_reads_the_same_or_a_yes_no_term_gives_no_note():
    assert moved_line([{"factor": "activity_minutes", "op": ">", "value": 51.004}],
                      [{"factor": "activity_minutes", "op": ">", "value": 51.0}]) is None
    assert moved_line([{"factor": "late_meal", "op": "==", "value": 1.0}],
                      [{"factor": "late_meal", "op": "==", "value": 1.0}]) is None


SHORT_NIGHTS = Sign("w:1", "lagged", ("sleep_hours",), ({"factor": "sleep_hours", "op": "<=", "value": 6.0},),
                    "pain", 1, 1, 0.8, 0.3, 1.3, 120,
                    "After nights of 6 hours' sleep or less, your pain two days after averaged 0.8 "
                    "points higher than after other nights.", "sleep")


def test_a_sleep_alert_names_the_night_and_the_day_it_warns_of():
    day = date(2026, 12, 1)
    text = explanation(Crossing(SHORT_NIGHTS, day, day + timedelta(days=1), day + timedelta(days=1)))
    assert "The night before Tue 1 Dec was such a night, so pain is likely to be higher on Wed 2 Dec" in text


def test_an_alert_read_days_later_names_days_not_today_or_tomorrow():
    """The explanation is stored and read later: "Today … tomorrow" pointed at the wrong days."""
    busy = Sign("w:3", "lagged", ("activity_minutes",), ({"factor": "activity_minutes", "op": ">", "value": 51.0},),
                "pain", 2, 2, 0.9, 0.2, 1.5, 99, "After days with more than 51 minutes of activity, your pain "
                "two to three days later averaged 0.9 points higher.", "activity")
    day = date(2026, 12, 1)
    text = explanation(Crossing(busy, day, day + timedelta(days=2), day + timedelta(days=3)))
    assert "On Tue 1 Dec you had such a day, so pain is likely to be higher between Thu 3 Dec and Fri 4 Dec" in text
    assert not any(w in text.lower() for w in ("today", "tomorrow", "yesterday", "last night")), text


def test_a_flare_signs_size_is_told_as_odds_not_as_how_many_times_as_likely():
    """The analysis gives an odds ratio. "Flares about 3.9 times as likely" read it as a risk
    ratio: with flares on 15 % of days, odds ×3.9 make a flare about 2.7 times as likely."""
    flare = Sign("w:2", "lagged", ("activity_minutes",),
                 ({"factor": "activity_minutes", "op": ">", "value": 41.0},), "flare", 1, 1,
                 1.88, 1.27, 2.81, 300, "", "activity")
    words = effect_words(flare)
    assert "as likely" not in words
    assert words == "the odds of a flare about 1.9 times as high, probably between 1.3 and 2.8 times"


def test_a_flare_signs_odds_on_few_flares_are_told_as_their_range_not_one_figure():
    """"About 3.9 times as high, probably between 1.0 and 14.5 times": the range, fourteenfold,
    cannot back a figure to one decimal (docs/analysis.md's wording rule for flare odds)."""
    flare = Sign("w:2", "lagged", ("activity_minutes",),
                 ({"factor": "activity_minutes", "op": ">", "value": 41.0},), "flare", 1, 1,
                 3.88, 1.04, 14.52, 300, "", "activity")
    assert effect_words(flare) == "the odds of a flare higher, probably between 1.0 and 15 times as high"



def test_a_sign_whose_timing_the_check_ins_leave_open_watches_the_whole_range():
    """Every other day, a pattern at lag 2 may show 1 to 3 days after (lag_range [1, 3]): the
    sign says so and its warning covers tomorrow to three days ahead, never "2 days" alone."""
    from server.alerts.warnings import signs_from_patterns

    pattern = {"kind": "lagged", "factors": ["activity_minutes"], "outcome": "pain",
               "lag_days": 2, "lag_range": [1, 3], "lag_exact": False, "direction": "worse",
               "effect": 1.2, "ci_low": 0.5, "ci_high": 1.9, "n": 150, "summary": "",
               "claim": "cause",
               "condition": {"all": [{"factor": "activity_minutes", "op": ">", "value": 70.0}]}}
    (ranged,) = signs_from_patterns([pattern], [])
    assert (ranged.lag, ranged.window) == (1, 3)
    assert lag_words(ranged) == "pain likely higher one to three days later"
    night = sign("sleep_hours", 1, "<=", 6.0, window=3)
    assert lag_words(night) == "pain likely higher two to four days after such a night"
    (exact,) = signs_from_patterns([{**pattern, "lag_range": [2, 2], "lag_exact": True}], [])
    assert (exact.lag, exact.window) == (2, 1)
    assert lag_words(exact) == "pain likely higher two days later"


def test_a_sign_from_a_sparse_loggers_next_check_in_watches_every_day_it_may_show_on():
    """A pattern about pain at the first check-in 2 or more days later (every other day,
    lag_range [1, 4]: docs/analysis.md "Pain at the next check-in") warns from tomorrow to
    four days ahead, and names those days, never "2 days later" alone."""
    from server.alerts.warnings import signs_from_patterns

    pattern = {"kind": "lagged", "factors": ["stress"], "outcome": "pain", "lag_days": 2,
               "lag_range": [1, 4], "lag_exact": False, "timing": "next_check_in",
               "direction": "worse", "effect": 0.8, "ci_low": 0.2, "ci_high": 1.4, "n": 170,
               "summary": "", "claim": "cause",
               "condition": {"all": [{"factor": "stress", "op": ">", "value": 5.0}]}}
    (s,) = signs_from_patterns([pattern], [])
    assert (s.lag, s.window) == (1, 4)
    assert lag_words(s) == "pain likely higher one to four days later"


def test_an_older_stored_pair_without_cuts_watches_the_days_the_pair_search_compared():
    """Stored results from before cuts were kept name only the pair; the sign fills each cut in
    from the person's days by the analysis's own rule (the share of days nearest a third), not a
    second copy of it: stress in whole numbers where "above the 2/3 quantile" (5.0) would flag a
    fifth of days, and the search's cut (4) flags 40 of 100."""
    import numpy as np

    from server.alerts.warnings import signs_from_patterns
    from server.analysis.patterns.combinations import notable_term

    stress = [2] * 30 + [3] * 15 + [4] * 15 + [5] * 20 + [6] * 20
    history = [{"stress": float(v), "sleep_hours": 5.0 + (i % 7) / 2} for i, v in enumerate(stress)]
    pattern = {"kind": "combination", "factors": ["stress", "sleep_hours"], "outcome": "pain",
               "lag_days": 1, "direction": "worse", "effect": 1.5, "ci_low": 0.6, "ci_high": 2.4,
               "n": 100, "summary": "", "claim": "cause",
               "condition": {"all": [{"factor": "stress"}, {"factor": "sleep_hours", "op": "<"}]}}
    (s,) = signs_from_patterns([pattern], history)
    assert s.terms[0] == {"factor": "stress", "op": ">", "value": 4.0}
    sleep = np.array([d["sleep_hours"] for d in history])
    assert s.terms[1] == {k: (float(v) if k == "value" else v) for k, v in notable_term("sleep_hours", sleep).items()}


BUSY = Sign("w:3", "lagged", ("activity_minutes",), ({"factor": "activity_minutes", "op": ">", "value": 51.0},),
            "pain", 1, 1, 0.9, 0.2, 1.5, 99, "After days with more than 51 minutes of activity, your pain "
            "the next day averaged 0.9 points higher.", "activity")


def test_an_explanation_keeps_its_days_as_days_for_the_app_to_word_when_read():
    """The app says "yesterday" or "on Wed, Dec 2" on the day it is read, in the person's locale:
    the days are kept as dates, and the stored text is the same words with English names."""
    day = date(2026, 12, 1)
    crossing = Crossing(BUSY, day, day + timedelta(days=1), day + timedelta(days=1))
    parts = explanation_parts(crossing)
    assert [p for p in parts if isinstance(p, dict)] == [{"on": "2026-12-01"}, {"from": "2026-12-02", "to": "2026-12-02"}]
    assert plain_text(parts) == explanation(crossing)
    assert "On Tue 1 Dec you had such a day, so pain is likely to be higher on Wed 2 Dec (pain about 0.9" in plain_text(parts)
    night = explanation_parts(Crossing(SHORT_NIGHTS, day, day + timedelta(days=1), day + timedelta(days=1)))
    assert {"night_before": "2026-12-01"} in night


def test_older_stored_explanations_are_read_back_into_days_from_the_alerts_own_dates():
    """Alerts stored before their days were kept say "Today … tomorrow" (the day they were
    sent) or "On Tue 1 Dec … on Wed 2 Dec": read back, their days come from the alert's columns."""
    day, first = date(2026, 12, 1), date(2026, 12, 2)
    tail = " (pain about 0.9 points higher; the pattern rests on 99 days). Your data also shows: More."
    for such, when in [("Today was such a day", "tomorrow"), ("Yesterday was such a day", "today"),
                       ("On Tue 1 Dec you had such a day", "on Wed 2 Dec"),
                       ("Last night was such a night", "the day after tomorrow"),
                       ("The night before Tue 1 Dec was such a night", "between Wed 2 Dec and Thu 3 Dec"),
                       ("The night before last was such a night", "in the next three days")]:
        text = f"From your own data: After days with more. {such}, so pain is likely to be higher {when}{tail}"
        parts = stored_parts(text, day, first, first)
        assert parts is not None, such
        assert parts[0] == "From your own data: After days with more. " and parts[-1] == tail
        assert parts[1] == ({"night_before": "2026-12-01"} if "night" in such else {"on": "2026-12-01"})
        assert parts[4] == {"from": "2026-12-02", "to": "2026-12-02"}
        assert plain_text(parts).endswith(f"so pain is likely to be higher on Wed 2 Dec{tail}")
    assert stored_parts("You had 3 short or broken nights in a row.", day, None, None) is None
