"""Delivering due occurrences to every device: fan-out, short leases, per-device back-off.

The guarantees (docs/reminders-and-alerts.md, "Delivery"):

* Fan-out: a due occurrence is taken by one UPDATE (``FOR UPDATE SKIP LOCKED`` in its
  subquery on PostgreSQL; SQLite serialises writers) and, in the same transaction, gets
  one Delivery row per live subscription of its person. A crash before the commit
  leaves the occurrence pending; after it, every device has its own row.
* Sending: Delivery rows are claimed in waves with a short lease (``LEASE``, 30 s, unless
  PUSH_LEASE_SECONDS says otherwise), renewed before each slice of the wave is handed to
  the push service. A scheduler that dies mid-send stops renewing; its rows are taken over
  by whichever scheduler runs the next delivery pass (every 10 s) once the lease lapses.
  Leases and back-off count from the moment they are taken or answered (the pass's
  ``clock``), not from the pass's start: a pass slowed by a loaded machine or a long
  fan-out must not hand out a lease that has already run out, nor count a Retry-After from
  before the request was made.
* At least once, shown once: a row is "sent" only when the push service said so;
  anything unconfirmed is sent again. Every message of an occurrence carries the same
  Web Push ``Topic`` and the same notification ``tag`` (server.reminders.payloads), so
  a second copy replaces the first at the push service and on the device.
* Back-off per device: a retryable answer (429, 5xx, network) waits for that
  subscription's own Retry-After, else ``BACKOFF`` doubling per attempt with jitter; at
  most ``MAX_ATTEMPTS`` requests per (occurrence, device), and never past the
  occurrence's expiry. One device's trouble delays no other device.
* An occurrence is settled when every device has it, gave up or went stale: "sent" if
  any device has it, else "failed" (or "expired" when it went stale first).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, exists, or_, select, update

from server.common.claims import chosen_once, insert_ignoring_conflicts
from server.common.time import as_utc
from server.extensions import db
from server.reminders.models import Delivery, ReminderOccurrence, ReminderRule
from server.reminders.payloads import reminder_payload, send_options
from server.reminders.service import Message, Outcome, PushGateway

LEASE = timedelta(seconds=30)  # the default of PUSH_LEASE_SECONDS
MAX_ATTEMPTS = 6
BACKOFF = timedelta(seconds=10)  # the default of PUSH_RETRY_BASE_SECONDS
BACKOFF_CAP = timedelta(minutes=30)
FAN_OUT_BATCH = 2000
WAVE = 500          # delivery rows claimed at once
SLICE = 64          # messages handed to the push service between lease renewals
MAX_WAVES = 40      # one pass sends at most WAVE * MAX_WAVES messages; the next pass goes on

Occ = ReminderOccurrence
D = Delivery


def fan_out(now: datetime, push: PushGateway, limit: int = FAN_OUT_BATCH) -> int:
    """Take due pending occurrences and give each a Delivery row per live subscription; commits.

    Returns how many occurrences were fanned out. A person with no live subscription has
    their occurrence "failed" at once (nothing to deliver to).
    """
    ids = chosen_once(select(Occ.id).where(Occ.status == "pending", Occ.due_at <= now, Occ.expires_at > now)
                      .order_by(Occ.due_at).limit(limit).with_for_update(skip_locked=True), "due_occurrences")
    taken = db.session.execute(
        update(Occ).where(Occ.id.in_(ids), Occ.status == "pending").values(status="delivering")
        .returning(Occ.id, Occ.user_id).execution_options(synchronize_session=False)).all()
    if not taken:
        db.session.commit()
        return 0
    subs = push.subscriptions(sorted({user_id for _, user_id in taken}))
    rows = [{"occurrence_id": occ_id, "subscription_id": sid, "user_id": user_id, "status": "pending",
             "attempts": 0, "next_attempt_at": now, "created_at": now, "updated_at": now}
            for occ_id, user_id in taken for sid in subs.get(user_id, [])]
    for start in range(0, len(rows), 1000):
        db.session.execute(insert_ignoring_conflicts(Delivery, db.session), rows[start:start + 1000])
    nobody = [occ_id for occ_id, user_id in taken if not subs.get(user_id)]
    if nobody:
        db.session.execute(update(Occ).where(Occ.id.in_(nobody))
                           .values(status="failed", finished_at=now).execution_options(synchronize_session=False))
    db.session.commit()
    return len(taken)


def claimable(now: datetime):
    """Due rows of live occurrences: pending and due, or leased by someone whose lease lapsed."""
    live = exists().where(Occ.id == D.occurrence_id, Occ.status == "delivering", Occ.expires_at > now)
    return and_(live, D.attempts < MAX_ATTEMPTS, or_(
        and_(D.status == "pending", D.next_attempt_at <= now),
        and_(D.status == "sending", D.lease_until < now),
    ))


@dataclass(frozen=True)
class Claimed:
    id: int
    occurrence_id: str
    subscription_id: str
    attempts: int


def claim_deliveries(now: datetime, worker: str, limit: int = WAVE, leased_at: datetime | None = None) -> list[Claimed]:
    """Lease up to ``limit`` due deliveries to ``worker`` in one atomic UPDATE; commits.

    What is due is judged at ``now`` (the pass's start); the lease runs ``lease()`` from
    ``leased_at`` (the time of the claim itself; default ``now``).
    The outer WHERE repeats the condition, so a row another scheduler took between the
    subquery and the update is not taken twice (PostgreSQL re-checks it after the lock).
    """
    leased_at = leased_at or now
    ids = chosen_once(select(D.id).where(claimable(now)).order_by(D.next_attempt_at).limit(limit)
                      .with_for_update(skip_locked=True, of=D), "due_deliveries")
    rows = db.session.execute(
        update(D).where(D.id.in_(ids), claimable(now))
        .values(status="sending", worker=worker, lease_until=leased_at + lease(), attempts=D.attempts + 1,
                updated_at=leased_at)
        .returning(D.id, D.occurrence_id, D.subscription_id, D.attempts)
        .execution_options(synchronize_session=False)).all()
    db.session.commit()
    return [Claimed(*row) for row in rows]


Clock = Callable[[], datetime]


def deliver_due(now: datetime, push: PushGateway, worker: str, max_waves: int = MAX_WAVES,
                clock: Clock | None = None) -> dict[str, int]:
    """Send every due delivery, wave by wave, until none is due; returns counts by outcome.

    ``now`` is the pass's start: what is due is judged at it. ``clock`` reads the time as
    the pass goes on, for leases, send times and back-off (the scheduler process passes the
    real clock); without it the pass stays at ``now`` throughout (tests on a fixed clock).
    """
    clock = clock or (lambda: now)
    counts: dict[str, int] = {}
    for _ in range(max_waves):
        claimed = claim_deliveries(now, worker, leased_at=clock())
        if not claimed:
            break
        for status, n in send_wave(claimed, push, worker, clock).items():
            counts[status] = counts.get(status, 0) + n
    return counts


def send_wave(claimed: list[Claimed], push: PushGateway, worker: str, clock: Clock) -> dict[str, int]:
    """Send one claimed wave slice by slice, renewing the lease before each; record outcomes.

    Each slice is sent at ``clock()`` (its TTL counts from then) and recorded at ``clock()``
    once every answer is in, so a device's Retry-After or back-off runs from after its
    answer, never from a moment before the request was made.
    """
    info = occurrence_info({c.occurrence_id for c in claimed})
    counts: dict[str, int] = {}
    for start in range(0, len(claimed), SLICE):
        part = claimed[start:start + SLICE]
        if start:
            renew(claimed[start:], clock(), worker)
        sent_at = clock()
        messages = [message_for(c, info[c.occurrence_id], sent_at) for c in part if c.occurrence_id in info]
        outcomes = push.deliver(messages, sent_at) if messages else {}
        answered_at = clock()
        results = {c: outcomes.get((c.occurrence_id, c.subscription_id), Outcome("failed")) for c in part}
        record(results, answered_at, worker)
        push.forget([c.subscription_id for c, o in results.items() if o.status == "gone"])
        settle({c.occurrence_id for c in part}, answered_at)
        db.session.commit()
        for outcome in results.values():
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
    return counts


def occurrence_info(ids: set[str]) -> dict[str, tuple]:
    rows = db.session.execute(select(Occ.id, Occ.kind, Occ.rule_id, Occ.expires_at, Occ.alert_event_id)
                              .where(Occ.id.in_(list(ids))))
    return {r[0]: (r[1], r[2], as_utc(r[3]), r[4]) for r in rows}


def message_for(c: Claimed, info: tuple, now: datetime) -> Message:
    kind, rule_id, expires_at, alert_event_id = info
    payload = reminder_payload(kind, c.occurrence_id, rule_id, alert_event_id)
    return Message(c.occurrence_id, c.subscription_id, payload, send_options(kind, c.occurrence_id, now, expires_at))


def renew(rows: list[Claimed], at: datetime, worker: str) -> None:
    """Extend this worker's lease on the rows it has not sent yet to ``lease()`` from ``at`` (commits)."""
    db.session.execute(update(D).where(D.id.in_([c.id for c in rows]), D.worker == worker, D.status == "sending")
                       .values(lease_until=at + lease()).execution_options(synchronize_session=False))
    db.session.commit()


def lease() -> timedelta:
    """How long a claim lasts before another scheduler may take the row over: LEASE, or the
    app's PUSH_LEASE_SECONDS (shortened in tests that kill a scheduler mid-send)."""
    return timedelta(seconds=current_app.config.get("PUSH_LEASE_SECONDS", LEASE.total_seconds()))


def backoff(attempts: int, retry_after: float | None) -> timedelta:
    """How long this device waits before its next attempt: its own Retry-After when it
    gave one, else BACKOFF doubling per attempt (capped), jittered by ±25% so devices
    that failed together do not retry together."""
    if retry_after is not None:
        return timedelta(seconds=max(0.0, retry_after))
    first = timedelta(seconds=current_app.config.get("PUSH_RETRY_BASE_SECONDS", BACKOFF.total_seconds()))
    base = min(first * 2 ** (attempts - 1), BACKOFF_CAP)
    return base * random.uniform(0.75, 1.25)


def record(results: dict[Claimed, Outcome], now: datetime, worker: str) -> None:
    """Write each outcome into its row, if this worker still holds it."""
    for c, outcome in results.items():
        values = {"status": outcome.status, "status_code": outcome.code, "lease_until": None, "updated_at": now}
        if outcome.status == "retry":
            if c.attempts >= MAX_ATTEMPTS:
                values["status"] = "failed"
            else:
                values.update(status="pending", next_attempt_at=now + backoff(c.attempts, outcome.retry_after))
        elif outcome.status not in ("sent", "gone"):
            values["status"] = "failed"
        db.session.execute(update(D).where(D.id == c.id, D.worker == worker, D.status == "sending")
                           .values(**values).execution_options(synchronize_session=False))


def settle(occurrence_ids: set[str], now: datetime) -> None:
    """Finish each delivering occurrence whose devices are all settled (no commit)."""
    if not occurrence_ids:
        return
    by_occ: dict[str, set[str]] = {occ_id: set() for occ_id in occurrence_ids}
    for occ_id, status in db.session.execute(
        select(D.occurrence_id, D.status).where(D.occurrence_id.in_(list(occurrence_ids)))
    ):
        by_occ[occ_id].add(status)
    for occ_id, statuses in by_occ.items():
        if statuses & {"pending", "sending"}:
            continue
        new = "sent" if "sent" in statuses else "expired" if "expired" in statuses else "failed"
        db.session.execute(update(Occ).where(Occ.id == occ_id, Occ.status == "delivering")
                           .values(status=new, finished_at=now).execution_options(synchronize_session=False))


def expire_stale(now: datetime) -> int:
    """Expire what stopped being worth sending; commits. Returns occurrences expired.

    Pending occurrences past their expiry (or of deleted rules) expire; so do the unsent
    deliveries of a stale occurrence (a lease still running is left to its owner), and a
    row whose holder died on its last attempt fails.
    """
    expired = db.session.execute(
        update(Occ).where(Occ.status == "pending", Occ.expires_at <= now)
        .values(status="expired", finished_at=now).execution_options(synchronize_session=False)).rowcount
    gone_rules = select(ReminderRule.id).where(ReminderRule.deleted.is_(True))
    expired += db.session.execute(
        update(Occ).where(Occ.status == "pending", Occ.rule_id.in_(gone_rules))
        .values(status="expired", finished_at=now).execution_options(synchronize_session=False)).rowcount
    stale = list(db.session.scalars(select(Occ.id).where(Occ.status == "delivering", Occ.expires_at <= now)))
    unsent = or_(D.status == "pending", and_(D.status == "sending", D.lease_until < now))
    if stale:
        db.session.execute(update(D).where(D.occurrence_id.in_(stale), unsent)
                           .values(status="expired", lease_until=None, updated_at=now)
                           .execution_options(synchronize_session=False))
    dead = list(db.session.execute(
        update(D).where(D.status == "sending", D.lease_until < now, D.attempts >= MAX_ATTEMPTS)
        .values(status="failed", lease_until=None, updated_at=now)
        .returning(D.occurrence_id).execution_options(synchronize_session=False)).scalars())
    settle(set(stale) | set(dead), now)
    db.session.commit()
    return expired + len(stale)
