"""Operators see the scheduler's last tick, backlog, lateness and last hour without reading logs."""
from server.extensions import db
from server.reminders.models import ReminderRule
from server.scheduler import tick
from tests.scheduler.conftest import LONG_AGO, FakePush, utc


def add_rule(app, user_id, data):
    with app.app_context():
        db.session.add(ReminderRule(id=f"rule-{user_id}", user_id=user_id, data=data, deleted=False,
                                    updated_at=LONG_AGO, device_id="t", seq=0))
        db.session.commit()


def test_operators_see_last_tick_backlog_lateness_and_last_hour(app, client, make_person):
    assert client.get("/api/reminders/scheduler-status").status_code == 401  # no OPS_TOKEN: nobody
    app.config["OPS_TOKEN"] = "s3cret-ops"
    assert client.get("/api/reminders/scheduler-status",
                      headers={"Authorization": "Bearer wrong"}).status_code == 401
    ok, flaky = make_person("UTC"), make_person("UTC")
    for person in (ok, flaky):
        add_rule(app, person, {"kind": "checkin", "times": ["08:00"]})
    push = FakePush({ok: ["a"], flaky: ["b"]}, answers={"b": ("retry", 600)})
    tick(app, utc(2026, 6, 3, 8, 0), push=push, worker="host:1")
    with app.app_context():  # a third person's reminder is due and nobody has taken it yet
        late = make_person("UTC")
        add_rule(app, late, {"kind": "checkin", "times": ["08:05"]})
        from server.reminders.service import create_due_occurrences
        create_due_occurrences(utc(2026, 6, 3, 8, 5))
    app.config["OPS_TOKEN"] = "s3cret-ops"
    from server.reminders.status import scheduler_status
    with app.app_context():
        status = scheduler_status(utc(2026, 6, 3, 8, 7))
    assert status["last_tick"] == {"at": "2026-06-03T08:00:00+00:00", "worker": "host:1"}
    assert status["due_backlog"] == {"occurrences": 1, "deliveries": 0}
    assert status["oldest_due_lateness_seconds"] == 120
    assert (status["last_hour"]["sent"], status["last_hour"]["retrying"]) == (1, 1)
    body = client.get("/api/reminders/scheduler-status", headers={"Authorization": "Bearer s3cret-ops"})
    assert body.status_code == 200 and set(body.get_json()) >= {"last_tick", "due_backlog", "last_hour"}
