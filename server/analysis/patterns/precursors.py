"""Precursors: what differs in the days before a flare starts — warning signs, not causes."""
from __future__ import annotations

import numpy as np

from .. import shifts, wording
from .model import (
    DERIVED_FACTORS, MIN_FLARE_ONSETS, RESPONSE_FACTORS, Z95, Pattern, PatternData, _binary,
    _Factor, _factor, _spread, term,
)


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
    # The day's value that speaks of the sign: past the midpoint between the usual level on
    # calm days and the level before flares.
    midpoint = float(m0[0]) + float(np.nanmean(factor.raw)) + effect / 2
    pattern.condition = {"all": [term(factor.name, ">" if effect > 0 else "<", midpoint)]}
    pattern.summary = wording.precursor_summary(factor.name, effect, _binary(factor.raw))
    pattern.factor_sd = sd
    return pattern
