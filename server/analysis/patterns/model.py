"""Shared parts of the pattern searches: settings, the Pattern record, and one person's
factors and outcomes prepared once (pain controls, circular-shift spectra)."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import shifts
from ..wording import NIGHT_FACTORS
from ..daily import DailyRows
from ..load import LoadSeries

FDR_LEVEL = 0.05
MIN_PATTERN_DAYS = 90         # days with pain recorded before any pattern is looked for
# (fewer days give too few shifts for p-values at the level an FDR over ~60 tests needs)
MIN_FACTOR_DAYS = 30
MIN_MINORITY_SHARE = 0.10     # a factor must differ from its usual value on this share of days
MIN_FLARE_ONSETS = 8
LAGS = (0, 1, 2, 3)
DEPTHS = (1, 2, 3, 4)          # days of earlier pain an outcome is controlled for
COMBINATION_LAGS = (0, 1)
MIN_PAIN_EFFECT = 0.3         # pain points: smaller effects are not worth a person's attention
MIN_ODDS_RATIO = 1.3
MIN_PRECURSOR_SD = 0.2        # precursor shift in units of the factor's own spread
THRESHOLD_QUANTILES = np.linspace(0.10, 0.90, 17)
MIN_SIDE_DAYS = 12
MIN_COMBINATION_DAYS = 15
COMBINATION_P = 0.01          # a pair's max-T adjusted p must also be this small
STEP_SHAPE_T = 2.0            # a threshold's step must add this much (t) to a straight line
Z95 = 1.959964
#: A lag next to the one found is "poorly observed" below this share of the found lag's pairs
#: of days (or with too few to be tested at all): an effect there would leak into the found
#: lag through pain's day-to-day persistence and win, so the timing is told as a range.
#: (The leak shrinks an effect by pain's autocorrelation r, so it wins only where the
#: neighbour has fewer than r² of the pairs; r rarely passes 0.7.)
NEIGHBOUR_PAIR_SHARE = 0.5
MIN_TESTED_PAIRS = 10         # _slope's own floor: fewer pairs and a lag is not tested
#: Below this share of check-ins followed by one the next day, lags 1–3 are tested against
#: pain at the person's first check-in that many days later or after (``next_checkin``): a
#: daily logger (about 0.9) never is, someone who checks in every other day (about 0.2) is.
NEXT_CHECKIN_SHARE = 0.5
#: ... at most this many days from the lag's own day on (the outcome is 1 to 3 days later)
NEXT_CHECKIN_REACH = 3
NEXT_CHECK_IN, AT_LAG = "next_check_in", "lag"

#: Taken because of pain: same-day links would be the pain's doing, so lag 0 is never tested.
RESPONSE_FACTORS = frozenset({"nsaid_doses", "rest_breaks"})
#: For these, less is the notable direction: combinations flag their low end, and lagged
#: patterns are told (and their effect given) from the low end.
LESS_IS_NOTABLE = frozenset({"sleep_hours", "sleep_quality", "meal_regularity", "mood", "energy",
                             "hrv_sdnn", "hrv_rmssd"})
#: Different views of one behaviour: never paired with each other.
ACTIVITY_FAMILY = frozenset({"activity_minutes", "activity_effort", "acwr", "activity_spike", "steps"})
#: Built from activity by the load; as precursors they would repeat activity_minutes.
DERIVED_FACTORS = frozenset({"acwr", "activity_spike"})
NOT_FACTORS = frozenset({"pain_mean", "pain_max", "checkins", "flare"})
#: About last night: recorded before any of the day's pain it is compared with, so a
#: same-day link may be told as a cause (yesterday's pain, which could have broken the
#: night, is among the controls). Every other factor can be moved by the day's own pain
#: (a bad day raises stress, lowers mood and energy, cuts activity, brings doses and
#: breaks), so a same-day link with it says only that the two go together.
#: (The night factors, wording.NIGHT_FACTORS, which tells them from the night.)
RECORDED_BEFORE_THE_DAY = NIGHT_FACTORS
CAUSE, TOGETHER = "cause", "together"


@dataclass
class Pattern:
    """A finding as served by GET /api/insights/patterns (``p_value`` stays internal).

    ``effect``, its interval and ``direction`` are about the days the summary
    describes: the factor's high days, except for lagged patterns on
    LESS_IS_NOTABLE factors, which are told from the low end ("sleep of 6 hours or
    less"). "worse" means those days go with more pain or more flares (for
    precursors: the factor is higher before flares). ``effect`` is in pain points
    for pain, an odds ratio for flares, and in the factor's own unit for precursors.
    """

    kind: str
    factors: list[str]
    outcome: str
    lag_days: int
    direction: str
    threshold: dict | None
    effect: float
    ci_low: float
    ci_high: float
    n: int
    summary: str
    p_value: float
    q_value: float = float("nan")
    statistic: float = 0.0
    family: str = ""
    factor_sd: float = 0.0
    reportable: bool = True
    condition: dict = field(default_factory=lambda: {"all": []})
    lag_range: tuple[int, int] | None = None
    #: "lag": pain a fixed number of days later; "next_check_in": pain at the person's first
    #: check-in ``lag_days`` or more days later, which is within ``lag_range`` (sparse
    #: loggers, ``next_checkin``)
    timing: str = AT_LAG

    @property
    def span(self) -> tuple[int, int]:
        """(first, last) day after the factor the effect may show on: the lag itself unless
        the person's logging left the lags next to it poorly observed (see ``lag_span``)."""
        return self.lag_range or (self.lag_days, self.lag_days)

    @property
    def claim(self) -> str:
        """"cause" or "together" (see ``claim_for``)."""
        return claim_for(self.kind, self.factors, self.lag_days)

    def to_dict(self) -> dict:
        low, high = round(self.ci_low, 2), round(self.ci_high, 2)
        return {
            "kind": self.kind, "factors": list(self.factors), "outcome": self.outcome,
            "lag_days": self.lag_days, "direction": self.direction, "threshold": self.threshold,
            "effect": round(self.effect, 2), "ci_low": low, "ci_high": high,
            "interval": [low, high], "q_value": _round_p(self.q_value),
            "n": int(self.n), "n_days": int(self.n), "summary": self.summary,
            "claim": self.claim, "condition": self.condition,
            "lag_range": list(self.span), "lag_exact": self.span[0] == self.span[1],
            "timing": self.timing,
            # a night is kept on the day it ends: lag 0 is "the day after" the night, and the
            # app counts its days from the night, as the summary does (wording.pain_day)
            "counted_from": "night" if self.factors and all(
                name in RECORDED_BEFORE_THE_DAY for name in self.factors) else "day",
        }


def claim_for(kind: str, factors: list[str], lag: int) -> str:
    """"cause" when every factor was recorded before the pain it is compared with, else
    "together".

    A factor a day or more before the outcome precedes it (and the pain in between is
    controlled); on the same day only last night's sleep does. Precursors are warning
    signs — what changes before a flare — never causes.
    """
    if kind == "precursor":
        return TOGETHER
    if lag >= 1 or all(name in RECORDED_BEFORE_THE_DAY for name in factors):
        return CAUSE
    return TOGETHER


def lag_span(pairs: dict[int, float], lag: int) -> tuple[int, int]:
    """(first, last) lag the found ``lag``'s effect may really sit at, from the pairs of days
    (factor and outcome both observed) at each tested lag.

    Walks out from ``lag`` over neighbours with too few pairs (NEIGHBOUR_PAIR_SHARE): someone
    who checks in strictly every other day has no pairs 1 or 3 days apart, so a next-day
    effect shows only at 2 days, and "2 days later" would be a wrong claim about timing.
    A daily logger has about as many pairs at every lag: the span is the lag itself.
    """
    floor = max(MIN_TESTED_PAIRS, NEIGHBOUR_PAIR_SHARE * pairs.get(lag, 0.0))
    low = high = lag
    while low - 1 in pairs and pairs[low - 1] < floor:
        low -= 1
    while high + 1 in pairs and pairs[high + 1] < floor:
        high += 1
    return low, high


def term(name: str, op: str, value: float) -> dict:
    """One term of a pattern's ``condition``: the factor's value on one day against a cut."""
    return {"factor": name, "op": op, "value": round(float(value), 3)}


def _round_p(p: float) -> float:
    return float(f"{p:.2g}") if np.isfinite(p) else 1.0


@dataclass
class _Outcome:
    """Residual outcome per control depth (earlier days' pain partialled out), as spectra."""

    name: str
    values: np.ndarray
    valid: dict[int, np.ndarray]
    residual: dict[int, np.ndarray]
    spectra: dict[int, np.ndarray]  # depth -> (3, nfreq): valid, r*valid, r²*valid
    #: for pain at a next check-in (``next_checkin``): days from the factor's day to it
    distance: np.ndarray | None = None


@dataclass
class _Factor:
    name: str
    raw: np.ndarray
    mask: np.ndarray
    centred: np.ndarray
    spectra: np.ndarray  # (3, nfreq): mask, x, x²


@dataclass
class PatternData:
    """Everything the pattern searches share for one person; build with ``pattern_data``."""

    n: int
    data_days: int
    factors: dict[str, _Factor]
    outcomes: dict[str, _Outcome]
    onsets: np.ndarray
    flare: np.ndarray
    pain: np.ndarray
    extra: dict = field(default_factory=dict)
    #: pain at the next check-in, per factor day (sparse loggers only; ``next_checkin``)
    next_pain: dict[int, _Outcome] | None = None


def _carried(values: np.ndarray, max_gap: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """(values, carried): each missing day takes the last observed value before it, at most
    ``max_gap`` days back; ``carried`` is 1 on those days. Used for controls only.

    Only earlier days fill a gap, never later ones: a control filled from the outcome day
    (as interpolation would) makes the outcome a function of its own controls, and every
    lagged effect of a person who checks in every other day vanished that way.
    """
    idx = np.arange(len(values))
    last = np.maximum.accumulate(np.where(np.isfinite(values), idx, -1))
    reach = (last >= 0) & (idx - last <= max_gap)
    out = np.where(reach, values[np.maximum(last, 0)], np.nan)
    carried = (np.isnan(values) & reach).astype(float)
    return out, carried


def _shifted(values: np.ndarray, lag: int) -> np.ndarray:
    out = np.full(len(values), np.nan)
    out[lag:] = values[: len(values) - lag]
    return out


def control_design(pain: np.ndarray, flare: np.ndarray, depth: int, outcome: str) -> np.ndarray:
    """The controls of an outcome day, as columns: a constant, the pain of the ``depth``
    days before it (carried from earlier days over gaps, with a gap indicator and a slope
    of its own for carried values), and for flares, yesterday's flare. NaN where a control
    cannot be had."""
    n = len(pain)
    control, carried = _carried(pain)
    covariates = [_shifted(control, k) for k in range(1, depth + 1)]
    # a gap indicator per carried control: a carried value is a staler reading
    covariates += [_shifted(carried, k) for k in range(1, depth + 1)
                   if np.nansum(_shifted(carried, k)) > 0]
    # ... and its own slope: pain two days old says less about today than yesterday's
    covariates += [_shifted(control * carried, k) for k in range(1, depth + 1)
                   if np.nansum(_shifted(carried, k)) > 0]
    if outcome == "flare":
        covariates.append(np.nan_to_num(_shifted(flare, 1), nan=0.0))
    return np.column_stack([np.ones(n)] + covariates)


def _outcome(name: str, values: np.ndarray, pain: np.ndarray, flare: np.ndarray) -> _Outcome:
    valid, residual, spectra = {}, {}, {}
    for depth in DEPTHS:
        design = control_design(pain, flare, depth, name)
        ok = np.isfinite(values) & np.all(np.isfinite(design), axis=1)
        ok[: shifts.GUARD_DAYS] = False
        valid[depth], residual[depth], spectra[depth] = _residualised(values, design, ok)
    return _Outcome(name, values, valid, residual, spectra)


def _residualised(values: np.ndarray, design: np.ndarray, ok: np.ndarray):
    """The outcome's days in use (1/0), its residuals on the controls there (0 elsewhere,
    and everywhere when there are too few days to fit), and their spectra for the shifts."""
    r = np.zeros(len(values))
    if ok.sum() > design.shape[1] + 2:
        coef, *_ = np.linalg.lstsq(design[ok], values[ok], rcond=None)
        r[ok] = values[ok] - design[ok] @ coef
    v = ok.astype(float)
    return v, r, shifts.spectrum(np.stack([v, r * v, r * r * v]))


def next_checkin(pain: np.ndarray) -> dict[int, _Outcome] | None:
    """For a sparse logger, pain at their first check-in ``lag`` or more days after each day
    (at most NEXT_CHECKIN_REACH - 1 days beyond), residualised, indexed by the factor's day:
    {lag: outcome} for lags 1–3 — or None for someone who mostly checks in on consecutive
    days (NEXT_CHECKIN_SHARE), for whom the exact lags say it all.

    Someone who checks in every other day has a check-in the next day after only a fifth of
    theirs, so a next-day effect is tested on ~34 pairs a year, though nearly every
    check-in is followed by another 1–3 days later; 3 days later, on ~79. Taking the first
    check-in from that day on pools ~180 pairs at every lag: an effect that shows on day
    t + L persists in pain and is still there, smaller, a day or two later.
    The controls (never the outcome day, never a later one): the factor day's own pain
    (recorded with the factor; it blocks pain that drives the factor and persists), the
    last pain recorded before day t + L, the days from it to the outcome, with a slope of
    its own per gap (pain persists less over three days than over one), and how far past
    t + L the outcome is. ``valid``, ``residual`` and ``spectra`` are keyed by the days of
    earlier pain controlled: 0, or 1 for factors taken because of pain (yesterday's pain
    too, carried over a gap with its indicator, as the lags do).
    """
    n = len(pain)
    seen = np.isfinite(pain)
    days = np.flatnonzero(seen)
    if len(days) < 2 or np.sum(np.diff(days) == 1) >= NEXT_CHECKIN_SHARE * len(days):
        return None
    idx = np.arange(n)
    # first check-in on or after each day, and last check-in on or before it
    after = np.minimum.accumulate(np.where(seen, idx, n)[::-1])[::-1]
    before = np.maximum.accumulate(np.where(seen, idx, -1))
    yesterday, carried = _carried(pain)
    earlier = [_shifted(yesterday, 1), _shifted(carried, 1), _shifted(yesterday * carried, 1)]
    out = {}
    for lag in (1, 2, 3):
        target = idx + lag
        first = np.where(target < n, after[np.minimum(target, n - 1)], n)
        usable = seen & (first < n) & (first - target < NEXT_CHECKIN_REACH)
        first = np.where(usable, first, 0)
        last = np.where(usable, before[np.minimum(target - 1, n - 1)], 0)   # >= the day itself
        following = np.where(usable, pain[first], np.nan)
        latest = pain[last]
        gap = first - last
        late = first - target
        dummies = [(gap == g).astype(float) for g in range(2, lag + NEXT_CHECKIN_REACH)]
        dummies = [d for d in dummies if d[usable].any()]
        columns = [np.ones(n), pain, latest] + dummies + [latest * d for d in dummies]
        columns += [(late == k).astype(float) for k in range(1, NEXT_CHECKIN_REACH)]
        columns.append((last == idx).astype(float))
        valid, residual, spectra = {}, {}, {}
        for depth, extra in ((0, []), (1, earlier)):
            design = np.column_stack(columns + extra)
            ok = usable & np.all(np.isfinite(design), axis=1)
            valid[depth], residual[depth], spectra[depth] = _residualised(following, design, ok)
        out[lag] = _Outcome("pain", following, valid, residual, spectra,
                            distance=np.where(usable, first - idx, 0))
    return out


def _eligible(values: np.ndarray) -> bool:
    seen = values[np.isfinite(values)]
    if len(seen) < MIN_FACTOR_DAYS:
        return False
    _, counts = np.unique(seen, return_counts=True)
    minority = len(seen) - counts.max()
    return minority >= max(MIN_MINORITY_SHARE * len(seen), 8)


def _factor(name: str, values: np.ndarray) -> _Factor:
    mask = np.isfinite(values)
    centred = np.where(mask, values - np.nanmean(values), 0.0)
    spectra = shifts.spectrum(np.stack([mask.astype(float), centred, centred * centred]))
    return _Factor(name, values, mask, centred, spectra)


def _onsets(flare: np.ndarray) -> np.ndarray:
    """1 where a flare starts: a flare day whose last recorded day, one or two days
    before, was without one.

    A flare after a recorded flare and an unrecorded day (F ? F) may be one flare that ran
    through the gap; counting it would split one flare in two and put its "days before"
    in the middle of it. After a calm day and one unrecorded day (0 ? F) the flare began
    on the recorded day or in the gap: at most a day early, so it counts — without it
    someone who checks in every other day would have almost no onsets at all.
    """
    previous = _shifted(flare, 1)
    before = _shifted(flare, 2)
    calm_before = (previous == 0) | (np.isnan(previous) & (before == 0))
    return ((flare == 1) & calm_before).astype(float)


def fast_length(n: int) -> int:
    """The largest length <= n with no prime factor above 5, so the FFTs stay fast.

    The searches use the most recent that many days (at most ~4 % fewer).
    """
    for m in range(n, 0, -1):
        k = m
        for p in (2, 3, 5):
            while k % p == 0:
                k //= p
        if k == 1:
            return m
    return n


def pattern_data(rows: DailyRows, load: LoadSeries | None = None) -> PatternData:
    """Prepare factors and outcomes for the searches.

    Factors are every recorded check-in field (and ``custom.*``) that varies
    enough, plus two derived from activity: ``acwr`` (EWMA acute:chronic ratio)
    and ``activity_spike`` (today's load over the last 30 days' highest).
    """
    keep = fast_length(len(rows))
    cut = slice(len(rows) - keep, len(rows))
    pain, flare = rows.column("pain_mean")[cut], rows.column("flare")[cut]
    candidates = {k: v[cut] for k, v in rows.columns.items() if k not in NOT_FACTORS}
    if load is not None:
        candidates["acwr"] = load.acwr[cut]
        candidates["activity_spike"] = load.spike_ratio[cut]
    factors = {k: _factor(k, v) for k, v in sorted(candidates.items()) if _eligible(v)}
    outcomes = {"pain": _outcome("pain", pain, pain, flare)}
    onsets = _onsets(flare)
    if onsets.sum() >= MIN_FLARE_ONSETS:
        outcomes["flare"] = _outcome("flare", flare, pain, flare)
    return PatternData(
        n=keep, data_days=int(np.isfinite(rows.column("pain_mean")).sum()), factors=factors,
        outcomes=outcomes, onsets=onsets, flare=flare, pain=pain, next_pain=next_checkin(pain),
    )


def _binary(values: np.ndarray) -> bool:
    seen = values[np.isfinite(values)]
    return bool(np.all(np.isin(seen, (0.0, 1.0))))


def _nice(value: float) -> float:
    return round(value, 1) if abs(value) < 20 else float(round(value))


def _spread(values: np.ndarray) -> float:
    """Standard deviation of the finite values; NaN (never a warning) with fewer than two."""
    finite = values[np.isfinite(values)]
    return float(np.std(finite)) if len(finite) >= 2 else float("nan")
