"""Synthetic records for report tests: 60 days of check-ins with gaps, flares, meds, labs, PEG-3."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

START = date(2026, 9, 1)
END = date(2026, 10, 30)


def checkins(seed: int = 7) -> list[dict]:
    """Two check-ins on most days, none on every 9th day; a flare every 13th day."""
    rnd = random.Random(seed)
    out = []
    for i in range((END - START).days + 1):
        day = START + timedelta(days=i)
        if i % 9 == 4:
            continue
        for hour in (8, 20):
            pain = max(0, min(10, round(4 + 2 * rnd.random() + (3 if i % 13 == 0 else 0) - i / 40)))
            out.append(
                {
                    "id": f"00000000-0000-4000-8000-{i:06d}{hour:06d}",
                    "at": datetime(day.year, day.month, day.day, hour, tzinfo=UTC),
                    "pain": pain,
                    "flare": i % 13 == 0 and hour == 20,
                    "sleep_hours": 6.5,
                    "stress": rnd.randint(2, 8),
                    "nsaid_doses": 1 if i % 5 == 0 and hour == 8 else 0,
                    "medications": [{"name": "PEA", "dose_mg": 600}] if hour == 8 else [],
                    "breathing_minutes": 10 if i % 2 else 0,
                    "activities": ["walking"] if i % 3 == 0 else [],
                    "red_flags": ["saddle_numbness"] if i == 20 and hour == 8 else [],
                    "notes": 'stiff, "bad" morning' if i == 3 else None,
                }
            )
    return out


def load_days() -> list[dict]:
    return [
        {
            "date": (START + timedelta(days=i)).isoformat(),
            "score": 30 + (i % 20) * 2,
            "contributors": {"sleep": 10 + i % 5, "stress": 8, "nsaid": 2.0},
            "pain_mean": None,
            "flare": False,
        }
        for i in range((END - START).days + 1)
    ]


PATTERNS = [
    {
        "kind": "lagged",
        "factors": ["sleep_hours"],
        "outcome": "pain",
        "lag_days": 1,
        "direction": "worse",
        "threshold": {"factor": "sleep_hours", "value": 6},
        "effect": 1.3,
        "ci_low": 0.6,
        "ci_high": 2.0,
        "q_value": 0.012,
        "n": 54,
        "summary": "After nights under 6 hours of sleep, pain is about 1.3 points higher the next day.",
    },
    {
        "kind": "combination",
        "factors": ["stress", "activity_minutes"],
        "outcome": "flare",
        "lag_days": 2,
        "direction": "worse",
        "threshold": None,
        "effect": 2.1,
        "ci_low": 1.3,
        "ci_high": 3.4,
        "q_value": 0.041,
        "n": 48,
        "summary": "High stress together with long activity is followed by more flares two days later.",
    },
]

PEG3 = [
    {
        "week_start": (START + timedelta(days=7 * w)).isoformat(),
        "pain": 6 - w // 3,
        "enjoyment": 7 - w // 2,
        "activity": 5,
    }
    for w in range(9)
    if w != 4
]

LABS = [
    {"test": "hs_crp", "value": 2.4, "unit": "mg/L", "date": "2026-09-10"},
    {
        "test": "vitamin_d",
        "value": 77.5,
        "unit": "nmol/L",
        "date": "2026-09-10",
        "ref_low": 75,
        "ref_high": 250,
    },
    {"test": "hba1c", "value": 5.3, "unit": "%", "date": "2026-09-10"},
]
