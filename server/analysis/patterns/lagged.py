"""Lagged effects: each factor against pain and flares at lags 0–3, the peak lag paid for."""
from __future__ import annotations

import numpy as np

from .. import shifts
from .model import (
    LESS_IS_NOTABLE, Pattern, PatternData, _binary, _Factor, _Outcome, _shifted, _spread,
    control_design, lag_span,
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
    reach = shifts.search_quantile(null)   # the lag search, paid for in the interval too
    if outcome.name == "pain":
        effect = slope * contrast
        low, high = effect - reach * spread * contrast, effect + reach * spread * contrast
    else:
        ols_se = abs(slope / raw[best][lag]) if raw[best][lag] else spread
        effect, low, high = _flare_odds(data, outcome, factor, lag, cut,
                                        reach * max(1.0, spread / ols_se))
    # a flare odds ratio that disagrees in sign with the slope the test used: say nothing
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
        lag_range=lag_span({k: float(sums[i, 0, k]) for i, k in enumerate(lags)}, lag),
    )
    pattern.condition = {"all": [_described_term(factor.name, cut, factor.raw, low_end)]}
    pattern.summary = _wording_lagged(pattern, cut, factor.raw, low_end)
    return pattern


def _flare_odds(data: PatternData, outcome: _Outcome, factor: _Factor, lag: int, cut: float,
                width: float) -> tuple[float, float, float]:
    """Odds ratio of a flare after high vs low days of the factor, adjusted like its test.

    A logistic regression of the flare on "high day" plus the test's own controls (the
    pain of the days between, carried over gaps with a gap indicator, and yesterday's
    flare), on the days the test used. The interval is ``width`` Wald standard errors:
    the search's quantile times the design effect (how much wider the shift null found
    the slope's spread than the independent-days formula: the autocorrelation).
    """
    depth = _depth(lag, factor.name)
    x = _shifted(factor.raw, lag)
    sample = (outcome.valid[depth] > 0) & np.isfinite(x)
    controls = control_design(data.pain, data.flare, depth, "flare")[sample]
    design = np.column_stack([(x[sample] > cut).astype(float), controls])
    coef, se = _logistic(design, (outcome.values[sample] == 1).astype(float))
    # a near-singular fit (few flares on few usable days) can give an enormous standard
    # error: capped, its interval is merely huge (never 0 or inf, which broke turning it
    # into the low end's odds ratio and the person's whole analysis); it covers 1, so it is
    # never told
    bounds = np.clip([coef, coef - width * se, coef + width * se], -50.0, 50.0)
    return tuple(float(v) for v in np.exp(bounds))


def _logistic(design: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """First coefficient of a logistic regression and its Wald standard error (Newton's
    method; a tiny ridge keeps separated or constant columns finite)."""
    keep = np.ptp(design, axis=0) > 0
    keep[1] = True   # the constant
    design = design[:, keep]
    coef = np.zeros(design.shape[1])
    ridge = np.full(design.shape[1], 1e-3)
    for _ in range(30):
        p = 1 / (1 + np.exp(-np.clip(design @ coef, -30, 30)))
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(ridge)
        step = np.linalg.solve(hessian, design.T @ (y - p) - ridge * coef)
        coef += step
        if np.max(np.abs(step)) < 1e-8:
            break
    p = 1 / (1 + np.exp(-np.clip(design @ coef, -30, 30)))
    hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(ridge)
    return float(coef[0]), float(np.sqrt(np.linalg.inv(hessian)[0, 0]))
