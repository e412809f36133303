"""Alert evaluation against the database: state is committed before anyone is notified.

The scheduler's nightly and refresh jobs (server/scheduler.py, claimed job rows in
server/jobs, so two schedulers never evaluate one person at once) call ``evaluate_person``:
it asks the analysis for the person's daily series, runs the fixed rules and the person's
own warning signs (personal.py), stores state and events, and queues one notification as a
reminder occurrence (kind "alert") that the tick sends like any reminder, respecting quiet
hours and the daily cap. ``AlertSettings.evaluated_on`` records the last night queued.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select, update

from server.alerts import personal
from server.alerts.models import AlertEvent, AlertSettings, AlertState
from server.alerts.rules import RULES, Evaluation, RuleState, Settings, evaluate
from server.common.time import is_valid_zone, today_in
from server.extensions import db
from server.notifications import settings as notification_settings
from server.common.ids import new_id
from server.reminders.models import ReminderOccurrence
from server.reminders.schedule import FRESHNESS, QuietHours, quiet_end_after
from server.common.claims import insert_ignoring_conflicts
from server.reminders.service import quiet_hours

log = logging.getLogger(__name__)
NIGHTLY_AT = time(3, 0)
SeriesFn = Callable[[int, datetime], list]


def ensure_settings(user_ids: list[int]) -> None:
    """Create default settings rows for people who have none (idempotent)."""
    if user_ids:
        db.session.execute(insert_ignoring_conflicts(AlertSettings, db.session), [
            {"user_id": uid, "enabled": {}, "thresholds": {}} for uid in user_ids])


def users_due_for_nightly(now: datetime) -> list[tuple[int, str, date]]:
    """(user id, zone, local date) of everyone whose local clock has passed 03:00 today
    and who has not been evaluated for that date."""
    from server.accounts.models import User

    ensure_settings(list(db.session.scalars(
        select(User.id).outerjoin(AlertSettings, AlertSettings.user_id == User.id)
        .where(AlertSettings.user_id.is_(None)))))
    db.session.commit()
    due = []
    for uid, zone, last in db.session.execute(
        select(User.id, User.timezone, AlertSettings.evaluated_on).join(AlertSettings, AlertSettings.user_id == User.id)
    ):
        if not is_valid_zone(zone or "UTC"):
            log.warning("user %s has an unknown time zone %r; alerts skipped", uid, zone)
            continue
        local = now.astimezone(ZoneInfo(zone or "UTC"))
        if local.time() >= NIGHTLY_AT and (last is None or last < local.date()):
            due.append((uid, zone or "UTC", local.date()))
    return due


def settings_for(row: AlertSettings, retired: set[str] = frozenset()) -> Settings:
    """The pure rules' settings: rules turned off, or retired by their track record."""
    disabled = frozenset(rule for rule, on in (row.enabled or {}).items() if on is False) | retired
    return Settings(disabled=disabled, thresholds=dict(row.thresholds or {}))


def evaluate_user(user_id: int, zone: str, today: date, series: list, now: datetime,
                  patterns: list[dict] | None = None) -> list[AlertEvent]:
    """Evaluate one person's alerts, store state and events, queue notifications; commits.

    ``patterns``: the person's reported patterns, for their personal warning signs (None:
    read from their current analysis). Returns the events created (empty when nothing fired).
    """
    settings = db.session.get(AlertSettings, user_id)
    notify = notification_settings.get(user_id)
    days = personal.day_values(user_id, zone, today - timedelta(days=personal.HISTORY_DAYS), today)
    if patterns is None:
        patterns = current_patterns(user_id, now)
    states = {s.rule: s for s in db.session.scalars(
        select(AlertState).where(AlertState.user_id == user_id, AlertState.rule.in_(RULES)))}
    retired = {rule for rule, rec in personal.fixed_records(user_id, days, today).items() if rec.retired}
    result = evaluate(series, {k: RuleState(v.status, v.changed_on) for k, v in states.items()},
                      settings_for(settings, retired))
    store_states(user_id, states, result)
    events = [store_event(user_id, alert, today, now) for alert in result.alerts]
    for alert in personal.personal_alerts(user_id, today, patterns, settings, days):
        events.append(store_event(user_id, alert, alert.day, now, target_from=alert.target_from,
                                  target_to=alert.target_to, details=alert.details))
    events = [e for e in events if e is not None]
    queue_notifications(user_id, zone, today, events, notify, now)
    db.session.commit()
    return events


def current_pattern_results(user_id: int, now: datetime) -> dict:
    """The patterns part of the person's current analysis ({} without one)."""
    from server.accounts.models import User
    from server.insights.service import current_analysis

    payload = current_analysis(db.session.get(User, user_id), now)
    return (payload or {}).get("patterns") or {}


def current_patterns(user_id: int, now: datetime) -> list[dict]:
    """The person's reported patterns from their current analysis ([] without one)."""
    return current_pattern_results(user_id, now).get("patterns") or []


def served_patterns(user, now: datetime) -> list[dict]:
    """The patterns Patterns shows: the stored analysis as the insights screens serve it (a
    newer one is queued when it is stale, never computed in the request unless none exists)."""
    from server.insights.service import served_analysis

    payload, _ = served_analysis(user, now)
    return ((payload or {}).get("patterns") or {}).get("patterns") or []


def store_states(user_id: int, rows: dict[str, AlertState], result: Evaluation) -> None:
    """Write every rule's new state. First-time rows go in by insert-or-ignore: another
    scheduler evaluating the same person may have created them a moment ago (issue 18)."""
    missing = [rule for rule in result.state if rule not in rows]
    if missing:
        db.session.execute(insert_ignoring_conflicts(AlertState, db.session), [
            {"user_id": user_id, "rule": rule, "status": "armed", "changed_on": None} for rule in missing])
    for rule, new in result.state.items():
        db.session.execute(update(AlertState).where(AlertState.user_id == user_id, AlertState.rule == rule)
                           .values(status=new.status, changed_on=new.changed_on)
                           .execution_options(synchronize_session=False))


def store_event(user_id: int, alert, day: date, now: datetime, **extra) -> AlertEvent | None:
    """One event per (person, rule, day): a second evaluation on one day adds nothing, also
    when two schedulers evaluate the person at once (insert-or-ignore, then read back)."""
    event_id = new_id()
    db.session.execute(insert_ignoring_conflicts(AlertEvent, db.session).values(
        id=event_id, user_id=user_id, rule=alert.rule, day=day, title=alert.title,
        explanation=alert.explanation, pushed=False, created_at=now, **extra))
    return db.session.get(AlertEvent, event_id)


def queue_notifications(user_id, zone, today, events, settings: notification_settings.Settings,
                        now: datetime) -> None:
    """Queue one notification for all of ``events`` (several crossings at once make one), if
    the daily cap has room; in quiet hours it waits for their end. It opens the first event;
    the app lists the rest beside it. Beyond the cap the events stay in the app only."""
    if not events:
        return
    sent_today = db.session.scalar(select(func.count()).select_from(ReminderOccurrence).where(
        ReminderOccurrence.user_id == user_id, ReminderOccurrence.kind == "alert",
        ReminderOccurrence.local_date == today)) or 0
    if sent_today >= settings.daily_cap:
        return
    due = not_in_quiet_hours(now, ZoneInfo(zone), quiet_hours(settings.quiet_start, settings.quiet_end))
    first = events[0]
    for event in events:
        event.pushed = True
    db.session.execute(insert_ignoring_conflicts(ReminderOccurrence, db.session).values(
        id=new_id(), user_id=user_id, rule_id=f"alert:{first.rule}", kind="alert",
        occurrence_key=first.id, local_date=today, due_at=due, expires_at=due + FRESHNESS["alert"],
        status="pending", attempts=0, alert_event_id=first.id))


def not_in_quiet_hours(now: datetime, zone: ZoneInfo, quiet: QuietHours) -> datetime:
    """``now``, or the end of quiet hours when ``now`` falls inside them."""
    if quiet.contains(now.astimezone(zone).time()):
        return quiet_end_after(now, zone, quiet)
    return now


def evaluate_person(user_id: int, now: datetime, series_for: SeriesFn) -> list[AlertEvent]:
    """Evaluate one person at ``now`` in their own zone; raises on failure (a job retries)."""
    from server.accounts.models import User

    ensure_settings([user_id])
    zone = db.session.get(User, user_id).timezone or "UTC"
    today = now.astimezone(ZoneInfo(zone)).date()
    return evaluate_user(user_id, zone, today, series_for(user_id, now), now)


def mark_evaluated(due: list[tuple[int, str, date]]) -> None:
    """Move each person's ``evaluated_on`` to the night just queued for them (commits)."""
    for user_id, _, day in due:
        db.session.execute(update(AlertSettings).where(AlertSettings.user_id == user_id, or_(
            AlertSettings.evaluated_on.is_(None), AlertSettings.evaluated_on < day))
            .values(evaluated_on=day).execution_options(synchronize_session=False))
    db.session.commit()


def signs_for(user, now: datetime) -> dict:
    """The body of GET /api/alerts/signs for ``user`` (needs id and timezone) at ``now``, with
    ``days_needed``: the days of check-ins the patterns still need before any can be found (0
    once they can), so a new account's empty list says why it is empty and for how long."""
    zone = user.timezone or "UTC"
    found = current_pattern_results(user.id, now)
    return {**personal.signs_view(user.id, zone, now.astimezone(ZoneInfo(zone)).date(),
                                  found.get("patterns") or [], db.session.get(AlertSettings, user.id)),
            "days_needed": found.get("days_needed") or 0}


def events_view(user, now: datetime) -> list[dict]:
    """The body of GET /api/alerts' events: the recent alerts, each personal one with its
    title and explanation worded on the day they are read in the person's zone (what the app
    shows, not the stored "tomorrow" of the send day; personal.read_words), its
    explanation's days as days (personal.explanation_parts: stored ones, and older texts read
    at display time, so no stored row is rewritten) and a ``note`` when its line has moved
    since it was sent (personal.moved_line_note)."""
    events = recent_events(user.id)
    now_terms = {}
    if any((e.details or {}).get("terms") for e in events):
        zone = user.timezone or "UTC"
        now_terms = personal.current_terms(user.id, zone, now.astimezone(ZoneInfo(zone)).date(),
                                           served_patterns(user, now))
    columns = [c.key for c in AlertEvent.__table__.columns]
    today = today_in(user.timezone, now)
    return [{**{c: getattr(e, c) for c in columns},
             **personal.read_words(e, today),
             "explanation_parts": personal.explanation_parts(e),
             "note": personal.moved_line_note(e.details, now_terms)} for e in events]


def recent_events(user_id: int, since: datetime | None = None, limit: int = 50) -> list[AlertEvent]:
    query = select(AlertEvent).where(AlertEvent.user_id == user_id)
    if since is not None:
        query = query.where(AlertEvent.created_at >= since)
    return list(db.session.scalars(query.order_by(AlertEvent.created_at.desc()).limit(limit)))

