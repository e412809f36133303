"""Claiming, finishing and retrying analysis jobs (docs/reminders-and-alerts.md, "Analysis jobs").

Any number of scheduler processes share the work: a batch is claimed with one UPDATE over a
sub-select that, on PostgreSQL, takes its rows ``FOR UPDATE SKIP LOCKED`` — two processes
never get the same row and never wait on each other. SQLite runs one writer at a time, so
the same UPDATE is atomic there without the lock clause (one scheduler process on SQLite).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import and_, case, or_, select, update

from server.common.claims import chosen_once
from server.extensions import db
from server.jobs.models import AnalysisJob
from server.common.claims import insert_ignoring_conflicts

log = logging.getLogger(__name__)

#: A claim lasts this long; a scheduler that dies leaves its jobs to others after it.
LEASE = timedelta(minutes=5)
#: Tries before a job is dead (kept, with its error, for an operator to look at).
MAX_ATTEMPTS = 4
#: Waits before the 2nd, 3rd and 4th try.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30))
BATCH = 20


def enqueue(kind: str, keyed: list[tuple[int, str]], now: datetime) -> int:
    """Queue a job of ``kind`` per (user id, dedupe key); a key already queued is skipped
    (insert-or-ignore, safe beside other schedulers). Returns how many were new."""
    if not keyed:
        return 0
    result = db.session.execute(insert_ignoring_conflicts(AnalysisJob, db.session), [
        {"user_id": uid, "kind": kind, "dedupe": key, "status": "pending", "attempts": 0,
         "due_at": now, "created_at": now} for uid, key in keyed])
    db.session.commit()
    return max(result.rowcount, 0)


def open_job_users(kind: str) -> set[int]:
    """The people with a pending or running job of ``kind``."""
    return set(db.session.scalars(select(AnalysisJob.user_id).where(
        AnalysisJob.kind == kind, AnalysisJob.status.in_(("pending", "claimed")))))


def claim(now: datetime, worker: str, kind: str, limit: int = BATCH) -> list[tuple[int, int, str | None]]:
    """Claim up to ``limit`` due jobs of ``kind`` (pending and due, or claimed with a lapsed
    lease); returns (job id, user id, tries so far including this one) and commits.

    A refresh job's key is cleared on claim: data synced during the run queues the next one.
    """
    due = or_(and_(AnalysisJob.status == "pending", AnalysisJob.due_at <= now),
              and_(AnalysisJob.status == "claimed", AnalysisJob.lease_until < now))
    chosen = (select(AnalysisJob.id).where(AnalysisJob.kind == kind, due)
              .order_by(AnalysisJob.due_at, AnalysisJob.id).limit(limit))
    if db.session.get_bind().dialect.name == "postgresql":
        chosen = chosen.with_for_update(skip_locked=True)
    rows = db.session.execute(
        update(AnalysisJob).where(AnalysisJob.id.in_(chosen_once(chosen, "due_jobs")))
        .values(status="claimed", claimed_by=worker, lease_until=now + LEASE,
                attempts=AnalysisJob.attempts + 1,
                dedupe=case((AnalysisJob.kind == "refresh", None), else_=AnalysisJob.dedupe))
        .returning(AnalysisJob.id, AnalysisJob.user_id, AnalysisJob.attempts)
        .execution_options(synchronize_session=False)).all()
    db.session.commit()
    return [(job_id, user_id, attempts) for job_id, user_id, attempts in rows]


def finish(job_id: int, worker: str, now: datetime) -> None:
    """Mark a job done (only while this worker still holds it)."""
    db.session.execute(update(AnalysisJob).where(AnalysisJob.id == job_id, AnalysisJob.claimed_by == worker)
                       .values(status="done", finished_at=now, lease_until=None)
                       .execution_options(synchronize_session=False))
    db.session.commit()


def fail(job_id: int, attempts: int, worker: str, now: datetime, error: str) -> str:
    """After a failed try: pending again after a back-off, or dead after MAX_ATTEMPTS.
    Returns the new status."""
    dead = attempts >= MAX_ATTEMPTS
    wait = BACKOFF[min(attempts, len(BACKOFF)) - 1]
    status = "dead" if dead else "pending"
    db.session.execute(update(AnalysisJob).where(AnalysisJob.id == job_id, AnalysisJob.claimed_by == worker)
                       .values(status=status, error=error[:2000], lease_until=None,
                               due_at=now if dead else now + wait, finished_at=now if dead else None)
                       .execution_options(synchronize_session=False))
    db.session.commit()
    return status


def run(kind: str, now: datetime, worker: str, work: Callable[[int], None],
        limit: int | None = None) -> dict:
    """Claim and run due jobs of ``kind`` batch by batch until none is left (or ``limit``
    jobs were claimed). ``work(user_id)`` does one person's job and commits; an exception
    is a failed try. Returns counts: done, failed, dead."""
    counts = {"done": 0, "failed": 0, "dead": 0}
    taken = 0
    while limit is None or taken < limit:
        batch = claim(now, worker, kind, BATCH if limit is None else min(BATCH, limit - taken))
        if not batch:
            break
        taken += len(batch)
        for job_id, user_id, attempts in batch:
            _run_one(job_id, user_id, attempts, worker, now, work, counts)
    return counts


def _run_one(job_id, user_id, attempts, worker, now, work, counts) -> None:
    try:
        work(user_id)
    except Exception as exc:  # one person's failure must not cost everyone else their run
        db.session.rollback()
        status = fail(job_id, attempts, worker, now, f"{type(exc).__name__}: {exc}")
        log.exception("%s job %s for user %s failed (%s)", "analysis", job_id, user_id, status)
        counts["dead" if status == "dead" else "failed"] += 1
        return
    finish(job_id, worker, now)
    counts["done"] += 1
