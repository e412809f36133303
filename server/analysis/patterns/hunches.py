"""A hunch the person names beforehand: one pre-specified test, no search.

The pair search (combinations.py) looks at every pair and lag and pays for it (max-T, then
p ≤ 0.01 inside the person's false-discovery control), which leaves a planted pair found in
about half of one-year patients. A pair, or a single factor, the person names is one
hypothesis with its direction and timing fixed in advance: tested alone, at p ≤ 0.05
one-sided, with the same notable days, pain controls and circular-shift null as the
searches (reused, not copied). Hunches are their own pre-registered family, never entered
into the search's Benjamini–Hochberg: the person chose them, the engine did not.
(docs/analysis.md, "Hunches")
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from .. import shifts, wording
from ..daily import AVERAGED, LAST, MAXIMUM, SUMMED
from .combinations import _notable, _pair_stats
from .model import (
    MIN_COMBINATION_DAYS, MIN_PATTERN_DAYS, RECORDED_BEFORE_THE_DAY, RESPONSE_FACTORS,
    PatternData, _factor, _spread,
)
from .regression import _controls, _depth, _lag_sums, _slope

HUNCH_P = 0.05                 # one-sided, in the named direction: one test, nothing searched
HUNCH_Z = 1.644854             # the 90 % interval: its near end clears 0 where the test would
POWER_Z = 1.644854 + 0.841621  # one-sided 5 % test with 80 % power
DETECTABLE_EFFECT = 1.0        # pain points: "about M more days would most likely show …"
MAX_HUNCH_FACTORS = 2
AGREE, NOT_SEEN, NOT_ENOUGH = "agree", "not_seen", "not_enough"
DIRECTIONS = ("worse", "better")
#: What a hunch can name: every check-in field the analysis reads as a factor, the days a
#: phone or watch imports, and the person's own trackers ("custom.<key>").
NAMEABLE = frozenset(SUMMED + LAST + AVERAGED + MAXIMUM + ("late_meal", "steps",
                                                           "resting_heart_rate", "hrv_sdnn",
                                                           "hrv_rmssd"))
_CUSTOM = re.compile(r"^custom\.[a-z][a-z0-9_]{0,39}$")


def nameable(name: str) -> bool:
    """Whether ``name`` is a factor a hunch can name."""
    return name in NAMEABLE or bool(_CUSTOM.match(name))


def choice_label(name: str) -> str:
    """How a factor's notable end reads in the picker: "Short sleep", "A late meal"."""
    text = wording.notable(name)
    return text[:1].upper() + text[1:]


@dataclass
class HunchResult:
    """What the person's data say about one hunch (``p_value`` stays internal)."""

    factors: list[str]
    direction: str
    status: str
    text: str
    lag_days: int
    effect: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    n_days: int = 0
    more_days: int | None = None
    p_value: float = 1.0
    since_named: dict | None = field(default=None)

    def to_dict(self) -> dict:
        def r(v):
            return None if v is None else round(float(v), 2)
        return {"factors": list(self.factors), "direction": self.direction,
                "status": self.status, "text": self.text, "lag_days": self.lag_days,
                "effect": r(self.effect), "interval": None if self.ci_low is None
                else [r(self.ci_low), r(self.ci_high)], "n_days": int(self.n_days),
                "more_days": self.more_days, "since_named": self.since_named}


def hunch_lag(factors: list[str]) -> int:
    """The first day tested, fixed in advance: the first day whose pain comes wholly after
    every named factor was recorded. Last night's sleep comes before the day's pain (lag 0,
    the day the night ends); anything lived during a day, the day after (lag 1). Never a
    same-day link with something the day's pain can move, so never a reverse-causal one."""
    return 0 if all(name in RECORDED_BEFORE_THE_DAY for name in factors) else 1


#: Days a single factor's hunch covers, from its first day (our choice, as the lagged search
#: looks up to 3 days on): "busy days make my pain worse" means within a few days, and the
#: demo's busy days show two days later, which a test of the next day alone called "not seen"
#: while Patterns told the person the opposite. A pair keeps the one day of the pair search.
SINGLE_SPAN = 3


def hunch_lags(factors: list[str]) -> list[int]:
    """The days after the factor(s) whose pain is tested, fixed before the data are seen."""
    first = hunch_lag(factors)
    return list(range(first, first + (SINGLE_SPAN if len(factors) == 1 else 1)))


def judge_hunch(data: PatternData, factors: list[str], direction: str,
               since: int | None = None) -> HunchResult:
    """The hunch "the notable end of ``factors`` (together, for two) makes pain the next
    day ``direction``" ("worse" or "better") as one test on ``data``.

    ``since``: use only days from this index on (the days after the hunch was named).
    """
    lags = hunch_lags(factors)
    blank = HunchResult(list(factors), direction, NOT_ENOUGH, "", lags[0])
    missing = [name for name in factors if name not in data.factors]
    if missing:
        blank.text = _not_logged(missing)
        return blank
    flags = [_notable(name, data.factors[name].raw) for name in factors]
    if any(f is None for f in flags):
        blank.text = _not_logged([n for n, f in zip(factors, flags) if f is None])
        return blank
    seen = np.logical_and.reduce([data.factors[name].mask for name in factors])
    if since is not None:
        seen[:max(since, 0)] = False
    bases = shifts.null_bases(data.n, max(lags))
    flagged = int((np.logical_and.reduce(flags) & seen).sum())
    if (data.data_days < MIN_PATTERN_DAYS or len(bases) < 20
            or min(flagged, int(seen.sum()) - flagged) < MIN_COMBINATION_DAYS):
        blank.n_days = flagged
        blank.text = _too_few_days(len(factors), flagged)
        return blank
    if len(factors) == 1:
        effects, stats, counts = _single(data, factors[0], flags[0], seen, lags, bases)
    else:
        effects, stats, counts = _pair(data, factors, flags, seen, lags[0], bases)
    sign = 1.0 if direction == "worse" else -1.0
    observed = np.array([sign * stats[i][lag] for i, lag in enumerate(lags)])
    if not np.isfinite(observed).any():
        blank.n_days = max(counts)
        blank.text = _too_few_days(len(factors), blank.n_days)
        return blank
    best = int(np.nanargmax(observed))
    lag = lags[best]
    # The null is the same one-sided maximum over the days covered, at every shift: the
    # day with the largest effect was chosen, so the test and the interval pay for it.
    null = np.stack([sign * stats[i][bases + k] for i, k in enumerate(lags)])
    null = np.nan_to_num(null, nan=-np.inf).max(axis=0)
    p = shifts.tail_p_value(float(observed[best]), null)
    # one day: the single test's 1.645; several: the 95th percentile of their maximum's null
    reach = HUNCH_Z if len(lags) == 1 else shifts.search_quantile(null, floor=HUNCH_Z)
    effect, spread = float(effects[best][lag]), _spread(effects[best][bases + lag])
    low, high = effect - reach * spread, effect + reach * spread
    # "agree" needs the shift test and the interval shown beside it to say the same: an
    # agreement whose own interval reached "no difference" would contradict itself
    near = low if sign > 0 else -high
    agrees = p <= HUNCH_P and near > 0
    result = HunchResult(list(factors), direction, AGREE if agrees else NOT_SEEN, "",
                         lag, effect, low, high, counts[best], p_value=p)
    if result.status == NOT_SEEN:
        result.lag_days = lags[0]
        needed = result.n_days * (spread * POWER_Z / DETECTABLE_EFFECT) ** 2
        result.more_days = max(0, int(math.ceil(needed - result.n_days)))
    result.text = _told(result, lags)
    return result


def _single(data: PatternData, name: str, flag: np.ndarray, seen: np.ndarray,
            lags: list[int], bases: np.ndarray):
    """The lagged test's regression (pain controlled for the days between), with the
    factor's notable days as a yes/no factor, at each lag: coefficients and standardised t
    per lag and shift, and the days each lag rests on."""
    factor = _factor(name, np.where(seen, flag.astype(float), np.nan))
    outcome = data.outcomes["pain"]
    sums = _lag_sums(data, factor, outcome, lags)
    on = (flag & seen).astype(float)
    off = ((~flag) & seen).astype(float)
    coefs, raw, counts = [], [], []
    for i, lag in enumerate(lags):
        coef, t = _slope(sums[i], _controls(_depth(lag, name), "pain"))
        valid = outcome.valid[_depth(lag, name)]
        if min(_paired(valid, on, lag), _paired(valid, off, lag)) < MIN_COMBINATION_DAYS:
            t = np.full_like(t, np.nan)
        coefs.append(coef)
        raw.append(t)
        counts.append(int(_paired(valid, on, lag)))
    return coefs, shifts.standardised(np.stack(raw), lags, bases), counts


def _pair(data: PatternData, factors: list[str], flags, seen: np.ndarray, lag: int,
          bases: np.ndarray):
    """The combination search's "both" test for one pair at one lag: the both-days term on
    top of each factor's own notable days (shaped as one lag of _single's answer)."""
    responsive = next((n for n in factors if n in RESPONSE_FACTORS), "")
    stats, coefs, boths = _pair_stats(data, data.outcomes["pain"], flags[0][None],
                                      flags[1][None], seen[None], [lag], controls_for=responsive)
    standard = shifts.standardised(stats, [lag], bases)
    return [coefs[0, 0]], [standard[0, 0]], [int(round(boths[0, 0, lag]))]


def _paired(valid: np.ndarray, on: np.ndarray, lag: int) -> float:
    """Days flagged in ``on`` whose day ``lag`` later has pain to compare."""
    return float((valid[lag:] * on[: len(on) - lag]).sum())


def _what(factors: list[str]) -> str:
    if len(factors) == 1:
        return wording.notable(factors[0])
    a, b = (wording.notable(n) for n in factors)
    return f"both {a} and {b} on one day"


def _told(result: HunchResult, lags: list[int]) -> str:
    what = _what(result.factors)
    if result.status == NOT_SEEN:
        both = "with both" if len(result.factors) == 2 else f"with {what}"
        within = ("" if len(lags) == 1 else
                  f", looking at {wording.pain_day(result.factors, lags[0])} to {wording.pain_day(result.factors, lags[-1])}")
        # 80 % power: such days find a 1-point effect four times in five, not surely
        more = (f"about {result.more_days} more days {both} would most likely show an effect "
                "of 1 point, if there is one"
                if result.more_days else "an effect of 1 point would most likely have shown "
                "by now")
        return f"Not seen in your data so far ({result.n_days} days {both}{within}; {more})."
    way = "higher" if result.effect > 0 else "lower"
    apart = ("than the two apart would explain" if len(result.factors) == 2
             else "than otherwise")
    turn = 1.0 if result.effect > 0 else -1.0     # the interval told the way the effect is
    low, high = sorted((turn * result.ci_low, turn * result.ci_high))
    return (f"Your data agree: after {what}, your pain {wording.pain_day(result.factors, result.lag_days)} "
            f"averaged {abs(result.effect):.1f} points {way} {apart} (likely between "
            f"{low:.1f} and {high:.1f} points; {result.n_days} days).")


def _not_logged(names: list[str]) -> str:
    plain = " and ".join(wording.label(n)[0] for n in names)
    return (f"Not enough days yet: {plain} needs at least 30 days logged, with at least a "
            "tenth of them different from the usual.")


def _too_few_days(count: int, n: int) -> str:
    if count == 2:
        return (f"Not enough days yet: this needs {MIN_PATTERN_DAYS} days with pain, and at "
                f"least {MIN_COMBINATION_DAYS} days with both followed by a check-in "
                f"({n} so far), and as many with each alone.")
    return (f"Not enough days yet: this needs {MIN_PATTERN_DAYS} days with pain, and at least "
            f"{MIN_COMBINATION_DAYS} days with it followed by a check-in ({n} so far), and as "
            "many without.")
