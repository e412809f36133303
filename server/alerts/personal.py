"""Personal warning signs against the database: kept in step with the person's analysis,
walked over their recent days, and told as alerts (the rules themselves: warnings.py).

Several signs of one topic crossing on one day make one alert (the strongest sign names
it, the others are listed in its details and share its track record); several alerts of
one evaluation make one notification (service.queue_notifications).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from sqlalchemy import select, update

from server.alerts import warnings
from server.alerts.models import AlertEvent, AlertSettings, AlertState, WarningSign
from server.alerts.rules import RuleState
from server.analysis.daily import daily_rows
from server.analysis.load import load_scores
from server.checkins.service import checkin_records
from server.extensions import db
from server.health_import.service import imported_days
from server.common.claims import insert_ignoring_conflicts

#: Enough days before the first one looked at for the derived factors (the 28-day activity
#: ratio, the 30-day longest day) to mean what they meant when the pattern was found.
DERIVED_HISTORY_DAYS = 45
#: How far back a walk starts for a sign never walked before: a sync after a few days
#: offline still finds yesterday's crossing.
FIRST_WALK_DAYS = 7
#: Days of history read for the cuts the analysis leaves open (warnings.CUT_HISTORY_DAYS).
HISTORY_DAYS = warnings.CUT_HISTORY_DAYS


@dataclass
class PersonalAlert:
    """One alert to record: the strongest crossed sign of a topic, and the others with it."""

    rule: str
    day: date
    title: str
    explanation: str
    target_from: date
    target_to: date
    details: dict = field(default_factory=dict)


def day_values(user_id: int, zone: str, start: date, today: date) -> dict[date, dict]:
    """Local date -> {factor name: value} from ``start`` to ``today``, with ``pain_mean``
    and ``flare``; factor names are the ones patterns use (check-in fields,
    ``custom.<key>``, ``acwr``, ``activity_spike``). Days without data are left out."""
    first = start - timedelta(days=DERIVED_HISTORY_DAYS)
    rows = daily_rows(checkin_records(user_id, first, today), zone, today,
                      [d for d in imported_days(user_id) if first <= d["date"] <= today])
    if not len(rows):
        return {}
    load = load_scores(rows)
    columns = {**rows.columns, "acwr": load.acwr, "activity_spike": load.spike_ratio}
    out = {}
    for i, day in enumerate(rows.dates):
        if day >= start and rows.observed[i]:
            out[day] = {name: float(v[i]) for name, v in columns.items() if np.isfinite(v[i])}
    return out


def kept_signs(user_id: int, signs: list[warnings.Sign], today: date) -> dict[str, WarningSign]:
    """Store the signs the analysis backs today (new ones by insert-or-ignore, safe beside
    another scheduler), mark the rest inactive; returns every stored sign by key.

    Every write names the person: on PostgreSQL the rows an UPDATE touches stay locked until
    the caller commits (the end of a whole evaluation), so one touching other people's signs
    would hold up their signs list and could deadlock two schedulers
    (tests/scheduler/test_alerts_race.py)."""
    if signs:
        db.session.execute(insert_ignoring_conflicts(WarningSign, db.session), [
            {"user_id": user_id, "key": s.key, "kind": s.kind, "sign": s.to_dict(),
             "found_on": today, "active": True, "muted": False} for s in signs])
    for s in signs:
        db.session.execute(update(WarningSign).where(
            WarningSign.user_id == user_id, WarningSign.key == s.key)
            .values(sign=s.to_dict(), active=True).execution_options(synchronize_session=False))
    db.session.execute(update(WarningSign).where(
        WarningSign.user_id == user_id, WarningSign.key.not_in([s.key for s in signs]))
        .values(active=False).execution_options(synchronize_session=False))
    return {row.key: row for row in db.session.scalars(
        select(WarningSign).where(WarningSign.user_id == user_id))}


def muted_kinds(settings: AlertSettings | None) -> set[str]:
    """Kinds of sign the person muted (stored as "kind:<kind>": false beside the rules)."""
    enabled = (settings.enabled or {}) if settings else {}
    return {k.split(":", 1)[1] for k, on in enabled.items() if k.startswith("kind:") and on is False}


def personal_alerts(user_id: int, today: date, patterns: list[dict], settings: AlertSettings | None,
                    days: dict[date, dict]) -> list[PersonalAlert]:
    """Walk the person's signs over their recent ``days`` (see day_values); store the new
    states; return the alerts worth sending (muted, retired and no-longer-backed signs send
    none)."""
    history = [days[d] for d in sorted(days)]
    stored = kept_signs(user_id, warnings.signs_from_patterns(patterns, history), today)
    records = sign_records(user_id, stored, days, today)
    quiet = muted_kinds(settings)
    live = [warnings.Sign.from_dict(row.sign) for row in stored.values()
            if row.active and not row.muted and row.kind not in quiet and not records[row.key].retired]
    live.sort(key=lambda s: -abs(s.ci_low if s.outcome == "pain" else np.log(max(s.ci_low, 1e-9))))
    states = _states(user_id, [s.key for s in live])
    crossings, new_states = warnings.walk(live, days, states, today,
                                          today - timedelta(days=FIRST_WALK_DAYS))
    _store_states(user_id, new_states)
    return [_alert(group, today, patterns) for group in _by_topic(crossings)]


def _states(user_id: int, keys: list[str]) -> dict[str, RuleState]:
    if not keys:
        return {}
    rows = db.session.execute(select(AlertState.rule, AlertState.status, AlertState.changed_on)
                              .where(AlertState.user_id == user_id, AlertState.rule.in_(keys)))
    return {rule: RuleState(status, changed) for rule, status, changed in rows}


def _store_states(user_id: int, states: dict[str, RuleState]) -> None:
    if not states:
        return
    db.session.execute(insert_ignoring_conflicts(AlertState, db.session), [
        {"user_id": user_id, "rule": key, "status": "armed", "changed_on": None} for key in states])
    for key, state in states.items():
        db.session.execute(update(AlertState).where(AlertState.user_id == user_id, AlertState.rule == key)
                           .values(status=state.status, changed_on=state.changed_on)
                           .execution_options(synchronize_session=False))


def _by_topic(crossings: list[warnings.Crossing]) -> list[list[warnings.Crossing]]:
    groups: dict[tuple, list] = {}
    for c in crossings:
        groups.setdefault((c.sign.topic, c.day), []).append(c)
    return list(groups.values())


def _alert(group: list[warnings.Crossing], today: date, patterns: list[dict]) -> PersonalAlert:
    lead = group[0]
    parts = warnings.explanation_parts(lead)
    others = [c.sign.summary for c in group[1:] if c.sign.summary]
    if others:
        parts.append(" Your data also shows: " + " ".join(warnings._sentence(s) for s in others))
    first, last = min(c.first for c in group), max(c.last for c in group)
    return PersonalAlert(
        rule=lead.sign.key, day=lead.day, title=warnings.title(lead, today, first, last),
        explanation=warnings.plain_text(parts), target_from=first, target_to=last,
        details={"kind": "personal", "signs": [c.sign.key for c in group],
                 # its days as days, worded by the app on the day it is read (explanation_parts)
                 "explanation": parts,
                 "suggestion": warnings.suggestion(lead.sign, patterns),
                 # the lines crossed, as they stood: a line can move as data grows, and the
                 # alerts list then says so (events_view)
                 "terms": {c.sign.key: [dict(t) for t in c.sign.terms] for c in group}})


# --- past alerts, against the lines as they stand now -----------------------------------------

def current_terms(user_id: int, zone: str, today: date, patterns: list[dict]) -> dict[str, list[dict]]:
    """Each sign the person's current patterns back, by key: its terms with today's cuts (the
    cuts Patterns and "my warning signs" show)."""
    days = day_values(user_id, zone, today - timedelta(days=HISTORY_DAYS), today)
    signs = warnings.signs_from_patterns(patterns, [days[d] for d in sorted(days)])
    return {s.key: [dict(t) for t in s.terms] for s in signs}


def explanation_parts(event) -> list | None:
    """A personal alert's explanation with its days as days (warnings.explanation_parts): as
    stored since they were kept, else read from an older stored text and the alert's own
    columns; None for the fixed rules (their words name no day to move)."""
    kept = (event.details or {}).get("explanation")
    if kept:
        return kept
    if not event.rule.startswith("w:"):
        return None
    return warnings.stored_parts(event.explanation, event.day, event.target_from, event.target_to)


def read_words(event, today: date) -> dict:
    """A personal alert's ``title`` and ``explanation`` worded on ``today`` (the person's local
    date): the stored ones spoke of the day they were sent ("tomorrow"), which is the wrong day
    when read later. Nothing for an alert whose days are not known (the fixed rules)."""
    if event.target_from is None:
        return {}
    words = {"title": warnings.read_title(event.title, event.target_from,
                                          event.target_to or event.target_from, today)}
    parts = explanation_parts(event)
    if parts:
        words["explanation"] = warnings.read_text(parts, today)
    return words


def moved_line_note(details: dict | None, now: dict[str, list[dict]]) -> str | None:
    """For a past personal alert whose line has moved since it was sent (49 minutes of activity
    then, 51 now: the same sign, its cut worked out again from more days), the words that say
    so; None when nothing moved or the alert is not a personal one."""
    fired = (details or {}).get("terms") or {}
    notes = [warnings.moved_line(terms, now[key]) for key, terms in fired.items() if key in now]
    notes = [n for n in notes if n]
    return " ".join(notes) or None


# --- track records ----------------------------------------------------------------------------

def sign_records(user_id: int, stored: dict[str, WarningSign], days: dict[date, dict],
                 today: date) -> dict[str, warnings.Record]:
    """Each sign's record from the personal alerts that named it."""
    windows: dict[str, list] = {key: [] for key in stored}
    for first, last, details in db.session.execute(
        select(AlertEvent.target_from, AlertEvent.target_to, AlertEvent.details)
        .where(AlertEvent.user_id == user_id, AlertEvent.target_from.is_not(None))
    ):
        for key in (details or {}).get("signs", []):
            if key in windows:
                windows[key].append((first, last))
    worse = warnings.worse_days(days)
    return {key: warnings.record(windows[key], worse, row.sign["window_days"], today)
            for key, row in stored.items()}


#: The fixed rules speak of the 48 hours after the evening they fire (the forecast's horizon).
FIXED_WINDOW = 2


def fixed_records(user_id: int, days: dict[date, dict], today: date) -> dict[str, warnings.Record]:
    """The same record for each fixed rule: its alerts' day and the next."""
    from server.alerts.rules import RULES

    windows: dict[str, list] = {rule: [] for rule in RULES}
    for rule, day in db.session.execute(select(AlertEvent.rule, AlertEvent.day).where(
            AlertEvent.user_id == user_id, AlertEvent.rule.in_(RULES))):
        windows[rule].append((day, day + timedelta(days=FIXED_WINDOW - 1)))
    worse = warnings.worse_days(days)
    return {rule: warnings.record(w, worse, FIXED_WINDOW, today) for rule, w in windows.items()}


# --- the "my warning signs" list ----------------------------------------------------------------

def signs_view(user_id: int, zone: str, today: date, patterns: list[dict], settings) -> dict:
    """The person's warning signs with their evidence, mute state and track record, the
    kinds they can mute, and the fixed rules' records (GET /api/alerts/signs); commits."""
    from server.alerts.rules import RULES, TITLES

    days = day_values(user_id, zone, today - timedelta(days=HISTORY_DAYS), today)
    backed = warnings.signs_from_patterns(patterns, [days[d] for d in sorted(days)])
    stored = kept_signs(user_id, backed, today)
    db.session.commit()
    records = sign_records(user_id, stored, days, today)
    quiet = muted_kinds(settings)
    views = [_sign_view(row, records[row.key], quiet, patterns) for row in stored.values()]
    enabled = (settings.enabled or {}) if settings else {}
    fixed = fixed_records(user_id, days, today)
    return {
        "signs": most_useful_first(views, [s.key for s in backed]),
        "kinds": [{"kind": k, "label": label, "about": warnings.KIND_ABOUT[k], "muted": k in quiet}
                  for k, label in warnings.KINDS.items()],
        "fixed": [{"rule": r, "title": TITLES[r], "enabled": enabled.get(r, True) is not False,
                   "record": fixed[r].to_dict()} for r in RULES],
    }


#: The list's order by status: signs that can still warn (a muted one too: muting a sign
#: must not move it away from the finger that muted it), then those that no longer can.
STATUS_ORDER = {"watching": 0, "muted": 0, "no_longer_backed": 1, "retired": 2}


def most_useful_first(views: list[dict], strongest_first: list[str]) -> list[dict]:
    """Signs that can warn before those that cannot; among them, the analysis's order of
    their patterns (strongest first); a sign its data no longer backs, newest found first."""
    rank = {key: i for i, key in enumerate(strongest_first)}
    return sorted(views, key=lambda v: (STATUS_ORDER[v["status"]], rank.get(v["key"], len(rank)),
                                        -v["found_on"].toordinal(), v["key"]))


def _sign_view(row: WarningSign, rec: warnings.Record, quiet: set[str], patterns: list[dict]) -> dict:
    sign = warnings.Sign.from_dict(row.sign)
    if rec.retired:
        status = "retired"
    elif not row.active:
        status = "no_longer_backed"
    elif row.muted or row.kind in quiet:
        status = "muted"
    else:
        status = "watching"
    return {
        "key": row.key, "kind": row.kind, "kind_label": warnings.kind_words(row.kind),
        "watch": warnings.watch_words(sign), "summary": sign.summary, "when": warnings.lag_words(sign),
        "effect_words": warnings.effect_words(sign), "helps": warnings.suggestion(sign, patterns),
        "days_seen": sign.n_days, "effect": sign.effect, "ci_low": sign.ci_low, "ci_high": sign.ci_high,
        "outcome": sign.outcome, "lag_days": sign.lag, "window_days": sign.window,
        "factors": list(sign.factors), "found_on": row.found_on, "active": row.active,
        "muted": row.muted, "status": status, "status_words": STATUS_WORDS[status],
        "record": rec.to_dict(),
    }


STATUS_WORDS = {
    "watching": "Watching: you get a heads-up when a day crosses it.",
    "muted": "Muted: no heads-up from this sign.",
    "retired": "Retired: its warnings came true no more often than worse days come anyway.",
    "no_longer_backed": "Your newer data no longer backs this pattern, so it sends no heads-up.",
}


def set_sign_muted(user_id: int, key: str, muted: bool) -> bool:
    """Mute or unmute one sign; False when the person has no such sign. Commits."""
    done = db.session.execute(update(WarningSign).where(WarningSign.user_id == user_id, WarningSign.key == key)
                              .values(muted=muted).execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return done == 1


def set_kind_muted(user_id: int, kind: str, muted: bool) -> None:
    """Mute or unmute a kind of sign (see warnings.KINDS). Commits."""
    row = db.session.get(AlertSettings, user_id)
    if row is None:
        db.session.execute(insert_ignoring_conflicts(AlertSettings, db.session).values(
            user_id=user_id, enabled={}, thresholds={}))  # the other columns have defaults
        row = db.session.get(AlertSettings, user_id)
    row.enabled = {**(row.enabled or {}), f"kind:{kind}": not muted}
    db.session.commit()
