"""Reminder occurrences: create the due ones, supersede what an outage left, apply actions.

Creation inserts with ON CONFLICT DO NOTHING on (rule_id, occurrence_key), so any number
of scheduler processes may run it at once. Delivering them to each device is
server.reminders.delivery.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from time import monotonic
from typing import Protocol
from zoneinfo import ZoneInfoNotFoundError

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import aliased

from server.accounts.models import User
from server.common.chunking import chunked
from server.common.claims import insert_ignoring_conflicts
from server.common.ids import new_id
from server.common.time import as_utc
from server.extensions import db
from server.notifications import settings as notification_settings
from server.notifications.models import NotificationSettings
from server.reminders.models import (
    ReminderAction,
    ReminderOccurrence,
    ReminderRule,
)
from server.reminders.payloads import SendOptions
from server.reminders.schedule import QuietHours, occurrences, snoozed
from server.reminders.schedule import ReminderRule as RuleSpec

log = logging.getLogger(__name__)


def reminder_action_columns(data: dict) -> dict:
    """A validated reminder action as its JSON column: `at` (a datetime after validation) as
    ISO 8601 text. Registered with sync in server/record_types.py."""
    return {"data": {**data, "at": data["at"].isoformat()}}


LOOKBACK = timedelta(hours=12)  # missed occurrences this old are still recorded (as expired)


@dataclass(frozen=True)
class Message:
    """One notification to one subscription."""

    occurrence_id: str
    subscription_id: str
    payload: dict
    options: SendOptions


@dataclass(frozen=True)
class Outcome:
    """What the push service said: status sent | gone | retry | failed, the HTTP code, and
    for a retry the seconds this subscription asked us to wait (Retry-After), if it did."""

    status: str
    code: int | None = None
    retry_after: float | None = None


class PushGateway(Protocol):
    """What the scheduler needs from push delivery (server.push, or a fake in tests)."""

    def subscriptions(self, user_ids: list[int]) -> dict[int, list[str]]: ...  # live ones only

    def deliver(self, messages: list[Message], now: datetime) -> dict[tuple[str, str], Outcome]: ...

    def forget(self, subscription_ids: list[str]) -> None: ...


def due_rules(now: datetime, uncomputed: bool = False, limit: int | None = None):
    """(rule spec, zone, quiet hours, user id) for every live rule that is due by ``now``, by
    the (deleted, next_due_at) index; with ``uncomputed``, instead at most ``limit`` rules
    whose next due instant is not computed yet (NULL), locked with SKIP LOCKED so several
    scheduler processes split them rather than compute the same ones."""
    query = (
        select(ReminderRule.id, ReminderRule.data, ReminderRule.updated_at, ReminderRule.user_id,
               User.timezone, NotificationSettings.quiet_start, NotificationSettings.quiet_end)
        .join(User, User.id == ReminderRule.user_id)
        .outerjoin(NotificationSettings, NotificationSettings.user_id == ReminderRule.user_id)
        .where(ReminderRule.deleted == False,  # noqa: E712 - "= false" is indexable, "IS false" is not
               ReminderRule.next_due_at.is_(None) if uncomputed else ReminderRule.next_due_at <= now)
    )
    if uncomputed:
        query = query.limit(limit).with_for_update(skip_locked=True, of=ReminderRule)
    for rid, data, updated_at, user_id, zone, q_start, q_end in db.session.execute(query):
        try:
            spec = RuleSpec.from_data(rid, data or {}, not_before=updated_at)
        except (KeyError, ValueError, TypeError):
            log.warning("skipping malformed reminder rule %s", rid)
            yield None, rid, updated_at, None
            continue
        yield spec, zone or "UTC", quiet_hours(q_start, q_end), user_id


def uncomputed_left() -> bool:
    """Whether any live rule's next due instant is still to be computed (NULL)."""
    return db.session.scalar(select(
        select(ReminderRule.id).where(ReminderRule.deleted == False,  # noqa: E712
                                      ReminderRule.next_due_at.is_(None)).exists()))


def quiet_hours(start: str | None, end: str | None) -> QuietHours:
    """The person's quiet hours, or the defaults when they never saved settings."""
    return QuietHours(start or QuietHours.start, end or QuietHours.end)


# How far ahead the next due instant is looked for. A rule with nothing due within it
# (disabled, or malformed) is looked at again this much later; a week plus a day covers
# every weekday filter. Our own choice: one cheap recheck a week per idle rule.
HORIZON = timedelta(days=8)


# Rules not computed yet (next_due_at NULL) are taken in chunks, each committed on its own,
# until the tick has spent UNCOMPUTED_SECONDS on them (or taken UNCOMPUTED_PER_TICK). Normally
# there are a few (rules just edited, people who changed zone); after the reminder_next_due
# migration, every rule: this bound keeps that first tick of a big install inside its minute,
# and the rest wait for the next ticks (docs/deploy.md). Own choice: 20 s leaves the tick's
# other steps the rest of the minute, and the chunk that crosses it still ends within the
# minute (about 13 s a chunk on the 2-core team machine at load 23, bench/reminder_tick.py).
UNCOMPUTED_CHUNK = 2_000
UNCOMPUTED_SECONDS = 20.0
UNCOMPUTED_PER_TICK = 200_000


def window_start(now: datetime, since: datetime | None) -> datetime:
    """Where a creation window ending at ``now`` starts: ``since``, never earlier than
    now - LOOKBACK (and that when ``since`` is None)."""
    return max(since or now - LOOKBACK, now - LOOKBACK)


def create_due_occurrences(now: datetime, since: datetime | None = None,
                           uncomputed_since: datetime | None = None) -> int:
    """Insert every occurrence due in [since, now] (``since`` defaults to, and is never
    earlier than, now - LOOKBACK) of the rules that are due, then of a bounded share of the
    rules not computed yet (see UNCOMPUTED_SECONDS), whose window starts at
    ``uncomputed_since`` instead (default ``since``): a rule left for a later tick must not
    miss what came due meanwhile. Already expired occurrences go in as "expired", so a
    missed reminder is on record but never sent. Each rule's next due instant is stored.
    Returns the number of occurrences considered (existing ones are skipped by the unique
    key, so overlapping windows and two schedulers doing the same rule are harmless)."""
    considered = _create(now, window_start(now, since), list(due_rules(now)))
    start = window_start(now, uncomputed_since if uncomputed_since is not None else since)
    deadline, taken = monotonic() + UNCOMPUTED_SECONDS, 0
    while taken < UNCOMPUTED_PER_TICK:
        limit = min(UNCOMPUTED_CHUNK, UNCOMPUTED_PER_TICK - taken)
        chunk = list(due_rules(now, uncomputed=True, limit=limit))
        considered += _create(now, start, chunk)
        taken += len(chunk)
        if len(chunk) < limit or monotonic() >= deadline:
            break
    return considered


def _create(now: datetime, start: datetime, rules: list) -> int:
    """Occurrences of ``rules`` in [start, now] inserted and their next due instants
    stored, in one commit. Returns the number of occurrences considered."""
    after = now + timedelta(seconds=1)
    rows, next_due = [], []
    for spec, zone, quiet, user_id in rules:
        if spec is None:  # malformed: look again after the horizon, not every tick
            next_due.append({"rid": zone, "upd": quiet, "due": now + HORIZON})
            continue
        try:
            found = occurrences(spec, start, after, zone, quiet)
            upcoming = next_occurrences(spec, after, now, zone, quiet)
        except (ValueError, KeyError, ZoneInfoNotFoundError):  # one bad rule or zone must not stop the rest
            log.warning("cannot schedule reminder rule %s in zone %r", spec.id, zone)
            next_due.append({"rid": spec.id, "upd": spec.not_before, "due": now + HORIZON})
            continue
        rows += [occurrence_row(user_id, occ, now) for occ in found]
        next_due.append({"rid": spec.id, "upd": spec.not_before,
                         "due": upcoming[0].due_utc if upcoming else now + HORIZON})
    for part in chunked(rows, 1000):
        db.session.execute(insert_ignoring_conflicts(ReminderOccurrence, db.session), part)
    store_next_due(next_due)
    db.session.commit()
    return len(rows)


def next_occurrences(spec: RuleSpec, after: datetime, now: datetime, zone, quiet) -> list:
    """Occurrences from ``after`` on: the next two days first (where almost every rule's next
    one lies, at a quarter of the cost), then up to the horizon."""
    return (occurrences(spec, after, now + timedelta(days=2), zone, quiet)
            or occurrences(spec, after, now + HORIZON, zone, quiet))


def store_next_due(values: list[dict]) -> None:
    """Set each rule's next due instant (one executemany); a rule edited since it was read
    (``updated_at`` moved, its next_due_at cleared) is left for the next tick."""
    if not values:
        return
    table = ReminderRule.__table__
    db.session.connection().execute(
        update(table).where(table.c.id == bindparam("rid"), table.c.updated_at == bindparam("upd"))
        .values(next_due_at=bindparam("due")), values)


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
        occ.status = "done" if occ.status in ("sent", "pending", "delivering") else occ.status
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
        db.session.execute(insert_ignoring_conflicts(ReminderOccurrence, db.session).values(**occurrence_row(occ.user_id, occ_new, now)))


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
