"""Deleting an account leaves nothing readable on disk: the SQLite database file, its
write-ahead log and shared-memory index are searched byte by byte for a marker that the
person wrote into notes, trackers, sync records and their email."""
import uuid
from pathlib import Path

from server import create_app
from server.extensions import db
from tests.conftest import PASSWORD, TEST_SETTINGS, _migrate, new_id, register


def marker_copies(database: Path, marker: bytes) -> dict[str, int]:
    """How often `marker` occurs in the database file and its -wal and -shm companions."""
    counts = {}
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{database}{suffix}")
        counts[suffix or "main"] = path.read_bytes().count(marker) if path.exists() else 0
    return counts


def write_a_diary(client, headers, marker: str) -> None:
    """Check-ins (some edited, so older versions exist), sync records of several types."""
    for day in range(1, 121):
        at = f"2026-01-{(day - 1) % 28 + 1:02d}T08:{day % 60:02d}:00+01:00"
        body = {"id": new_id(), "at": at, "pain": day % 11, "notes": f"{marker} day {day}",
                "medications": [{"name": f"{marker}-med", "dose_mg": 200}]}
        assert client.post("/api/checkins", json=body, headers=headers).status_code == 201
        if day % 3 == 0:
            client.patch(f"/api/checkins/{body['id']}", json={"notes": f"{marker} edited {day}"},
                         headers=headers)
    changes = [{"type": "checkin", "id": new_id(), "updated_at": "2026-02-01T09:00:00Z",
                "deleted": False,
                "data": {"at": "2026-02-01T09:00:00Z", "notes": f"{marker} synced {i}"}}
               for i in range(60)]
    response = client.post("/api/sync", json={"device_id": "phone", "cursor": 0,
                                              "changes": changes}, headers=headers)
    assert len(response.get_json()["applied"]) == 60


def test_deleted_account_leaves_no_copy_in_sqlite_files(tmp_path):
    database = tmp_path / "erase.sqlite"
    url = f"sqlite:///{database}"
    _migrate(url)
    app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": url})
    client = app.test_client()
    marker = f"erase-{uuid.uuid4().hex}"
    ada = register(client, f"{marker}@example.org")
    bob = register(client, "bob@example.org")
    write_a_diary(client, ada, marker)
    write_a_diary(client, bob, "kept-for-bob")
    client.post("/api/auth/login", json={"email": f"{marker}@example.org", "password": "wrong!"})
    before = marker_copies(database, marker.encode())
    assert sum(before.values()) > 100, before  # the search does find what is there

    assert client.delete("/api/account", headers=ada).status_code == 204

    assert marker_copies(database, marker.encode()) == {"main": 0, "-wal": 0, "-shm": 0}
    # Nobody else lost anything, and the freed space is really gone, not just unlinked.
    assert sum(marker_copies(database, b"kept-for-bob").values()) > 0
    assert client.get("/api/checkins?page_size=100", headers=bob).status_code == 200
    login = client.post("/api/auth/login", json={"email": "bob@example.org", "password": PASSWORD})
    assert login.status_code == 200
    with app.app_context():
        db.engine.dispose()
