"""Synthetic patients with known, planted effects, for testing and benchmarking the analysis.

A patient's latent pain is an AR(1) process; planted effects push it up or down:
- delayed: stress raises pain the next day (linear, lag 1);
- threshold: activity above a personal cut point (one that 15–35 % of the person's
  days go past) raises pain two days later (lag 2);
- combination: a late meal together with 2+ units of alcohol raises pain the next
  day; either alone does nothing;
- protective: breathing practice lowers pain the next day (lag 1);
- precursor: energy drops in the 1–3 days before a flare starts (a warning sign,
  not a cause);
- reverse-causal NSAIDs: doses follow the same day's pain and change nothing.
Days go missing at random and in runs; fields go missing; some days have two
check-ins. A null patient has the same noise, autocorrelation, missingness and
NSAID habit but no planted effect at all.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from server.analysis.patterns import LESS_IS_NOTABLE

ZONE = "America/New_York"
EFFECT_LAGS = {"stress": 1, "activity_minutes": 2, "breathing_minutes": 1}
COMBINATION = ("alcohol_units", "late_meal")
PRECURSOR = "energy"
DERIVED = {"acwr": "activity_minutes", "activity_spike": "activity_minutes"}


@dataclass
class Truth:
    """What was planted: causes with their direction, the activity cut point, and so on."""

    causes: dict[str, str] = field(default_factory=dict)
    threshold: float | None = None
    combination: tuple[str, str] | None = None
    precursor: str | None = None


@dataclass
class SyntheticPatient:
    checkins: list[dict]
    zone: str
    today: date
    truth: Truth


def _ar(rng, n, phi, sd):
    out = np.zeros(n)
    noise = rng.normal(0, sd, n)
    for i in range(1, n):
        out[i] = phi * out[i - 1] + noise[i]
    return out


def _behaviours(rng, n):
    """Daily factor values, autocorrelated where people's lives are."""
    stress = np.clip(np.round(4 + _ar(rng, n, 0.6, 1.6)), 0, 10)
    sleep = np.clip(np.round((7 + _ar(rng, n, 0.3, 0.8)) * 2) / 2, 3, 11)
    activity = np.round(rng.gamma(2.5, 24, n) / 5) * 5
    activity[rng.random(n) < 0.1] = 0
    alcohol = np.where(rng.random(n) < 0.6, 0, rng.integers(1, 6, n))
    breathing = np.where(rng.random(n) < 0.5, 0, rng.integers(5, 21, n))
    return {
        "stress": stress,
        "mood": np.clip(np.round(6 - 0.3 * (stress - 4) + _ar(rng, n, 0.5, 1.2)), 0, 10),
        "sleep_hours": sleep,
        "sleep_quality": np.clip(np.round(6 + (sleep - 7) + rng.normal(0, 1.2, n)), 0, 10),
        "night_wakings": rng.poisson(1.2, n).astype(float),
        "activity_minutes": activity,
        "activity_effort": rng.integers(2, 9, n).astype(float),
        "rest_breaks": rng.poisson(2, n).astype(float),
        "meal_regularity": np.clip(np.round(7 + rng.normal(0, 1.5, n)), 0, 10),
        "late_meal": (rng.random(n) < 0.3).astype(float),
        "alcohol_units": alcohol.astype(float),
        "breathing_minutes": breathing.astype(float),
        "mindfulness_minutes": np.where(rng.random(n) < 0.7, 0,
                                        rng.integers(5, 31, n)).astype(float),
        "custom.stiffness": np.clip(np.round(4 + _ar(rng, n, 0.5, 1.3)), 0, 10),
        "energy": np.clip(6 + _ar(rng, n, 0.5, 1.2), 0, 10),
    }


def _latent_pain(rng, f, n, planted: bool, cut: float, strength: float):
    mu, phi = rng.uniform(3.5, 5.0), rng.uniform(0.4, 0.7)
    push = np.zeros(n)
    if planted:
        lagged = lambda x, k: np.concatenate([np.zeros(k), x[: n - k]])  # noqa: E731
        push += strength * 0.3 * lagged(f["stress"] - 4, 1)
        push += strength * 1.6 * lagged((f["activity_minutes"] > cut).astype(float), 2)
        both = (f["late_meal"] == 1) & (f["alcohol_units"] >= 2)
        push += strength * 1.8 * lagged(both.astype(float), 1)
        push -= strength * 0.08 * lagged(f["breathing_minutes"], 1)
        push -= push.mean()
    latent = np.zeros(n)
    level = mu
    noise = rng.normal(0, 0.8, n)
    for i in range(n):
        level = mu + phi * (level - mu) + noise[i] + push[i]
        latent[i] = level
    return latent, mu


def _flares(rng, latent, mu):
    return (latent > mu + 1.9) & (rng.random(len(latent)) < 0.95)


def synthetic_patient(seed: int, days: int = 365, planted: bool = True,
                      strength: float = 1.0, nsaid_delay: int = 0) -> SyntheticPatient:
    """A patient with ``days`` days of history ending today; ``planted=False``: a null one.

    ``nsaid_delay``: NSAIDs follow the pain of that many days before (0: the same day;
    1: the morning after a bad day) — reverse causation either way.
    """
    rng = np.random.default_rng(seed)
    n = days
    f = _behaviours(rng, n)
    # A personal cut point that 15–35 % of the person's days go past, in whole 5 minutes.
    share = rng.uniform(0.65, 0.85)
    cut = float(np.round(np.quantile(f["activity_minutes"], share) / 5) * 5)
    latent, mu = _latent_pain(rng, f, n, planted, cut, strength)
    pain = np.clip(np.round(latent + rng.normal(0, 0.6, n)), 0, 10)
    flare = _flares(rng, latent, mu)
    if planted:
        onset = flare & ~np.concatenate([[False], flare[:-1]])
        soon = np.zeros(n, dtype=bool)
        for k in (1, 2, 3):
            soon[: n - k] |= onset[k:]
        f["energy"] = f["energy"] - 2.2 * soon
    f["energy"] = np.clip(np.round(f["energy"]), 0, 10)
    # NSAIDs follow today's pain: the reverse-causal habit every patient has.
    felt = np.concatenate([np.full(nsaid_delay, mu), pain[: n - nsaid_delay]])
    took = rng.random(n) < 1 / (1 + np.exp(-1.5 * (felt - (mu + 1.5))))
    f["nsaid_doses"] = np.where(took, 1 + (rng.random(n) < 0.4), 0).astype(float)
    present = _present_days(rng, n)
    today = date(2026, 11, 21)
    start = today - timedelta(days=n - 1)
    checkins = []
    for i in np.flatnonzero(present):
        checkins.extend(_checkins_for(rng, start + timedelta(days=int(i)), i, pain, flare, f))
    truth = Truth(zone_free_causes(planted), cut if planted else None,
                  COMBINATION if planted else None, PRECURSOR if planted else None)
    return SyntheticPatient(checkins, ZONE, today, truth)


def zone_free_causes(planted: bool) -> dict[str, str]:
    return {"stress": "worse", "activity_minutes": "worse",
            "breathing_minutes": "better"} if planted else {}


def _present_days(rng, n):
    present = rng.random(n) >= 0.12
    for _ in range(max(1, n // 180)):
        start = int(rng.integers(0, max(1, n - 10)))
        present[start: start + int(rng.integers(4, 11))] = False
    present[-1] = True
    return present


def _checkins_for(rng, day, i, pain, flare, f):
    zone = ZoneInfo(ZONE)
    record = {"pain": int(pain[i]), "flare": bool(flare[i])}
    for name, values in f.items():
        if rng.random() < 0.04:
            continue
        value = values[i]
        if name == "late_meal":
            record[name] = bool(value)
        elif name.startswith("custom."):
            record.setdefault("custom", {})[name.split(".", 1)[1]] = float(value)
        elif name in ("sleep_hours", "alcohol_units"):
            record[name] = float(value)
        else:
            record[name] = int(value)
    evening = datetime.combine(day, time(20, 30), zone)
    if rng.random() >= 0.2:
        return [dict(record, id=f"{day}-e", at=evening)]
    return _split(rng, record, day, zone, evening)


def _split(rng, record, day, zone, evening):
    """Two check-ins whose daily fold gives back ``record``."""
    morning = {"id": f"{day}-m", "at": datetime.combine(day, time(8, 15), zone)}
    later = {"id": f"{day}-e", "at": evening}
    d = int(rng.integers(0, 2)) if 1 <= record["pain"] <= 9 else 0
    morning["pain"], later["pain"] = record["pain"] - d, record["pain"] + d
    morning["flare"] = False
    later["flare"] = record["flare"]
    for name, value in record.items():
        if name in ("pain", "flare", "id", "at"):
            continue
        if name in ("sleep_hours", "sleep_quality", "night_wakings"):
            morning[name] = value
        elif name in ("activity_minutes", "nsaid_doses", "rest_breaks", "breathing_minutes",
                      "mindfulness_minutes") and value >= 2:
            part = int(value) // 2
            morning[name], later[name] = part, int(value) - part
        else:
            morning[name] = later[name] = value
    return [morning, later]


# --- scoring claims against the truth -----------------------------------------------------

def base_factor(name: str) -> str:
    return DERIVED.get(name, name)


def more_direction(pattern: dict) -> str:
    """The claim's direction for *more* of its factor.

    Lagged claims on factors where less is notable are told from the low end
    ("sleep of 6 hours or less ... higher"), and their direction with them.
    """
    low_end = pattern["kind"] == "lagged" and pattern["factors"][0] in LESS_IS_NOTABLE
    if not low_end:
        return pattern["direction"]
    return {"worse": "better", "better": "worse"}[pattern["direction"]]


def claim_is_true(pattern: dict, truth: Truth) -> bool:
    """Whether a reported pattern (API dict) is a true statement about the planted world."""
    kind, direction = pattern["kind"], more_direction(pattern)
    names = [base_factor(n) for n in pattern["factors"]]
    if kind == "combination":
        return (truth.combination is not None and sorted(names) == sorted(truth.combination)
                and direction == "worse")
    name = names[0]
    if name == "nsaid_doses":
        return False
    if truth.causes.get(name) == direction:
        return True
    if truth.combination and name in truth.combination and direction == "worse":
        return True   # the pair's marginal effect is real
    if name == truth.precursor and direction == "better":
        return True   # energy really does fall before flares: predictive, if not causal
    return kind == "precursor" and name == "pain" and direction == "worse"


def is_reverse_causal_claim(pattern: dict) -> bool:
    """NSAIDs presented as raising pain or flares."""
    return ("nsaid_doses" in pattern["factors"] and pattern["kind"] != "precursor"
            and more_direction(pattern) == "worse")
