"""Titration plans: a start dose that changes by a fixed step every N days up to a limit.

The limits and rounding live in rules/titration.json, shared with the PWA's protocol.js;
tests/vectors/titration.json holds the cases both run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from server.rules import rule_table

RULE = rule_table("titration")


@dataclass(frozen=True)
class TitrationPlan:
    """Start at `start`, add `step` every `every_days` days until `limit` is reached.

    A negative step tapers down to `limit`. Doses are in the item's own unit.
    """

    start: float
    step: float
    every_days: int
    limit: float

    def __post_init__(self):
        if not RULE["every_days_min"] <= self.every_days <= RULE["every_days_max"]:
            raise ValueError(
                f"every_days must be {RULE['every_days_min']} to {RULE['every_days_max']}"
            )
        if self.start <= 0 or self.limit <= 0:
            raise ValueError("doses must be above zero")
        if self.step == 0 or (self.limit - self.start) * self.step < 0:
            raise ValueError("the step must move the dose from start towards limit")

    @classmethod
    def from_dict(cls, d: dict) -> "TitrationPlan":
        """Build from the stored JSON {start, step, every_days, max}; raises ValueError."""
        try:
            return cls(float(d["start"]), float(d["step"]), int(d["every_days"]), float(d["max"]))
        except (KeyError, TypeError) as exc:
            raise ValueError(f"incomplete titration plan: {exc}") from None


def dose_on(plan: TitrationPlan, start_date: date, on: date) -> float | None:
    """The dose for day `on` of a plan begun on `start_date`; None before it starts.

    Day 0 to every_days-1 get `start`; each further block of every_days adds one step,
    and the dose never passes `limit`.
    """
    if on < start_date:
        return None
    steps = (on - start_date).days // plan.every_days
    dose = plan.start + steps * plan.step
    dose = min(dose, plan.limit) if plan.step > 0 else max(dose, plan.limit)
    return round(dose, RULE["round_places"])
