"""Early-warning alert rules: a small pure evaluation with a re-arm rule (no Flask, no DB).

Each rule looks at the person's daily series and answers True (condition holds),
False (it does not) or None (not enough data to tell). An alert fires when a rule's
condition holds while the rule is *armed*; the rule is then *fired* and stays silent
until the condition is seen to be false, which re-arms it. Missing data (None) never
re-arms: a gap in check-ins must not make the same crossing fire twice.

A rule that is turned off still moves through armed/fired, but nothing is emitted, so
turning it back on does not replay a crossing that happened while it was off.

Explanations are for the app only; push payloads never carry these values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from server.rules import rule_table

#: The fixed rules, their thresholds' defaults and ranges: the shared table
#: pwa/js/domain/rules/alerts.json, which the PWA's settings form reads too.
TABLE = rule_table("alerts")["rules"]
RULES = tuple(r["rule"] for r in TABLE)

#: Threshold name -> default; None for load: the person's own threshold (see personal_load_threshold)
DEFAULT_THRESHOLDS = {r["threshold"]: r["default"] for r in TABLE}

TITLES = {
    "load_high": "Your load has been high two days running",
    "acwr_spike": "Activity jumped well above your usual",
    "short_nights": "Several short or broken nights in a row",
    "nsaid_days": "Frequent NSAID use",
    "forecast_risk": "Higher flare risk ahead",
}


@dataclass(frozen=True)
class Day:
    """One local day of the analysis series; any value may be None when unknown."""

    date: date
    load: float | None = None
    acwr: float | None = None
    short_or_broken_night: bool | None = None
    nsaid_days_14: int | None = None
    forecast_risk: float | None = None
    forecast_beats_baseline: bool | None = None

    @classmethod
    def from_dict(cls, row: dict) -> Day:
        """Build from a plain dict; keys outside the dataclass are ignored."""
        return cls(**{k: row.get(k) for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class RuleState:
    """``status`` is "armed" or "fired"; ``changed_on`` the local date it last changed."""

    status: str = "armed"
    changed_on: date | None = None


@dataclass(frozen=True)
class Settings:
    """Per-person alert settings: rules turned off, and threshold overrides."""

    disabled: frozenset[str] = frozenset()
    thresholds: dict = field(default_factory=dict)

    def threshold(self, name: str):
        value = self.thresholds.get(name)
        return DEFAULT_THRESHOLDS[name] if value is None else value


@dataclass(frozen=True)
class Alert:
    """An alert to record and notify: which rule, for which day, and why (in-app text)."""

    rule: str
    day: date
    title: str
    explanation: str


@dataclass(frozen=True)
class Evaluation:
    """What ``evaluate`` decided: alerts to fire and every rule's new state."""

    alerts: list[Alert]
    state: dict[str, RuleState]


Check = Callable[[list[Day], Settings], "tuple[bool | None, str]"]


def personal_load_threshold(series: list[Day]) -> float | None:
    """The person's own high-load line: the 80th percentile of loads in the 28 days
    before the last two; None with fewer than 14 such days (not enough to call it theirs)."""
    history = [d.load for d in series[:-2][-28:] if d.load is not None]
    if len(history) < 14:
        return None
    ranked = sorted(history)
    pos = 0.8 * (len(ranked) - 1)
    low = int(pos)
    high = min(low + 1, len(ranked) - 1)
    return ranked[low] + (ranked[high] - ranked[low]) * (pos - low)


def _last(series: list[Day], n: int) -> list[Day] | None:
    """The last ``n`` days when they are consecutive calendar days, else None."""
    tail = series[-n:]
    if len(tail) < n or (tail[-1].date - tail[0].date).days != n - 1:
        return None
    return tail


def check_load_high(series, settings):
    threshold = settings.threshold("load") or personal_load_threshold(series)
    tail = _last(series, 2)
    if threshold is None or tail is None or any(d.load is None for d in tail):
        return None, ""
    loads = ", ".join(f"{d.load:.0f}" for d in tail)
    return all(d.load > threshold for d in tail), (
        f"Your load (how much sleep, stress, activity and the rest added up, 0 to 100) was "
        f"{loads} on the last two days, above your alert line of {threshold:.0f}. "
        "Extra rest and recovery now may head off a flare."
    )


def check_acwr_spike(series, settings):
    limit = settings.threshold("acwr")
    value = series[-1].acwr if series else None
    if value is None:
        return None, ""
    return value > limit, (
        f"Your activity this past week was {value:.1f} times your usual week (the average "
        f"of the last four); this alert comes above {limit:.1f} times. A jump like this is "
        "often followed by a flare; easing back toward your usual amount helps."
    )


def check_short_nights(series, settings):
    n = int(settings.threshold("short_nights"))
    tail = _last(series, n)
    if tail is None or any(d.short_or_broken_night is None for d in tail):
        return None, ""
    return all(d.short_or_broken_night for d in tail), (
        f"You had {n} short or broken nights in a row. Poor sleep lowers pain tolerance; "
        "your bedtime routine may help tonight."
    )


def check_nsaid_days(series, settings):
    limit = int(settings.threshold("nsaid_days"))
    value = series[-1].nsaid_days_14 if series else None
    if value is None:
        return None, ""
    return value >= limit, (
        f"You took an anti-inflammatory painkiller (NSAID, such as ibuprofen) on {value} of "
        f"the last 14 days; this alert comes at {limit}. Regular use for weeks is worth "
        "talking over with your doctor or pharmacist."
    )


def check_forecast_risk(series, settings):
    limit = settings.threshold("forecast_risk")
    last = series[-1] if series else None
    if last is None or last.forecast_risk is None or last.forecast_beats_baseline is None:
        return None, ""
    if not last.forecast_beats_baseline:
        # A forecast no better than the baseline says nothing; treat as "not raised".
        return False, ""
    return last.forecast_risk > limit, (
        f"The forecast gives about a {last.forecast_risk:.0%} chance of a flare in the next "
        f"two days; this alert comes above {limit:.0%}. On your past days its forecasts did "
        "better than going by today's pain and flares alone."
    )


CHECKS: dict[str, Check] = {
    "load_high": check_load_high,
    "acwr_spike": check_acwr_spike,
    "short_nights": check_short_nights,
    "nsaid_days": check_nsaid_days,
    "forecast_risk": check_forecast_risk,
}


def evaluate(series: list[Day | dict], state: dict[str, RuleState], settings: Settings) -> Evaluation:
    """Evaluate every rule on ``series`` (oldest first; the last day is "today").

    Returns the alerts to fire (at most one per rule) and the new state of every rule.
    Pure: the caller commits the new state before anyone is notified.
    """
    days = sorted((d if isinstance(d, Day) else Day.from_dict(d) for d in series), key=lambda d: d.date)
    today = days[-1].date if days else None
    alerts, new_state = [], {}
    for name in RULES:
        holds, why = CHECKS[name](days, settings)
        old = state.get(name) or RuleState()
        new_state[name], fires = step(old, holds, today)
        if fires and name not in settings.disabled:
            alerts.append(Alert(name, today, TITLES[name], why))
    return Evaluation(alerts, new_state)


def step(old: RuleState, holds: bool | None, today: date | None) -> tuple[RuleState, bool]:
    """The re-arm rule: (new state, whether an alert fires)."""
    if holds is True and old.status == "armed":
        return RuleState("fired", today), True
    if holds is False and old.status == "fired":
        return RuleState("armed", today), False
    return replace(old), False
