"""Plain language for single-factor patterns: the described days and the summary."""
from __future__ import annotations

import numpy as np

from .. import wording
from .model import NEXT_CHECK_IN, TOGETHER, Pattern, _binary, _nice, term


def _turned(effect: float, low: float, high: float, outcome: str) -> tuple[float, float, float]:
    """An effect of *more* of a factor, turned into the effect of *less* (interval too)."""
    if outcome == "flare":
        return 1 / effect, 1 / high, 1 / low
    return -effect, -high, -low


def _described_days(name: str, cut: float, values: np.ndarray, low_end: bool) -> str:
    if _binary(values):
        return wording.days_with(name)
    if low_end:
        return wording.days_at_most(name, _nice(cut))
    return wording.days_above(name, _nice(cut), float(np.nanmin(values)))


def _described_term(name: str, cut: float, values: np.ndarray, low_end: bool) -> dict:
    """The described days as a ``condition`` term, with the cut as the summary shows it."""
    if _binary(values):
        return term(name, ">=", 1.0)
    return term(name, "<=" if low_end else ">", _nice(cut))


def _wording_lagged(p: Pattern, cut: float, values: np.ndarray, low_end: bool) -> str:
    days = _described_days(p.factors[0], cut, values, low_end)
    together = p.claim == TOGETHER
    if p.outcome == "pain":
        return wording.pain_summary(days, p.lag_days, p.effect, together, p.factors, p.span,
                                    next_check_in=p.timing == NEXT_CHECK_IN)
    return wording.flare_summary(days, p.lag_days, p.effect, together, p.factors, p.span,
                                 interval=(p.ci_low, p.ci_high))


def _wording_threshold(p: Pattern, cut: float, values: np.ndarray) -> str:
    days = wording.days_above(p.factors[0], _nice(cut), float(np.nanmin(values)))
    return wording.pain_summary(days, p.lag_days, p.effect, p.claim == TOGETHER, p.factors,
                                p.span)
