"""Benchmark: one device syncing 10,000 check-ins (the outbox after a long offline stretch),
and a second device pulling them all.

Measures in one run, on SQLite (WAL file) and, when TEST_DATABASE_URL is set, on a fresh
PostgreSQL database too:
- push: POST /api/sync in batches of 1,000 through the real app (in-process WSGI), each
  request carrying the previous cursor, as the PWA does;
- pull: a new device pages through the same 10,000 with cursor/has_more (1,000 a page);
  each timed from sending the request to the whole answer received, not the device's
  decoding of the answer (until 2026-12-02 that decoding was timed too: ~0.1 s of a pull);
- the push floor: validation of the same rows with the same validation (each record's data
  by the check-in schema's fields run the way the server runs them, FastLoader in
  server/common/schema.py; its id as a UUID and its edit time as an instant), then the same
  rows (the 17 columns the server fills) converted for the driver and stored by one raw
  executemany (sqlite3 / psycopg, no SQLAlchemy); marshmallow's own `schema.load` of the
  data is printed beside it. Until 2026-12-02 15:10 UTC the floor validated the data alone
  with `schema.load` and stored 10 of those columns, converted outside the timing;
- the pull floor: a raw select of the same rows plus json.dumps of them as dicts.
Each figure is the best of REPEATS rounds (BENCH_REPEATS, default 3), floor and server
alternated on fresh databases, in wall seconds and this process's CPU seconds.
Targets (issue 13): each within 2x of its floor, and under 1 s.
Run: .venv/bin/python bench/sync.py
"""
import importlib
import json
import os
import re
import sqlite3
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROWS = 10_000
BATCH = 1_000
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))


def make_changes(now: datetime) -> list[dict]:
    changes = []
    for i in range(ROWS):
        at = now - timedelta(hours=ROWS - i)
        changes.append({"type": "checkin", "id": str(uuid.uuid4()), "deleted": False,
                        "updated_at": at.isoformat(),
                        "data": {"at": at.isoformat(), "pain": i % 11, "flare": i % 17 == 0,
                                 "sleep_hours": 6.5, "stress": i % 10, "activity_minutes": 30 + i % 90,
                                 "locations": ["lower_back"], "nsaid_doses": i % 2}})
    return changes


def signed_in_client(url: str):
    from flask_migrate import upgrade

    from server import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SCRYPT_N": 2**10, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
    client = app.test_client()
    account = {"email": "bench@example.org", "password": "bench password 1"}
    client.post("/api/auth/register", json=account)
    token = client.post("/api/auth/login", json=account).get_json()["token"]
    return client, {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


class Clock:
    """Wall seconds and this process's CPU seconds of the stretches timed `with clock:`. On a
    loaded machine the CPU figure says what the work itself cost (PostgreSQL's own work is
    in the wall figure only, for the server and the floor alike)."""

    def __init__(self):
        self.wall = self.cpu = 0.0

    def __enter__(self):
        self._began = (time.perf_counter(), time.process_time())
        return self

    def __exit__(self, *_exc):
        self.wall += time.perf_counter() - self._began[0]
        self.cpu += time.process_time() - self._began[1]

    def __add__(self, other: "Clock") -> "Clock":
        total = Clock()
        total.wall, total.cpu = self.wall + other.wall, self.cpu + other.cpu
        return total

    def __str__(self):
        return f"{self.wall:.3f} s (CPU {self.cpu:.3f})"


def push_time(client, headers, changes: list[dict]) -> Clock:
    cursor, elapsed = 0, Clock()
    for start in range(0, ROWS, BATCH):
        body = json.dumps({"device_id": "phone", "cursor": cursor, "changes": changes[start:start + BATCH]})
        with elapsed:  # the device's reading of the answer is not the server's work
            response = client.post("/api/sync", data=body, headers=headers)
        result = response.get_json()
        assert len(result["applied"]) == BATCH, result.get("rejected", [])[:3]
        assert result["changes"] == []
        cursor = result["cursor"]
    count = client.get("/api/checkins?page_size=1", headers=headers).headers["X-Pagination"]
    assert f'"total": {ROWS}' in count, count
    return elapsed


def pull_time(client, headers) -> Clock:
    cursor, seen, elapsed, more = 0, 0, Clock(), True
    while more:
        body = json.dumps({"device_id": "tablet", "cursor": cursor, "limit": BATCH})
        with elapsed:
            response = client.post("/api/sync", data=body, headers=headers)
        result = response.get_json()
        cursor, more, seen = result["cursor"], result["has_more"], seen + len(result["changes"])
    assert seen == ROWS, seen
    return elapsed


def validation_time(changes: list[dict]) -> tuple[Clock, list[tuple], Clock]:
    """(seconds, validated rows, seconds of marshmallow's own schema.load) validating the
    rows as the server must: each record's data, and the id and edit time it is stored with.

    The floor uses the validator the server runs on the data — the same schema's fields,
    loaded the short way (FastLoader) — and the cheapest checks of the rest: the id matched
    as a canonical UUID, the edit time by parse_instant (the rule every instant meets).
    Plain `schema.load` of the data is timed for comparison only."""
    from server.checkins.schemas import CheckInDataSchema
    from server.common.schema import FastLoader
    from server.common.time import parse_instant

    schema = CheckInDataSchema()
    load = FastLoader(schema).load
    canonical = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").fullmatch
    fast, plain, valid = Clock(), Clock(), []
    with fast:
        for c in changes:
            assert canonical(c["id"])
            valid.append((c["id"], parse_instant(c["updated_at"]), load(c["data"])))
    with plain:
        loaded = [schema.load(c["data"]) for c in changes]
    assert loaded == [data for _id, _at, data in valid]
    return fast, valid, plain


# The columns the server fills for a pushed check-in (checkins table), so that the floor
# stores the same rows: the record's id, owner, version, edit time, writer, tombstone flag
# and arrival, `at` with its offset and local date, and the fields the record carries.
COLUMNS = ("id", "user_id", "seq", "updated_at", "device_id", "deleted", "created_at", "at",
           "at_offset", "local_date", "pain", "flare", "sleep_hours", "stress", "activity_minutes",
           "locations", "nsaid_doses")
DDL = ("CREATE TABLE c (id TEXT PRIMARY KEY, user_id INT, seq INT, updated_at TEXT, device_id TEXT,"
       " deleted {bool}, created_at TEXT, at TEXT, at_offset INT, local_date TEXT, pain INT, flare {bool},"
       " sleep_hours REAL, stress INT, activity_minutes INT, locations {json}, nsaid_doses INT)")


def raw_rows(valid: list[tuple]) -> list[tuple]:
    """The rows as the driver takes them: instants and dates as ISO text, lists as JSON text."""
    now = datetime.now(timezone.utc).isoformat()
    return [(record_id, 1, seq, updated_at.isoformat(), "phone", False, now, d["at"].isoformat(),
             int(d["at"].utcoffset().total_seconds() // 60), d["at"].date().isoformat(), d["pain"],
             d["flare"], d["sleep_hours"], d["stress"], d["activity_minutes"], json.dumps(d["locations"]),
             d["nsaid_doses"]) for seq, (record_id, updated_at, d) in enumerate(valid, 1)]


def sqlite_floor(valid: list[tuple], url: str) -> tuple[Clock, Clock]:
    """(raw batch insert including the rows' conversions, raw select + JSON encoding), seconds."""
    conn = sqlite3.connect(url.removeprefix("sqlite:///"))
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(DDL.format(bool="INT", json="TEXT"))
    with Clock() as insert, conn:
        conn.executemany(f"INSERT INTO c VALUES ({','.join('?' * len(COLUMNS))})", raw_rows(valid))
    read = _read_floor(conn.execute, "?")
    conn.close()
    return insert, read


def postgres_floor(valid: list[tuple], url: str) -> tuple[Clock, Clock]:
    import psycopg
    from sqlalchemy.engine import make_url

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain) as conn:
        conn.execute(DDL.format(bool="BOOL", json="JSON"))
        conn.commit()
        with Clock() as insert:
            with conn.cursor() as cursor:
                cursor.executemany(f"INSERT INTO c VALUES ({','.join(['%s'] * len(COLUMNS))})",
                                   raw_rows(valid))
            conn.commit()
        read = _read_floor(lambda sql, *args: conn.execute(sql, *args), "%s")
    return insert, read


def _read_floor(execute, mark: str) -> Clock:
    """The least a pull can do: select the rows in pages and encode them as JSON objects."""
    with Clock() as read:
        for page in range(0, ROWS, BATCH):
            rows = execute(f"SELECT * FROM c WHERE user_id = {mark} ORDER BY id LIMIT {BATCH} OFFSET {page}",
                           (1,)).fetchall()
            json.dumps([dict(zip(COLUMNS, row)) for row in rows])
    return read


def best(clocks: list[Clock]) -> Clock:
    """The least wall and the least CPU seconds of repeats: what the work takes when the
    machine's other load happens to leave it alone."""
    least = Clock()
    least.wall, least.cpu = min(c.wall for c in clocks), min(c.cpu for c in clocks)
    return least


def run(name: str, fresh_url, floor, changes, valid, validation: Clock, plain: Clock) -> None:
    """REPEATS rounds, each a floor then the server on fresh databases (alternated, so both
    meet the same stretches of load); the best of each is printed."""
    inserts, reads, pushes, pulls = [], [], [], []
    for _round in range(REPEATS):
        with fresh_url() as url:
            insert, read = floor(valid, url)
        inserts.append(insert)
        reads.append(read)
        with fresh_url() as url:
            client, headers = signed_in_client(url)
            pushes.append(push_time(client, headers, changes))
            pulls.append(pull_time(client, headers))
    insert, read, push, pull = best(inserts), best(reads), best(pushes), best(pulls)
    push_floor = validation + insert
    print(f"{name}: push floor {push_floor} = validation {validation} [the data by schema.load alone"
          f" {plain}] + rows and raw insert {insert}")
    print(f"{name}: push server {push} = {push.wall / push_floor.wall:.2f}x the floor "
          f"(CPU {push.cpu / push_floor.cpu:.2f}x), {ROWS / push.wall:,.0f} rows/s")
    print(f"{name}: pull floor {read} (raw select + JSON); server {pull} = {pull.wall / read.wall:.2f}x "
          f"(CPU {pull.cpu / read.cpu:.2f}x), {ROWS / pull.wall:,.0f} rows/s")


@contextmanager
def sqlite_url():
    with tempfile.TemporaryDirectory() as tmp:
        yield f"sqlite:///{Path(tmp) / 'sync.sqlite'}"


def main():
    changes = make_changes(datetime.now(timezone.utc))
    importlib.import_module("server.checkins.schemas")  # loaded before the heap is settled, as in an app
    from server import settle_heap

    # Every started app freezes its heap out of full collections (server/__init__.py); the
    # floors are measured on the same settled heap as the server, this input included.
    settle_heap()
    rounds = [validation_time(changes) for _round in range(REPEATS)]
    validation, plain, valid = best([r[0] for r in rounds]), best([r[2] for r in rounds]), rounds[0][1]
    print(f"sync of {ROWS} check-ins in batches of {BATCH}, pulled in pages of {BATCH} "
          f"(in-process WSGI); targets: <= 2x the floor and < 1 s; best of {REPEATS} rounds")
    run("SQLite", sqlite_url, sqlite_floor, changes, valid, validation, plain)
    if os.environ.get("TEST_DATABASE_URL"):
        from tests.conftest import fresh_postgres_database

        run("PostgreSQL", lambda: fresh_postgres_database(os.environ["TEST_DATABASE_URL"]), postgres_floor,
            changes, valid, validation, plain)


if __name__ == "__main__":
    main()
