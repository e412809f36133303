"""The scheduler process: a few fixed APScheduler 3 jobs that dispatch all reminder work.

Run it with ``flask scheduler run`` in its own process - never inside ``create_app``
(the reloader and every gunicorn worker would each start one). Any number of these
processes may run against one PostgreSQL database: every occurrence is claimed with an
atomic UPDATE and every send is reserved in the delivery log first, so a duplicate tick
is harmless. The job list is plain data; there is never one job per person.
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import datetime, timedelta, timezone

log = logging.getLogger(__name__)

CREATION_OVERLAP = timedelta(minutes=5)

JOBS = [
    # Every minute, a second past the minute so "due at 08:00" is sent at 08:00:01.
    {"id": "tick", "func": "tick", "trigger": "cron", "args": {"second": 1}},
    # Every five minutes: evaluate alerts for people whose local 03:00 has passed today.
    {"id": "nightly", "func": "nightly", "trigger": "cron", "args": {"minute": "*/5", "second": 30}},
]


def worker_id() -> str:
    """Who holds a claim: host and process id, readable in the occurrence table."""
    return f"{socket.gethostname()}:{os.getpid()}"


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def tick(app, now: datetime, push=None, worker: str | None = None) -> dict:
    """One scheduler tick at ``now``: expire, apply actions, create, claim, send.

    ``push`` is the push gateway (defaults to the real sender); returns counts for the log.
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
    """Run the nightly analysis and alert evaluation for everyone whose 03:00 has passed."""
    from server.alerts.service import run_nightly

    with app.app_context():
        return run_nightly(now, series_for or default_series, recompute or default_recompute())


def default_push(app):
    """The real push gateway (server.push); imported lazily so tests can run without it."""
    from server.reminders.gateway import PushSenderGateway

    return PushSenderGateway(app)


def default_series(user_id: int, now: datetime) -> list:
    from server.alerts.series import daily_series

    return daily_series(user_id, now)


def default_recompute():
    from server.alerts.series import recompute_for

    return recompute_for


def build_scheduler(app):
    """A BlockingScheduler holding the fixed jobs; each job passes the real clock as ``now``."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    scheduler = BlockingScheduler(timezone="UTC", job_defaults={"coalesce": True, "max_instances": 1,
                                                                "misfire_grace_time": 30})
    funcs = {"tick": lambda: log_result("tick", tick(app, utcnow())),
             "nightly": lambda: log_result("nightly", nightly(app, utcnow()))}
    for job in JOBS:
        scheduler.add_job(funcs[job["func"]], job["trigger"], id=job["id"], **job["args"])
    return scheduler


def log_result(name: str, result) -> None:
    log.info("%s: %s", name, result)


def register_commands(app) -> None:
    """Add ``flask scheduler run`` (and ``flask scheduler tick`` for one tick by hand)."""
    import click
    from flask.cli import AppGroup

    group = AppGroup("scheduler", help="The reminder and alert scheduler process.")

    @group.command("run")
    def run_command():
        """Run the scheduler until interrupted."""
        logging.basicConfig(level=logging.INFO)
        click.echo(f"scheduler {worker_id()} running jobs: {', '.join(j['id'] for j in JOBS)}")
        build_scheduler(app).start()

    @group.command("tick")
    def tick_command():
        """Run one tick now and print what it did."""
        click.echo(tick(app, utcnow()))

    app.cli.add_command(group)
