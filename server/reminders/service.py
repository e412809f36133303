"""Reminder occurrences: create the due ones, claim them atomically, send once, log deliveries.

Every step is safe to run from any number of scheduler processes at once:

* creation inserts with ON CONFLICT DO NOTHING on (rule_id, occurrence_key);
* claiming is one UPDATE (``FOR UPDATE SKIP LOCKED`` in its subquery on PostgreSQL;
  SQLite serialises writers, so the conditional UPDATE alone is atomic there);
* before anything is sent, a delivery row per (occurrence, subscription) is inserted and
  committed; its unique key means the same occurrence is never sent twice to one
  subscription, even after a crash between sending and recording (such a row stays
  "sending" and is never sent again: at most once beats a duplicate at 3 a.m.).

A claim older than ``RECLAIM_AFTER`` (a crash between claim and send) is taken over by
the next tick; subscriptions that already have a delivery row are skipped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfoNotFoundError

from sqlalchemy import and_, or_, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import aliased

from server.accounts.models import User
from server.common.chunking import chunked
from server.common.ids import new_id
from server.common.time import as_utc
from server.extensions import db
from server.notifications import settings as notification_settings
from server.notifications.models import NotificationSettings
from server.reminders.models import (
    Delivery,
    ReminderAction,
    ReminderOccurrence,
    ReminderRule,
)
from server.reminders.payloads import SendOptions, reminder_payload, send_options
from server.reminders.schedule import QuietHours, occurrences, snoozed
from server.reminders.schedule import ReminderRule as RuleSpec

log = logging.getLogger(__name__)


def reminder_action_columns(data: dict) -> dict:
    """A validated reminder action as its JSON column: `at` (a datetime after validation) as
    ISO 8601 text. Registered with sync in server/record_types.py."""
    return {"data": {**data, "at": data["at"].isoformat()}}

LOOKBACK = timedelta(hours=12)  # missed occurrences this old are still recorded (as expired)
RECLAIM_AFTER = timedelta(minutes=5)
MAX_ATTEMPTS = 5
CLAIM_BATCH = 2000


@dataclass(frozen=True)
class Message:
    """One notification to one subscription."""

    occurrence_id: str
    subscription_id: str
    payload: dict
    options: SendOptions


@dataclass(frozen=True)
class Outcome:
    """What the push service said: status sent | gone | retry | failed, and the HTTP code."""

    status: str
    code: int | None = None


class PushGateway(Protocol):
    """What the scheduler needs from push delivery (server.push, or a fake in tests)."""

    def subscriptions(self, user_ids: list[int]) -> dict[int, list[str]]: ...

    def deliver(self, messages: list[Message], now: datetime) -> dict[tuple[str, str], Outcome]: ...

    def forget(self, subscription_ids: list[str]) -> None: ...


@dataclass(frozen=True)
class Claimed:
    id: str
    user_id: int
    rule_id: str
    kind: str
    expires_at: datetime
    alert_event_id: str | None


def insert_ignoring_conflicts(model):
    """An INSERT for the session's dialect that skips rows hitting a unique key."""
    dialect = db.session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(model.__table__).on_conflict_do_nothing()


def active_rules():
    """(rule spec, zone, quiet hours, user id) for every live rule of every person."""
    rows = db.session.execute(
        select(ReminderRule.id, ReminderRule.data, ReminderRule.updated_at, ReminderRule.user_id,
               User.timezone, NotificationSettings.quiet_start, NotificationSettings.quiet_end)
        .join(User, User.id == ReminderRule.user_id)
        .outerjoin(NotificationSettings, NotificationSettings.user_id == ReminderRule.user_id)
        .where(ReminderRule.deleted.is_(False))
    )
    for rid, data, updated_at, user_id, zone, q_start, q_end in rows:
        try:
            spec = RuleSpec.from_data(rid, data or {}, not_before=updated_at)
        except (KeyError, ValueError, TypeError):
            log.warning("skipping malformed reminder rule %s", rid)
            continue
        yield spec, zone or "UTC", quiet_hours(q_start, q_end), user_id


def quiet_hours(start: str | None, end: str | None) -> QuietHours:
    """The person's quiet hours, or the defaults when they never saved settings."""
    return QuietHours(start or QuietHours.start, end or QuietHours.end)


def create_due_occurrences(now: datetime, since: datetime | None = None) -> int:
    """Insert every occurrence due in [since, now] (``since`` defaults to, and is never
    earlier than, now - LOOKBACK); already expired ones as "expired", so a missed reminder
    is on record but never sent. Returns the number of occurrences considered (existing
    ones are skipped by the unique key, so overlapping windows are harmless)."""
    start = max(since or now - LOOKBACK, now - LOOKBACK)
    rows = []
    for spec, zone, quiet, user_id in active_rules():
        try:
            found = occurrences(spec, start, now + timedelta(seconds=1), zone, quiet)
        except (ValueError, KeyError, ZoneInfoNotFoundError):  # one bad rule or zone must not stop the rest
            log.warning("cannot schedule reminder rule %s in zone %r", spec.id, zone)
            continue
        rows += [occurrence_row(user_id, occ, now) for occ in found]
    for part in chunked(rows, 1000):
        db.session.execute(insert_ignoring_conflicts(ReminderOccurrence), part)
    db.session.commit()
    return len(rows)


def occurrence_row(user_id: int, occ, now: datetime) -> dict:
    """A row for ReminderOccurrence from a schedule Occurrence; stale ones are born expired."""
    stale = occ.expires_utc <= now
    return {"id": new_id(), "user_id": user_id, "rule_id": occ.rule_id, "kind": occ.kind,
            "occurrence_key": occ.occurrence_key, "local_date": occ.local_date, "due_at": occ.due_utc,
            "expires_at": occ.expires_utc, "status": "expired" if stale else "pending", "attempts": 0,
            "finished_at": now if stale else None}


def supersede_older(now: datetime) -> int:
    """Expire a pending occurrence when a later one of the same rule is already due.

    After an outage an hourly reminder would otherwise arrive several times at once;
    only the latest is still useful.
    """
    Occ = ReminderOccurrence
    newer = aliased(Occ)
    later_due = (select(newer.id).where(newer.rule_id == Occ.rule_id, newer.user_id == Occ.user_id,
                                        newer.due_at > Occ.due_at, newer.due_at <= now).exists())
    done = db.session.execute(
        update(Occ).where(Occ.status == "pending", Occ.due_at <= now, later_due)
        .values(status="expired", finished_at=now).execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return done


def expire_stale(now: datetime) -> int:
    """Expire pending or abandoned claims past their freshness, and pending occurrences of
    deleted rules (a snooze of a rule deleted since); fail claims out of attempts."""
    Occ = ReminderOccurrence
    # A claim younger than RECLAIM_AFTER may be mid-send: its owner settles it.
    abandoned = and_(Occ.status == "claimed", Occ.claimed_at < now - RECLAIM_AFTER)
    expired = db.session.execute(
        update(Occ).where(or_(Occ.status == "pending", abandoned), Occ.expires_at <= now)
        .values(status="expired", finished_at=now).execution_options(synchronize_session=False)
    ).rowcount
    db.session.execute(
        update(Occ).where(Occ.status == "claimed", Occ.claimed_at < now - RECLAIM_AFTER,
                          Occ.attempts >= MAX_ATTEMPTS)
        .values(status="failed", finished_at=now).execution_options(synchronize_session=False)
    )
    gone_rules = select(ReminderRule.id).where(ReminderRule.deleted.is_(True))
    expired += db.session.execute(
        update(Occ).where(Occ.status == "pending", Occ.rule_id.in_(gone_rules))
        .values(status="expired", finished_at=now).execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return expired


def claimable(now: datetime):
    """Due and fresh, or claimed so long ago that its scheduler must have died."""
    Occ = ReminderOccurrence
    return and_(Occ.due_at <= now, Occ.expires_at > now, or_(
        Occ.status == "pending",
        and_(Occ.status == "claimed", Occ.claimed_at < now - RECLAIM_AFTER, Occ.attempts < MAX_ATTEMPTS),
    ))


def claim_due_reminders(now: datetime, worker: str, limit: int = CLAIM_BATCH) -> list[Claimed]:
    """Claim up to ``limit`` due occurrences for ``worker`` in one atomic UPDATE; commits."""
    Occ = ReminderOccurrence
    ids = (select(Occ.id).where(claimable(now)).order_by(Occ.due_at).limit(limit)
           .with_for_update(skip_locked=True).scalar_subquery())
    rows = db.session.execute(
        update(Occ).where(Occ.id.in_(ids), claimable(now))
        .values(status="claimed", claimed_by=worker, claimed_at=now, attempts=Occ.attempts + 1)
        .returning(Occ.id, Occ.user_id, Occ.rule_id, Occ.kind, Occ.expires_at, Occ.alert_event_id)
        .execution_options(synchronize_session=False)
    ).all()
    db.session.commit()
    return [Claimed(r[0], r[1], r[2], r[3], as_utc(r[4]), r[5]) for r in rows]


def send_claimed(claimed: list[Claimed], push: PushGateway, now: datetime, worker: str) -> dict[str, int]:
    """Reserve a delivery row per subscription (committed), send, then record the outcomes.

    Returns counts of outcomes by status. A failure of one subscription never stops the
    others; "gone" subscriptions are forgotten.
    """
    if not claimed:
        return {}
    subs = push.subscriptions(sorted({c.user_id for c in claimed}))
    messages = [m for c in claimed for m in messages_for(c, subs.get(c.user_id, []), now)]
    reserved = reserve(messages, {c.id: c.user_id for c in claimed}, now, worker)
    db.session.commit()
    outcomes = push.deliver(reserved, now) if reserved else {}
    results = {(m.occurrence_id, m.subscription_id): outcomes.get((m.occurrence_id, m.subscription_id), Outcome("failed"))
               for m in reserved}
    record_outcomes(results, now)
    push.forget([sub for (_, sub), outcome in results.items() if outcome.status == "gone"])
    finish(claimed, now)
    db.session.commit()
    counts: dict[str, int] = {}
    for outcome in results.values():
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    return counts


def messages_for(c: Claimed, subscription_ids: list[str], now: datetime) -> list[Message]:
    payload = reminder_payload(c.kind, c.id, c.rule_id, c.alert_event_id)
    options = send_options(c.kind, c.rule_id, now, c.expires_at)
    return [Message(c.id, sid, payload, options) for sid in subscription_ids]


def reserve(messages: list[Message], owner: dict[str, int], now: datetime, worker: str) -> list[Message]:
    """Take the right to send each message: a new delivery row, or a row left for retry.

    Returns the messages this worker may send; the others are (being) sent by someone else.
    """
    table = Delivery.__table__
    mine: set[tuple[str, str]] = set()
    for part in chunked(messages):
        rows = [{"occurrence_id": m.occurrence_id, "subscription_id": m.subscription_id,
                 "user_id": owner[m.occurrence_id], "status": "sending", "attempts": 1, "worker": worker,
                 "created_at": now, "updated_at": now} for m in part]
        inserted = db.session.execute(insert_ignoring_conflicts(Delivery).values(rows)
                                      .returning(table.c.occurrence_id, table.c.subscription_id))
        mine.update(tuple(r) for r in inserted)
    rest = [(m.occurrence_id, m.subscription_id) for m in messages if (m.occurrence_id, m.subscription_id) not in mine]
    for part in chunked(rest):
        retried = db.session.execute(
            update(table).where(tuple_(table.c.occurrence_id, table.c.subscription_id).in_(part),
                                table.c.status == "retry")
            .values(status="sending", attempts=table.c.attempts + 1, worker=worker, updated_at=now)
            .returning(table.c.occurrence_id, table.c.subscription_id))
        mine.update(tuple(r) for r in retried)
    return [m for m in messages if (m.occurrence_id, m.subscription_id) in mine]


def record_outcomes(results: dict[tuple[str, str], Outcome], now: datetime) -> None:
    """Write each send's outcome into its delivery row (one UPDATE per distinct outcome)."""
    table = Delivery.__table__
    groups: dict[Outcome, list[tuple[str, str]]] = {}
    for key, outcome in results.items():
        groups.setdefault(outcome, []).append(key)
    for outcome, keys in groups.items():
        for part in chunked(keys):
            db.session.execute(
                update(table).where(tuple_(table.c.occurrence_id, table.c.subscription_id).in_(part))
                .values(status=outcome.status, status_code=outcome.code, updated_at=now))


def finish(claimed: list[Claimed], now: datetime) -> None:
    """Settle each claimed occurrence from its delivery rows.

    sent: some row is sent (or "sending", i.e. a crash left it unknown - never resent);
    pending again: some row asks for a retry (the next tick takes it while still fresh);
    failed: otherwise (every subscription refused, or the person has none).
    """
    ids = [c.id for c in claimed]
    by_occ: dict[str, set[str]] = {}
    for occ_id, status in db.session.execute(
        select(Delivery.occurrence_id, Delivery.status).where(Delivery.occurrence_id.in_(ids))
    ):
        by_occ.setdefault(occ_id, set()).add(status)
    for occ_id in ids:
        statuses = by_occ.get(occ_id, set())
        new = ("sent" if statuses & {"sent", "sending"} else "pending" if "retry" in statuses else "failed")
        values = {"status": new}
        if new != "pending":
            values["finished_at"] = now
        db.session.execute(update(ReminderOccurrence).where(ReminderOccurrence.id == occ_id,
                                                            ReminderOccurrence.status == "claimed")
                           .values(**values).execution_options(synchronize_session=False))


def apply_actions(now: datetime) -> int:
    """Apply synced "done"/"snooze" actions once each; a snooze adds a new occurrence.

    Rows are locked with SKIP LOCKED so two schedulers split them; a snooze's occurrence
    key is the action id, so even a double application adds one occurrence.
    """
    pending = db.session.execute(
        select(ReminderAction).where(ReminderAction.processed_at.is_(None), ReminderAction.deleted.is_(False))
        .limit(500).with_for_update(skip_locked=True)
    ).scalars().all()
    for action in pending:
        apply_action(action, now)
        action.processed_at = now
    db.session.commit()
    return len(pending)


def apply_action(action: ReminderAction, now: datetime) -> None:
    """Apply one action of its owner to its owner's occurrence (anything else is ignored)."""
    data = action.data or {}
    occ = db.session.get(ReminderOccurrence, data.get("occurrence_id") or "")
    if occ is None or occ.user_id != action.user_id or occ.rule_id.startswith("alert:"):
        return
    if data.get("action") == "done":
        occ.status = "done" if occ.status in ("sent", "pending", "claimed") else occ.status
        return
    rule = db.session.get(ReminderRule, occ.rule_id)
    if data.get("action") != "snooze" or rule is None or rule.deleted:
        return
    user = db.session.get(User, occ.user_id)
    settings = notification_settings.get(occ.user_id)
    quiet = quiet_hours(settings.quiet_start, settings.quiet_end)
    at = parse_at(data.get("at"))
    at = as_utc(at) if at else now
    occ_new = snoozed(RuleSpec.from_data(rule.id, rule.data or {}), min(at, now), user.timezone or "UTC", quiet, action.id)
    if occ_new is not None:
        db.session.execute(insert_ignoring_conflicts(ReminderOccurrence).values(**occurrence_row(occ.user_id, occ_new, now)))


def parse_at(value) -> datetime | None:
    """The action's ISO 8601 ``at`` (None when unreadable)."""
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def rules_of(user_id: int) -> list[ReminderRule]:
    """A person's live (not deleted) reminder rules, oldest first."""
    return list(db.session.scalars(select(ReminderRule).where(
        ReminderRule.user_id == user_id, ReminderRule.deleted.is_(False)).order_by(ReminderRule.updated_at)))
