"""The one entry point: a person's check-ins in, their load, patterns, signals and forecast out."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np

from .daily import DailyRows, daily_rows
from .flare_forecast import Forecast, forecast
from .load import LoadDay, LoadSeries, load_scores
from .patterns import (
    MIN_PATTERN_DAYS, HunchResult, Pattern, combination_effects, lagged_effects, pattern_data,
    precursor_signs, reported_patterns, judge_hunch, threshold_effects,
)
from .patterns.hunches import AGREE, NOT_ENOUGH, NOT_SEEN, hunch_lag

STATUS_MESSAGES = {
    "collecting": "Not enough check-ins yet: about {days_needed} more days are needed "
                  "before patterns can be told apart from chance.",
    "no_patterns": "No pattern is strong enough yet to be more than chance. "
                   "Keep checking in: effects show up as data grows.",
    "patterns": "These patterns held up against chance across everything tested.",
}
#: Below this share of days with a check-in, the message says what a sparse logger can expect.
SPARSE_SHARE = 0.7
SPARSE_NOTE = (" You checked in on {share:.0%} of days, and {pairs} times on the day after "
               "another check-in. Each day is compared with your next check-in, 1 to 3 days "
               "later, where an effect that shows the next day has partly faded, so with gaps "
               "only the larger effects can be found (under a third of those a daily check-in "
               "finds in a year), and two things that matter together hardly ever. Checking "
               "in every day, even briefly, helps most.")


@dataclass
class SignalDay:
    """Per-day series for the early-warning alerts.

    load: the day's load score (None without a check-in); acwr: EWMA 7:28-day
    acute:chronic activity ratio; short_night: last night short or broken against
    the person's baseline (None when sleep unknown); nsaid_days_14: days with an
    NSAID in the 14 days ending that day; forecast_risk: the 48-hour flare risk the
    forecast gave that day out of sample (None before the forecast had enough
    history; the last day uses the current model).
    """

    date: date
    load: float | None
    acwr: float | None
    short_night: bool | None
    nsaid_days_14: int
    forecast_risk: float | None

    def to_dict(self) -> dict:
        return {"date": self.date.isoformat(), "load": self.load, "acwr": self.acwr,
                "short_night": self.short_night, "nsaid_days_14": self.nsaid_days_14,
                "forecast_risk": self.forecast_risk}


@dataclass
class Analysis:
    """Everything computed for one person; ``to_dict`` gives the stored JSON payload.

    status: "collecting" (fewer than MIN_PATTERN_DAYS days with pain recorded;
    ``days_needed`` says how many more), "no_patterns" or "patterns".
    """

    today: date
    load: list[LoadDay]
    patterns: list[Pattern]
    status: str
    data_days: int
    days_needed: int
    forecast: Forecast
    signals: list[SignalDay]
    tested: int = 0
    candidates: list[Pattern] = field(default_factory=list, repr=False)
    logged_share: float = 1.0
    next_day_pairs: int = 0

    def patterns_dict(self) -> dict:
        """The body of GET /api/insights/patterns."""
        return {
            "patterns": [p.to_dict() for p in self.patterns], "data_days": self.data_days,
            "status": self.status, "days_needed": self.days_needed, "tested": self.tested,
            "message": self.message(), "logged_share": round(self.logged_share, 3),
            "next_day_pairs": self.next_day_pairs,
        }

    def message(self) -> str:
        """The status in words; for someone who checks in on fewer than 70 % of days, what
        gaps cost (not "effects show up as data grows", which is not true for them)."""
        text = STATUS_MESSAGES[self.status].format(days_needed=self.days_needed)
        if self.status == "collecting" or self.logged_share >= SPARSE_SHARE:
            return text
        if self.status == "no_patterns":
            text = "No pattern is strong enough yet to be more than chance."
        return text + SPARSE_NOTE.format(share=self.logged_share, pairs=self.next_day_pairs)

    def to_dict(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "load": [d.to_dict() for d in self.load],
            "patterns": self.patterns_dict(),
            "forecast": self.forecast.to_dict(),
            "signals": [s.to_dict() for s in self.signals],
        }


def _number(value: float, digits: int) -> float | None:
    return round(float(value), digits) if np.isfinite(value) else None


def signal_days(load: LoadSeries, risk: np.ndarray) -> list[SignalDay]:
    """Zip the load series and the forecast's daily risk into SignalDay records."""
    return [
        SignalDay(
            date=day, load=_number(load.score[i], 1), acwr=_number(load.acwr[i], 2),
            short_night=None if np.isnan(load.short_night[i]) else bool(load.short_night[i]),
            nsaid_days_14=int(load.nsaid_days_14[i]),
            forecast_risk=_number(risk[i], 3) if i < len(risk) else None,
        )
        for i, day in enumerate(load.dates)
    ]


def analyse(checkins: list[dict], zone: str, today: date,
            imported: list[dict] | None = None) -> Analysis:
    """The full analysis of one person's check-ins up to their local ``today``.

    ``checkins``: plain dicts with check-in field names and an aware ``at``;
    ``zone``: the person's IANA time zone; ``imported``: values per day from a phone or
    watch (see ``daily_rows``), used where nothing was typed. Pure: no I/O, no clock.
    """
    rows = daily_rows(checkins, zone, today, imported)
    load = load_scores(rows)
    outlook = forecast(rows, load)
    data_days = int(np.isfinite(rows.column("pain_mean")).sum())
    found, candidates = [], []
    if data_days >= MIN_PATTERN_DAYS:
        data = pattern_data(rows, load)
        candidates = (lagged_effects(data) + threshold_effects(data)
                      + combination_effects(data) + precursor_signs(data))
        found = reported_patterns(candidates)
        status = "patterns" if found else "no_patterns"
    else:
        status = "collecting"
    # each lag's pair search is one test (its best pair, max-T adjusted)
    tested = len([c for c in candidates if c.family != "combination"]) + len(
        {c.lag_days for c in candidates if c.family == "combination"})
    return Analysis(
        today=today, load=load.days(), patterns=found, status=status,
        data_days=data_days, days_needed=max(0, MIN_PATTERN_DAYS - data_days),
        forecast=outlook, signals=signal_days(load, outlook.daily_risk), tested=tested,
        candidates=candidates, logged_share=float(rows.observed.mean()) if len(rows) else 1.0,
        next_day_pairs=_next_day_pairs(rows),
    )


def _next_day_pairs(rows: DailyRows) -> int:
    """Days with pain recorded whose day before has a check-in: what next-day effects,
    and the next-day pairs of two factors, are seen on."""
    pain = np.isfinite(rows.column("pain_mean"))
    observed = rows.observed
    return int((pain[1:] & observed[:-1]).sum()) if len(rows) > 1 else 0


def hunch_results(checkins: list[dict], zone: str, today: date, hunches: list[dict],
                 imported: list[dict] | None = None) -> list[HunchResult]:
    """Each hunch the person named (``{"factors": [...], "direction": "worse"|"better",
    "named_on": date}``) tested alone on all their days, and again on the days since it was
    named (``since_named``): those days cannot have suggested it. Pure, like ``analyse``."""
    rows = daily_rows(checkins, zone, today, imported)
    data_days = int(np.isfinite(rows.column("pain_mean")).sum()) if len(rows) else 0
    data = pattern_data(rows) if data_days >= MIN_PATTERN_DAYS else None
    results = []
    for hunch in hunches:
        factors, direction = list(hunch["factors"]), hunch["direction"]
        if data is None:
            results.append(_too_early(factors, direction, data_days))
            continue
        result = judge_hunch(data, factors, direction)
        named_on = hunch.get("named_on")
        if named_on is not None:
            since = (named_on - rows.dates[0]).days + 1 - (len(rows) - data.n)
            later = judge_hunch(data, factors, direction, since=max(since, 0))
            result.since_named = _since_named(named_on, later)
        results.append(result)
    return results


def _too_early(factors: list[str], direction: str, data_days: int) -> HunchResult:
    return HunchResult(factors, direction, NOT_ENOUGH,
                       f"Not enough days yet: this needs {MIN_PATTERN_DAYS} days with pain "
                       f"recorded ({data_days} so far).", hunch_lag(factors))


def _since_named(named_on: date, later: HunchResult) -> dict:
    """The same test on the days after the hunch was named: a check the hunch cannot have
    been fitted to (docs/analysis.md, "Hunches")."""
    if later.status == AGREE:
        text = f"The days since you named it agree too ({later.n_days} days)."
    elif later.status == NOT_SEEN:
        text = f"The days since you named it do not show it yet ({later.n_days} days)."
    else:
        text = (f"Since you named it: {later.n_days} days so far; a look at those days alone "
                "needs at least 15.")
    return {"from": named_on.isoformat(), "status": later.status, "n_days": later.n_days,
            "text": text}
