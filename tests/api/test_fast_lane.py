"""The check-in POST's fast lane (server/checkins/fast_lane.py) answers exactly what the Flask
route answers — status, headers, body bytes — and stores the same rows, for valid check-ins,
every kind of refused input, replays, tombstones and odd requests; it takes the common case
itself and leaves the rest to the route."""
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update

from server.accounts.models import Token, User
from server.checkins.fast_lane import CheckInFastLane
from server.checkins.models import CheckIn
from server.database import hold_sqlite_writers_lock
from server.extensions import db
from tests.conftest import empty_tables, register

NOW = datetime(2026, 3, 2, 9, 15, 30, 123456, tzinfo=timezone.utc)
ID = "5b0f3c1e-8a51-4d6e-9d43-2f1a7c9e0b11"
AT = "2026-03-01T08:30:00+01:00"
FULL = {
    "pain": 4, "flare": False, "locations": ["lower_back", "left_hip"], "qualities": ["aching"],
    "sleep_hours": 6.5, "sleep_quality": 5, "night_wakings": 2, "stress": 7, "mood": 4,
    "energy": 3, "activity_minutes": 45, "activity_effort": 5, "activities": ["walking"],
    "rest_breaks": 2, "nsaid_doses": 1, "medications": [{"name": "PEA", "dose_mg": 600}],
    "meal_regularity": 6, "late_meal": True, "alcohol_units": 1.5, "breathing_minutes": 10,
    "mindfulness_minutes": 5, "red_flags": [], "custom": {"hydration": 6}, "notes": "Gardening é ✓",
}


def checkin(**fields) -> bytes:
    return json.dumps({"id": ID, "at": AT, **fields}).encode()


@dataclass
class Case:
    body: bytes
    taken: bool = False  # the lane answers it itself (else the route does)
    content_type: str | None = "application/json"
    auth: str = "Bearer {token}"
    path: str = "/api/checkins"
    before: list = field(default_factory=list)  # steps run first, through the route
    expired: bool = False  # the session's token ran out before the POST


CASES = {
    # New check-ins: the lane's own.
    "minimal": Case(checkin(), taken=True),
    "every field": Case(checkin(**FULL), taken=True),
    "typical": Case(checkin(pain=5, flare=False, sleep_hours=6.5, stress=4, activity_minutes=40,
                            locations=["lower_back"]), taken=True),
    "other offset, nulls": Case(json.dumps({"id": ID, "at": "2026-03-01T23:30:00-05:00", "pain": None,
                                            "notes": None, "mood": 3.0}).encode(), taken=True),
    "upper-case id": Case(json.dumps({"id": ID.upper(), "at": AT, "pain": 2}).encode(), taken=True),
    "charset utf-8": Case(checkin(pain=1), taken=True, content_type="application/json; charset=utf-8"),
    "lower-case bearer": Case(checkin(pain=1), taken=True, auth="bearer {token}"),
    # Refused fields.
    "pain 11": Case(checkin(pain=11)),
    "pain as text": Case(checkin(pain="5")),
    "pain 4.5": Case(checkin(pain=4.5)),
    "flare 1": Case(checkin(flare=1)),
    "unknown region": Case(checkin(locations=["nowhere"])),
    "region twice": Case(checkin(locations=["lower_back", "lower_back"])),
    "sleep 25 h": Case(checkin(sleep_hours=25)),
    "notes too long": Case(checkin(notes="x" * 2001)),
    "NUL in notes": Case(checkin(notes="a\x00b")),
    "custom key": Case(checkin(custom={"Bad Key": 1})),
    "medication without name": Case(checkin(medications=[{"dose_mg": 5}])),
    "unknown field": Case(checkin(colour="red")),
    "no at": Case(json.dumps({"id": ID, "pain": 3}).encode()),
    "at without offset": Case(checkin(at="2026-03-01T08:30:00")),
    "at in 1900": Case(checkin(at="1900-03-01T08:30:00+00:00")),
    "no id": Case(json.dumps({"at": AT}).encode()),
    "id not a uuid": Case(json.dumps({"id": "not-a-uuid", "at": AT}).encode()),
    "id a number": Case(json.dumps({"id": 7, "at": AT}).encode()),
    "NaN": Case(f'{{"id":"{ID}","at":"{AT}","sleep_hours":NaN}}'.encode()),
    # Bodies the parser or the JSON limits refuse.
    "not JSON": Case(b"{not json"),
    "empty body": Case(b""),
    "a list": Case(b"[]"),
    "null": Case(b"null"),
    "too deep": Case(b"[" * 40 + b"]" * 40),
    "lone surrogate": Case(f'{{"id":"{ID}","at":"{AT}","notes":"\\ud800"}}'.encode()),
    "byte-order mark": Case(b"\xef\xbb\xbf" + checkin()),
    "not UTF-8": Case(f'{{"id":"{ID}","at":"{AT}","notes":"'.encode() + b'\xff"}'),
    "huge integer": Case(f'{{"id":"{ID}","at":"{AT}","pain":{"9" * 5000}}}'.encode()),
    # Who is asking.
    "no token": Case(checkin(), auth=""),
    "unknown token": Case(checkin(), auth="Bearer nope"),
    "basic auth": Case(checkin(), auth="Basic {token}"),
    "empty bearer": Case(checkin(), auth="Bearer "),
    "signed out": Case(checkin(), before=[("POST", "/api/auth/logout", None, "ada")]),
    "token expired": Case(checkin(), expired=True),
    "account deleted": Case(checkin(), before=[("DELETE", "/api/account", None, "ada")]),
    # The id is stored already.
    "replay": Case(checkin(pain=5), before=[("POST", "/api/checkins", checkin(pain=5), "ada")]),
    "same id, other content": Case(checkin(pain=9), before=[("POST", "/api/checkins", checkin(pain=3), "ada")]),
    "deleted id": Case(checkin(pain=5), before=[("POST", "/api/checkins", checkin(pain=5), "ada"),
                                                ("DELETE", f"/api/checkins/{ID}", None, "ada")]),
    "someone else's id": Case(checkin(pain=5), before=[("POST", "/api/checkins", checkin(pain=5), "bob")]),
    # Other requests.
    "text/plain": Case(checkin(), content_type="text/plain"),
    "no content type": Case(checkin(), content_type=None),
    "merge-patch JSON": Case(checkin(), content_type="application/merge-patch+json"),
    "a form": Case(b"id=1", content_type="application/x-www-form-urlencoded"),
    "query string": Case(checkin(), path="/api/checkins?pain=3"),
    "trailing slash": Case(checkin(), path="/api/checkins/"),
}


@pytest.fixture
def lane(app, monkeypatch):
    """The installed lane, with the clock of both paths fixed (answers carry `updated_at`)."""
    for module in ("server.checkins.fast_lane", "server.checkins.routes"):
        monkeypatch.setattr(f"{module}.utcnow", lambda: NOW)
    assert isinstance(app.wsgi_app, CheckInFastLane)
    return app.wsgi_app


def outcome(app, lane, case: Case, through_lane: bool) -> dict:
    """What a client and the database see of `case` on an empty database, sent through the
    lane or straight to the route."""
    with app.app_context():
        db.session.remove()
        empty_tables()
    client = app.test_client()
    tokens = {"ada": register(client, "ada@example.org"), "bob": register(client, "bob@example.org")}
    app.wsgi_app = lane.next
    for method, path, body, who in case.before:
        client.open(path, method=method, data=body, headers={
            **tokens[who], **({"Content-Type": "application/json"} if body else {})})
    if case.expired:  # a month-old session: the token's lifetime ended a second before NOW
        with app.app_context():
            db.session.execute(update(Token).values(expires_at=NOW - timedelta(seconds=1)))
            db.session.commit()
            db.session.remove()
    route = lane.next
    stepped_aside = []

    def spy(environ, start_response):
        stepped_aside.append(True)
        return route(environ, start_response)

    lane.next = spy
    app.wsgi_app = lane if through_lane else spy
    try:
        headers = {"Content-Type": case.content_type} if case.content_type else {}
        token = tokens["ada"]["Authorization"].removeprefix("Bearer ")
        if case.auth:
            headers["Authorization"] = case.auth.format(token=token)
        response = client.open(case.path, method="POST", data=case.body, headers=headers)
    finally:
        lane.next = route
        app.wsgi_app = lane
    return {"status": response.status, "headers": list(response.headers.items()), "body": response.data,
            "rows": stored_rows(app), "route answered": bool(stepped_aside)}


def stored_rows(app) -> dict:
    """Every check-in column (the owner by email) and each person's sequence."""
    with app.app_context():
        users = dict(db.session.execute(select(User.id, User.email)).all())
        checkins = [{**row._asdict(), "user_id": users[row.user_id]}
                    for row in db.session.execute(select(CheckIn.__table__).order_by(CheckIn.id))]
        seqs = dict(db.session.execute(select(User.email, User.sync_seq)).all())
        db.session.remove()
    return {"checkins": checkins, "sync_seq": seqs}


@pytest.mark.parametrize("name", list(CASES))
def test_the_lane_answers_as_the_route_does(app, lane, name):
    case = CASES[name]
    route = outcome(app, lane, case, through_lane=False)
    fast = outcome(app, lane, case, through_lane=True)
    assert fast["status"] == route["status"]
    assert fast["body"] == route["body"]
    assert fast["headers"] == route["headers"]
    assert fast["rows"] == route["rows"]
    assert fast["route answered"] is not case.taken
    if case.taken:  # the case is what it says: a new check-in, stored
        assert route["status"] == "201 CREATED" and len(route["rows"]["checkins"]) == 1


@pytest.mark.parametrize("left, status", [(timedelta(0), 401), (timedelta(microseconds=1), 201)])
def test_a_token_expiring_now_is_refused_and_one_a_microsecond_later_taken(app, lane, left, status):
    """The lane's token rule in SQL is auth.live_account's: a token whose expiry is the
    request's instant is dead (the route answers 401, nothing stored), one a microsecond
    later is live."""
    client = app.test_client()
    headers = register(client, "ada@example.org")
    with app.app_context():
        db.session.execute(update(Token).values(expires_at=NOW + left))
        db.session.commit()
    route = lane.next
    stepped_aside = []
    lane.next = lambda environ, start_response: stepped_aside.append(True) or route(environ, start_response)
    try:
        response = client.post("/api/checkins", data=checkin(), headers={**headers, "Content-Type": "application/json"})
    finally:
        lane.next = route
    assert response.status_code == status
    assert stepped_aside == ([True] if status == 401 else [])
    assert len(stored_rows(app)["checkins"]) == (status == 201)


def test_the_lane_can_be_switched_off(app):
    from server import create_app

    off = create_app({**{k: app.config[k] for k in ("TESTING", "SCRYPT_N", "SQLALCHEMY_DATABASE_URI")},
                      "CHECKIN_FAST_LANE": False})
    assert not isinstance(off.wsgi_app, CheckInFastLane)
    with off.app_context():
        db.engine.dispose()


def test_on_sqlite_the_lane_queues_behind_a_writer(app, lane, auth_headers):
    """A writer holding the SQLite writers' queue (server/database.py), not yet SQLite's own
    lock: the lane's POST waits for it, as the route's writes do, and goes on after."""
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("the writers' queue is SQLite's")
        first = db.engine.raw_connection()
    hold_sqlite_writers_lock(first.info)
    answers = []
    client = app.test_client()
    thread = threading.Thread(target=lambda: answers.append(
        client.post("/api/checkins", data=checkin(pain=2), headers={
            **auth_headers, "Content-Type": "application/json"}).status_code), daemon=True)
    thread.start()
    try:
        time.sleep(0.3)
        assert answers == []  # queued behind the first writer
    finally:
        first.close()  # back to the pool: the queue moves on
    thread.join(10)
    assert answers == [201]


def test_concurrent_posts_and_replays_leave_each_sequence_without_gaps(app, lane):
    """Eight clients at once, round after round: three send one new id as its owner and one
    as the other person (replays racing the first), four send new ids of the owner's own (each
    waiting for the person's lock, then numbered after what the others committed). Each id
    is stored once, and every person's numbers are 1..n with no gap or repeat (a pull by
    cursor relies on it), whichever of the lane or the route stored the row."""
    client = app.test_client()
    tokens = {"ada": register(client, "ada@example.org"), "bob": register(client, "bob@example.org")}
    rounds = 12
    barrier = threading.Barrier(8)
    statuses, errors = [], []

    def send(thread: int):
        own = app.test_client()
        try:
            for n in range(rounds):
                owner, other = ("ada", "bob") if n % 2 else ("bob", "ada")
                record_id = f"5b0f3c1e-8a51-4d6e-{n:04d}-{(thread if thread >= 4 else 0):012d}"
                body = json.dumps({"id": record_id, "at": AT, "pain": 3})
                barrier.wait(10)
                statuses.append(own.post("/api/checkins", data=body, headers={
                    **tokens[other if thread == 3 else owner], "Content-Type": "application/json"}).status_code)
        except Exception as error:  # noqa: BLE001 - reported by the assert below
            errors.append(error)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == [] and len(statuses) == 8 * rounds
    assert all(status < 500 for status in statuses)
    with app.app_context():
        assert db.session.query(CheckIn).count() == 5 * rounds  # each id once, whoever won it
        users = dict(db.session.execute(select(User.email, User.id)).all())
        for email in ("ada@example.org", "bob@example.org"):
            seqs = sorted(db.session.execute(select(CheckIn.seq).where(CheckIn.user_id == users[email])).scalars())
            last = db.session.execute(select(User.sync_seq).where(User.id == users[email])).scalar_one()
            assert seqs == list(range(1, len(seqs) + 1)) and last == len(seqs), (email, seqs, last)
        db.session.remove()
