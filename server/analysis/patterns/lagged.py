"""Lagged effects: each factor against pain and flares at lags 0–3, the peak lag paid for."""
from __future__ import annotations

import numpy as np

from .. import shifts
from .model import (
    LESS_IS_NOTABLE, Z95, Pattern, PatternData, _binary, _Factor, _Outcome, _shifted, _spread,
)
from .phrasing import _described_term, _turned, _wording_lagged
from .regression import _controls, _depth, _lag_sums, _lags_for, _median_split, _slope


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
    pattern.condition = {"all": [_described_term(factor.name, cut, factor.raw, low_end)]}
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
