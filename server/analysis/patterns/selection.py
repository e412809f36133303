"""False discoveries and selection: Benjamini–Hochberg over families of tests (one per
factor), then within the selected families, then only what matters."""
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


def simes(p_values) -> float:
    """Simes's combined p-value for "some hypothesis in this family is false":
    min over i of p_(i) * k / i (k tests, p sorted). Valid for positively dependent
    tests, as the several looks at one factor are."""
    p = np.sort(np.asarray(p_values, dtype=float))
    if len(p) == 0:
        return 1.0
    return float(min(1.0, np.min(p * len(p) / np.arange(1, len(p) + 1))))


def family_of(candidate: Pattern) -> tuple:
    """The family a candidate is judged in: everything said about one factor (its lagged
    and threshold links with pain and with flares), a factor's warning sign, or the pairs."""
    if candidate.family == "combination":
        return ("combination", candidate.lag_days)
    if candidate.kind == "precursor":
        return ("precursor", candidate.factors[0])
    return ("factor", candidate.factors[0])


def reported_patterns(candidates: list[Pattern], level: float = FDR_LEVEL) -> list[Pattern]:
    """The candidates that survive false-discovery control across everything tested, and
    matter.

    Families (``family_of``) are tested first, then the tests inside the selected ones
    (Benjamini & Bogomolov 2014). A family's p is Simes's over its k tests; families are
    selected by Benjamini–Hochberg weighted by size (weight k / mean k, Genovese, Roeder &
    Wasserman 2006), so a family's smallest p meets level × R / M, M being every test
    and R the families selected; inside a selected family a test is kept when its
    within-family BH p is at most level × R × k / M. That is a flat BH over every test
    except that R counts families, not tests. The flat BH let one real factor, rejected
    for two outcomes in two shapes (and activity in three views), raise the bar for
    everything else: half the tests were "discoveries", so chance links at p ≈ 0.02 in
    unrelated factors were told too (docs/analysis.md, section 3.5).

    The pairs at each lag form one family of one test whose p is their best pair's (max-T
    adjusted over that lag's pairs); in a selected family every pair within the bar is
    reported, and only pairs with an adjusted p <= COMBINATION_P: a shift null cannot mimic
    the misfit of real main effects, so pairs get a stricter bar than singles. A factor is
    told in one pair at most (``_one_pair_per_factor``).
    """
    singles = [c for c in candidates if c.family != "combination"]
    combos = sorted((c for c in candidates if c.family == "combination"),
                    key=lambda c: c.p_value)
    families: dict[tuple, list[Pattern]] = {}
    for c in singles:
        families.setdefault(family_of(c), []).append(c)
    size = {key: len(members) for key, members in families.items()}
    within: dict[int, float] = {}
    for members in families.values():
        for c, value in zip(members, fdr_adjust([c.p_value for c in members])):
            within[id(c)] = float(value)
    family_p = {key: simes([c.p_value for c in members]) for key, members in families.items()}
    for c in combos:                    # best first: a lag's family p is its best pair's
        key = family_of(c)
        if key not in families:
            families[key], family_p[key], size[key] = [], c.p_value, 1
        families[key].append(c)
        within[id(c)] = c.p_value       # already adjusted for every pair at its lag (max-T)
    keys = list(families)
    tests = sum(size.values())
    mean_size = tests / max(len(keys), 1)
    weighted = [min(1.0, family_p[k] * mean_size / size[k]) for k in keys]
    family_q = dict(zip(keys, fdr_adjust(weighted)))
    selected = max(sum(family_q[k] <= level for k in keys), 1)
    rejected = []
    for key in keys:
        for c in families[key]:
            stretch = tests / (selected * size[key])
            c.q_value = float(min(1.0, max(family_q[key], within[id(c)] * stretch)))
            if c.q_value <= level:
                rejected.append(c)
    kept = [c for c in rejected if c.reportable and _matters(c)
            and (c.family != "combination" or c.p_value <= COMBINATION_P)]
    kept = _one_pair_per_factor(kept)
    return sorted(_one_view_of_activity(kept), key=lambda c: (c.q_value, -c.statistic))


def _one_pair_per_factor(kept: list[Pattern]) -> list[Pattern]:
    """Each factor in at most one told pair, the strongest. A real pair brings on flares,
    and a factor that moves before flares (a warning sign) then pairs with either member;
    told beside the real pair, such pairs were most of the chance ones."""
    used: set[str] = set()
    out = []
    for c in sorted(kept, key=lambda c: (c.p_value, -c.statistic)):
        if c.family == "combination":
            if used & set(c.factors):
                continue
            used |= set(c.factors)
        out.append(c)
    return out


def _one_view_of_activity(kept: list[Pattern]) -> list[Pattern]:
    """One view of activity per outcome: the derived measures (acwr, activity_spike) are
    dropped where activity minutes themselves are reported, and otherwise only the
    strongest of them is told. The same behaviour told two or three ways is one finding,
    and a chance one would be told three times."""
    best = {c.outcome: "activity_minutes" for c in kept if c.factors == ["activity_minutes"]}
    derived = [c for c in kept if len(c.factors) == 1 and c.factors[0] in DERIVED_FACTORS]
    for c in sorted(derived, key=lambda c: (c.q_value, -c.statistic)):
        best.setdefault(c.outcome, c.factors[0])
    dropped = {id(c) for c in derived if best[c.outcome] != c.factors[0]}
    return [c for c in kept if id(c) not in dropped]


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
