"""Analysis jobs benchmark (issue 13 item 4): a 2,000-person refresh backlog on PostgreSQL,
worked off by one scheduler process, then (same backlog, rebuilt) by two side by side.

Prints each run's finish time, the ratio two/one (target <= 0.6), how many people were
computed more than once (counted from every process's own log of what it ran; target 0)
and how many were missed (no analysis stored at the end; target 0).

    TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        python bench/analysis_jobs.py [--people 2000] [--days 40]

Each person has ``--days`` days of check-ins (morning and evening), so the per-person work
is the real analysis (load, forecast; the pattern search needs 90 days and is not reached)
plus the alert evaluation; a fresh database is made and dropped.
"""

import argparse
import json
import multiprocessing
import os
import random
import sys
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: server/ and tests/ live beside bench/

from sqlalchemy import delete, func, insert, select  # noqa: E402

from server import create_app  # noqa: E402
from server.extensions import db  # noqa: E402

NOW = datetime(2026, 6, 3, 18, 0, tzinfo=UTC)
SETTINGS = {"TESTING": True, "SCRYPT_N": 2**10}


def seed(url: str, people: int, days: int) -> None:
    """``people`` accounts with ``days`` days of two check-ins each (one bulk insert)."""
    from server.accounts.models import User
    from server.checkins.models import CheckIn
    from server.checkins.schemas import DATA_FIELDS

    app = create_app({**SETTINGS, "SQLALCHEMY_DATABASE_URI": url})
    rng = random.Random(7)
    with app.app_context():
        db.session.execute(insert(User.__table__), [
            {"email": f"p{i}@bench.local", "password_hash": "x", "timezone": "Europe/London",
             "created_at": NOW, "sync_seq": 2 * days} for i in range(people)])
        ids = list(db.session.scalars(select(User.id)))
        rows = []
        for uid in ids:
            for d in range(days, 0, -1):
                for hour in (8, 20):
                    at = NOW - timedelta(days=d) + timedelta(hours=hour - 18)
                    row = dict.fromkeys(DATA_FIELDS)
                    row.update(id=str(uuid.uuid4()), user_id=uid, at=at, at_offset=60, local_date=at.date(),
                               created_at=NOW, updated_at=at, device_id="bench", deleted=False,
                               seq=len(rows) % (2 * days) + 1, pain=rng.randint(1, 8),
                               sleep_hours=round(rng.uniform(5, 8.5), 1),
                               activity_minutes=rng.randint(10, 120), stress=rng.randint(1, 9))
                    rows.append(row)
            if len(rows) > 20_000:
                db.session.execute(insert(CheckIn.__table__), rows)
                rows = []
        if rows:
            db.session.execute(insert(CheckIn.__table__), rows)
        db.session.commit()
        db.engine.dispose()


def reset(url: str) -> None:
    """Forget every analysis, job and alert, so the backlog is whole again."""
    from server.alerts.models import AlertEvent, AlertSettings, AlertState, WarningSign
    from server.insights.models import InsightResult
    from server.jobs.models import AnalysisJob
    from server.reminders.models import ReminderOccurrence

    app = create_app({**SETTINGS, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        for model in (InsightResult, AnalysisJob, AlertEvent, AlertState, AlertSettings, WarningSign,
                      ReminderOccurrence):
            db.session.execute(delete(model))
        db.session.commit()
        db.engine.dispose()


def worker(url: str, name: str, log_path: str, start_at: float) -> None:
    """One scheduler process: refresh jobs until none is left; logs each person it ran."""
    import server.scheduler as scheduler
    from server.jobs import service as jobs

    app = create_app({**SETTINGS, "SQLALCHEMY_DATABASE_URI": url})
    ran = []
    real_run = jobs.run

    def counting_run(kind, now, who, work, limit=None):
        def logged(user_id):
            work(user_id)
            ran.append(user_id)
        return real_run(kind, now, who, logged, limit)

    jobs.run = counting_run
    while time.time() < start_at:
        time.sleep(0.005)
    with app.app_context():
        while scheduler.refresh(app, NOW, worker=name)["evaluated"]:
            pass
        db.engine.dispose()
    Path(log_path).write_text(json.dumps(ran))


def timed_run(url: str, processes: int, tmp: Path) -> tuple[float, list[int]]:
    """Wall time for ``processes`` schedulers to empty the backlog; every person each ran."""
    start_at = time.time() + 1.0
    logs = [tmp / f"ran-{processes}-{i}.json" for i in range(processes)]
    procs = [multiprocessing.Process(target=worker, args=(url, f"bench-{i}", str(logs[i]), start_at))
             for i in range(processes)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    elapsed = time.time() - start_at
    return elapsed, [uid for log in logs for uid in json.loads(log.read_text())]


def missed(url: str, people: int) -> int:
    from server.insights.models import InsightResult

    app = create_app({**SETTINGS, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        done = db.session.scalar(select(func.count()).select_from(InsightResult))
        db.engine.dispose()
    return people - done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--days", type=int, default=40)
    args = parser.parse_args()
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        sys.exit("set TEST_DATABASE_URL to a PostgreSQL server (the bench makes its own database)")
    from flask_migrate import upgrade

    from tests.conftest import fresh_postgres_database

    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"analysis-jobs-{os.getpid()}"
    tmp.mkdir(parents=True, exist_ok=True)
    with fresh_postgres_database(base) as url:
        app = create_app({**SETTINGS, "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            upgrade()
            db.engine.dispose()
        seed(url, args.people, args.days)
        results = {}
        for processes in (1, 2):
            reset(url)
            elapsed, ran = timed_run(url, processes, tmp)
            twice = sum(1 for n in Counter(ran).values() if n > 1)
            results[processes] = (elapsed, twice, missed(url, args.people), len(ran))
            print(f"{processes} process(es): {elapsed:6.1f} s for {len(ran)} people "
                  f"({len(ran) / elapsed:5.1f}/s); computed twice: {twice}; missed: {results[processes][2]}")
    ratio = results[2][0] / results[1][0]
    print(f"finish-time ratio two/one: {ratio:.2f} (target <= 0.60); cores: {os.cpu_count()}; "
          f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
