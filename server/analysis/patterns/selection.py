"""False discoveries and selection: Benjamini–Hochberg across everything tested, then
only what matters."""
from __future__ import annotations

import numpy as np

from .model import (
    COMBINATION_P, DERIVED_FACTORS, FDR_LEVEL, MIN_ODDS_RATIO, MIN_PAIN_EFFECT,
    MIN_PRECURSOR_SD, Pattern,
)


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
    return sorted(_one_view_of_activity(kept), key=lambda c: (c.q_value, -c.statistic))


def _one_view_of_activity(kept: list[Pattern]) -> list[Pattern]:
    """Drop the derived activity measures (acwr, activity_spike) for an outcome where
    activity minutes themselves are reported: the same behaviour told two or three ways
    is one finding, and a chance one would be told three times."""
    direct = {c.outcome for c in kept if c.factors == ["activity_minutes"]}
    return [c for c in kept if not (len(c.factors) == 1 and c.factors[0] in DERIVED_FACTORS
                                    and c.outcome in direct)]


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
