"""Benchmark: one device syncing 10,000 check-ins (the outbox after a long offline stretch).

Measures in one run:
- the server: POST /api/sync in batches of 1,000 through the real app (in-process WSGI, SQLite
  file in WAL mode), total time and rows/s;
- the floor: marshmallow validation of the same rows plus a raw sqlite3 batch insert of them.
Targets: within 2x of the floor, and under 1 s in all.
Run: .venv/bin/python bench/sync.py
"""
import json
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


def server_time(changes: list[dict], workdir: Path) -> float:
    from flask_migrate import upgrade

    from server import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'sync.sqlite'}",
                      "SCRYPT_N": 2**10, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
    client = app.test_client()
    account = {"email": "bench@example.org", "password": "bench password 1"}
    client.post("/api/auth/register", json=account)
    token = client.post("/api/auth/login", json=account).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    batches = [changes[i:i + BATCH] for i in range(0, ROWS, BATCH)]
    cursor, elapsed = 0, 0.0
    for batch in batches:
        # As the PWA does: each request carries the cursor of the previous answer.
        body = json.dumps({"device_id": "phone", "cursor": cursor, "changes": batch})
        start = time.perf_counter()
        result = client.post("/api/sync", data=body, headers=headers).get_json()
        elapsed += time.perf_counter() - start
        assert len(result["applied"]) == BATCH, result.get("rejected", [])[:3]
        assert result["changes"] == []
        cursor = result["cursor"]
    count = client.get("/api/checkins?page_size=1", headers=headers).headers["X-Pagination"]
    assert f'"total": {ROWS}' in count, count
    return elapsed


def floor_time(changes: list[dict], workdir: Path) -> tuple[float, float]:
    from server.checkins.schemas import CheckInDataSchema

    schema = CheckInDataSchema()
    start = time.perf_counter()
    loaded = [schema.load(c["data"]) for c in changes]
    validation = time.perf_counter() - start
    conn = sqlite3.connect(workdir / "floor.sqlite")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE c (id TEXT PRIMARY KEY, user_id INT, at TEXT, pain INT, flare INT,"
                 " sleep_hours REAL, stress INT, activity_minutes INT, locations TEXT, nsaid INT)")
    rows = [(c["id"], 1, d["at"].isoformat(), d["pain"], d["flare"], d["sleep_hours"], d["stress"],
             d["activity_minutes"], json.dumps(d["locations"]), d["nsaid_doses"])
            for c, d in zip(changes, loaded)]
    start = time.perf_counter()
    with conn:
        conn.executemany("INSERT INTO c VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    insert = time.perf_counter() - start
    conn.close()
    return validation, insert


def main():
    changes = make_changes(datetime.now(timezone.utc))
    with tempfile.TemporaryDirectory() as tmp:
        validation, insert = floor_time(changes, Path(tmp))
        server = server_time(changes, Path(tmp))
    floor = validation + insert
    print(f"sync of {ROWS} check-ins in batches of {BATCH} (SQLite WAL, in-process WSGI)")
    print(f"floor: validation {validation:.3f} s + raw batch insert {insert:.3f} s = {floor:.3f} s")
    print(f"server: {server:.3f} s, {ROWS / server:,.0f} rows/s, {server / floor:.2f}x the floor "
          f"(targets: <= 2x and < 1 s)")


if __name__ == "__main__":
    main()
