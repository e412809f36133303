"""What the sync tests share: a change as a device sends it, the sync call, the server's view."""
from datetime import datetime, timedelta, timezone

from tests.conftest import new_id


def stamp(delta_seconds=0):
    """An instant `delta_seconds` from the real now (the server clamps against its own clock)."""
    return (datetime.now(timezone.utc) + timedelta(seconds=delta_seconds)).isoformat()


def change(record_id=None, pain=5, updated=0, deleted=False, **data):
    return {"type": "checkin", "id": record_id or new_id(), "updated_at": stamp(updated),
            "deleted": deleted,
            "data": None if deleted else {"at": "2026-03-01T08:00:00+00:00", "pain": pain, **data}}


def sync(client, headers, changes=(), cursor=0, device="phone", **extra):
    response = client.post("/api/sync", headers=headers, json={
        "device_id": device, "cursor": cursor, "changes": list(changes), **extra})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def server_checkins(client, headers):
    return client.get("/api/checkins?page_size=100", headers=headers).get_json()
