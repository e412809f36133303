"""Keep each person's analysis current: recompute when stale, serve the stored result otherwise.

Stale means a check-in or an imported day was added, edited or deleted since (its sync
``seq`` is higher than the stored ``data_seq``) or the person's local date moved on. Every
function takes ``now`` so callers and tests choose the clock.
"""
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select, union_all
from sqlalchemy.exc import IntegrityError

from server.accounts.models import User
from server.analysis import analyse
from server.checkins.models import CheckIn
from server.checkins.service import checkin_records
from server.common.time import local_date
from server.extensions import db
from server.health_import.models import HealthDay
from server.health_import.service import imported_days
from server.insights.models import InsightResult
from server.jobs import service as jobs

NIGHTLY_HOUR = 3  # nightly analysis at 03:00 in each person's zone (docs/reminders-and-alerts.md)
#: The records the analysis reads: check-ins, and the days imported from a phone or watch.
DATA_MODELS = (CheckIn, HealthDay)


def latest_data_seq(user_id: int) -> int:
    """The highest sync sequence among the user's analysed records, tombstones included; 0 for none."""
    return max(db.session.execute(select(func.coalesce(func.max(model.seq), 0))
                                  .where(model.user_id == user_id)).scalar_one()
               for model in DATA_MODELS)


def _latest_by_user(user_ids: list[int] | None = None):
    """(user_id, seq) rows: each user's highest sequence among the analysed records."""
    parts = [select(m.user_id.label("user_id"), m.seq.label("seq")) for m in DATA_MODELS]
    if user_ids is not None:
        parts = [part.where(m.user_id.in_(user_ids)) for part, m in zip(parts, DATA_MODELS)]
    union = union_all(*parts).subquery()
    return select(union.c.user_id, func.max(union.c.seq).label("seq")).group_by(union.c.user_id)


def current_analysis(user, now: datetime) -> dict:
    """The user's analysis payload, reflecting every check-in stored before the call.

    ``user`` needs ``id`` and ``timezone``. Recomputes (and stores) when the stored
    result is missing or stale, else returns the stored payload unchanged. The
    payload is ``server.analysis.Analysis.to_dict()``: keys ``today``, ``load``,
    ``patterns``, ``forecast`` and ``signals``.
    """
    seq = latest_data_seq(user.id)
    today = local_date(now, user.timezone)
    stored = db.session.get(InsightResult, user.id)
    if stored is not None and not is_stale(stored, seq, today):
        return stored.payload
    return recompute(user, now, seq, today)


def served_analysis(user, now: datetime) -> tuple[dict, bool]:
    """What the insights screens show: (payload, updating). A screen load is a read.

    The stored analysis is served as it is; only a person with none stored yet waits for
    one to be computed. A stored result older than the data (a sync since, or a new local
    day) is still served, with ``updating`` True and a refresh job queued for the
    scheduler (one per person at a time; the scheduler also queues one within a minute of
    a sync on its own). Computing inside the request held a web worker for the whole
    analysis, seconds for a long history, on every screen load after each sync.
    """
    stored = db.session.get(InsightResult, user.id)
    if stored is None:
        return recompute(user, now), False
    if not is_stale(stored, latest_data_seq(user.id), local_date(now, user.timezone)):
        return stored.payload, False
    payload = stored.payload
    jobs.enqueue("refresh", [(user.id, f"refresh:{user.id}")], now)
    return payload, True


def is_stale(stored: InsightResult, seq: int, today: date) -> bool:
    """True when newer records exist or the stored result is for an earlier local day."""
    return stored.data_seq < seq or stored.local_today != today


def recompute(user, now: datetime, seq: int | None = None, today: date | None = None) -> dict:
    """Run the analysis for ``user`` now, store it, commit, and return the payload.

    The sequence is read before the check-ins, so a check-in arriving in between
    leaves the result marked older than it is — recomputed again, never served stale.
    """
    seq = latest_data_seq(user.id) if seq is None else seq
    today = local_date(now, user.timezone) if today is None else today
    payload = analyse(checkin_records(user.id), user.timezone, today,
                      imported=imported_days(user.id)).to_dict()
    values = {"computed_at": now, "data_seq": seq, "local_today": today, "payload": payload}
    stored = db.session.get(InsightResult, user.id)
    if stored is None:
        db.session.add(InsightResult(user_id=user.id, **values))
    else:
        for name, value in values.items():
            setattr(stored, name, value)
    try:
        db.session.commit()
    except IntegrityError:
        # A concurrent request stored the same analysis first; theirs is as fresh as ours.
        db.session.rollback()
    return payload


def recompute_all(now: datetime, user_ids: list[int] | None = None,
                  force: bool = False) -> dict:
    """The nightly batch: recompute every (or each listed) user's stale analysis.

    One commit per user, so a failure leaves the others done. ``force`` recomputes
    fresh results too. Returns {"checked": n, "recomputed": k}. The scheduler can
    pass ``user_ids=nightly_due(now)`` on each tick to follow 03:00 local time.
    """
    users = select(User.id, User.timezone)
    latest_q = _latest_by_user(user_ids)
    stored_q = select(InsightResult.user_id, InsightResult.data_seq, InsightResult.local_today)
    if user_ids is not None:
        users = users.where(User.id.in_(user_ids))
        stored_q = stored_q.where(InsightResult.user_id.in_(user_ids))
    latest = dict(db.session.execute(latest_q).all())
    stored = {r.user_id: (r.data_seq, r.local_today) for r in db.session.execute(stored_q)}
    checked = recomputed = 0
    for user in db.session.execute(users).all():
        checked += 1
        seq, today = latest.get(user.id) or 0, local_date(now, user.timezone)
        known = stored.get(user.id)
        if force or known is None or known[0] < seq or known[1] != today:
            recompute(user, now, seq, today)
            recomputed += 1
    return {"checked": checked, "recomputed": recomputed}


def users_with_new_checkins() -> list[int]:
    """Ids of people with check-ins or imported days newer than their stored analysis (or
    with none stored).

    The scheduler recomputes these a minute after a sync or an import adds data, so results
    and alerts follow new data without waiting for the night or for someone to open the app.
    """
    latest = _latest_by_user().subquery()
    query = (select(latest.c.user_id)
             .outerjoin(InsightResult, InsightResult.user_id == latest.c.user_id)
             .where(or_(InsightResult.user_id.is_(None), InsightResult.data_seq < latest.c.seq)))
    return list(db.session.execute(query).scalars())


def nightly_due(now: datetime, hour: int = NIGHTLY_HOUR) -> list[int]:
    """Ids of users for whom it is now ``hour`` o'clock local time (03:00 by default)."""
    zones = db.session.execute(select(User.timezone).distinct()).scalars().all()
    due = [zone for zone in zones if now.astimezone(ZoneInfo(zone)).hour == hour]
    if not due:
        return []
    return list(db.session.execute(select(User.id).where(User.timezone.in_(due))).scalars())


def load_days(payload: dict, start: date | None, end: date | None) -> list[dict]:
    """The payload's load days between two local dates (inclusive; ISO strings sort as dates)."""
    low = start.isoformat() if start else ""
    high = end.isoformat() if end else "9999-12-31"
    return [day for day in payload["load"] if low <= day["date"] <= high]
