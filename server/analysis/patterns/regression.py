"""Regression sums for every circular shift at once, and the control depth per lag."""
from __future__ import annotations

import numpy as np

from .. import shifts
from .model import LAGS, RESPONSE_FACTORS, PatternData, _Factor, _Outcome


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
