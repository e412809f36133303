"""Circular-shift nulls: every shift of a factor series against an outcome, at once, by FFT.

Shifting the factor series round in a circle keeps its autocorrelation, and the
outcome's, while breaking any alignment between them; the statistics at all the
shifts far from the real alignment form the null distribution. Each regression
sum over days t of a[t]·b[t−s] is a circular cross-correlation, so the sums for
every shift s come from one FFT product: O(n log n) instead of O(n²).
"""
from __future__ import annotations

import math

import numpy as np

GUARD_DAYS = 3        # outcome days before this are left out, so lags 0–3 never wrap round
EXCLUSION_DAYS = 7    # shifts this close to a real alignment are not part of the null
TAIL_EXCEEDANCES = 10  # fewer null values beyond the observed: use the fitted tail
TAIL_REACH = 10        # ... but never more than 10× below what the null draws can show
EULER_GAMMA = 0.5772156649


def spectrum(series: np.ndarray) -> np.ndarray:
    """The real FFT along the last axis."""
    return np.fft.rfft(series, axis=-1)


def cross_sums(outcome_side: np.ndarray, factor_side: np.ndarray, n: int) -> np.ndarray:
    """For spectra A of a and B of b: out[..., s] = sum over t of a[t] * b[(t - s) mod n]."""
    return np.fft.irfft(outcome_side * np.conj(factor_side), n=n, axis=-1)


def null_bases(n: int, max_lag: int) -> np.ndarray:
    """Base shifts s whose every s + lag (lag 0..max_lag) is far from the real alignment."""
    first = max_lag + EXCLUSION_DAYS + 1
    last = n - EXCLUSION_DAYS - max_lag
    return np.arange(first, max(first, last))


def standardised(stats: np.ndarray, lags: list[int], bases: np.ndarray) -> np.ndarray:
    """Each statistic divided by its own spread over the null shifts.

    Extreme cut points and rare pairs have wider null spreads than common ones;
    without this the max over a search would be ruled by them, and real effects
    elsewhere would pay for their noise. Shape (len(lags), ..., n) in and out.
    """
    out = np.empty_like(stats)
    for i, lag in enumerate(lags):
        null = stats[i][..., bases + lag]
        finite = np.isfinite(null)
        count = np.maximum(finite.sum(axis=-1, keepdims=True), 1)
        centred = np.where(finite, null, 0.0)
        mean = centred.sum(axis=-1, keepdims=True) / count
        spread = np.sqrt((np.where(finite, null - mean, 0.0) ** 2).sum(axis=-1, keepdims=True)
                         / count)
        usable = (finite.sum(axis=-1, keepdims=True) >= 20) & (spread > 1e-9)
        with np.errstate(divide="ignore", invalid="ignore"):
            out[i] = np.where(usable, stats[i] / spread, np.nan)
    return out


def max_over_lags(stats: np.ndarray, lags: list[int], bases: np.ndarray) -> np.ndarray:
    """Null statistic per base shift: the largest |stat| over the lags tested.

    ``stats`` has shape (len(lags), ..., n); the value for lag L at base s is
    taken at shift s + L, exactly as the observed one is taken at shift L.
    """
    picked = [np.abs(stats[i][..., bases + lag]) for i, lag in enumerate(lags)]
    stacked = np.stack(picked)
    stacked = np.nan_to_num(stacked, nan=0.0)
    return stacked.reshape(-1, len(bases)).max(axis=0)


def search_quantile(null: np.ndarray, level: float = 0.95, floor: float = 1.959964) -> float:
    """The multiplier for an interval that allows for a search: the ``level`` quantile of
    the searched maximum's null (standardised units), never below the plain 1.96.

    An interval of ±1.96 spreads centred on the best of many lags, cut points or pairs
    covers the truth less often than it says, because the best was chosen for being far
    from zero. Centred on the searched maximum with the null maximum's quantile, it holds
    for every candidate the search looked at at once, so for the one it chose. ``floor``:
    the unsearched test's own multiplier (1.645 for a one-sided 5 % test).
    """
    finite = null[np.isfinite(null)]
    if len(finite) < 20:
        return floor
    return max(float(np.quantile(finite, level)), floor)


def tail_p_value(observed: float, null: np.ndarray) -> float:
    """One-sided p-value of ``observed`` against null statistics (larger is more extreme).

    With at least TAIL_EXCEEDANCES null values as large, the empirical fraction
    is used. Beyond that a Gumbel distribution fitted to the null by its mean and
    spread gives the tail; the maxima tested here have lighter (Gaussian) tails
    than a Gumbel, so the fitted tail overstates p — it errs on the side of silence.
    The fit reaches at most TAIL_REACH times below the empirical resolution
    1/(draws + 1): with few days there are few shifts, and a far extrapolation
    from a small null would be confidence the data do not hold.
    """
    null = null[np.isfinite(null)]
    if len(null) < 20 or not np.isfinite(observed):
        return 1.0
    beyond = int(np.sum(null >= observed))
    empirical = (beyond + 1) / (len(null) + 1)
    if beyond >= TAIL_EXCEEDANCES:
        return empirical
    scale = max(float(np.std(null)), 1e-9) * math.sqrt(6) / math.pi
    location = float(np.mean(null)) - EULER_GAMMA * scale
    z = (observed - location) / scale
    fitted = -math.expm1(-math.exp(-z)) if z < 700 else 0.0
    floor = 1 / (TAIL_REACH * (len(null) + 1))
    return float(max(fitted, beyond / (len(null) + 1), floor))
