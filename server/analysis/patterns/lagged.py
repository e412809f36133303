"""Lagged effects: each factor against pain and flares at lags 0–3, the peak lag paid for."""
from __future__ import annotations

import numpy as np

from .. import shifts
from .model import (
    AT_LAG, LESS_IS_NOTABLE, NEXT_CHECK_IN, RESPONSE_FACTORS, Pattern,
    PatternData, _binary, _Factor, _Outcome, _shifted, _spread, control_design, lag_span,
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
    offsets, searched = list(lags), list(range(len(lags)))
    nexts = _next_looks(data, factor, outcome, raw, slopes, offsets, searched)
    stats = shifts.standardised(np.stack(raw), offsets, bases)
    observed = np.full(len(offsets), np.nan)
    for i in searched:
        observed[i] = abs(stats[i][offsets[i]])
    if not np.isfinite(observed).any():
        return None
    best = int(np.nanargmax(observed))
    at_next = best in nexts
    lag = nexts[best][0] if at_next else lags[best]
    offset = offsets[best]
    null = shifts.max_over_lags(stats[searched], [offsets[i] for i in searched], bases)
    p = shifts.tail_p_value(float(observed[best]), null)
    slope = float(slopes[best][offset])
    spread = _spread(slopes[best][bases + offset])
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
    exact = {k: float(sums[i, 0, k]) for i, k in enumerate(lags)}
    if at_next:
        pairs, span = float(nexts[best][1][0, 0]), _next_span(data, factor, lag, exact)
    else:
        pairs = float(sums[best, 0, lag])
        span = lag_span(exact, lag)
    pattern = Pattern(
        kind="lagged", factors=[factor.name], outcome=outcome.name, lag_days=lag,
        direction="worse" if (slope > 0) != low_end else "better", threshold=None,
        effect=effect, ci_low=low, ci_high=high, n=int(round(pairs)), summary="",
        p_value=p, statistic=float(observed[best]), family="lagged", reportable=agrees,
        lag_range=span, timing=NEXT_CHECK_IN if at_next else AT_LAG,
    )
    pattern.condition = {"all": [_described_term(factor.name, cut, factor.raw, low_end)]}
    pattern.summary = _wording_lagged(pattern, cut, factor.raw, low_end)
    return pattern


def _next_looks(data: PatternData, factor: _Factor, outcome: _Outcome, raw: list,
                slopes: list, offsets: list, searched: list) -> dict[int, tuple]:
    """A sparse logger's lags 1–3, looked at as pain at their first check-in that many days
    later or after (model.next_checkin) instead of at the exact lag: the same number of
    looks in the same search, the null taking the same maximum. Appends each look's t and
    slope (every shift) to ``raw`` and ``slopes``, its offset to ``offsets`` (0: indexed by
    the factor's own day) and swaps it into ``searched`` for the exact lag it stands for.
    Returns {index in raw: (lag, sums)}; empty for anyone else, and for flares."""
    if outcome.name != "pain" or data.next_pain is None:
        return {}
    searched[:] = [i for i in searched if offsets[i] not in data.next_pain]
    looks = {}
    for lag in sorted(data.next_pain):
        sums = _next_sums(data, factor, lag)
        b, t = _slope(sums, _next_controls(factor.name))
        looks[len(raw)] = (lag, sums)
        searched.append(len(raw))
        slopes.append(b)
        raw.append(t)
        offsets.append(0)
    return looks


def _next_span(data: PatternData, factor: _Factor, lag: int,
               exact: dict[int, float]) -> tuple[int, int]:
    """The days a next-check-in finding may sit at: from the first day an effect could be
    (the lag, or earlier where the lag before has too few pairs of its own and leaks in
    through pain's persistence, as ``lag_span`` walks) to the latest check-in the test used."""
    near = lag_span(exact, lag)
    outcome = data.next_pain[lag]
    used = outcome.valid[int(factor.name in RESPONSE_FACTORS)] * factor.mask
    latest = int(np.max(outcome.distance * used)) if used.any() else lag
    return min(near[0], lag), max(near[1], latest)


def _next_sums(data: PatternData, factor: _Factor, lag: int) -> np.ndarray:
    """Sums for the factor against pain at the first check-in ``lag`` or more days later
    (``model.next_checkin``), for every shift, shaped like one lag of ``_lag_sums``."""
    a = data.next_pain[lag].spectra[int(factor.name in RESPONSE_FACTORS)]
    return shifts.cross_sums(a[[0, 0, 0, 1, 2, 1]], factor.spectra[[0, 1, 2, 0, 0, 1]], data.n)


def _next_controls(name: str) -> int:
    """About how many columns besides the constant the next check-in's design has (the
    day's pain, the last pain before the lag, gap lengths with their slopes, how late the
    check-in is; for factors taken because of pain, yesterday's too): only the degrees of
    freedom of the t, which the shift null rescales anyway."""
    return 8 + 3 * (name in RESPONSE_FACTORS)


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
