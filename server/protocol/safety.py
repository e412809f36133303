"""The interaction and contraindication checker: rules/safety.json evaluated on what a person takes.

Pure functions over plain values. What the person takes is built from their active
protocol items, medicines named in check-ins over the last `checkin_days` days and NSAID
doses logged in that time; with the health conditions they noted, each rule of the table
is evaluated (docs/clinical-safety.md explains the rule kinds). Findings advise talking
to the prescriber; nothing is ever blocked. The PWA's safety.js evaluates the same table,
and tests/vectors/safety.json holds the cases both run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable, Mapping

from server.protocol.substances import classes_of, substances_in, words
from server.protocol.templates import template_or_none
from server.protocol.titration import TitrationPlan, dose_on
from server.rules import fill, rule_table

TABLE = rule_table("safety")
FRACTIONS = rule_table("substances")["magnesium_elemental"]["fractions"]
TO_MG = rule_table("units")["to_mg"]
CONDITION_LABELS = {c["key"]: c["label"] for c in TABLE["conditions"]}
NSAID_LOG_NAME = "NSAIDs logged in your check-ins"


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: str  # "avoid" | "caution" | "note"
    title: str
    message: str
    action: str
    source: str
    item_ids: list[str] = field(default_factory=list)
    involves: list[str] = field(default_factory=list)  # names from the person's own list


@dataclass(frozen=True)
class Taken:
    """One thing the person takes: an active protocol item, a medicine named in check-ins,
    or the NSAIDs they logged. `item_id` is set for protocol items only."""

    ref: str
    name: str
    substances: frozenset[str]
    classes: frozenset[str]
    item_id: str | None = None
    daily_mg: float | None = None
    data: Mapping = field(default_factory=dict)


def is_active(item: Mapping, on: date) -> bool:
    """True when the item's start/stop dates (ISO strings, either may be missing) include `on`."""
    start, stop = item.get("start"), item.get("stop")
    if start and date.fromisoformat(start) > on:
        return False
    return not (stop and date.fromisoformat(stop) < on)


def dose_today(item: Mapping, on: date) -> float | None:
    """One dose of the item on `on`: from its titration plan if it has one, else its dose."""
    plan = item.get("titration")
    if plan and item.get("start"):
        return dose_on(TitrationPlan.from_dict(plan), date.fromisoformat(item["start"]), on)
    return item.get("dose")


def mg_per_unit(unit: str | None) -> float | None:
    """Milligrams in one `unit` as the person typed it (trimmed, any case: "MCG", " mg "), or
    None when rules/units.json does not list it as a mass."""
    return TO_MG.get((unit or "").strip().lower())


def daily_mg(item: Mapping, on: date) -> float | None:
    """Milligrams per day: one dose times the number of times (an item without times counts
    once), or None when the dose is unset or its unit is not a mass."""
    dose, factor = dose_today(item, on), mg_per_unit(item.get("unit"))
    if dose is None or factor is None:
        return None
    return dose * factor * max(1, len(item.get("times") or []))


def item_substances(data: Mapping) -> list[str]:
    """Substances an item names, plus its template's substance."""
    keys = substances_in(data.get("name", ""))
    tmpl = template_or_none(data.get("template"))
    if tmpl and tmpl["substance"] not in keys:
        keys.append(tmpl["substance"])
    return keys


def taken_list(
    items: Iterable[tuple[str, Mapping]], checkins: Iterable[Mapping], today: date
) -> list[Taken]:
    """What the person takes on `today`: active protocol items, then check-in medicines of
    the last `checkin_days` days that are not already protocol items, then logged NSAIDs
    (only when nothing named is an NSAID: "Ibuprofen; NSAIDs logged" said one thing twice)."""
    out = []
    for item_id, data in items:
        if is_active(data, today):
            keys = item_substances(data)
            out.append(
                Taken(
                    item_id,
                    data.get("name", ""),
                    frozenset(keys),
                    frozenset(classes_of(keys)),
                    item_id,
                    daily_mg(data, today),
                    data,
                )
            )
    out += _checkin_taken(checkins, today, {words(t.name) for t in out})
    if not any("nsaid" in t.classes for t in out):  # a named NSAID already stands for them
        out += _nsaid_log(checkins, today)
    return out


def _recent(checkins: Iterable[Mapping], today: date) -> list[Mapping]:
    first = today - timedelta(days=TABLE["checkin_days"] - 1)
    return [c for c in checkins if first <= _day(c) <= today]


def _nsaid_log(checkins: Iterable[Mapping], today: date) -> list[Taken]:
    """NSAID doses logged without a name, as one entry (only when no named NSAID is taken)."""
    if any((c.get("nsaid_doses") or 0) > 0 for c in _recent(checkins, today)):
        return [Taken("checkin:nsaid_doses", NSAID_LOG_NAME, frozenset(), frozenset({"nsaid"}))]
    return []


def _checkin_taken(checkins: Iterable[Mapping], today: date, known: set[str]) -> list[Taken]:
    recent = _recent(checkins, today)
    names: dict[str, str] = {}
    for c in sorted(recent, key=_day, reverse=True):  # the newest spelling of a name is shown
        for med in c.get("medications") or []:
            names.setdefault(words(med.get("name", "")), med.get("name", ""))
    out = []
    for norm, name in names.items():
        if norm.strip() and norm not in known:
            keys = substances_in(name)
            out.append(
                Taken("checkin:" + norm.strip(), name, frozenset(keys), frozenset(classes_of(keys)))
            )
    return out


def _day(checkin: Mapping) -> date:
    day = checkin["date"]
    return day if isinstance(day, date) else date.fromisoformat(day)


# -- pair rules -------------------------------------------------------------------------


def _matches(matcher: Mapping, taken: list[Taken], conditions: set[str]) -> list[Taken]:
    if "condition" in matcher:
        key = matcher["condition"]
        return (
            [Taken("condition:" + key, CONDITION_LABELS[key], frozenset(), frozenset())]
            if key in conditions
            else []
        )
    if "substance" in matcher:
        return [t for t in taken if matcher["substance"] in t.substances]
    if "class" in matcher:
        return [t for t in taken if matcher["class"] in t.classes]
    return [t for t in taken if t.item_id is not None]  # any_item: every active protocol item


def _any_of(matchers, taken, conditions, exclude=frozenset()) -> list[Taken]:
    found: dict[str, Taken] = {}
    for matcher in matchers:
        for t in _matches(matcher, taken, conditions):
            if t.ref not in exclude:
                found.setdefault(t.ref, t)
    return list(found.values())


def _enough(rule: Mapping, subjects: list[Taken]) -> bool:
    """A rule's dose threshold: met when any daily amount is unknown, or they add up to it."""
    minimum = rule.get("min_daily_mg")
    if minimum is None:
        return True
    doses = [t.daily_mg for t in subjects if not t.ref.startswith("condition:")]
    return any(d is None for d in doses) or sum(doses) >= minimum


def pair_finding(rule: Mapping, taken: list[Taken], conditions: set[str]) -> Finding | None:
    subjects = _any_of(rule["if"], taken, conditions)
    if not subjects or not _enough(rule, subjects):
        return None
    partners = _any_of(rule["with"], taken, conditions, exclude={t.ref for t in subjects})
    if not partners:
        return None
    return _finding(rule, {}, subjects + partners)


def _finding(
    rule: Mapping, values: Mapping, involved: list[Taken], unsure: bool = False
) -> Finding:
    what, why = ("what_if_unsure", "why_if_unsure") if unsure else ("what", "why")
    return Finding(
        rule["key"],
        rule["severity"],
        fill(rule[what], values),
        fill(rule[why], values),
        fill(rule["action"], values),
        rule["source"],
        list(dict.fromkeys(t.item_id for t in involved if t.item_id)),
        list(dict.fromkeys(t.name for t in involved)),
    )


# -- totals, NSAID frequency and prescribers ----------------------------------------------


def total_finding(rule: Mapping, taken: list[Taken]) -> Finding | None:
    """Milligrams a day of one substance across active protocol items, against the rule's limit."""
    hits = [t for t in taken if t.item_id and rule["substance"] in t.substances]
    amounts = [_amount(rule, t) for t in hits]
    total = sum(mg for mg, _ in amounts)
    if total <= rule["limit_mg"]:
        return None
    unsure = any(guess for _, guess in amounts)
    values = {"total": total, "limit": rule["limit_mg"]}
    return _finding(rule, values, hits, unsure)


def _amount(rule: Mapping, t: Taken) -> tuple[float, bool]:
    """(mg a day counted, whether that is a guess). For an elemental rule, a compound dose is
    turned into elemental; an unknown basis or compound is counted in full, as a guess."""
    mg = t.daily_mg or 0.0
    if not rule.get("elemental") or mg == 0:
        return mg, False
    basis = t.data.get("basis") or (template_or_none(t.data.get("template")) or {}).get("basis")
    if basis == "elemental":
        return mg, False
    fraction = _fraction(t.data) if basis == "compound" else None
    return (mg * fraction, False) if fraction else (mg, True)


def _fraction(data: Mapping) -> float | None:
    tmpl = template_or_none(data.get("template")) or {}
    padded = words(f"{data.get('name', '')} {tmpl.get('name', '')}")
    return next((f for compound, f in FRACTIONS.items() if f" {compound} " in padded), None)


def nsaid_finding(rule: Mapping, checkins: Iterable[Mapping], today: date) -> Finding | None:
    """NSAIDs on more than half of the days checked in over the window, with enough days logged."""
    first = today - timedelta(days=rule["window_days"] - 1)
    per_day: dict[date, float] = {}
    for c in checkins:
        day = _day(c)
        if first <= day <= today:
            per_day[day] = per_day.get(day, 0) + (c.get("nsaid_doses") or 0)
    taken = sum(1 for n in per_day.values() if n > 0)
    if len(per_day) < rule["min_logged_days"] or taken * 2 <= len(per_day):
        return None
    values = {"taken": taken, "days": len(per_day), "window": rule["window_days"]}
    return _finding(rule, values, [])


def prescriber_findings(rule: Mapping, taken: list[Taken]) -> list[Finding]:
    """One note per active prescription item with no prescriber written down."""
    return [
        _finding(rule, {"name": t.name or "This item"}, [t])
        for t in taken
        if t.item_id and t.data.get("prescription") and not (t.data.get("prescriber") or "").strip()
    ]


def safety_findings(
    items: Iterable[tuple[str, Mapping]],
    checkins: Iterable[Mapping],
    conditions: Iterable[str],
    today: date,
) -> list[Finding]:
    """Every finding for one person on `today`, most serious first (table order within a severity).

    `items` are (id, protocol item data) pairs; `checkins` are {date, medications?, nsaid_doses?}
    with `date` the check-in's local date; `conditions` are keys of the table's conditions.
    """
    checkins, conditions = list(checkins), set(conditions)
    taken = taken_list(items, checkins, today)
    found: list[Finding] = []
    for rule in TABLE["rules"]:
        found += _evaluate(rule, taken, checkins, conditions, today)
    rank = {name: s["rank"] for name, s in TABLE["severities"].items()}
    return sorted(found, key=lambda f: rank[f.severity])


def _evaluate(rule, taken, checkins, conditions, today) -> list[Finding]:
    kind = rule["kind"]
    if kind == "prescriber":
        return prescriber_findings(rule, taken)
    one = {
        "pair": lambda: pair_finding(rule, taken, conditions),
        "daily_total": lambda: total_finding(rule, taken),
        "nsaid_frequency": lambda: nsaid_finding(rule, checkins, today),
    }[kind]()
    return [one] if one else []


def findings_added(before: list[Finding], after: list[Finding], item_id: str) -> list[Finding]:
    """What adding (or changing) the item `item_id` brings: findings naming it, and any new kind."""
    kinds = {f.kind for f in before}
    return [f for f in after if item_id in f.item_ids or f.kind not in kinds]
