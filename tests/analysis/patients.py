"""A second generator of synthetic patients, written for issue 10 and independent of synthetic.py.

Different seeds, effect sizes, factor habits and noise from the first generator, and the
situations that generator never made:
- pain that drives a same-day factor (a bad day raises stress, lowers mood or energy, cuts
  activity) with no effect of the factor on pain at all;
- people who check in about every other day (gaps of 1–3 days, two on average);
- effects planted at lags 1, 2 and 3 on factors drawn per patient, a two-factor
  combination drawn per patient, and a warning sign (a factor that moves in the days
  before a flare starts) drawn per patient from several factors, not only energy;
- flares that follow pain, so that "tomorrow is like today" is a strong baseline.
Null patients have the same habits, noise, missing days and pain-driven factors, nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np

ZONE = "Europe/Lisbon"
TODAY = date(2026, 10, 14)
#: Factors an effect can be planted in, with the direction of *more* of it.
LAGGED_POOL = {"stress": "worse", "sleep_hours": "better", "activity_minutes": "worse",
               "breathing_minutes": "better", "alcohol_units": "worse"}
#: Pairs a combination can be planted in: each one's notable end, together.
PAIR_POOL = (("late_meal", "alcohol_units"), ("sleep_hours", "stress"),
             ("activity_minutes", "stress"), ("late_meal", "sleep_hours"))
#: Factors a warning sign can be planted in, and which way they move before a flare.
SIGN_POOL = {"sleep_quality": "lower", "stress": "higher", "mood": "lower",
             "custom.stiffness": "higher", "night_wakings": "higher", "energy": "lower"}
#: Factors pain can drive on the same day, and the sign of the push per pain point.
DRIVEN = {"stress": 0.8, "mood": -0.8, "energy": -0.8, "activity_minutes": -12.0}


@dataclass
class Planted:
    """What was put into one patient: lagged causes (factor -> (lag, direction)), a pair,
    a warning sign (factor -> direction) and the factor pain drives, if any."""

    causes: dict[str, tuple[int, str]] = field(default_factory=dict)
    pair: tuple[str, str] | None = None
    sign: tuple[str, str] | None = None
    driven: str | None = None


@dataclass
class Patient:
    checkins: list[dict]
    zone: str
    today: date
    planted: Planted


def _ar(rng, n, phi, sd):
    out = np.zeros(n)
    shocks = rng.normal(0, sd, n)
    for i in range(1, n):
        out[i] = phi * out[i - 1] + shocks[i]
    return out


def _habits(rng, n) -> dict[str, np.ndarray]:
    """Unrounded daily values of every factor; pain-driven parts are added later."""
    alcohol = np.where(rng.random(n) < 0.55, 0.0, rng.integers(1, 5, n).astype(float))
    return {
        "stress": 4.5 + _ar(rng, n, 0.5, 1.4),
        "mood": 6.0 + _ar(rng, n, 0.4, 1.1),
        "energy": 5.5 + _ar(rng, n, 0.4, 1.1),
        "sleep_hours": 7.0 + _ar(rng, n, 0.2, 0.9),
        "sleep_quality": 6.0 + rng.normal(0, 1.3, n),
        "night_wakings": rng.poisson(1.0, n).astype(float),
        "activity_minutes": rng.gamma(3.0, 15.0, n),
        "alcohol_units": alcohol,
        "late_meal": (rng.random(n) < 0.35).astype(float),
        "breathing_minutes": np.where(rng.random(n) < 0.45, 0.0, rng.integers(5, 16, n) * 1.0),
        "custom.stiffness": 4.0 + _ar(rng, n, 0.5, 1.2),
    }


def _notable(name: str, values: np.ndarray) -> np.ndarray:
    if name in ("late_meal",):
        return values == 1
    if name == "alcohol_units":
        return values >= 2
    if name == "sleep_hours":
        return values < np.quantile(values, 0.33)
    return values > np.quantile(values, 0.67)


def _lagged(values: np.ndarray, lag: int) -> np.ndarray:
    return np.concatenate([np.zeros(lag), values[: len(values) - lag]])


def _push(rng, habits, planted: Planted, n, size: float, mains: bool = False) -> np.ndarray:
    push = np.zeros(n)
    if mains:
        # strong main effects the top-third indicators misfit: a step at stress's top fifth,
        # and short sleep as a straight line, both the next day
        step = habits["stress"] > np.quantile(habits["stress"], 0.8)
        push += size * 1.2 * _lagged(step.astype(float), 1)
        z = (habits["sleep_hours"] - habits["sleep_hours"].mean()) / habits["sleep_hours"].std()
        push -= size * 0.6 * _lagged(z, 1)
    for name, (lag, direction) in planted.causes.items():
        z = (habits[name] - habits[name].mean()) / habits[name].std()
        sign = 1 if direction == "worse" else -1
        push += sign * size * rng.uniform(0.30, 0.45) * _lagged(z, lag)
    if planted.pair:
        a, b = planted.pair
        both = _notable(a, habits[a]) & _notable(b, habits[b])
        push += size * rng.uniform(1.4, 1.9) * _lagged(both.astype(float), 1)
    return push - push.mean()


def _pain(rng, push, n):
    """Latent pain (AR(1) around a personal level) and what the person reports."""
    mu, phi = rng.uniform(3.0, 5.5), rng.uniform(0.5, 0.75)
    latent = np.zeros(n)
    level = mu
    shocks = rng.normal(0, 0.9, n)
    for i in range(n):
        level = mu + phi * (level - mu) + shocks[i] + push[i]
        latent[i] = level
    reported = np.clip(np.round(latent + rng.normal(0, 0.5, n)), 0, 10)
    return latent, reported, mu


def _flares(rng, latent, mu):
    """Flares come with high pain (so "tomorrow is like today" predicts them well)."""
    return (latent > mu + rng.uniform(1.5, 2.0)) & (rng.random(len(latent)) < 0.9)


def _plant_sign(habits, flare, planted: Planted, n):
    if not planted.sign:
        return
    name, way = planted.sign
    onset = flare & ~np.concatenate([[False], flare[:-1]])
    soon = np.zeros(n, dtype=bool)
    for k in (1, 2, 3):
        soon[: n - k] |= onset[k:]
    spread = habits[name].std()
    habits[name] = habits[name] + (1.3 if way == "higher" else -1.3) * spread * soon


def _logged_days(rng, n, logging: str) -> np.ndarray:
    """Which days have a check-in: nearly every day, or about every other day."""
    if logging == "daily":
        present = rng.random(n) >= 0.08
    else:
        present = np.zeros(n, dtype=bool)
        i = int(rng.integers(0, 2))
        while i < n:
            present[i] = True
            i += int(rng.choice([1, 2, 3], p=[0.2, 0.6, 0.2]))
    present[-1] = True
    return present


def patient(seed: int, days: int = 365, *, planted: bool = True, driven: str | None = None,
            logging: str = "daily", size: float = 1.0, mains: bool = False) -> Patient:
    """One synthetic patient with ``days`` days ending on TODAY.

    ``planted``: lagged causes at lags 1, 2 and 3, a pair and a warning sign (drawn from
    the seed); False gives a null patient. ``driven``: a factor (key of DRIVEN) that the
    day's reported pain pushes, with no effect of its own. ``logging``: "daily" (8 % of
    days missed) or "alternate" (about every other day). ``mains``: no pair; instead strong
    main effects that the pair search's top-third indicators misfit (stress above its top
    fifth, sleep as a straight line, the next day), with mood and energy following stress,
    so that a pair of these could look "together" when nothing is.
    """
    rng = np.random.default_rng(10_000 + seed)
    n = days
    habits = _habits(rng, n)
    plan = Planted(driven=driven)
    if planted:
        names = list(rng.permutation(sorted(LAGGED_POOL)))[:3]
        plan.causes = {name: (lag, LAGGED_POOL[name]) for name, lag in zip(names, (1, 2, 3))}
        plan.pair = PAIR_POOL[int(rng.integers(len(PAIR_POOL)))]
        sign = sorted(SIGN_POOL)[int(rng.integers(len(SIGN_POOL)))]
        plan.sign = (sign, SIGN_POOL[sign])
    if mains:
        plan.pair = None
        plan.causes.setdefault("stress", (1, "worse"))
        plan.causes.setdefault("sleep_hours", (1, "better"))
        spread = habits["stress"] - habits["stress"].mean()
        habits["mood"] = habits["mood"] - 0.6 * spread
        habits["energy"] = habits["energy"] - 0.4 * spread
    latent, pain, mu = _pain(rng, _push(rng, habits, plan, n, size, mains), n)
    flare = _flares(rng, latent, mu)
    _plant_sign(habits, flare, plan, n)
    if driven:
        habits[driven] = habits[driven] + DRIVEN[driven] * (pain - mu)
    present = _logged_days(rng, n, logging)
    start = TODAY - timedelta(days=n - 1)
    checkins = [_checkin(rng, start + timedelta(days=int(i)), i, pain, flare, habits)
                for i in np.flatnonzero(present)]
    return Patient(checkins, ZONE, TODAY, plan)


_LIMITS = {"activity_minutes": (0, 400), "night_wakings": (0, 12), "sleep_hours": (2, 12),
           "alcohol_units": (0, 20), "breathing_minutes": (0, 60)}


def _checkin(rng, day, i, pain, flare, habits) -> dict:
    record = {"id": f"p-{day}", "at": datetime.combine(day, time(19, 45), ZoneInfo(ZONE)),
              "pain": int(pain[i]), "flare": bool(flare[i])}
    for name, values in habits.items():
        if rng.random() < 0.03:
            continue
        low, high = _LIMITS.get(name, (0, 10))
        value = float(np.clip(values[i], low, high))
        if name == "late_meal":
            record[name] = bool(value)
        elif name == "sleep_hours":
            record[name] = round(value * 2) / 2
        elif name.startswith("custom."):
            record.setdefault("custom", {})[name.split(".", 1)[1]] = float(round(value))
        else:
            record[name] = int(round(value))
    return record
