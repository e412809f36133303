"""Thresholds: where a factor's effect on pain switches on, in the factor's own unit."""
from __future__ import annotations

import numpy as np

from .. import shifts
from .model import (
    MIN_MINORITY_SHARE, MIN_SIDE_DAYS, STEP_SHAPE_T, THRESHOLD_QUANTILES, Pattern,
    PatternData, _Factor, _nice, _Outcome, _spread, lag_span, term,
)
from .phrasing import _wording_threshold
from .regression import _controls, _depth, _lag_sums, _lags_for


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
    null = shifts.max_over_lags(stats, lags, bases)
    reach = shifts.search_quantile(null)   # the search over cuts and lags, in the interval too
    pattern = Pattern(
        kind="threshold", factors=[factor.name], outcome="pain", lag_days=lag,
        direction="worse" if effect > 0 else "better",
        threshold={"factor": factor.name, "value": _nice(cut)}, effect=effect,
        ci_low=effect - reach * spread, ci_high=effect + reach * spread,
        n=int(round(base_sums[best_lag, 0, lag])), summary="",
        p_value=shifts.tail_p_value(statistic, null),
        statistic=statistic, family="threshold",
        # Shape check: a step must add to a straight-line effect, else it is no threshold.
        reportable=float(beyond[best_lag, best_cut, lag]) * np.sign(effect) >= STEP_SHAPE_T,
        lag_range=lag_span({k: float(base_sums[i, 0, k]) for i, k in enumerate(lags)}, lag),
    )
    pattern.condition = {"all": [term(factor.name, ">", _nice(cut))]}
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
