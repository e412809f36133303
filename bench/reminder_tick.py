"""Reminder tick benchmark (issue 13 item 3): one tick over 1,000,000 reminder rules, of
which 1,000 are due, on PostgreSQL. Target: the tick (occurrences created for the due
rules, each rule's next due instant stored) in < 1 s.

    TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        python bench/reminder_tick.py [--rules 1000000] [--due 1000]

Baselines measured in the same run, over the same rows:
* the bare indexed select of the due rules' ids (the floor: what the index alone costs);
* the old tick's full scan: reading every live rule with its zone and quiet hours (the
  read alone; the old tick then computed occurrences for every one of them, ~1.3 s per
  10,000 rules, which is measured on a 10,000-rule slice and scaled).
A fresh database is made, migrated and dropped. 100,000 people with 10 rules each, in
four zones; rules of the due people are due at the tick's minute.
"""

import argparse
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: server/ and tests/ live beside bench/

from sqlalchemy import func, select, text  # noqa: E402

from server import create_app  # noqa: E402
from server.extensions import db  # noqa: E402

NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
SETTINGS = {"TESTING": True, "SCRYPT_N": 2**10}
ZONES = ("UTC", "Europe/London", "Asia/Kathmandu", "Pacific/Chatham")


def seed(rules: int, due: int) -> None:
    """``rules`` rules of rules/10 people (server-side generate_series: seconds, not minutes).
    The first ``due`` rules are due at NOW (09:00 UTC, zone UTC); the others' next due
    instant lies in the coming day."""
    people = rules // 10
    db.session.execute(text(
        "INSERT INTO users (id, email, password_hash, timezone, created_at, sync_seq) "
        "SELECT g, 'p' || g || '@bench.local', 'x', (CAST(:zones AS text[]))[1 + g % 4], CAST(:now AS timestamptz), 10 "
        "FROM generate_series(1, :people) g"), {"zones": list(ZONES), "now": NOW, "people": people})
    db.session.execute(text("UPDATE users SET timezone = 'UTC' WHERE id <= :n"), {"n": due // 10 + 1})
    db.session.execute(text(
        "INSERT INTO reminder_rules (id, user_id, data, updated_at, device_id, deleted, seq, next_due_at) "
        "SELECT 'r' || g, 1 + (g - 1) / 10, "
        "  CASE WHEN g <= :due THEN '{\"kind\": \"checkin\", \"times\": [\"09:00\"]}' "
        "       ELSE json_build_object('kind', 'checkin', 'times', json_build_array("
        "            lpad(((g % 24))::text, 2, '0') || ':' || lpad(((g / 24) % 60)::text, 2, '0'))) END::json, "
        "  CAST(:edited AS timestamptz), 'bench', false, g, "
        "  CASE WHEN g <= :due THEN CAST(:now AS timestamptz) ELSE CAST(:now AS timestamptz) + make_interval(mins => 1 + g % 1439) END "
        "FROM generate_series(1, :rules) g"),
        {"due": due, "rules": rules, "now": NOW, "edited": NOW - timedelta(days=30)})
    db.session.commit()
    db.session.execute(text("ANALYZE users; ANALYZE reminder_rules"))
    db.session.commit()


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=1_000)
    args = parser.parse_args()
    base = os.environ.get("TEST_DATABASE_URL")
    if not base or not base.startswith("postgresql"):
        sys.exit("bench/reminder_tick.py needs PostgreSQL: set TEST_DATABASE_URL (it makes its own database)")
    from flask_migrate import upgrade

    from server.reminders import service
    from server.reminders.models import ReminderOccurrence, ReminderRule
    from server.scheduler import tick
    from tests.conftest import fresh_postgres_database
    from tests.scheduler.conftest import FakePush

    with fresh_postgres_database(base) as url:
        app = create_app({**SETTINGS, "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            upgrade()
            seconds, _ = timed(lambda: seed(args.rules, args.due))
            print(f"seeded {args.rules:,} rules ({args.due:,} due) in {seconds:.1f} s")
            due_ids = (select(ReminderRule.id).where(ReminderRule.deleted == False,  # noqa: E712
                                                     ReminderRule.next_due_at <= NOW))
            bare, ids = timed(lambda: db.session.scalars(due_ids).all())
            plan = db.session.execute(text(
                "EXPLAIN SELECT id FROM reminder_rules WHERE deleted = false AND "
                "(next_due_at IS NULL OR next_due_at <= :now)"), {"now": NOW}).scalars().all()
            db.session.commit()
        # The tick as the scheduler runs it, in a process that already ticked a minute ago
        # (nothing was due then: it warms the code paths, not the data).
        push = FakePush({})
        tick(app, NOW - timedelta(minutes=1), push=push)
        with app.app_context():
            create_s, _ = timed(lambda: service.create_due_occurrences(NOW, since=NOW - timedelta(minutes=2)))
            db.session.execute(text("UPDATE reminder_rules SET next_due_at = :now WHERE seq <= :due"),
                               {"now": NOW, "due": args.due})
            db.session.execute(text("DELETE FROM reminder_occurrences"))
            db.session.commit()
        tick_s, result = timed(lambda: tick(app, NOW, push=push))
        with app.app_context():
            created = db.session.scalar(select(func.count()).select_from(ReminderOccurrence))
            still_due = db.session.scalar(select(func.count()).select_from(ReminderRule).where(
                ReminderRule.next_due_at <= NOW))
            again_s, again = timed(lambda: service.create_due_occurrences(NOW + timedelta(minutes=1)))
            old_read, rows = timed(lambda: sum(1 for _ in old_full_scan()))
            slice_s, _ = timed(lambda: old_compute(10_000))
            first_s, first_done = first_tick_after_migration()
            db.engine.dispose()
    print("index use: " + " / ".join(line.strip() for line in plan if "Index" in line or "Bitmap" in line))
    print(f"bare indexed select of the {len(ids):,} due rule ids:      {bare * 1000:8.1f} ms  (floor)")
    print(f"creation step (select due, occurrences, next due stored): {create_s * 1000:8.1f} ms  (target < 1000 ms)")
    print(f"whole tick (also fan-out and sending of the 1,000):  {tick_s * 1000:8.1f} ms  "
          f"-> {created:,} occurrences created, {still_due} rules left due")
    print(f"next minute's creation step (rules due at 09:01):    {again_s * 1000:8.1f} ms  ({again} occurrences)")
    print(f"old full scan, read only ({rows:,} rules):          {old_read * 1000:8.1f} ms")
    print(f"old full scan, compute, scaled from 10,000 rules:     {slice_s * rows / 10_000 * 1000:8.0f} ms")
    print(f"first creation step after the migration (every rule NULL), bounded:  {first_s * 1000:8.1f} ms  "
          f"-> {first_done:,} rules computed, {rows - first_done:,} left for the next ticks "
          f"(UNCOMPUTED_PER_TICK {service.UNCOMPUTED_PER_TICK:,}, chunks of {service.UNCOMPUTED_CHUNK:,})")
    print(f"tick result: {result}")


def first_tick_after_migration() -> tuple[float, int]:
    """The creation step as after the reminder_next_due migration: every rule's next due
    instant NULL. Returns its time and how many rules it computed (the rest wait)."""
    from server.reminders import service
    from server.reminders.models import ReminderRule

    db.session.execute(text("UPDATE reminder_rules SET next_due_at = NULL"))
    db.session.commit()
    seconds, _ = timed(lambda: service.create_due_occurrences(NOW + timedelta(minutes=2)))
    done = db.session.scalar(select(func.count()).select_from(ReminderRule).where(
        ReminderRule.next_due_at.is_not(None)))
    return seconds, done


def old_full_scan():
    """The old tick's read: every live rule with its zone and quiet hours."""
    from server.accounts.models import User
    from server.notifications.models import NotificationSettings
    from server.reminders.models import ReminderRule

    return db.session.execute(
        select(ReminderRule.id, ReminderRule.data, ReminderRule.updated_at, ReminderRule.user_id,
               User.timezone, NotificationSettings.quiet_start, NotificationSettings.quiet_end)
        .join(User, User.id == ReminderRule.user_id)
        .outerjoin(NotificationSettings, NotificationSettings.user_id == ReminderRule.user_id)
        .where(ReminderRule.deleted.is_(False)).execution_options(yield_per=10_000))


def old_compute(count: int) -> None:
    """The old tick's per-rule work (spec, occurrences in the creation window) on ``count`` rules."""
    from server.reminders.schedule import ReminderRule as RuleSpec, occurrences
    from server.reminders.service import LOOKBACK, quiet_hours

    for n, (rid, data, updated_at, _uid, zone, q_start, q_end) in enumerate(old_full_scan()):
        if n >= count:
            break
        spec = RuleSpec.from_data(rid, data or {}, not_before=updated_at)
        occurrences(spec, NOW - LOOKBACK, NOW + timedelta(seconds=1), zone or "UTC", quiet_hours(q_start, q_end))


if __name__ == "__main__":
    main()
