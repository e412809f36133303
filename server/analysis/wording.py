"""Plain-language summaries of patterns: what a person reads on the insights page and the PDF.

Pure string building from numbers the searches already chose. Each factor has its own
phrases, so units read naturally ("7 hours' sleep or less", "more than 1 night waking",
"a day more than 10% longer than your longest of the previous 30 days").
"""
from __future__ import annotations

#: A factor's plain name and unit, for charts and fallbacks.
LABELS = {
    "stress": ("stress", "points"), "mood": ("mood", "points"), "energy": ("energy", "points"),
    "sleep_hours": ("sleep", "hours"), "sleep_quality": ("sleep quality", "points"),
    "night_wakings": ("night wakings", "wakings"),
    "activity_minutes": ("activity", "minutes"), "activity_effort": ("activity effort", "points"),
    "rest_breaks": ("rest breaks", "breaks"), "nsaid_doses": ("NSAID doses", "doses"),
    "meal_regularity": ("meal regularity", "points"), "late_meal": ("a late meal", ""),
    "alcohol_units": ("alcohol", "units"), "breathing_minutes": ("breathing practice", "minutes"),
    "mindfulness_minutes": ("mindfulness", "minutes"),
    "acwr": ("recent activity against your usual (acute:chronic ratio)", "×"),
    "activity_spike": ("activity against your longest day of the previous 30 days", "×"),
    "pain": ("pain", "points"),
    # Recorded by a phone or watch and imported (docs/health-import.md).
    "steps": ("steps", "steps"), "resting_heart_rate": ("resting heart rate", "beats per minute"),
    "hrv_sdnn": ("heart rate variability (SDNN)", "ms"),
    "hrv_rmssd": ("heart rate variability (RMSSD)", "ms"),
}

#: Counted things: (singular, plural, what follows the number) — "2 rest breaks".
_COUNTS = {
    "night_wakings": ("night waking", "night wakings", ""),
    "rest_breaks": ("rest break", "rest breaks", ""),
    "nsaid_doses": ("NSAID dose", "NSAID doses", ""),
    "alcohol_units": ("unit", "units", " of alcohol"),
    "activity_minutes": ("minute", "minutes", " of activity"),
    "breathing_minutes": ("minute", "minutes", " of breathing practice"),
    "mindfulness_minutes": ("minute", "minutes", " of mindfulness"),
}
#: Counted in whole numbers: "or fewer" rather than "or less".
_WHOLE = frozenset({"night_wakings", "rest_breaks", "nsaid_doses"})
#: What "any" of a counted thing reads as, when every other day has none.
_ANY = {
    "night_wakings": "at least one night waking", "rest_breaks": "at least one rest break",
    "nsaid_doses": "at least one NSAID dose", "alcohol_units": "any alcohol",
    "activity_minutes": "any activity", "breathing_minutes": "any breathing practice",
    "mindfulness_minutes": "any mindfulness",
}
#: A factor's notable end in a pair ("short sleep and high stress").
_NOTABLE = {
    "sleep_hours": "short sleep", "sleep_quality": "poor sleep", "mood": "low mood",
    "energy": "low energy", "meal_regularity": "irregular meals", "stress": "high stress",
    "night_wakings": "a broken night", "activity_minutes": "a lot of activity",
    "activity_effort": "hard effort", "alcohol_units": "more alcohol than usual",
    "late_meal": "a late meal", "breathing_minutes": "more breathing practice than usual",
    "mindfulness_minutes": "more mindfulness than usual",
    "steps": "a lot of steps", "resting_heart_rate": "a raised resting heart rate",
    "hrv_sdnn": "low heart rate variability", "hrv_rmssd": "low heart rate variability",
}


def label(name: str) -> tuple[str, str]:
    """A factor's plain name and unit."""
    if name.startswith("custom."):
        return name.split(".", 1)[1].replace("_", " "), "points"
    return LABELS.get(name, (name.replace("_", " "), ""))


def number(value: float) -> str:
    """A value as people write it: 7, 7.5, 47 (no trailing .0)."""
    return f"{value:g}" if abs(value) < 20 else f"{value:.0f}"


def _counted(name: str, value: float) -> str:
    one, many, tail = _COUNTS[name]
    return f"{number(value)} {one if value == 1 else many}{tail}"


def _hours(value: float) -> str:
    return f"{number(value)} hour's" if value == 1 else f"{number(value)} hours'"


def days_above(name: str, cut: float, lowest: float) -> str:
    """The days when a factor was above ``cut`` ("days with more than 2 rest breaks").

    ``lowest`` is the smallest value recorded: a cut at a zero minimum reads "any".
    """
    plain, _ = label(name)
    if name == "activity_spike":
        if cut >= 1:
            more = round((cut - 1) * 100)
            return ("days longer than your longest of the previous 30 days" if more == 0 else
                    f"days more than {more}% longer than your longest of the previous 30 days")
        return f"days with more than {round(cut * 100)}% of your longest day's activity in the previous 30 days"
    if name == "acwr":
        return (f"days when your past week's activity ran above {number(cut)}× your usual "
                f"(acute:chronic ratio)")
    if name in _COUNTS:
        if cut <= lowest == 0:
            return f"days with {_ANY[name]}"
        return f"days with more than {_counted(name, cut)}"
    if name == "sleep_hours":
        return f"days with more than {_hours(cut)} sleep"
    return f"days with {plain} above {number(cut)}"


def days_at_most(name: str, cut: float) -> str:
    """The days when a factor was at or below ``cut`` ("days with 7 hours' sleep or less")."""
    plain, _ = label(name)
    if name == "sleep_hours":
        return f"days with {_hours(cut)} sleep or less"
    if name in _COUNTS:
        return f"days with {_counted(name, cut)} or {'fewer' if name in _WHOLE else 'less'}"
    return f"days with {plain} of {number(cut)} or less"


def days_with(name: str) -> str:
    """The days a yes/no factor was yes ("days with a late meal")."""
    return f"days with {label(name)[0]}"


def _when(lag: int, span: tuple[int, int] | None = None) -> str:
    if _ranged(lag, span):
        return f"{span[0]} to {span[1]} days later"
    return {1: "the next day"}.get(lag, f"{lag} days later")


def _ranged(lag: int, span: tuple[int, int] | None) -> bool:
    """Whether the timing is told as a range: the person's logging left the lags next to
    ``lag`` poorly observed (Pattern.lag_range), so it cannot be told which day it is."""
    return span is not None and span != (lag, lag)


def timing_note(lag: int, span: tuple[int, int] | None) -> str:
    """Why a timing is a range, as a sentence to follow the summary ("" when it is exact)."""
    if not _ranged(lag, span):
        return ""
    others = [str(k) for k in range(span[0], span[1] + 1) if k != lag]
    apart = " or ".join(others) + (" day" if others == ["1"] else " days")
    return (f" Few of your check-ins are {apart} apart, so which of these days it shows on "
            "can't be told.")


def at_check_in(lag: int, span: tuple[int, int], night: bool = False) -> str:
    """When a sparse logger's pain was compared (Pattern.timing "next_check_in"): "1 to 3
    days later (at your next check-in)", "1 to 4 days later (at your first check-in 2 or
    more days later)"; from a night, counted from the night ("two to four days after")."""
    first, last = span
    if night:
        words = [COUNT_WORDS.get(k + 1, k + 1) for k in (first, last, lag)]
        return (f"{words[0]} to {words[1]} days after (at your first check-in {words[2]} or "
                "more days after the night)")
    which = "your next check-in" if lag == 1 else f"your first check-in {lag} or more days later"
    return f"{first} to {last} days later (at {which})"


def check_in_note(lag: int, night: bool = False) -> str:
    """Why the timing of a "next check-in" pattern is a range, as a sentence to follow it."""
    since = "each night" if night else "each day"
    gap = lag + night
    which = ("the check-in that followed it" if gap == 1
             else f"the first check-in {COUNT_WORDS.get(gap, gap)} or more days after it")
    return (f" With days between your check-ins, {since} was compared with {which}, so "
            "which of these days it shows on can't be told.")


#: About last night: a night is kept on the day it ends (its lag 0 is the day after it), and
#: is told from the night, as the Insights screen tells it (docs/insights.md).
NIGHT_FACTORS = frozenset({"sleep_hours", "sleep_quality", "night_wakings"})
#: Small counts of days spelled out, for every sentence that counts days (alerts, Patterns).
COUNT_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def as_nights(days: str) -> str:
    """The described days as the nights before them: "days with 7 hours' sleep or less" ->
    "nights of 7 hours' sleep or less", "days with more than 2 night wakings" -> "nights with
    more than 2 night wakings"."""
    rest = days.removeprefix("days with ")
    return ("nights of " if "sleep" in rest and "quality" not in rest else "nights with ") + rest


def _after_night(lag: int, span: tuple[int, int] | None = None) -> str:
    """When, counted from the night: lag 0 is "the day after", lag 1 "two days after"; a
    range (lags 1–3) "two to four days after"."""
    if _ranged(lag, span):
        first, last = (COUNT_WORDS.get(k + 1, k + 1) for k in span)
        return f"{'one' if span[0] == 0 else first} to {last} days after"
    return "the day after" if lag == 0 else f"{COUNT_WORDS.get(lag + 1, lag + 1)} days after"


def pain_day(names: list[str], lag: int) -> str:
    """The day whose pain is meant, counted as the patterns count it: from the night for
    sleep ("the day after", "two days after"), else from the day ("that day", "the next
    day", "2 days later")."""
    if names and all(name in NIGHT_FACTORS for name in names):
        return _after_night(lag)
    return "that day" if lag == 0 else _when(lag)


def _same_day_or_later(lag: int, span: tuple[int, int] | None) -> str:
    """A same-day link whose next days were poorly observed: ", that day or the next"."""
    if not _ranged(lag, span):
        return ""
    return ", that day or the next" if span[1] == 1 else f", that day or up to {span[1]} days after"


#: An odds ratio whose likely range spans more than this factor (upper over lower end) is
#: told as that range, not as one figure (our choice). "The odds of a flare the next day were
#: 23.1 times those after other days", on 14 flares with a likely range of 1.8 to 300, claimed
#: a precision the flares cannot give; every flare finding of 40 planted patients (a year of
#: check-ins, tests/analysis/patients.py) had a range wider than fourfold.
WIDE_ODDS = 4.0


def _odds(ratio: float, lag: int, night: bool = False,
          interval: tuple[float, float] | None = None) -> str:
    other = "after other nights" if night else "on other days" if lag == 0 else "after other days"
    if interval and wide_odds(*interval):
        low, high = interval
        if ratio >= 1:
            return (f"higher than {other} (likely between {figure(low)} and {figure(high)} "
                    "times as high: too few flares to say more closely)")
        return (f"lower than {other} (likely between {_percent(low)}% and {_percent(high)}% "
                "of theirs: too few flares to say more closely)")
    if ratio >= 1:
        return f"{ratio:.1f} times those {other}"
    # "2.5 times lower" is a phrase a reader has to invert in their head, and many read it
    # wrongly; a share of the other days' odds says the same thing plainly.
    return f"about {_percent(ratio)}% of those {other}"


def wide_odds(low: float, high: float) -> bool:
    """Whether an odds ratio's likely range is too wide for one figure (WIDE_ODDS)."""
    return low > 0 and high / low > WIDE_ODDS


def figure(value: float) -> str:
    """Two significant figures, as an interval this wide supports: 1.0, 1.8, 21, 300."""
    rounded = float(f"{value:.2g}")
    return f"{rounded:.1f}" if rounded < 10 else f"{rounded:.0f}"


def _percent(ratio: float) -> int:
    """A ratio under 1 as a whole percentage, at least 1 (never "0% of those")."""
    return max(1, round(ratio * 100))


def _two_way(names: list[str]) -> str:
    """Why a same-day link is no cause: pain can move the factor as much as the reverse."""
    plain = " and ".join(label(name)[0] for name in names)
    return (f"Pain can change {plain} on the same day too, so this says they go together, "
            "not that one causes the other.")


def pain_summary(days: str, lag: int, effect: float, together: bool = False,
                 names: list[str] | None = None, span: tuple[int, int] | None = None,
                 next_check_in: bool = False) -> str:
    """Pain on the described days (lag 0), or ``lag`` days after them, against other days.

    ``together``: a same-day link with a factor pain can move (``names``), told as going
    together, never as a cause. A night factor's days are told as the nights before them,
    and the lag from the night ("After nights of 6 hours' sleep or less, your pain two days
    after …"): "the next day" read as the day right after the night, a day early.
    ``span``: the (first, last) lag the effect may sit at (Pattern.span); wider than the lag
    itself, the timing is told as that range with the reason (``timing_note``).
    ``next_check_in``: a sparse logger's pain at their first check-in ``lag`` or more days
    later (Pattern.timing), told as just that (``at_check_in``).
    """
    way = "higher" if effect > 0 else "lower"
    size = f"{abs(effect):.1f} points {way}"
    if next_check_in:
        night = _night(names, together)
        after = f"After {as_nights(days)}" if night else f"After {days}"
        other = "other nights" if night else "other days"
        return (f"{after}, your pain {at_check_in(lag, span, night)} averaged {size} than "
                f"after {other}." + check_in_note(lag, night))
    note = timing_note(lag, span)
    if _night(names, together):
        return (f"After {as_nights(days)}, your pain {_after_night(lag, span)} averaged {size} "
                "than after other nights." + note)
    if together:
        return (f"{days[0].upper()}{days[1:]} went together with pain {size} than other days"
                f"{_same_day_or_later(lag, span)}. " + _two_way(names or []) + note)
    if lag == 0:
        return (f"On {days}{_same_day_or_later(lag, span)}, your pain averaged {size} than on "
                "other days." + note)
    return (f"After {days}, your pain {_when(lag, span)} averaged {size} than after other "
            "days." + note)


def flare_summary(days: str, lag: int, ratio: float, together: bool = False,
                  names: list[str] | None = None, span: tuple[int, int] | None = None,
                  interval: tuple[float, float] | None = None) -> str:
    """The odds of a flare on or after the described days against other days (a night
    factor's: after the nights before them, as ``pain_summary``; ``span`` as there).
    ``interval``: the odds ratio's likely range; wider than WIDE_ODDS, it is told instead of
    the ratio."""
    note = timing_note(lag, span)
    if _night(names, together):
        return (f"After {as_nights(days)}, the odds of a flare {_after_night(lag, span)} were "
                f"{_odds(ratio, lag, True, interval)}." + note)
    if together:
        return (f"{days[0].upper()}{days[1:]} went together with odds of a flare "
                f"{_odds(ratio, 0, False, interval)}{_same_day_or_later(lag, span)}. "
                + _two_way(names or []) + note)
    if lag == 0:
        return (f"On {days}{_same_day_or_later(lag, span)}, the odds of a flare were "
                f"{_odds(ratio, lag, False, interval)}." + note)
    return (f"After {days}, the odds of a flare {_when(lag, span)} were "
            f"{_odds(ratio, lag, False, interval)}." + note)


def _night(names: list[str] | None, together: bool) -> bool:
    return not together and bool(names) and len(names) == 1 and names[0] in NIGHT_FACTORS


def notable(name: str) -> str:
    """A factor's notable end, for pairs ("short sleep", "high stress")."""
    if name in _NOTABLE:
        return _NOTABLE[name]
    plain, _ = label(name)
    # "more … than usual" reads right for any count or rating a person tracks
    # ("more hydration glasses than usual"); "a lot of hydration glasses" did not
    return f"more {plain} than usual"


def combination_summary(names: list[str], lag: int, effect: float,
                        together: bool = False) -> str:
    """Two factors together, beyond what each does apart (``together``: a same-day link
    pain itself may drive, told as going together)."""
    a, b = (notable(n) for n in names)
    way = "higher" if effect > 0 else "lower"
    size = f"{abs(effect):.1f} points {way} than the two apart would explain"
    if together:
        return f"Days with both {a} and {b} went together with pain {size}. " + _two_way(names)
    if lag == 0:
        return f"On days with both {a} and {b}, your pain was {size}."
    return f"After days with both {a} and {b}, your pain {_when(lag)} was {size}."


def _shift(name: str, effect: float, binary: bool) -> str:
    """The precursor's difference as a clause: "you slept on average 0.8 hours less"."""
    up = effect > 0
    if binary:
        return (f"{label(name)[0]} was {abs(effect) * 100:.0f} percentage points "
                f"{'more' if up else 'less'} common")
    size = round(abs(effect)) if name.endswith("minutes") else round(abs(effect), 1)
    more = "more" if up else "less"
    if name == "sleep_hours":
        return f"you slept on average {number(size)} hour{'' if size == 1 else 's'} {more}"
    if name == "night_wakings":
        return f"you woke on average {number(size)} {'more' if up else 'fewer'} times a night"
    if name == "activity_minutes":
        return f"you were active on average {number(size)} minutes {more} a day"
    if name == "alcohol_units":
        unit = "unit" if size == 1 else "units"
        return f"you drank on average {number(size)} {unit} of alcohol {more} a day"
    if name in ("breathing_minutes", "mindfulness_minutes"):
        return f"you did on average {number(size)} minutes {more} {label(name)[0]} a day"
    plain, unit = label(name)
    points = "point" if size == 1 else "points"
    amount = f"{number(size)} {points}" if unit == "points" else f"{number(size)} {unit}".strip()
    return f"your {plain} was on average {amount} {'higher' if up else 'lower'}"


def precursor_summary(name: str, effect: float, binary: bool = False) -> str:
    """What differed in the 3 days before flares, against other days without a flare."""
    return f"In the 3 days before a flare, {_shift(name, effect, binary)} than on other days without a flare."
