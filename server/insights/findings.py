"""A pattern as a Finding told from its factor's notable side, with its claim and condition.

Patterns from the analysis carry ``claim`` and ``condition``; older stored results do not,
so ``claim_and_condition`` derives them from the other fields (conservatively: never a cause
that the analysis would call "together").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from server.insights.factors import factor_info

CAUSE, TOGETHER = "cause", "together"


def claim_and_condition(p: dict) -> tuple[str, dict]:
    """The pattern's ``claim`` ("cause" | "together") and ``condition`` ({"all": [terms]}).

    Patterns from the analysis carry both. Older stored results do not: then a lag of at
    least a day (not a precursor) is a "cause" claim and anything else "together" (never
    the other way round), and the condition comes from the threshold or the summary's cut.
    """
    if p.get("claim") in (CAUSE, TOGETHER) and isinstance(p.get("condition"), dict):
        return p["claim"], p["condition"]
    claim = CAUSE if p.get("lag_days", 0) >= 1 and p.get("kind") != "precursor" else TOGETHER
    return claim, _derived_condition(p)


def _derived_condition(p: dict) -> dict:
    if p.get("kind") == "threshold" and p.get("threshold"):
        t = p["threshold"]
        return {"all": [{"factor": t["factor"], "op": ">", "value": float(t["value"])}]}
    if p.get("kind") == "lagged":
        return {"all": [_cut_from_summary(p["factors"][0], p.get("summary", ""))]}
    # Combinations and precursors speak of each factor's notable end.
    return {"all": [_notable_term(name) for name in p.get("factors", [])]}


def _notable_term(name: str) -> dict:
    return {
        "factor": name,
        "op": "<=" if factor_info(name).notable == "low" else ">",
        "value": None,
    }


_NUMBER = r"(\d+(?:\.\d+)?)"


def _cut_from_summary(name: str, summary: str) -> dict:
    """The cut of a lagged pattern, read back from its summary (see server/analysis/wording.py)."""
    text = summary.split(",")[0]
    if re.search(r"\bany\b|at least one", text):
        return {"factor": name, "op": ">", "value": 0.0}
    if m := re.search(_NUMBER + r"% longer than your longest", text):
        return {"factor": name, "op": ">", "value": 1 + float(m.group(1)) / 100}
    if "longer than your longest" in text:
        return {"factor": name, "op": ">", "value": 1.0}
    if m := re.search(_NUMBER + r"% of your longest", text):
        return {"factor": name, "op": ">", "value": float(m.group(1)) / 100}
    if m := re.search(r"(?:more than|above) " + _NUMBER, text):
        return {"factor": name, "op": ">", "value": float(m.group(1))}
    if m := re.search(_NUMBER + r"[^0-9]*? or (?:less|fewer)", text):
        return {"factor": name, "op": "<=", "value": float(m.group(1))}
    return {"factor": name, "op": "==", "value": 1.0}  # a yes/no factor: "days with a late meal"


@dataclass
class Finding:
    """A single-factor pattern seen from the factor's notable side.

    ``more`` is True when the notable side goes with more pain (or more flares) — for a
    precursor, when the factor was higher before flares than on other days;
    ``cut`` is the notable side's cut point (None when unknown or yes/no); ``size`` is
    pain points (pain) or an odds ratio above 1 (flares), whichever way ``more`` points.
    """

    index: int
    factor: str
    kind: str
    outcome: str
    lag: int
    claim: str
    more: bool
    op: str | None
    cut: float | None
    size: float
    q: float
    n: int
    span: tuple[int, int] = (0, 0)


def _span(p: dict) -> tuple[int, int]:
    """The pattern's lag_range (stored results from before it: the lag itself)."""
    lag = int(p.get("lag_days") or 0)
    first, last = p.get("lag_range") or (lag, lag)
    return int(first), int(last)


_FLIP = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "==": "!="}


def finding(index: int, p: dict) -> Finding:
    """The pattern as a Finding: its described days turned to the notable side if needed.

    Both sides of a two-group comparison carry the same evidence, so turning
    "more than 5.3 hours lowers pain" into "5.3 hours or less raises it" changes only the
    words, and lets two cuts of one factor be told the same way round.
    """
    claim, condition = claim_and_condition(p)
    name = p["factors"][0]
    if p["kind"] == "precursor":
        return _precursor(index, p, claim)
    term = next(
        (t for t in condition.get("all", []) if t.get("factor") == name), None
    ) or _notable_term(name)
    op, value = term.get("op"), term.get("value")
    worse = p.get("direction") == "worse"
    info = factor_info(name)
    if op == "==":  # yes/no factors: "yes" is the notable side
        on_notable = value == 1
    else:
        on_notable = (op in ("<", "<=")) == (info.notable == "low")
    if not on_notable:
        op, worse = _FLIP.get(op, op), not worse
    size = (
        abs(p["effect"])
        if p["outcome"] == "pain" or p["kind"] == "precursor"
        else max(p["effect"], 1 / p["effect"])
    )
    return Finding(
        index=index,
        factor=name,
        kind=p["kind"],
        outcome=p["outcome"],
        lag=int(p.get("lag_days") or 0),
        claim=claim,
        more=worse,
        op=None if op == "==" else op,
        cut=None if op == "==" else value,
        size=size,
        q=float(p.get("q_value", 1.0)),
        n=int(p.get("n", 0)),
        span=_span(p),
    )


def _precursor(index: int, p: dict, claim: str) -> Finding:
    """An early sign: which way the factor differed before flares, and by how much."""
    return Finding(
        index=index,
        factor=p["factors"][0],
        kind="precursor",
        outcome=p["outcome"],
        lag=int(p.get("lag_days") or 0),
        claim=claim,
        more=p["effect"] > 0,
        op=None,
        cut=None,
        size=abs(p["effect"]),
        q=float(p.get("q_value", 1.0)),
        n=int(p.get("n", 0)),
        span=_span(p),
    )
