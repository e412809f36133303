"""What an operator needs to see without reading logs: is the scheduler alive, is it
keeping up, and how delivery went in the last hour (`flask scheduler status`, and
GET /api/ops/scheduler)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select

from server.common.time import as_utc
from server.extensions import db
from server.reminders.models import Delivery, ReminderOccurrence, SchedulerBeat

Occ, D = ReminderOccurrence, Delivery


def scheduler_status(now: datetime) -> dict:
    beats = db.session.execute(select(SchedulerBeat).order_by(SchedulerBeat.at.desc())).scalars().all()
    ticks = [b for b in beats if b.job == "tick"]
    due_occurrences = and_(Occ.status == "pending", Occ.due_at <= now, Occ.expires_at > now)
    due_deliveries = and_(
        or_(and_(D.status == "pending", D.next_attempt_at <= now), and_(D.status == "sending", D.lease_until < now)),
        D.occurrence_id.in_(select(Occ.id).where(Occ.status == "delivering", Occ.expires_at > now)))
    backlog_occ = db.session.scalar(select(func.count()).select_from(Occ).where(due_occurrences)) or 0
    backlog_del = db.session.scalar(select(func.count()).select_from(D).where(due_deliveries)) or 0
    oldest = db.session.scalar(select(func.min(Occ.due_at)).where(or_(
        due_occurrences, Occ.id.in_(select(D.occurrence_id).where(due_deliveries)))))
    hour = now - timedelta(hours=1)
    last_hour = dict(db.session.execute(
        select(D.status, func.count()).where(D.updated_at >= hour).group_by(D.status)).all())
    return {
        "now": now.isoformat(),
        "last_tick": {"at": as_utc(ticks[0].at).isoformat(), "worker": ticks[0].worker} if ticks else None,
        "workers": [{"worker": b.worker, "job": b.job, "at": as_utc(b.at).isoformat(), "result": b.result}
                    for b in beats],
        "due_backlog": {"occurrences": backlog_occ, "deliveries": backlog_del},
        "oldest_due_lateness_seconds": round((now - as_utc(oldest)).total_seconds()) if oldest else 0,
        "last_hour": {"sent": last_hour.get("sent", 0), "retrying": last_hour.get("pending", 0)
                      + last_hour.get("sending", 0), "failed": last_hour.get("failed", 0),
                      "gone": last_hour.get("gone", 0), "expired": last_hour.get("expired", 0)},
    }
