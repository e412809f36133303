"""The scheduler process: `flask scheduler run` runs APScheduler's fixed jobs.

Never started inside create_app — the reloader and every gunicorn worker would each run
one (STYLE pitfall 3). The jobs are plain data; each takes `now` so tests pass a clock.
"""
import logging

import click
from flask import current_app
from flask.cli import AppGroup

from server.common.time import utcnow

log = logging.getLogger("emberwise.scheduler")
scheduler_cli = AppGroup("scheduler", help="The background scheduler process.")


def tick(app, now) -> dict:
    """One pass of periodic work. Returns counts of what was done."""
    return {"at": now.isoformat()}


JOBS = [
    # (id, function, trigger, trigger arguments)
    ("tick", tick, "interval", {"minutes": 1}),
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
    click.echo("Scheduler running (Ctrl-C stops it)")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
