"""Titration plans: a start dose that changes by a fixed step every N days up to a limit."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


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
        if self.every_days < 1:
            raise ValueError("every_days must be at least 1")
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
    and the dose never passes `limit`. Rounded to 4 places so 1.5 + 6 x 0.5 is 4.5.
    """
    if on < start_date:
        return None
    steps = (on - start_date).days // plan.every_days
    dose = plan.start + steps * plan.step
    dose = min(dose, plan.limit) if plan.step > 0 else max(dose, plan.limit)
    return round(dose, 4)


def schedule(plan: TitrationPlan, start_date: date) -> list[tuple[date, float]]:
    """Each date the dose changes, with the new dose, up to and including reaching the limit."""
    out = [(start_date, round(plan.start, 4))]
    day = start_date
    while out[-1][1] != round(plan.limit, 4):
        day += timedelta(days=plan.every_days)
        out.append((day, dose_on(plan, start_date, day)))
    return out
