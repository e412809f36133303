"""Benchmark: one device syncing 10,000 check-ins (the outbox after a long offline stretch),
and a second device pulling them all.

Measures in one run, on SQLite (WAL file) and, when TEST_DATABASE_URL is set, on a fresh
PostgreSQL database too:
- push: POST /api/sync in batches of 1,000 through the real app (in-process WSGI), each
  request carrying the previous cursor, as the PWA does;
- pull: a new device pages through the same 10,000 with cursor/has_more (1,000 a page);
- the push floor: validation of the same rows by the same validator the server runs (the
  check-in schema's fields through FastLoader, server/common/schema.py) plus a raw batch
  insert of them (sqlite3 / psycopg executemany, no SQLAlchemy); marshmallow's own
  `schema.load` of the rows is printed beside it;
- the pull floor: a raw select of the same rows plus json.dumps of them as dicts.
Targets (issue 13): each within 2x of its floor, and under 1 s.
Run: .venv/bin/python bench/sync.py
"""
import json
import os
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROWS = 10_000
BATCH = 1_000
COLUMNS = ("id", "user_id", "at", "pain", "flare", "sleep_hours", "stress", "activity_minutes",
           "locations", "nsaid_doses")


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


def push_time(client, headers, changes: list[dict]) -> float:
    cursor, elapsed = 0, 0.0
    for start in range(0, ROWS, BATCH):
        body = json.dumps({"device_id": "phone", "cursor": cursor, "changes": changes[start:start + BATCH]})
        began = time.perf_counter()
        result = client.post("/api/sync", data=body, headers=headers).get_json()
        elapsed += time.perf_counter() - began
        assert len(result["applied"]) == BATCH, result.get("rejected", [])[:3]
        assert result["changes"] == []
        cursor = result["cursor"]
    count = client.get("/api/checkins?page_size=1", headers=headers).headers["X-Pagination"]
    assert f'"total": {ROWS}' in count, count
    return elapsed


def pull_time(client, headers) -> float:
    cursor, seen, elapsed, more = 0, 0, 0.0, True
    while more:
        body = json.dumps({"device_id": "tablet", "cursor": cursor, "limit": BATCH})
        began = time.perf_counter()
        result = client.post("/api/sync", data=body, headers=headers).get_json()
        elapsed += time.perf_counter() - began
        cursor, more, seen = result["cursor"], result["has_more"], seen + len(result["changes"])
    assert seen == ROWS, seen
    return elapsed


def validation_time(changes: list[dict]) -> tuple[float, list[dict], float]:
    """(seconds, loaded rows, seconds of marshmallow's own schema.load) validating the rows'
    data. The floor uses the validator the server runs: the same schema's fields, loaded
    the short way (FastLoader); plain `schema.load` is timed for comparison only."""
    from server.checkins.schemas import CheckInDataSchema
    from server.common.schema import FastLoader

    schema = CheckInDataSchema()
    load = FastLoader(schema).load
    began = time.perf_counter()
    loaded = [load(c["data"]) for c in changes]
    fast = time.perf_counter() - began
    began = time.perf_counter()
    assert [schema.load(c["data"]) for c in changes] == loaded
    return fast, loaded, time.perf_counter() - began


def raw_rows(changes, loaded) -> list[tuple]:
    return [(c["id"], 1, d["at"].isoformat(), d["pain"], d["flare"], d["sleep_hours"], d["stress"],
             d["activity_minutes"], json.dumps(d["locations"]), d["nsaid_doses"])
            for c, d in zip(changes, loaded)]


def sqlite_floor(rows: list[tuple], workdir: Path) -> tuple[float, float]:
    """(raw batch insert, raw select + JSON encoding) of the rows, in seconds."""
    conn = sqlite3.connect(workdir / "floor.sqlite")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE c (id TEXT PRIMARY KEY, user_id INT, at TEXT, pain INT, flare INT,"
                 " sleep_hours REAL, stress INT, activity_minutes INT, locations TEXT, nsaid_doses INT)")
    began = time.perf_counter()
    with conn:
        conn.executemany(f"INSERT INTO c VALUES ({','.join('?' * len(COLUMNS))})", rows)
    insert = time.perf_counter() - began
    read = _read_floor(conn.execute, "?")
    conn.close()
    return insert, read


def postgres_floor(rows: list[tuple], url: str) -> tuple[float, float]:
    import psycopg
    from sqlalchemy.engine import make_url

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain) as conn:
        conn.execute("CREATE TABLE c (id TEXT PRIMARY KEY, user_id INT, at TEXT, pain INT, flare BOOL,"
                     " sleep_hours REAL, stress INT, activity_minutes INT, locations JSON, nsaid_doses INT)")
        conn.commit()
        began = time.perf_counter()
        with conn.cursor() as cursor:
            cursor.executemany(f"INSERT INTO c VALUES ({','.join(['%s'] * len(COLUMNS))})", rows)
        conn.commit()
        insert = time.perf_counter() - began
        read = _read_floor(lambda sql, *args: conn.execute(sql, *args), "%s")
    return insert, read


def _read_floor(execute, mark: str) -> float:
    """The least a pull can do: select the rows in pages and encode them as JSON objects."""
    began = time.perf_counter()
    for page in range(0, ROWS, BATCH):
        rows = execute(f"SELECT * FROM c WHERE user_id = {mark} ORDER BY id LIMIT {BATCH} OFFSET {page}",
                       (1,)).fetchall()
        json.dumps([dict(zip(COLUMNS, row)) for row in rows])
    return time.perf_counter() - began


def run(name: str, url: str, changes, validation: float, floors: tuple[float, float], plain: float) -> None:
    client, headers = signed_in_client(url)
    push = push_time(client, headers, changes)
    pull = pull_time(client, headers)
    insert, read = floors
    push_floor = validation + insert
    print(f"{name}: push floor {push_floor:.3f} s (validation {validation:.3f} [schema.load {plain:.3f}]"
          f" + raw insert {insert:.3f}); "
          f"server {push:.3f} s = {push / push_floor:.2f}x, {ROWS / push:,.0f} rows/s")
    print(f"{name}: pull floor {read:.3f} s (raw select + JSON); server {pull:.3f} s = "
          f"{pull / read:.2f}x, {ROWS / pull:,.0f} rows/s")


def main():
    changes = make_changes(datetime.now(timezone.utc))
    validation, loaded, plain = validation_time(changes)
    rows = raw_rows(changes, loaded)
    print(f"sync of {ROWS} check-ins in batches of {BATCH}, pulled in pages of {BATCH} "
          f"(in-process WSGI); targets: <= 2x the floor and < 1 s")
    with tempfile.TemporaryDirectory() as tmp:
        run("SQLite", f"sqlite:///{Path(tmp) / 'sync.sqlite'}", changes, validation,
            sqlite_floor(rows, Path(tmp)), plain)
    if os.environ.get("TEST_DATABASE_URL"):
        from tests.conftest import fresh_postgres_database

        with fresh_postgres_database(os.environ["TEST_DATABASE_URL"]) as url:
            floors = postgres_floor(rows, url)
        with fresh_postgres_database(os.environ["TEST_DATABASE_URL"]) as url:
            run("PostgreSQL", url, changes, validation, floors, plain)


if __name__ == "__main__":
    main()
