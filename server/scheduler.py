"""The scheduler process: `flask scheduler run` runs APScheduler's fixed jobs.

Never started inside create_app — the reloader and every gunicorn worker would each run
one (docs/architecture.md). Any number of these processes may run against one PostgreSQL
database: occurrences are created with unique keys, fanned out to devices by an atomic
UPDATE, and each device's delivery is sent under a short lease (server.reminders.delivery),
so a duplicate tick is harmless and a killed process's work is taken over within a minute.
Analysis work (the refresh after a sync, the nightly run) is claimed job rows (server.jobs),
so no person is computed twice. The jobs are plain data (never one job per person); each
takes `now` so tests pass a clock. docs/reminders-and-alerts.md lists the jobs and their
guarantees.
"""
import logging
import os
import socket
from datetime import datetime, timedelta

import click
from flask import current_app
from flask.cli import AppGroup

from server.common.time import utcnow

log = logging.getLogger("emberwise.scheduler")
scheduler_cli = AppGroup("scheduler", help="The background scheduler process.")

CREATION_OVERLAP = timedelta(minutes=5)


def worker_id() -> str:
    """Who holds a claim: host and process id, readable in the occurrence table."""
    return f"{socket.gethostname()}:{os.getpid()}"


def tick(app, now: datetime, push=None, worker: str | None = None, clock=None) -> dict:
    """One pass at `now`: expire stale reminders, apply synced actions, create due
    occurrences, fan them out to devices and send what is due. Returns counts.

    `push` is the push gateway (default: server.push through PushSenderGateway). `clock`
    reads the time as the pass goes on (the process passes utcnow; see deliver_due).
    """
    from server.reminders import delivery, service

    worker = worker or worker_id()
    marks = app.extensions.setdefault("reminder_scheduler", {})
    with app.app_context():
        push = push or default_push(app)
        expired = delivery.expire_stale(now)
        actions = service.apply_actions(now)
        created = create_occurrences(service, marks, now)
        expired += service.supersede_older(now)
        fanned = delivery.fan_out(now, push)
        sent = delivery.deliver_due(now, push, worker, clock=clock)
        result = {"expired": expired, "actions": actions, "created": created, "fanned_out": fanned, "sent": sent}
        beat(worker, "tick", now, result)
    return result


def deliver(app, now: datetime, push=None, worker: str | None = None, clock=None) -> dict:
    """Between ticks: send retries that came due, take over lapsed leases of a dead
    process, and fan out what is due (alerts queued by the analysis jobs)."""
    from server.reminders import delivery

    worker = worker or worker_id()
    with app.app_context():
        push = push or default_push(app)
        expired = delivery.expire_stale(now)
        fanned = delivery.fan_out(now, push)
        sent = delivery.deliver_due(now, push, worker, clock=clock)
        result = {"expired": expired, "fanned_out": fanned, "sent": sent}
        beat(worker, "deliver", now, result)
    return result


def beat(worker: str, job: str, now: datetime, result: dict) -> None:
    """Note that ``worker`` finished ``job`` at ``now`` (read by `flask scheduler status`)."""
    from server.extensions import db
    from server.reminders.models import SchedulerBeat

    db.session.merge(SchedulerBeat(worker=worker, job=job, at=now, result=result))
    db.session.commit()


def create_occurrences(service, marks: dict, now: datetime) -> int:
    """The tick's creation step. Rules not computed yet that this tick left for later (a
    big backlog, as after the reminder_next_due migration) keep the window start of the
    tick that first left them, so what came due meanwhile is still created (late, or as
    expired when stale), not skipped."""
    start = service.window_start(now, creation_start(marks.get("created_until"), now))
    created = service.create_due_occurrences(now, since=start,
                                             uncomputed_since=marks.get("uncomputed_from", start))
    marks["created_until"] = max(now, marks.get("created_until") or now)
    if service.uncomputed_left():
        marks.setdefault("uncomputed_from", start)
    else:
        marks.pop("uncomputed_from", None)
    return created


def creation_start(created_until: datetime | None, now: datetime) -> datetime | None:
    """Where this process's next creation window starts: a little before the last one
    ended (overlap is harmless: keys are unique), or None on a fresh start, which looks
    back the full LOOKBACK so an outage's missed reminders are found."""
    if created_until is None:
        return None
    return min(created_until, now) - CREATION_OVERLAP


def nightly(app, now: datetime, series_for=None, recompute=None, worker: str | None = None) -> int:
    """Queue a nightly job for everyone whose local 03:00 has passed today and who has none
    for that night yet, then run due nightly jobs (recompute the analysis, evaluate alerts).
    Returns how many people were evaluated by this process."""
    from server.alerts.series import daily_series, recompute_for
    from server.alerts.service import evaluate_person, mark_evaluated, users_due_for_nightly
    from server.jobs import service as jobs

    series_for, recompute = series_for or daily_series, recompute or recompute_for

    def work(user_id):
        recompute(user_id, now)
        evaluate_person(user_id, now, series_for)

    with app.app_context():
        due = users_due_for_nightly(now)
        jobs.enqueue("nightly", [(uid, f"nightly:{uid}:{day.isoformat()}") for uid, _, day in due], now)
        mark_evaluated(due)
        return jobs.run("nightly", now, worker or worker_id(), work)["done"]


def refresh(app, now: datetime, series_for=None, worker: str | None = None, limit: int | None = None) -> dict:
    """Queue a refresh job for everyone whose check-ins changed since their last analysis,
    then run due refresh jobs: recompute the analysis and evaluate alerts (personal warning
    signs included), so a heads-up follows a sync within a minute, not only at night."""
    from server.alerts.series import daily_series
    from server.alerts.service import evaluate_person
    from server.insights.service import recompute_all, users_with_new_checkins
    from server.jobs import service as jobs

    recomputed = []

    def work(user_id):
        recomputed.append(recompute_all(now, user_ids=[user_id])["recomputed"])
        evaluate_person(user_id, now, series_for or daily_series)

    with app.app_context():
        # Who has a job open is read before who has new data. A job stores its result before
        # it is marked done, so a person whose job ends in between no longer looks stale;
        # read the other way round, that person could look stale and job-free at once and be
        # queued and computed a second time (bench/analysis_jobs.py counted 7 of 2,000).
        busy = jobs.open_job_users("refresh")
        fresh = [uid for uid in users_with_new_checkins() if uid not in busy]
        jobs.enqueue("refresh", [(uid, f"refresh:{uid}") for uid in fresh], now)
        counts = jobs.run("refresh", now, worker or worker_id(), work, limit=limit)
        return {"recomputed": sum(recomputed), "evaluated": counts["done"],
                "failed": counts["failed"], "dead": counts["dead"]}


def default_push(app):
    """The real push gateway over server.push (imported lazily: tests pass a fake)."""
    from server.push.gateway import PushSenderGateway

    return PushSenderGateway(app)


JOBS = [
    # (id, function, trigger, trigger arguments)
    # Every minute, a second past it, so a reminder due at 08:00 goes at 08:00:01.
    ("tick", tick, "cron", {"second": 1}),
    # Every 10 s between ticks: retries that came due, and lapsed leases of a dead process
    # (LEASE is 30 s, so a killed scheduler's sends are taken over within a minute).
    ("deliver", deliver, "cron", {"second": "11,21,31,41,51"}),
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
    # The delivery passes also read the real clock as they go: a lease counts from its claim
    # and a Retry-After from its answer, not from the pass's start, which a slow pass (a
    # loaded machine, a long fan-out) leaves behind (docs/reminders-and-alerts.md).
    live = {"clock": utcnow} if func in (tick, deliver) else {}
    with app.app_context():
        try:
            result = func(app, utcnow(), **live)
            # an idle tick every ten seconds would bury the ticks that did something
            level = logging.INFO if _did_something(result) else logging.DEBUG
            log.log(level, "%s: %s", func.__name__, result)
        except Exception:  # a failed tick must not stop the next one
            log.exception("%s failed", func.__name__)


def _did_something(result) -> bool:
    """True when a job's summary holds any non-zero count or non-empty entry."""
    if isinstance(result, dict):
        return any(_did_something(value) for value in result.values())
    if isinstance(result, (list, tuple, set)):
        return any(_did_something(value) for value in result)
    return bool(result)


@scheduler_cli.command("run")
def run_command():
    """Run the scheduler in the foreground until interrupted."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # APScheduler reports every run of every job at INFO ("Running job …", "executed
    # successfully"): six lines a minute that say nothing; its warnings and errors stay
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    scheduler = build_scheduler(current_app._get_current_object())
    click.echo(f"Scheduler {worker_id()} running (Ctrl-C stops it)")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass


@scheduler_cli.command("status")
def status_command():
    """Print the scheduler's state as JSON: last beats, due backlog, lateness, last hour."""
    import json

    from server.reminders.status import scheduler_status

    click.echo(json.dumps(scheduler_status(utcnow()), indent=2))


@scheduler_cli.command("tick")
def tick_command():
    """Run one tick now and print what it did (for operators and demos)."""
    click.echo(tick(current_app._get_current_object(), utcnow(), clock=utcnow))
