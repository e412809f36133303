"""Personal patterns with honest statistics: lagged, threshold, combination and precursor.

How it stays honest (details in docs/analysis.md):
- each outcome day is compared with the pain of the days between the factor and
  the outcome (at least the previous day), so autocorrelation and pain that
  drives the factor (NSAIDs taken because of pain) do not pass for effects;
  factors taken in response to pain are never tested on the same day;
- p-values come from circular shifts of the factor series (autocorrelation kept),
  and every search — over lags, cut points and pairs — is repeated inside each
  shift, so the best-looking result is judged against the best-looking nulls;
- Benjamini–Hochberg runs across everything tested for the person;
- nothing is said below a minimum of data, or for effects too small to matter.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations as pairs_of

import numpy as np

from . import shifts, wording
from .daily import DailyRows
from .load import LoadSeries

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

    def to_dict(self) -> dict:
        return {
            "kind": self.kind, "factors": list(self.factors), "outcome": self.outcome,
            "lag_days": self.lag_days, "direction": self.direction, "threshold": self.threshold,
            "effect": round(self.effect, 2), "ci_low": round(self.ci_low, 2),
            "ci_high": round(self.ci_high, 2), "q_value": _round_p(self.q_value),
            "n": int(self.n), "summary": self.summary,
        }


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


def _interpolated(values: np.ndarray, max_gap: int = 2) -> np.ndarray:
    """Linear interpolation across gaps of at most ``max_gap`` days; used for controls only."""
    known = np.flatnonzero(np.isfinite(values))
    out = values.copy()
    if len(known) < 2:
        return out
    idx = np.arange(len(values))
    filled = np.interp(idx, known, values[known])
    nxt = np.searchsorted(known, idx)
    prev_known = known[np.clip(nxt - 1, 0, len(known) - 1)]
    next_known = known[np.clip(nxt, 0, len(known) - 1)]
    short = (next_known - prev_known <= max_gap + 1) & (idx > known[0]) & (idx < known[-1])
    gaps = np.isnan(values) & short
    out[gaps] = filled[gaps]
    return out


def _shifted(values: np.ndarray, lag: int) -> np.ndarray:
    out = np.full(len(values), np.nan)
    out[lag:] = values[: len(values) - lag]
    return out


def _outcome(name: str, values: np.ndarray, pain: np.ndarray, flare: np.ndarray) -> _Outcome:
    control = _interpolated(pain)
    valid, residual, spectra = {}, {}, {}
    n = len(values)
    for depth in DEPTHS:
        covariates = [_shifted(control, k) for k in range(1, depth + 1)]
        if name == "flare":
            covariates.append(np.nan_to_num(_shifted(flare, 1), nan=0.0))
        design = np.column_stack([np.ones(n)] + covariates)
        ok = np.isfinite(values) & np.all(np.isfinite(design), axis=1)
        ok[: shifts.GUARD_DAYS] = False
        r = np.zeros(n)
        if ok.sum() > design.shape[1] + 2:
            coef, *_ = np.linalg.lstsq(design[ok], values[ok], rcond=None)
            r[ok] = values[ok] - design[ok] @ coef
        v = ok.astype(float)
        valid[depth], residual[depth] = v, r
        spectra[depth] = shifts.spectrum(np.stack([v, r * v, r * r * v]))
    return _Outcome(name, values, valid, residual, spectra)


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
    """1 where a flare starts: a flare day whose day before was recorded without one.

    A flare after a day nobody recorded may be the second day of one that began in
    the gap; counting it would split one flare in two and put its "days before" in
    the middle of it.
    """
    previous = _shifted(flare, 1)
    return ((flare == 1) & (previous == 0)).astype(float)


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
        outcomes=outcomes, onsets=onsets, flare=flare, pain=pain,
    )


# --- regression sums for every shift -------------------------------------------------------

def _lag_sums(data: PatternData, factor: _Factor, outcome: _Outcome, lags) -> np.ndarray:
    """Sums for regressing the residual on the factor, for each lag and every shift.

    Returns (len(lags), 6, n): Sw, Sx, Sxx, Sr, Srr, Sxr.
    """
    a = np.stack([outcome.spectra[_depth(lag, factor.name)] for lag in lags])  # (L, 3, f)
    outcome_side = a[:, [0, 0, 0, 1, 2, 1]]
    factor_side = factor.spectra[[0, 1, 2, 0, 0, 1]]
    return shifts.cross_sums(outcome_side, factor_side[None], data.n)


def _slope(sums: np.ndarray, controls: int) -> tuple[np.ndarray, np.ndarray]:
    """Slope and its t statistic from the sums of _lag_sums (last axis: shifts)."""
    sw, sx, sxx, sr, srr, sxr = (sums[..., i, :] for i in range(6))
    with np.errstate(divide="ignore", invalid="ignore"):
        cxx = sxx - sx * sx / sw
        cxr = sxr - sx * sr / sw
        crr = srr - sr * sr / sw
        b = cxr / cxx
        rss = np.maximum(crr - b * cxr, 1e-12)
        t = b / np.sqrt(rss / (sw - 2 - controls) / cxx)
    usable = (sw > 10) & (cxx > 1e-9)
    return np.where(usable, b, np.nan), np.where(usable, t, np.nan)


def _spread(values: np.ndarray) -> float:
    """Standard deviation of the finite values; NaN (never a warning) with fewer than two."""
    finite = values[np.isfinite(values)]
    return float(np.std(finite)) if len(finite) >= 2 else float("nan")


def _lags_for(name: str, lags=LAGS) -> list[int]:
    return [lag for lag in lags if not (lag == 0 and name in RESPONSE_FACTORS)]


def _depth(lag: int, name: str) -> int:
    """How many days of pain before the outcome day are controlled for.

    Every day from the outcome back to the factor's own day (at least yesterday);
    for factors taken in response to pain, one day more, since a dose can answer
    yesterday's pain as well as today's (the morning after a bad day).
    """
    return max(lag, 1) + (name in RESPONSE_FACTORS)


def _controls(depth: int, outcome: str) -> int:
    return depth + (outcome == "flare")


def _median_split(values: np.ndarray) -> tuple[float, float]:
    """(cut, contrast): the median, and the mean gap between days above it and the rest."""
    seen = values[np.isfinite(values)]
    cut = float(np.median(seen))
    high, low = seen[seen > cut], seen[seen <= cut]
    if len(high) == 0:
        cut = float(np.min(seen))
        high, low = seen[seen > cut], seen[seen <= cut]
    return cut, float(high.mean() - low.mean())


def lagged_effects(data: PatternData) -> list[Pattern]:
    """Each factor against pain and flares at lags 0–3, the peak lag judged against shifts.

    One candidate per factor and outcome, at its peak lag, with a p-value for
    "some lag matters" (the lag search is inside the null) and an effect for a
    typical high versus low day of the factor.
    """
    found = []
    for factor in data.factors.values():
        for outcome in data.outcomes.values():
            candidate = _lagged(data, factor, outcome)
            if candidate is not None:
                found.append(candidate)
    return found


def _lagged(data: PatternData, factor: _Factor, outcome: _Outcome) -> Pattern | None:
    lags = _lags_for(factor.name)
    bases = shifts.null_bases(data.n, max(lags))
    if len(bases) < 20:
        return None
    sums = _lag_sums(data, factor, outcome, lags)
    slopes, raw = [], []
    for i, lag in enumerate(lags):
        b, t = _slope(sums[i], _controls(_depth(lag, factor.name), outcome.name))
        slopes.append(b)
        raw.append(t)
    stats = shifts.standardised(np.stack(raw), lags, bases)
    observed = np.array([abs(stats[i][lag]) for i, lag in enumerate(lags)])
    if not np.isfinite(observed).any():
        return None
    best = int(np.nanargmax(observed))
    lag = lags[best]
    null = shifts.max_over_lags(stats, lags, bases)
    p = shifts.tail_p_value(float(observed[best]), null)
    slope = float(slopes[best][lag])
    spread = _spread(slopes[best][bases + lag])
    cut, contrast = _median_split(factor.raw)
    if outcome.name == "pain":
        effect = slope * contrast
        low, high = effect - Z95 * spread * contrast, effect + Z95 * spread * contrast
    else:
        ols_se = abs(slope / raw[best][lag]) if raw[best][lag] else spread
        effect, low, high = _flare_odds(outcome, factor, lag, cut, max(1.0, spread / ols_se))
    # the odds ratio is unadjusted: if it disagrees with the adjusted slope, say nothing
    agrees = outcome.name == "pain" or (effect > 1) == (slope > 0)
    # Told from the low end ("sleep of 6 hours or less"): the numbers follow the words.
    low_end = factor.name in LESS_IS_NOTABLE and not _binary(factor.raw)
    if low_end:
        effect, low, high = _turned(effect, low, high, outcome.name)
    pattern = Pattern(
        kind="lagged", factors=[factor.name], outcome=outcome.name, lag_days=lag,
        direction="worse" if (slope > 0) != low_end else "better", threshold=None,
        effect=effect, ci_low=low, ci_high=high, n=int(round(sums[best, 0, lag])), summary="",
        p_value=p, statistic=float(observed[best]), family="lagged", reportable=agrees,
    )
    pattern.summary = _wording_lagged(pattern, cut, factor.raw, low_end)
    return pattern


def _flare_odds(outcome: _Outcome, factor: _Factor, lag: int, cut: float,
                inflation: float) -> tuple[float, float, float]:
    """Odds ratio of a flare after high vs low days of the factor, with a 95 % interval.

    Woolf's interval on the log odds ratio (0.5 added to each cell), widened by
    ``inflation``: how much wider the shift null found the slope's spread than
    the independent-days formula — the autocorrelation's design effect.
    """
    x = _shifted(factor.raw, lag)
    sample = (outcome.valid[_depth(lag, factor.name)] > 0) & np.isfinite(x)
    high, flare = x[sample] > cut, outcome.values[sample] == 1
    a, b = np.sum(high & flare) + 0.5, np.sum(high & ~flare) + 0.5
    c, d = np.sum(~high & flare) + 0.5, np.sum(~high & ~flare) + 0.5
    log_or = np.log(a * d / (b * c))
    margin = Z95 * inflation * np.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    return float(np.exp(log_or)), float(np.exp(log_or - margin)), float(np.exp(log_or + margin))


def _binary(values: np.ndarray) -> bool:
    seen = values[np.isfinite(values)]
    return bool(np.all(np.isin(seen, (0.0, 1.0))))


# --- thresholds ---------------------------------------------------------------------------

def _cuts(values: np.ndarray) -> np.ndarray:
    seen = values[np.isfinite(values)]
    if len(np.unique(seen)) < 8:
        return np.zeros(0)
    cuts = np.unique(np.quantile(seen, THRESHOLD_QUANTILES))
    above = np.array([(seen > c).sum() for c in cuts])
    side = max(MIN_SIDE_DAYS, MIN_MINORITY_SHARE * len(seen))
    return cuts[(above >= side) & (len(seen) - above >= side)]


def threshold_effects(data: PatternData) -> list[Pattern]:
    """Where a factor's effect on pain switches on, reported in the factor's own unit.

    For each cut point the step (days above it vs the rest) is tested; the best
    cut and lag are chosen, and the same search over cuts and lags is run in
    every shift, so the choice is paid for. A candidate is only reportable when
    the step also adds to a straight-line effect (t >= STEP_SHAPE_T at the chosen
    cut): a smooth effect has no threshold to speak of. Unreportable candidates
    still count in the false-discovery family.
    """
    found = []
    outcome = data.outcomes["pain"]
    for factor in data.factors.values():
        cuts = _cuts(factor.raw)
        if len(cuts):
            candidate = _threshold(data, factor, outcome, cuts)
            if candidate is not None:
                found.append(candidate)
    return found


def _threshold(data: PatternData, factor: _Factor, outcome: _Outcome,
               cuts: np.ndarray) -> Pattern | None:
    lags = _lags_for(factor.name)
    bases = shifts.null_bases(data.n, max(lags))
    if len(bases) < 20:
        return None
    base_sums = _lag_sums(data, factor, outcome, lags)                      # (L, 6, n)
    stats, only, beyond = _cut_stats(data, factor, outcome, cuts, lags, base_sums)
    stats = shifts.standardised(stats, lags, bases)                        # (L, C, n)
    observed = np.stack([np.abs(stats[i][:, lag]) for i, lag in enumerate(lags)])  # (L, C)
    if not np.isfinite(observed).any():
        return None
    best_lag, best_cut = np.unravel_index(np.nanargmax(observed), observed.shape)
    lag, cut = lags[best_lag], float(cuts[best_cut])
    effect = float(only[best_lag, best_cut, lag])
    spread = _spread(only[best_lag, best_cut, bases + lag])
    statistic = float(observed[best_lag, best_cut])
    pattern = Pattern(
        kind="threshold", factors=[factor.name], outcome="pain", lag_days=lag,
        direction="worse" if effect > 0 else "better",
        threshold={"factor": factor.name, "value": _nice(cut)}, effect=effect,
        ci_low=effect - Z95 * spread, ci_high=effect + Z95 * spread,
        n=int(round(base_sums[best_lag, 0, lag])), summary="",
        p_value=shifts.tail_p_value(statistic, shifts.max_over_lags(stats, lags, bases)),
        statistic=statistic, family="threshold",
        # Shape check: a step must add to a straight-line effect, else it is no threshold.
        reportable=float(beyond[best_lag, best_cut, lag]) * np.sign(effect) >= STEP_SHAPE_T,
    )
    pattern.summary = _wording_threshold(pattern, cut, factor.raw)
    return pattern


def _cut_stats(data: PatternData, factor: _Factor, outcome: _Outcome, cuts: np.ndarray,
               lags: list[int], base_sums: np.ndarray):
    """Per lag, cut and shift: t of the step alone, its effect, and t beyond the line."""
    steps = ((factor.raw[None, :] > cuts[:, None]) & factor.mask[None, :]).astype(float)
    factor_side = shifts.spectrum(np.stack([steps, steps * factor.centred[None, :]]))  # (2,C,f)
    a = np.stack([outcome.spectra[_depth(lag, factor.name)] for lag in lags])     # (L,3,f)
    step_sums = shifts.cross_sums(
        a[:, [0, 0, 1]][:, :, None, :], factor_side[[0, 1, 0]][None], data.n)       # (L,3,C,n)
    parts = [_step_stats(base_sums[i], step_sums[i], _controls(_depth(lag, factor.name), "pain"))
             for i, lag in enumerate(lags)]
    return tuple(np.stack([part[k] for part in parts]) for k in range(3))


def _step_stats(base: np.ndarray, step: np.ndarray, controls: int):
    """Per cut and shift: t of the step alone, its effect, and t of the step beyond the line."""
    sw, sx, sxx, sr, srr, sxr = (base[i][None, :] for i in range(6))
    sh, sxh, shr = step[0], step[1], step[2]
    with np.errstate(divide="ignore", invalid="ignore"):
        cxx = sxx - sx * sx / sw
        chh = sh - sh * sh / sw
        cxh = sxh - sx * sh / sw
        cxr = sxr - sx * sr / sw
        chr_ = shr - sh * sr / sw
        crr = srr - sr * sr / sw
        det = cxx * chh - cxh * cxh
        b_h = (cxx * chr_ - cxh * cxr) / det
        b_x = (chh * cxr - cxh * chr_) / det
        rss = np.maximum(crr - b_x * cxr - b_h * chr_, 1e-12)
        t = b_h / np.sqrt(rss / (sw - 3 - controls) * cxx / det)
        b_only = chr_ / chh
        rss_only = np.maximum(crr - b_only * chr_, 1e-12)
        t_only = b_only / np.sqrt(rss_only / (sw - 2 - controls) / chh)
    usable = (sh >= MIN_SIDE_DAYS) & (sw - sh >= MIN_SIDE_DAYS) & (det > 1e-9)
    return (np.where(usable, t_only, np.nan), np.where(usable, b_only, np.nan),
            np.where(usable, t, np.nan))


def _nice(value: float) -> float:
    return round(value, 1) if abs(value) < 20 else float(round(value))


# --- combinations -------------------------------------------------------------------------

def _notable(name: str, values: np.ndarray) -> np.ndarray | None:
    """The days a factor is at its notable end (top third; bottom third where less is notable)."""
    seen = values[np.isfinite(values)]
    if _binary(values):
        flags = values == 1
    elif name in LESS_IS_NOTABLE:
        flags = values < np.quantile(seen, 1 / 3)
    else:
        flags = values > np.quantile(seen, 2 / 3)
        if flags.sum() < MIN_MINORITY_SHARE * len(seen):
            flags = values > np.min(seen)
    share = flags.sum() / len(seen)
    if not MIN_MINORITY_SHARE <= share <= 1 - MIN_MINORITY_SHARE:
        return None
    return flags


def combination_effects(data: PatternData) -> list[Pattern]:
    """Pairs whose notable days together change pain beyond what each does apart.

    For each pair the "both" indicator is tested on top of each factor's own
    indicator. All pairs and lags 0–1 are searched inside every shift (max-T), so
    the returned p-values are adjusted for the whole family of pairs; the family
    enters the person's Benjamini–Hochberg as one hypothesis (its best pair).
    """
    flags = _notable_flags(data)
    pairs = [(a, b) for a, b in pairs_of(sorted(flags), 2)
             if not (a in ACTIVITY_FAMILY and b in ACTIVITY_FAMILY)]
    lags = list(COMBINATION_LAGS)
    bases = shifts.null_bases(data.n, max(lags))
    if not pairs or len(bases) < 20:
        return []
    both_seen = np.stack([data.factors[a].mask & data.factors[b].mask for a, b in pairs])
    first = np.stack([flags[a] for a, _ in pairs])
    second = np.stack([flags[b] for _, b in pairs])
    stats, coefs, boths = _pair_stats(data, data.outcomes["pain"], first, second, both_seen,
                                      lags)
    stats = shifts.standardised(stats, lags, bases)                        # (L, P, n)
    null = shifts.max_over_lags(stats, lags, bases)
    found = []
    for k, pair in enumerate(pairs):
        observed = np.array([abs(stats[i, k, lag]) for i, lag in enumerate(lags)])
        if np.isfinite(observed).any():
            best = int(np.nanargmax(observed))
            found.append(_combination(pair, lags[best], coefs[best, k], boths[best, k],
                                      float(observed[best]), null, bases))
    return found


def _notable_flags(data: PatternData) -> dict[str, np.ndarray]:
    flags = {}
    for name, factor in data.factors.items():
        if name not in RESPONSE_FACTORS and name not in DERIVED_FACTORS:
            notable = _notable(name, factor.raw)
            if notable is not None:
                flags[name] = notable
    return flags


def _combination(pair, lag: int, coef: np.ndarray, both: np.ndarray, statistic: float,
                 null: np.ndarray, bases: np.ndarray) -> Pattern:
    effect = float(coef[lag])
    spread = _spread(coef[bases + lag])
    pattern = Pattern(
        kind="combination", factors=list(pair), outcome="pain", lag_days=lag,
        direction="worse" if effect > 0 else "better", threshold=None, effect=effect,
        ci_low=effect - Z95 * spread, ci_high=effect + Z95 * spread, n=int(round(both[lag])),
        summary="", p_value=shifts.tail_p_value(statistic, null), statistic=statistic,
        family="combination",
    )
    pattern.summary = wording.combination_summary(pattern.factors, lag, effect)
    return pattern


def _pair_stats(data: PatternData, outcome: _Outcome, a: np.ndarray, b: np.ndarray,
                both_seen: np.ndarray, lags: list[int]):
    """For pairs stacked on the first axis: t and coefficient of the "both" term and the
    number of "both" days, each shaped (lags, pairs, shifts)."""
    m = both_seen.astype(float)
    ia, ib = a * m, b * m
    factor_side = shifts.spectrum(np.stack([m, ia, ib, ia * ib], axis=1))     # (P, 4, f)
    a_spec = np.stack([outcome.spectra[_depth(lag, "")] for lag in lags])   # (L, 3, f)
    sums = shifts.cross_sums(a_spec[:, None, [0, 0, 0, 0, 1, 1, 1, 1, 2]],
                             factor_side[None][:, :, [0, 1, 2, 3, 0, 1, 2, 3, 0]],
                             data.n)                                         # (L, P, 9, n)
    ts, coefs = [], []
    for i, lag in enumerate(lags):
        t, coef = _interaction(sums[i], _controls(_depth(lag, ""), "pain"))
        ts.append(t)
        coefs.append(coef)
    return np.stack(ts), np.stack(coefs), sums[:, :, 3]


def _interaction(s: np.ndarray, controls: int):
    sw, sa, sb, sab, sr, sar, sbr, sabr, srr = (s[..., i, :] for i in range(9))
    with np.errstate(divide="ignore", invalid="ignore"):
        def cov(su, sv, suv):
            return suv - su * sv / sw
        g11, g22, g33 = cov(sa, sa, sa), cov(sb, sb, sb), cov(sab, sab, sab)
        g12, g13, g23 = cov(sa, sb, sab), cov(sa, sab, sab), cov(sb, sab, sab)
        c1, c2, c3 = cov(sa, sr, sar), cov(sb, sr, sbr), cov(sab, sr, sabr)
        crr = cov(sr, sr, srr)
        # inverse of the symmetric 3×3 Gram matrix by cofactors
        i11 = g22 * g33 - g23 * g23
        i12 = g13 * g23 - g12 * g33
        i13 = g12 * g23 - g13 * g22
        i22 = g11 * g33 - g13 * g13
        i23 = g12 * g13 - g11 * g23
        i33 = g11 * g22 - g12 * g12
        det = g11 * i11 + g12 * i12 + g13 * i13
        b1 = (i11 * c1 + i12 * c2 + i13 * c3) / det
        b2 = (i12 * c1 + i22 * c2 + i23 * c3) / det
        b3 = (i13 * c1 + i23 * c2 + i33 * c3) / det
        rss = np.maximum(crr - b1 * c1 - b2 * c2 - b3 * c3, 1e-12)
        t = b3 / np.sqrt(rss / (sw - 4 - controls) * i33 / det)
    alone_a, alone_b = sa - sab, sb - sab
    usable = ((sab >= MIN_COMBINATION_DAYS) & (alone_a >= MIN_COMBINATION_DAYS)
              & (alone_b >= MIN_COMBINATION_DAYS) & (np.abs(det) > 1e-9))
    return np.where(usable, t, np.nan), np.where(usable, b3, np.nan)


# --- precursors ---------------------------------------------------------------------------

def precursor_signs(data: PatternData) -> list[Pattern]:
    """What differs in the 1–3 days before a flare starts, against other non-flare days.

    Pain itself is included (it often creeps up first). Factors taken in response
    to pain are left out: their rise before a flare is the pain's, and a person
    could misread it as a cause. The flare series is shifted round against the
    factor for the null, so clustering of flares and of the factor is kept.
    """
    if data.onsets.sum() < MIN_FLARE_ONSETS:
        return []
    before = np.zeros(data.n)
    for k in (1, 2, 3):
        before[: data.n - k] = np.maximum(before[: data.n - k], data.onsets[k:])
    calm = (data.flare == 0).astype(float)
    groups = shifts.spectrum(np.stack([calm * before, calm * (1 - before)]))  # (2, f)
    bases = shifts.null_bases(data.n, 0)
    if len(bases) < 20:
        return []
    factors = dict(data.factors)
    factors["pain"] = _factor("pain", data.pain)
    found = []
    for name, factor in factors.items():
        if name in RESPONSE_FACTORS or name in DERIVED_FACTORS:
            continue
        candidate = _precursor(data, factor, groups, bases)
        if candidate is not None:
            found.append(candidate)
    return found


def _precursor(data: PatternData, factor: _Factor, groups: np.ndarray,
               bases: np.ndarray) -> Pattern | None:
    sums = shifts.cross_sums(groups[:, None, :], factor.spectra[None], data.n)  # (2, 3, n)
    (n1, s1, q1), (n0, s0, q0) = sums[0], sums[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        m1, m0 = s1 / n1, s0 / n0
        pooled = (q1 - n1 * m1 * m1 + q0 - n0 * m0 * m0) / (n1 + n0 - 2)
        diff = m1 - m0
        t = diff / np.sqrt(pooled * (1 / n1 + 1 / n0))
    t = np.where((n1 >= 8) & (n0 >= 8) & (pooled > 1e-12), t, np.nan)
    if not np.isfinite(t[0]):
        return None
    p = shifts.tail_p_value(abs(float(t[0])), np.abs(t[bases]))
    effect = float(diff[0])
    spread = _spread(diff[bases])
    sd = _spread(factor.raw)
    pattern = Pattern(
        kind="precursor", factors=[factor.name], outcome="flare", lag_days=3,
        direction="worse" if effect > 0 else "better", threshold=None, effect=effect,
        ci_low=effect - Z95 * spread, ci_high=effect + Z95 * spread, n=int(round(n1[0])),
        summary="", p_value=p, statistic=abs(float(t[0])), family="precursor",
    )
    pattern.summary = wording.precursor_summary(factor.name, effect, _binary(factor.raw))
    pattern.factor_sd = sd
    return pattern


# --- false discoveries and selection --------------------------------------------------------

def fdr_adjust(p_values) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values), in the input order.

    q_i = min over j with p_j >= p_i of p_j * m / rank_j, capped at 1. Rejecting
    every hypothesis with q <= alpha controls the false discovery rate at alpha.
    """
    p = np.asarray(p_values, dtype=float)
    m = len(p)
    if m == 0:
        return p
    order = np.argsort(p)
    ranked = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(adjusted, 1.0)
    return out


def reported_patterns(candidates: list[Pattern], level: float = FDR_LEVEL) -> list[Pattern]:
    """The candidates that survive Benjamini–Hochberg across everything tested, and matter.

    Combinations count as one hypothesis (their best pair, max-T adjusted); when
    it survives, every pair whose adjusted p is within the same bar is reported,
    and only pairs with an adjusted p <= COMBINATION_P: a shift null cannot mimic
    the misfit of real main effects, so pairs get a stricter bar than singles.
    """
    singles = [c for c in candidates if c.family != "combination"]
    combos = sorted((c for c in candidates if c.family == "combination"),
                    key=lambda c: c.p_value)
    hypotheses = singles + combos[:1]
    q = fdr_adjust([c.p_value for c in hypotheses])
    for candidate, value in zip(hypotheses, q):
        candidate.q_value = float(value)
    rejected = [c for c in hypotheses if c.q_value <= level]
    bar = level * len(rejected) / max(len(hypotheses), 1)
    if combos and combos[0].q_value <= level:
        for combo in combos[1:]:
            if combo.p_value <= bar:
                combo.q_value = max(combo.p_value * len(hypotheses) / len(rejected),
                                    combos[0].q_value)
                rejected.append(combo)
    kept = [c for c in rejected if c.reportable and _matters(c)
            and (c.family != "combination" or c.p_value <= COMBINATION_P)]
    return sorted(kept, key=lambda c: (c.q_value, -c.statistic))


def _matters(pattern: Pattern) -> bool:
    """Big enough to notice, and its interval clear of "no effect": a claim shown as
    "×17.9, range ×0.77 to ×419" tells the person nothing they can rely on."""
    if not np.isfinite([pattern.effect, pattern.ci_low, pattern.ci_high]).all():
        return False
    no_effect = 1.0 if pattern.outcome == "flare" and pattern.kind != "precursor" else 0.0
    if pattern.ci_low <= no_effect <= pattern.ci_high:
        return False
    if pattern.kind == "precursor":
        return abs(pattern.effect) >= MIN_PRECURSOR_SD * pattern.factor_sd
    if pattern.outcome == "flare":
        return max(pattern.effect, 1 / max(pattern.effect, 1e-9)) >= MIN_ODDS_RATIO
    return abs(pattern.effect) >= MIN_PAIN_EFFECT


# --- plain language -----------------------------------------------------------------------

def _turned(effect: float, low: float, high: float, outcome: str) -> tuple[float, float, float]:
    """An effect of *more* of a factor, turned into the effect of *less* (interval too)."""
    if outcome == "flare":
        return 1 / effect, 1 / high, 1 / low
    return -effect, -high, -low


def _described_days(name: str, cut: float, values: np.ndarray, low_end: bool) -> str:
    if _binary(values):
        return wording.days_with(name)
    if low_end:
        return wording.days_at_most(name, _nice(cut))
    return wording.days_above(name, _nice(cut), float(np.nanmin(values)))


def _wording_lagged(p: Pattern, cut: float, values: np.ndarray, low_end: bool) -> str:
    days = _described_days(p.factors[0], cut, values, low_end)
    if p.outcome == "pain":
        return wording.pain_summary(days, p.lag_days, p.effect)
    return wording.flare_summary(days, p.lag_days, p.effect)


def _wording_threshold(p: Pattern, cut: float, values: np.ndarray) -> str:
    days = wording.days_above(p.factors[0], _nice(cut), float(np.nanmin(values)))
    return wording.pain_summary(days, p.lag_days, p.effect)
