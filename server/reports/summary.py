"""The clinician summary: plain figures for one period, computed from plain records (no Flask, no DB)."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from server.analysis.change import clear_change

from server.reports.labs import lab_row


@dataclass
class Summary:
    """Everything the clinician report shows, already computed; dates are `date` objects."""

    start: date
    end: date
    # The first day counted: `start`, or the person's first check-in when it falls inside the
    # period (a person three days in has three days, not 90, to be "rated on").
    began: date | None = None
    days: list[dict] = field(default_factory=list)
    pain: dict = field(default_factory=dict)
    peg3: list[dict] = field(default_factory=list)
    flares: list[date] = field(default_factory=list)
    patterns: list[dict] = field(default_factory=list)
    contributors: list[tuple[str, float]] = field(default_factory=list)
    nsaid: dict = field(default_factory=dict)
    medications: list[dict] = field(default_factory=list)
    practices: list[dict] = field(default_factory=list)
    protocol: list[dict] = field(default_factory=list)
    labs: list[dict] = field(default_factory=list)
    red_flags: list[tuple[date, list[str]]] = field(default_factory=list)
    person: dict = field(default_factory=dict)          # {name, birth_date}, both optional
    where: list[tuple[str, int]] = field(default_factory=list)      # region label, days
    qualities: list[tuple[str, int]] = field(default_factory=list)  # quality label, days
    sleep: dict = field(default_factory=dict)
    safety: list[dict] = field(default_factory=list)  # the interaction checker's findings today
    conditions: list[str] = field(default_factory=list)  # labels of the health conditions noted


def checkin_day(checkin: dict, zone: str = "UTC") -> date:
    """The local date of a check-in: its `local_date` if given, else `at` in the person's zone."""
    local = checkin.get("local_date")
    if isinstance(local, date):
        return local
    if isinstance(local, str):
        return date.fromisoformat(local[:10])
    at = checkin["at"]
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    return at.astimezone(ZoneInfo(zone)).date() if at.tzinfo else at.date()


def daily_pain(checkins: list[dict], zone: str = "UTC") -> dict[date, dict]:
    """Per local day: pain mean and max (None without pain), flare flag, check-in count."""
    by_day: dict[date, list[dict]] = defaultdict(list)
    for c in checkins:
        by_day[checkin_day(c, zone)].append(c)
    out = {}
    for day, items in sorted(by_day.items()):
        pains = [c["pain"] for c in items if c.get("pain") is not None]
        out[day] = {
            "date": day,
            "n": len(items),
            "pain_mean": statistics.fmean(pains) if pains else None,
            "pain_max": max(pains) if pains else None,
            "flare": any(c.get("flare") for c in items),
        }
    return out


def weekly(days: list[dict]) -> list[dict]:
    """Days folded into weeks of seven from the first day: mean of the daily means, highest
    max, mean load, and whether any day was a flare (None where a week has no values)."""
    out = []
    for i in range(0, len(days), 7):
        week = days[i : i + 7]
        means = [d["pain_mean"] for d in week if d.get("pain_mean") is not None]
        maxes = [d["pain_max"] for d in week if d.get("pain_max") is not None]
        scores = [d["score"] for d in week if d.get("score") is not None]
        out.append(
            {
                "date": week[0]["date"],
                "pain_mean": statistics.fmean(means) if means else None,
                "pain_max": max(maxes) if maxes else None,
                "score": statistics.fmean(scores) if scores else None,
                "flare": any(d.get("flare") for d in week),
            }
        )
    return out


def pain_summary(days: list[dict], start: date, end: date) -> dict:
    """Mean, max, days recorded, flare days and the change between first and last 14 days."""
    means = [d["pain_mean"] for d in days if d.get("pain_mean") is not None]
    maxes = [d["pain_max"] for d in days if d.get("pain_max") is not None]
    # A first-vs-last comparison only means something when the two fortnights do not overlap much.
    long_enough = (end - start).days + 1 >= 28
    first = [
        d["pain_mean"]
        for d in days
        if long_enough and d.get("pain_mean") is not None and d["date"] < start + timedelta(days=14)
    ]
    last = [
        d["pain_mean"]
        for d in days
        if long_enough and d.get("pain_mean") is not None and d["date"] > end - timedelta(days=14)
    ]
    return {
        "period_days": (end - start).days + 1,
        "days_recorded": len(means),
        "mean": statistics.fmean(means) if means else None,
        "median": statistics.median(means) if means else None,
        "max": max(maxes) if maxes else None,
        "first_14": statistics.fmean(first) if first else None,
        "last_14": statistics.fmean(last) if last else None,
        "change_14": clear_change(last, first),
        "flare_days": sum(1 for d in days if d.get("flare")),
    }


def medication_use(checkins: list[dict], zone: str = "UTC") -> tuple[dict, list[dict]]:
    """NSAID doses and days, and per medication: days taken, doses, mean dose in mg."""
    nsaid_days = {checkin_day(c, zone) for c in checkins if (c.get("nsaid_doses") or 0) > 0}
    nsaid = {"doses": sum(c.get("nsaid_doses") or 0 for c in checkins), "days": len(nsaid_days)}
    meds: dict[str, dict] = {}
    for c in checkins:
        for m in c.get("medications") or []:
            name = str(m.get("name", "")).strip() or "unnamed"
            entry = meds.setdefault(
                name.lower(), {"name": name, "days": set(), "doses": 0, "mg": []}
            )
            entry["days"].add(checkin_day(c, zone))
            entry["doses"] += 1
            if m.get("dose_mg") is not None:
                entry["mg"].append(float(m["dose_mg"]))
    rows = [
        {
            "name": e["name"],
            "days": len(e["days"]),
            "doses": e["doses"],
            "mean_mg": statistics.fmean(e["mg"]) if e["mg"] else None,
        }
        for e in meds.values()
    ]
    return nsaid, sorted(rows, key=lambda r: (-r["days"], r["name"]))


def practice_use(checkins: list[dict], zone: str = "UTC") -> list[dict]:
    """Breathing, mindfulness, rest breaks and activities: total and number of days done."""
    rows = []
    for key, label, unit in (
        ("breathing_minutes", "Slow breathing", "min"),
        ("mindfulness_minutes", "Mindfulness", "min"),
        ("rest_breaks", "Rest breaks", "breaks"),
        ("activity_minutes", "Physical activity", "min"),
    ):
        done = [c for c in checkins if (c.get(key) or 0) > 0]
        if done:
            rows.append(
                {
                    "name": label,
                    "total": sum(c[key] for c in done),
                    "unit": unit,
                    "days": len({checkin_day(c, zone) for c in done}),
                }
            )
    activities = Counter(a for c in checkins for a in (c.get("activities") or []))
    for name, count in activities.most_common(5):
        rows.append({"name": name.capitalize(), "total": count, "unit": "times", "days": None})
    return rows


def days_with(checkins: list[dict], key: str, labels: dict[str, str], zone: str = "UTC") -> list[tuple[str, int]]:
    """For a list field (locations, qualities): each value's label and on how many days it was
    logged, most days first (ties by label)."""
    days: dict[str, set] = defaultdict(set)
    for c in checkins:
        for value in c.get(key) or []:
            days[labels.get(value, value.replace("_", " "))].add(checkin_day(c, zone))
    return sorted(((name, len(d)) for name, d in days.items()), key=lambda kv: (-kv[1], kv[0]))


def sleep_summary(checkins: list[dict], zone: str = "UTC", short: float = 6.0) -> dict:
    """Last night's sleep per day (the day's last report, as the analysis folds it): nights
    logged, mean and median hours, nights under `short` hours, mean quality and wakings."""
    nights: dict[date, dict] = {}
    for c in sorted(checkins, key=lambda c: str(c["at"])):
        for key in ("sleep_hours", "sleep_quality", "night_wakings"):
            if c.get(key) is not None:
                nights.setdefault(checkin_day(c, zone), {})[key] = float(c[key])
    hours = [n["sleep_hours"] for n in nights.values() if "sleep_hours" in n]
    quality = [n["sleep_quality"] for n in nights.values() if "sleep_quality" in n]
    wakings = [n["night_wakings"] for n in nights.values() if "night_wakings" in n]
    return {
        "nights": len(hours),
        "mean_hours": statistics.fmean(hours) if hours else None,
        "median_hours": statistics.median(hours) if hours else None,
        "short_nights": sum(1 for h in hours if h < short),
        "short": short,
        "mean_quality": statistics.fmean(quality) if quality else None,
        "mean_wakings": statistics.fmean(wakings) if wakings else None,
    }


def mean_contributors(load_days: list[dict]) -> list[tuple[str, float]]:
    """Mean load points per contributor across the days given, largest first."""
    totals: Counter = Counter()
    for d in load_days:
        totals.update({k: float(v) for k, v in (d.get("contributors") or {}).items()})
    n = max(1, len(load_days))
    return sorted(((k, v / n) for k, v in totals.items() if v > 0), key=lambda kv: -kv[1])


def lab_rows(labs: list[dict]) -> list[dict]:
    """Lab results placed against the lab's own range and the optimal band; newest first."""
    rows = []
    for lab in labs:
        row = lab_row(lab)
        if row is not None:
            rows.append(
                {**row, "date": _as_date(lab.get("date") or lab.get("taken_on") or lab.get("at"))}
            )
    return sorted(rows, key=lambda r: r["date"] or date.min, reverse=True)


def _as_date(v) -> date | None:
    if v is None or isinstance(v, date) and not isinstance(v, datetime):
        return v
    if isinstance(v, datetime):
        return v.date()
    try:
        return date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def red_flags_logged(
    checkins: list[dict], labels: dict[str, str], zone: str = "UTC"
) -> list[tuple[date, list[str]]]:
    """Each day a red flag was logged, with the flags' labels."""
    by_day: dict[date, set[str]] = defaultdict(set)
    for c in checkins:
        for flag in c.get("red_flags") or []:
            by_day[checkin_day(c, zone)].add(labels.get(flag, flag))
    return [(d, sorted(f)) for d, f in sorted(by_day.items())]


def clinician_summary(
    *,
    checkins: list[dict],
    start: date,
    end: date,
    zone: str = "UTC",
    load_days: list[dict] = (),
    patterns: list[dict] = (),
    peg3: list[dict] = (),
    labs: list[dict] = (),
    protocol: list[dict] = (),
    red_flag_labels: dict[str, str] | None = None,
    labels: dict[str, dict[str, str]] | None = None,
    person: dict | None = None,
    safety: list[dict] = (),
    conditions: list[str] = (),
    first_checkin: date | None = None,
) -> Summary:
    """The report's figures for check-ins from `start` to `end` (local dates, inclusive).

    `load_days` are insights load days (`date` as ISO str or date); `peg3` entries are
    {week_start, pain, enjoyment, activity}; patterns are the engine's dicts, strongest
    (lowest q) first. `labels` maps vocabulary keys to words ({"body_regions": {...},
    "pain_qualities": {...}}); `person` is {name, birth_date}, each optional. Records
    outside the period are ignored. `first_checkin` is the local date of the person's first
    check-in ever: when it falls inside the period, the days counted (pain rated on N of M
    days, NSAIDs on N of M days, the chart) start there, so a new account's three days do not
    read as three of 90.
    """
    labels = labels or {}
    inside = [c for c in checkins if not c.get("deleted") and start <= checkin_day(c, zone) <= end]
    pain_days = daily_pain(inside, zone)
    loads = {_as_date(d["date"]): d for d in load_days if start <= _as_date(d["date"]) <= end}
    began = first_checkin if first_checkin and start < first_checkin <= end else start
    days = [
        {
            **pain_days.get(
                day, {"date": day, "pain_mean": None, "pain_max": None, "flare": False, "n": 0}
            ),
            "score": (loads.get(day) or {}).get("score"),
        }
        for day in (began + timedelta(days=i) for i in range((end - began).days + 1))
    ]
    nsaid, meds = medication_use(inside, zone)
    weekly = sorted(
        (
            {
                **p,
                "week_start": _as_date(p["week_start"]),
                "score": (p["pain"] + p["enjoyment"] + p["activity"]) / 3,
            }
            for p in peg3
        ),
        key=lambda p: p["week_start"],
    )
    return Summary(
        start=start,
        end=end,
        began=began,
        days=days,
        pain=pain_summary(days, began, end),
        peg3=[p for p in weekly if start - timedelta(days=6) <= p["week_start"] <= end],
        flares=[d["date"] for d in days if d["flare"]],
        patterns=sorted(patterns, key=lambda p: p.get("q_value", 1))[:5],
        contributors=mean_contributors(list(loads.values())),
        nsaid=nsaid,
        medications=meds,
        practices=practice_use(inside, zone),
        protocol=list(protocol),
        labs=lab_rows(labs),
        red_flags=red_flags_logged(inside, red_flag_labels or {}, zone),
        person={k: v for k, v in (person or {}).items() if v},
        where=days_with(inside, "locations", labels.get("body_regions", {}), zone),
        qualities=days_with(inside, "qualities", labels.get("pain_qualities", {}), zone),
        sleep=sleep_summary(inside, zone),
        safety=list(safety),
        conditions=list(conditions),
    )
