"""Generated people for the personal warning tests (issue 19), written for them alone.

A person's pain wanders (AR(1) around a personal level); when ``planted`` is set, every day
whose activity goes past ``cut`` minutes raises pain ``lag`` days later by ``effect``
points. Stress, sleep and a custom tracker ("custom.tea_cups") vary on their own and
change nothing: they are the null factors. ``every`` = 2 logs every other day only.
Check-ins are plain dicts in the shape the sync API takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np


@dataclass(frozen=True)
class Plan:
    """What a generated person is made of; the truth the tests check against."""

    seed: int
    days: int = 180
    planted: bool = True
    cut: float = 70.0
    effect: float = 2.0
    lag: int = 2
    every: int = 1
    zone: str = "Europe/Berlin"


@dataclass
class Person:
    plan: Plan
    start: date
    activity: np.ndarray
    pain: np.ndarray

    def day(self, i: int) -> date:
        return self.start + timedelta(days=i)


#: Days generated beyond the history, for the tests' own days after it.
AHEAD = 14


def generate(plan: Plan, start: date) -> Person:
    """Daily activity and pain for ``plan.days`` days from ``start`` (and AHEAD days more)."""
    rng = np.random.default_rng(plan.seed)
    n = plan.days + AHEAD
    activity = np.round(rng.gamma(4.0, 13.0, n))  # median ~48 min; ~25 % of days above 70
    push = np.zeros(n)
    if plan.planted:
        high = activity > plan.cut
        push[plan.lag:] = plan.effect * high[: n - plan.lag]
    level, noise = 3.5 + rng.uniform(-0.5, 0.5), np.zeros(n)
    for i in range(1, n):
        noise[i] = 0.5 * noise[i - 1] + rng.normal(0, 0.9)
    pain = np.clip(np.round(level + noise + push), 0, 10)
    return Person(plan, start, activity, pain)


def checkin(person: Person, i: int, rng: np.random.Generator, **override) -> dict:
    """The evening check-in of day ``i`` in the person's zone (a sync change's ``data``)."""
    at = datetime.combine(person.day(i), time(20, 30), tzinfo=ZoneInfo(person.plan.zone))
    data = {
        "at": at.isoformat(),
        "pain": int(person.pain[i]),
        "activity_minutes": int(person.activity[i]),
        "stress": int(rng.integers(1, 9)),
        "sleep_hours": float(np.round(rng.uniform(5.0, 8.5), 1)),
        "custom": {"tea_cups": int(rng.integers(0, 7))},
    }
    data.update(override)
    return data


def history(person: Person, upto: int) -> list[dict]:
    """Check-ins of days 0 .. upto-1, on the plan's logging rhythm."""
    rng = np.random.default_rng(person.plan.seed + 1)
    return [checkin(person, i, rng) for i in range(upto) if i % person.plan.every == 0]
