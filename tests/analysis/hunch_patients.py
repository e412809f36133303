"""A small generator of its own for the hunch tests (not the benches' patients.py or
synthetic.py): other habits, noise, seeds and zone, and a pair planted as an interaction.

- ``pair``: on days with both factors at their notable end, pain the next day rises by
  ``size`` points (neither alone does anything);
- ``driven``: the day's own pain pushes stress up that same day, and stress does nothing;
- every patient misses about one day in ten.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np

ZONE = "America/Chicago"
TODAY = date(2026, 11, 20)


def person(seed: int, days: int = 365, *, pair: tuple[str, str] | None = None,
           size: float = 1.7, driven: bool = False) -> tuple[list[dict], str, date]:
    """(check-ins, zone, today) for one synthetic person."""
    rng = np.random.default_rng(777_000 + seed)
    n = days
    habits = {
        "alcohol_units": np.where(rng.random(n) < 0.5, 0, rng.integers(1, 4, n)).astype(float),
        "late_meal": (rng.random(n) < 0.4).astype(float),
        "stress": np.clip(np.round(4 + rng.normal(0, 1.8, n)), 0, 10),
        "sleep_hours": np.clip(np.round((7 + rng.normal(0, 1.0, n)) * 2) / 2, 3, 11),
        "custom.coffee": rng.integers(0, 5, n).astype(float),
    }
    push = np.zeros(n)
    if pair:
        both = _notable(pair[0], habits) & _notable(pair[1], habits)
        push[1:] += size * both[:-1]
    level, pain = rng.uniform(3, 5), np.zeros(n)
    current = level
    for i in range(n):
        current = level + 0.6 * (current - level) + rng.normal(0, 0.9) + push[i]
        pain[i] = current
    reported = np.clip(np.round(pain + rng.normal(0, 0.4, n)), 0, 10)
    if driven:
        habits["stress"] = np.clip(np.round(habits["stress"] + 0.9 * (reported - level)), 0, 10)
    start = TODAY - timedelta(days=n - 1)
    checkins = []
    for i in range(n):
        if rng.random() < 0.1 and i < n - 1:
            continue
        day = start + timedelta(days=i)
        record = {"id": f"h-{i}", "at": datetime.combine(day, time(21, 5), ZoneInfo(ZONE)),
                  "pain": int(reported[i]), "flare": bool(reported[i] >= level + 3)}
        for name, values in habits.items():
            if name.startswith("custom."):
                record.setdefault("custom", {})[name[7:]] = float(values[i])
            else:
                record[name] = bool(values[i]) if name == "late_meal" else float(values[i])
        checkins.append(record)
    return checkins, ZONE, TODAY


def _notable(name: str, habits: dict) -> np.ndarray:
    values = habits[name]
    if name == "late_meal":
        return values == 1
    if name == "sleep_hours":
        return values < np.quantile(values, 1 / 3)
    return values > np.quantile(values, 2 / 3)
