"""A third generator of synthetic patients, for the engine audit; independent of synthetic.py
(first generator) and patients.py (issue 10's), with its own seeds, effect sizes and habits.

What it adds to the other two:
- planted effects whose *size* is known in the engine's own units, so intervals can be
  checked: a step of ``step`` pain points on the days after activity above a personal cut
  (lag 1 or 2), and a straight-line effect of ``slope`` pain points per unit of a factor
  drawn per patient (lag 1–3). Factors carrying planted effects are independent day to day,
  so the engine's estimate (the outcome's residual after earlier pain, regressed on the
  factor) is unbiased for the planted size;
- pain that moves a factor the engine may call a cause: the same day's pain pushing
  stress, activity effort, meal regularity or a custom "fatigue" rating, and the evening's
  pain breaking *that night's* sleep (told the next day: the night is recorded before the
  day's pain, so the engine may call a same-day sleep link a cause), with no effect of
  the factor at all;
- sparse logging in two shapes the other generators lack: strictly every other day, and
  a random half of days;
- a zone with a half-hour offset and daylight saving (Australia/Adelaide), check-ins late
  in the evening, and odd data on request (a factor that never changes, a factor logged
  only for a few weeks, pain stuck at one value for months, no flares at all).
Null patients have the same habits, noise, logging and pain-driven factors, and nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np

ZONE = "Australia/Adelaide"
TODAY = date(2026, 4, 19)   # the Sunday daylight saving ended: a 25-hour day at the end
SEED_BASE = 31_000
#: Factors a straight-line effect can be planted in (independent day to day), and the
#: direction of *more* of it.
SLOPE_POOL = {"custom.fatigue": "worse", "breathing_minutes": "better",
              "meal_regularity": "better", "alcohol_units": "worse"}
#: Factors the day's pain can push (per pain point above the person's usual), and
#: "sleep_quality": the evening's pain breaking that night's sleep, told the next day.
DRIVEN = {"stress": 0.7, "activity_effort": -0.6, "meal_regularity": -0.6,
          "custom.fatigue": 0.7, "sleep_quality": -0.9, "night_wakings": 0.6}


@dataclass
class Truth:
    """What was planted: the activity step (cut, lag, pain points), the straight-line effect
    (factor, lag, pain points per unit, direction of more), and the pain-driven factor."""

    step: tuple[float, int, float] | None = None
    slope: tuple[str, int, float, str] | None = None
    driven: str | None = None

    def causes(self) -> dict[str, str]:
        """Factor -> direction of more of it, for every planted cause."""
        out = {}
        if self.step:
            out["activity_minutes"] = "worse"
        if self.slope:
            out[self.slope[0]] = self.slope[3]
        return out


@dataclass
class AuditPatient:
    checkins: list[dict]
    zone: str
    today: date
    truth: Truth


def _habits(rng, n) -> dict[str, np.ndarray]:
    """Unrounded daily values. Factors that can carry a planted effect are independent day
    to day; stress and mood wander (autocorrelated), as people's do."""
    stress = np.zeros(n)
    for i in range(1, n):
        stress[i] = 0.55 * stress[i - 1] + rng.normal(0, 1.3)
    return {
        "stress": 4.0 + stress,
        "mood": 6.5 - 0.4 * stress + rng.normal(0, 1.0, n),
        "sleep_hours": 6.8 + rng.normal(0, 0.8, n),
        "sleep_quality": 6.0 + rng.normal(0, 1.4, n),
        "night_wakings": rng.poisson(1.4, n).astype(float),
        "activity_minutes": rng.lognormal(3.7, 0.55, n),
        "activity_effort": 5.0 + rng.normal(0, 1.5, n),
        "rest_breaks": rng.poisson(1.6, n).astype(float),
        "meal_regularity": 6.5 + rng.normal(0, 1.6, n),
        "late_meal": (rng.random(n) < 0.25).astype(float),
        "alcohol_units": np.where(rng.random(n) < 0.5, 0.0, rng.integers(1, 7, n) * 1.0),
        "breathing_minutes": np.where(rng.random(n) < 0.4, 0.0, rng.integers(4, 25, n) * 1.0),
        "custom.fatigue": 5.0 + rng.normal(0, 1.6, n),
    }


def _lagged(values: np.ndarray, lag: int) -> np.ndarray:
    lag = min(lag, len(values))
    return np.concatenate([np.zeros(lag), values[: len(values) - lag]])


def _plant(rng, habits, n, size: float, lag: int | None = None) -> tuple[np.ndarray, Truth]:
    truth = Truth()
    activity = habits["activity_minutes"]
    cut = float(np.quantile(activity, rng.uniform(0.68, 0.8)))
    cut = float(np.round(cut / 5) * 5)
    step_lag = lag or int(rng.choice([1, 2]))   # drawn either way: seeds keep their patients
    step = size * rng.uniform(1.0, 1.4)
    push = step * _lagged((activity > cut).astype(float), step_lag)
    name = sorted(SLOPE_POOL)[int(rng.integers(len(SLOPE_POOL)))]
    slope_lag = lag or int(rng.integers(1, 4))
    values = habits[name]
    # pain points per unit: 0.4–0.55 points per standard deviation of the factor
    per_unit = size * rng.uniform(0.4, 0.55) / (values.std() or 1.0)
    sign = 1 if SLOPE_POOL[name] == "worse" else -1
    push += sign * per_unit * _lagged(values - values.mean(), slope_lag)
    truth.step = (cut, step_lag, step)
    truth.slope = (name, slope_lag, per_unit, SLOPE_POOL[name])
    return push - push.mean(), truth


def _logged(rng, n, logging: str) -> np.ndarray:
    if logging == "daily":
        present = rng.random(n) >= 0.06
    elif logging == "alternate":
        present = np.arange(n) % 2 == (n - 1) % 2
    elif logging == "half":
        present = rng.random(n) < 0.5
    else:
        raise ValueError(logging)
    present[-1] = True
    return present


def audit_patient(seed: int, days: int = 365, *, planted: bool = True, driven: str | None = None,
                  logging: str = "daily", size: float = 1.0, odd: str | None = None,
                  report_noise: float = 0.4, lag: int | None = None) -> AuditPatient:
    """One patient with ``days`` days ending on TODAY (Australia/Adelaide).

    ``planted``: an activity step and a straight-line effect (see Truth); False: a null
    patient. ``driven``: a key of DRIVEN that pain pushes, with no effect of its own.
    ``logging``: "daily" (6 % of days missed), "alternate" (exactly every other day) or
    "half" (a random half of days). ``odd``: "constant" (sleep always 7 h), "brief"
    (stiffness logged only for 5 weeks), "stuck" (pain 4 for the first 150 days),
    "no_flares", or "all_flares" (flares on most days). ``report_noise``: the spread of what
    the person reports around their felt pain (before rounding to whole points). ``lag``:
    both planted effects at this lag (else drawn: the step at 1 or 2, the line at 1–3).
    """
    rng = np.random.default_rng(SEED_BASE + seed)
    n = days
    habits = _habits(rng, n)
    push, truth = _plant(rng, habits, n, size, lag) if planted else (np.zeros(n), Truth())
    mu, phi = rng.uniform(2.5, 6.0), rng.uniform(0.3, 0.6)
    latent = np.zeros(n)
    level = mu
    shocks = rng.normal(0, 1.0, n)
    for i in range(n):
        level = mu + phi * (level - mu) + shocks[i] + push[i]
        latent[i] = level
    pain = np.clip(np.round(latent + rng.normal(0, report_noise, n)), 0, 10)
    flare = (latent > mu + rng.uniform(1.3, 1.8)) & (rng.random(n) < 0.92)
    if driven:
        truth.driven = driven
        if driven in ("sleep_quality", "night_wakings"):
            # the evening's pain breaks that night's sleep, told on the next day's check-in
            habits[driven] = habits[driven] + DRIVEN[driven] * _lagged(latent - mu, 1)
        else:
            habits[driven] = habits[driven] + DRIVEN[driven] * (latent - mu)
    if odd == "stuck":
        pain[:150] = 4
        flare[:150] = False
    elif odd == "no_flares":
        flare[:] = False
    elif odd == "all_flares":
        flare = rng.random(n) < 0.8
    present = _logged(rng, n, logging)
    start = TODAY - timedelta(days=n - 1)
    checkins = [_checkin(rng, start + timedelta(days=int(i)), i, pain, flare, habits, odd, n)
                for i in np.flatnonzero(present)]
    return AuditPatient(checkins, ZONE, TODAY, truth)


_LIMITS = {"activity_minutes": (0, 600), "night_wakings": (0, 15), "sleep_hours": (0, 14),
           "alcohol_units": (0, 20), "breathing_minutes": (0, 90)}


def _checkin(rng, day, i, pain, flare, habits, odd, n) -> dict:
    at = datetime.combine(day, time(22, 40), ZoneInfo(ZONE))
    record = {"id": f"a-{day}", "at": at, "pain": int(pain[i]), "flare": bool(flare[i])}
    for name, values in habits.items():
        if rng.random() < 0.04:
            continue
        low, high = _LIMITS.get(name, (0, 10))
        value = float(np.clip(values[i], low, high))
        if name == "late_meal":
            record[name] = bool(value)
        elif name == "sleep_hours":
            record[name] = 7.0 if odd == "constant" else round(value * 2) / 2
        elif name.startswith("custom."):
            record.setdefault("custom", {})[name.split(".", 1)[1]] = float(round(value))
        else:
            record[name] = int(round(value))
    if odd == "brief" and n - 200 <= i < n - 165:
        record.setdefault("custom", {})["stiffness"] = float(rng.integers(2, 8))
    return record
