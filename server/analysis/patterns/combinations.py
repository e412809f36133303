"""Combinations: pairs whose notable days together change pain beyond each apart."""
from __future__ import annotations

from itertools import combinations as pairs_of

import numpy as np

from .. import shifts, wording
from .model import (
    ACTIVITY_FAMILY, COMBINATION_LAGS, DERIVED_FACTORS, LESS_IS_NOTABLE, MIN_COMBINATION_DAYS,
    MIN_MINORITY_SHARE, RESPONSE_FACTORS, TOGETHER, Pattern, PatternData, _binary,
    _Outcome, _spread, term,
)
from .regression import _controls, _depth


def notable_term(name: str, values: np.ndarray) -> dict:
    """The condition for a factor's notable end: "yes" for yes/no factors; otherwise the
    top third of days, or the bottom third where less is notable, cut between two of the
    factor's own values so that the notable side holds the share of days nearest a third.

    Check-in values are whole numbers (half hours for sleep), so a quantile's ties fall
    wholly on one side: "strictly above the 2/3 quantile" flagged anything from a tenth to a
    third of days (a fifth for stress or mood, often), and a pair then had too few days with
    both to be seen (docs/analysis.md, "combination")."""
    seen = values[np.isfinite(values)]
    if _binary(values):
        return term(name, ">=", 1.0)
    ordered = np.sort(seen)
    cuts = np.unique(ordered)[:-1]      # "<= cut" or "> cut": each side holds some days
    if len(cuts) == 0:
        return term(name, ">", ordered[0])
    at_or_below = np.searchsorted(ordered, cuts, side="right")
    low = name in LESS_IS_NOTABLE
    days = at_or_below if low else len(seen) - at_or_below     # days on the notable side
    off = np.abs(3 * days - len(seen))              # how far from a third, in whole days
    best = int(np.lexsort((-days, off))[0])         # a tie goes to the side with more days
    # "<=" and ">" as the lagged patterns' terms (phrasing._described_term): "or less", "more than"
    return term(name, "<=" if low else ">", cuts[best])


def _met(values: np.ndarray, condition: dict) -> np.ndarray:
    """True on the days a condition term holds (False where the factor is unknown)."""
    op, cut = condition["op"], condition["value"]
    with np.errstate(invalid="ignore"):
        return {">": values > cut, ">=": values >= cut, "<": values < cut,
                "<=": values <= cut}[op]


def _notable(name: str, values: np.ndarray) -> np.ndarray | None:
    """The days a factor is at its notable end (see ``notable_term``); None when too
    few or too many days are."""
    seen = values[np.isfinite(values)]
    flags = _met(values, notable_term(name, values))
    share = flags.sum() / len(seen)
    if not MIN_MINORITY_SHARE <= share <= 1 - MIN_MINORITY_SHARE:
        return None
    return flags


def combination_effects(data: PatternData) -> list[Pattern]:
    """Pairs whose notable days together change pain beyond what each does apart.

    For each pair the "both" indicator is tested on top of each factor's own
    indicator. Each lag (0 and 1) is a family: all its pairs are searched inside every
    shift (max-T), so a pair's p-value is adjusted for every pair at its lag, and each
    family enters the person's Benjamini–Hochberg as one hypothesis (its best pair).
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
    terms = {name: notable_term(name, data.factors[name].raw) for name in flags}
    found = []
    for i, lag in enumerate(lags):
        null = shifts.max_over_lags(stats[i:i + 1], [lag], bases)
        reach = shifts.search_quantile(null)   # every pair at the lag searched: the interval too
        for k, pair in enumerate(pairs):
            observed = abs(stats[i, k, lag])
            if np.isfinite(observed):
                pattern = _combination(pair, lag, coefs[i, k], boths[i, k], float(observed),
                                       null, reach, bases)
                pattern.condition = {"all": [dict(terms[name]) for name in pair]}
                found.append(pattern)
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
                 null: np.ndarray, reach: float, bases: np.ndarray) -> Pattern:
    effect = float(coef[lag])
    spread = _spread(coef[bases + lag])
    pattern = Pattern(
        kind="combination", factors=list(pair), outcome="pain", lag_days=lag,
        direction="worse" if effect > 0 else "better", threshold=None, effect=effect,
        ci_low=effect - reach * spread, ci_high=effect + reach * spread, n=int(round(both[lag])),
        summary="", p_value=shifts.tail_p_value(statistic, null), statistic=statistic,
        family="combination",
    )
    pattern.summary = wording.combination_summary(pattern.factors, lag, effect,
                                                  pattern.claim == TOGETHER)
    return pattern


def _pair_stats(data: PatternData, outcome: _Outcome, a: np.ndarray, b: np.ndarray,
                both_seen: np.ndarray, lags: list[int], controls_for: str = ""):
    """For pairs stacked on the first axis: t and coefficient of the "both" term and the
    number of "both" days, each shaped (lags, pairs, shifts). ``controls_for``: a factor
    taken because of pain in the pair (a named hunch; the search leaves them out), which
    gets the lagged test's extra day of pain controls."""
    m = both_seen.astype(float)
    ia, ib = a * m, b * m
    factor_side = shifts.spectrum(np.stack([m, ia, ib, ia * ib], axis=1))     # (P, 4, f)
    a_spec = np.stack([outcome.spectra[_depth(lag, controls_for)] for lag in lags])  # (L,3,f)
    sums = shifts.cross_sums(a_spec[:, None, [0, 0, 0, 0, 1, 1, 1, 1, 2]],
                             factor_side[None][:, :, [0, 1, 2, 3, 0, 1, 2, 3, 0]],
                             data.n)                                         # (L, P, 9, n)
    ts, coefs = [], []
    for i, lag in enumerate(lags):
        t, coef = _interaction(sums[i], _controls(_depth(lag, controls_for), "pain"))
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
