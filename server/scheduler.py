"""The scheduler process: `flask scheduler run` runs APScheduler's fixed jobs.

Never started inside create_app — the reloader and every gunicorn worker would each run
one (STYLE pitfall 3). Any number of these processes may run against one PostgreSQL
database: every occurrence is claimed with an atomic UPDATE and every send is reserved
in the delivery log first, so a duplicate tick is harmless. The jobs are plain data
(never one job per person); each takes `now` so tests pass a clock.
"""
import logging
import os
import socket
from datetime import datetime, timedelta

import click
from flask import current_app
from flask.cli import AppGroup

from server.common.time import utcnow
from server.jobs import models as _job_models  # noqa: F401 - the analysis_jobs table joins the metadata

log = logging.getLogger("emberwise.scheduler")
scheduler_cli = AppGroup("scheduler", help="The background scheduler process.")

CREATION_OVERLAP = timedelta(minutes=5)


def worker_id() -> str:
    """Who holds a claim: host and process id, readable in the occurrence table."""
    return f"{socket.gethostname()}:{os.getpid()}"


def tick(app, now: datetime, push=None, worker: str | None = None) -> dict:
    """One pass at `now`: expire stale reminders, apply synced actions, create due
    occurrences, claim a batch and send it. Returns counts of what was done.

    `push` is the push gateway (default: server.push through PushSenderGateway).
    """
    from server.reminders import service

    worker = worker or worker_id()
    marks = app.extensions.setdefault("reminder_scheduler", {})
    with app.app_context():
        push = push or default_push(app)
        expired = service.expire_stale(now)
        actions = service.apply_actions(now)
        created = service.create_due_occurrences(now, since=creation_start(marks.get("created_until"), now))
        marks["created_until"] = max(now, marks.get("created_until") or now)
        expired += service.supersede_older(now)
        claimed = service.claim_due_reminders(now, worker)
        sent = service.send_claimed(claimed, push, now, worker)
    return {"expired": expired, "actions": actions, "created": created, "claimed": len(claimed), "sent": sent}


def creation_start(created_until: datetime | None, now: datetime) -> datetime | None:
    """Where this process's next creation window starts: a little before the last one
    ended (overlap is harmless: keys are unique), or None on a fresh start, which looks
    back the full LOOKBACK so an outage's missed reminders are found."""
    if created_until is None:
        return None
    return min(created_until, now) - CREATION_OVERLAP


def nightly(app, now: datetime, series_for=None, recompute=None) -> int:
    """Recompute analysis and evaluate alerts for everyone whose local 03:00 has passed
    today and who was not evaluated yet; returns how many people were evaluated."""
    from server.alerts.series import daily_series, recompute_for
    from server.alerts.service import run_nightly

    with app.app_context():
        return run_nightly(now, series_for or daily_series, recompute or recompute_for)


def refresh(app, now: datetime, series_for=None) -> dict:
    """Recompute the analysis of everyone whose check-ins changed since their last one,
    then evaluate their alerts: results follow a sync within a minute, not only at night."""
    from server.alerts.series import daily_series
    from server.alerts.service import evaluate_after_analysis
    from server.insights.service import recompute_all, users_with_new_checkins

    with app.app_context():
        user_ids = users_with_new_checkins()
        if not user_ids:
            return {"recomputed": 0, "evaluated": 0}
        counts = recompute_all(now, user_ids=user_ids)
        evaluated = evaluate_after_analysis(user_ids, now, series_for or daily_series)
        return {"recomputed": counts["recomputed"], "evaluated": evaluated}


def default_push(app):
    """The real push gateway over server.push (imported lazily: tests pass a fake)."""
    from server.push.gateway import PushSenderGateway

    return PushSenderGateway(app)


JOBS = [
    # (id, function, trigger, trigger arguments)
    # Every minute, a second past it, so a reminder due at 08:00 goes at 08:00:01.
    ("tick", tick, "cron", {"second": 1}),
    # Every five minutes: people whose local 03:00 has passed get their nightly run.
    ("nightly", nightly, "cron", {"minute": "*/5", "second": 30}),
    # Every minute: analysis and alerts for people who synced new check-ins.
    ("refresh", refresh, "cron", {"second": 20}),
]


def build_scheduler(app):
    from apscheduler.schedulers.blocking import BlockingScheduler

    scheduler = BlockingScheduler(timezone="UTC")
    for job_id, func, trigger, args in JOBS:
        scheduler.add_job(_run_job, trigger, args=[app, func], id=job_id, coalesce=True,
                          max_instances=1, misfire_grace_time=30, **args)
    return scheduler


def _run_job(app, func):
    with app.app_context():
        try:
            result = func(app, utcnow())
            log.info("%s: %s", func.__name__, result)
        except Exception:  # a failed tick must not stop the next one
            log.exception("%s failed", func.__name__)


@scheduler_cli.command("run")
def run_command():
    """Run the scheduler in the foreground until interrupted."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    scheduler = build_scheduler(current_app._get_current_object())
    click.echo(f"Scheduler {worker_id()} running (Ctrl-C stops it)")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass


@scheduler_cli.command("tick")
def tick_command():
    """Run one tick now and print what it did (for operators and demos)."""
    click.echo(tick(current_app._get_current_object(), utcnow()))
