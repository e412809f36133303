"""The scheduler tick end to end on the database: once, on time, in local time."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from server.extensions import db
from server.reminders import service
from server.reminders.models import Delivery, ReminderAction, ReminderOccurrence
from server.scheduler import deliver, tick
from tests.scheduler.conftest import Crash, FakePush, utc


def occurrences(app):
    with app.app_context():
        return db.session.execute(select(ReminderOccurrence.occurrence_key, ReminderOccurrence.status,
                                         ReminderOccurrence.due_at).order_by(ReminderOccurrence.due_at)).all()


def deliveries(app):
    with app.app_context():
        return db.session.execute(select(Delivery.occurrence_id, Delivery.subscription_id, Delivery.status)).all()


def run_minutes(app, push, start, minutes, **kw):
    for i in range(minutes):
        tick(app, start + timedelta(minutes=i), push=push, **kw)


@pytest.fixture
def person(make_person):
    return make_person("America/New_York")


def test_sends_on_time_once_to_every_subscription(app, person, make_rule):
    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: ["s1", "s2"]})
    tick(app, utc(2026, 6, 2, 23, 59), push=push)
    assert push.sent == []
    run_minutes(app, push, utc(2026, 6, 3, 0, 0), 5)  # 20:00 EDT
    assert sorted(m.subscription_id for m in push.sent) == ["s1", "s2"]
    payload = push.sent[0].payload
    assert payload["kind"] == "checkin" and payload["url"] == "#/checkin"
    assert [(k, s) for k, s, _ in occurrences(app)] == [("2026-06-02T20:00", "sent")]
    assert sorted(d[2] for d in deliveries(app)) == ["sent", "sent"]


def test_spring_forward_end_to_end_through_tick(app, person, make_rule, set_quiet):
    set_quiet(person, "00:00", "00:00")
    make_rule(person, {"kind": "protocol", "times": ["02:30"]})
    push = FakePush({person: ["s1"]})
    # 2026-03-08 New York: 02:00 EST -> 03:00 EDT at 07:00 UTC. Tick every minute 06:00-08:00 UTC.
    run_minutes(app, push, utc(2026, 3, 8, 6, 0), 120)
    assert len(push.sent) == 1
    (key, status, due), = occurrences(app)
    assert key == "2026-03-08T02:30" and status == "sent"
    assert due.replace(tzinfo=None) == utc(2026, 3, 8, 7, 0).replace(tzinfo=None)  # 03:00 EDT


def test_fall_back_end_to_end_through_tick(app, make_person, make_rule, set_quiet):
    person = make_person("Europe/London")
    set_quiet(person, "00:00", "00:00")
    make_rule(person, {"kind": "protocol", "times": ["01:30"]})
    push = FakePush({person: ["s1"]})
    # 2026-10-25 London: 01:30 BST (00:30 UTC) then 01:30 GMT (01:30 UTC) again.
    run_minutes(app, push, utc(2026, 10, 25, 0, 15), 90)
    assert len(push.sent) == 1
    assert [k for k, _, _ in occurrences(app)] == ["2026-10-25T01:30"]


def test_lord_howe_half_hour_gap_end_to_end(app, make_person, make_rule, set_quiet):
    person = make_person("Australia/Lord_Howe")
    set_quiet(person, "00:00", "00:00")
    make_rule(person, {"kind": "protocol", "times": ["02:15", "02:30"]})
    push = FakePush({person: ["s1"]})
    run_minutes(app, push, utc(2026, 10, 3, 15, 0), 60)  # 02:00 +10:30 .. 03:00 +11
    assert len(push.sent) == 1  # both slots resolve to 02:30: one notification


def test_quiet_hours_defer_a_checkin_and_suppress_breathing(app, person, make_rule):
    make_rule(person, {"kind": "checkin", "times": ["23:30"]})
    make_rule(person, {"kind": "breathing", "times": ["23:30"]})
    push = FakePush({person: ["s1"]})
    run_minutes(app, push, utc(2026, 6, 3, 3, 25), 10)  # 23:25-23:35 EDT
    assert push.sent == []
    run_minutes(app, push, utc(2026, 6, 3, 10, 58), 4)  # 06:58-07:02 EDT
    assert [m.payload["kind"] for m in push.sent] == ["checkin"]


def test_two_ticks_in_one_process_are_harmless(app, person, make_rule):
    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: ["s1"]})
    for _ in range(3):
        tick(app, utc(2026, 6, 3, 0, 0), push=push, worker="a")
        tick(app, utc(2026, 6, 3, 0, 0), push=push, worker="b")
    assert len(push.sent) == 1


def test_three_hour_outage_sends_what_is_fresh_once_and_expires_the_rest(app, person, make_rule):
    make_rule(person, {"kind": "checkin", "times": ["18:00"]})  # fresh for 4 h
    make_rule(person, {"kind": "breathing", "times": ["18:00", "20:45"]})  # fresh for 30 min
    push = FakePush({person: ["s1"]})
    tick(app, utc(2026, 6, 2, 21, 59), push=push)  # 17:59 EDT: last tick before the outage
    tick(app, utc(2026, 6, 3, 1, 0), push=push)  # back at 21:00 EDT
    tick(app, utc(2026, 6, 3, 1, 1), push=push)
    kinds = sorted(m.payload["kind"] for m in push.sent)
    assert kinds == ["breathing", "checkin"]  # the 20:45 breathing is still fresh
    # the 18:00 breathing went stale during the outage: on record as expired, never sent
    assert sorted(s for _, s, _ in occurrences(app)) == ["expired", "sent", "sent"]


def test_crash_after_create_is_picked_up_by_the_next_tick(app, person, make_rule):
    from server.reminders import service

    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    with app.app_context():
        service.create_due_occurrences(utc(2026, 6, 3, 0, 0))  # ... and the process dies
    push = FakePush({person: ["s1"]})
    tick(app, utc(2026, 6, 3, 0, 1), push=push)
    assert len(push.sent) == 1


def test_crash_after_claim_is_taken_over_when_the_short_lease_lapses(app, person, make_rule):
    from server.reminders import delivery

    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: ["s1"]})
    with app.app_context():
        service.create_due_occurrences(utc(2026, 6, 3, 0, 0))
        delivery.fan_out(utc(2026, 6, 3, 0, 0), push)
        assert len(delivery.claim_deliveries(utc(2026, 6, 3, 0, 0), "dead")) == 1  # ... and dies
    deliver(app, utc(2026, 6, 3, 0, 0, 20), push=push)
    assert push.sent == []  # the lease is still running: its holder may be sending
    deliver(app, utc(2026, 6, 3, 0, 0, 40), push=push)  # 40 s after the crash
    assert len(push.sent) == 1
    run_minutes(app, push, utc(2026, 6, 3, 0, 1), 20)
    assert len(push.sent) == 1


def test_crash_after_send_before_record_sends_again_with_the_same_topic_and_tag(app, person, make_rule):
    """At least once: what the push service never confirmed to us goes again, as the same
    Topic (the push service keeps one) and the same tag (the device shows one)."""
    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: ["s1", "s2"]})
    push.crash_after_send = True
    with pytest.raises(Crash):
        tick(app, utc(2026, 6, 3, 0, 0), push=push, worker="dead")
    push.crash_after_send = False
    deliver(app, utc(2026, 6, 3, 0, 0, 40), push=push)
    run_minutes(app, push, utc(2026, 6, 3, 0, 1), 30)
    assert sorted(m.subscription_id for m in push.sent) == ["s1", "s1", "s2", "s2"]
    for sid in ("s1", "s2"):
        copies = [m for m in push.sent if m.subscription_id == sid]
        assert len({(m.options.topic, m.payload["tag"], m.occurrence_id) for m in copies}) == 1
    assert [s for _, s, _ in occurrences(app)] == ["sent"]


def test_a_lease_runs_from_its_claim_even_when_the_pass_reached_it_late(app, person, make_rule):
    """A pass slowed before it claims (a long tick on a loaded machine: here it claims 40 s
    after it started) still holds what it claimed for the full lease (30 s) from the claim:
    another scheduler does not send the same reminder again while the first may still be
    sending it, and takes it over once that lease has lapsed."""
    start = utc(2026, 6, 3, 0, 0)
    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: ["s1"]})
    push.crash_after_send = True  # freezes the first pass between its send and its record
    with pytest.raises(Crash):
        tick(app, start, push=push, worker="slow", clock=lambda: start + timedelta(seconds=40))
    push.crash_after_send = False
    deliver(app, start + timedelta(seconds=51), push=push, worker="other")
    assert len(push.sent) == 1  # the lease, taken at 40 s, runs until 70 s
    deliver(app, start + timedelta(seconds=71), push=push, worker="other")
    assert len(push.sent) == 2 and [s for _, s, _ in occurrences(app)] == ["sent"]


def test_the_scheduler_process_gives_its_delivery_passes_the_real_clock(app, monkeypatch):
    """Without it a pass would stay at the minute it started (the fixed clock of the tests
    above), and the two guarantees above would not hold in the running process."""
    from server import scheduler
    from server.common.time import utcnow

    clocks = {}
    for name in ("tick", "deliver"):
        def job(app, now, clock=None, name=name):
            clocks[name] = clock
            return {}
        job.__name__ = name
        monkeypatch.setattr(scheduler, name, job)
        scheduler._run_job(app, job)
    assert clocks == {"tick": utcnow, "deliver": utcnow}


def test_a_retry_after_counts_from_the_answer_not_from_the_start_of_a_slow_pass(app, person, make_rule):
    """The push service asks for 15 s, and its answer comes 20 s into a slow pass: the
    device is asked again no sooner than 15 s after that answer (a real push service
    would refuse an earlier request again), and its neighbour is not held back."""
    start = utc(2026, 6, 3, 0, 0)
    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: ["busy", "calm"]}, answers={"busy": [("retry", 15), "sent"]})
    tick(app, start, push=push, clock=lambda: start + timedelta(seconds=20))
    sent_at = {}
    for second in range(10, 60, 5):
        before = len(push.sent)
        deliver(app, start + timedelta(seconds=second), push=push)
        for m in push.sent[before:]:
            sent_at.setdefault(m.subscription_id, []).append(second)
    assert sent_at == {"busy": [35]}
    assert [m.subscription_id for m in push.sent].count("calm") == 1


def test_two_devices_one_flaky_each_gets_it_and_the_flaky_one_backs_off(app, person, make_rule):
    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: ["phone", "tablet"]}, answers={"tablet": ["retry", "retry", "retry", "sent"]})
    start = utc(2026, 6, 3, 0, 0)
    for second in range(0, 300, 10):  # the tick, then the 10-second delivery passes
        (tick if second % 60 == 0 else deliver)(app, start + timedelta(seconds=second), push=push)
    assert [m.subscription_id for m in push.sent].count("phone") == 1
    tablet = [m for m in push.sent if m.subscription_id == "tablet"]
    assert len(tablet) == 4
    with app.app_context():
        rows = dict(db.session.execute(select(Delivery.subscription_id, Delivery.status)).all())
    assert rows == {"phone": "sent", "tablet": "sent"}
    assert [s for _, s, _ in occurrences(app)] == ["sent"]


def test_an_always_failing_device_costs_a_bounded_number_of_requests(app, person, make_rule):
    from server.reminders.delivery import MAX_ATTEMPTS

    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: ["ok", "broken"]}, answers={"broken": "retry"})
    start = utc(2026, 6, 3, 0, 0)
    for second in range(0, 20 * 60, 10):  # the back-off (10 s doubling, ±25%) runs out in ~7 min
        (tick if second % 60 == 0 else deliver)(app, start + timedelta(seconds=second), push=push)
    run_minutes(app, push, start + timedelta(minutes=20), 10)
    tick(app, start + timedelta(hours=5), push=push)  # ... and past the check-in's 4 h freshness
    assert [m.subscription_id for m in push.sent].count("broken") == MAX_ATTEMPTS
    with app.app_context():
        rows = dict(db.session.execute(select(Delivery.subscription_id, Delivery.status)).all())
    assert rows == {"ok": "sent", "broken": "failed"}
    assert [s for _, s, _ in occurrences(app)] == ["sent"]


def sent_at_seconds(app, push, start, seconds) -> dict[str, list[int]]:
    """Run the scheduler at each of `seconds` after `start` (the minute's tick on whole
    minutes, the delivery pass between) and return, per device, the seconds it was sent at."""
    sent_at: dict[str, list[int]] = {}
    for second in seconds:
        before = len(push.sent)
        (tick if second % 60 == 0 else deliver)(app, start + timedelta(seconds=second), push=push)
        for m in push.sent[before:]:
            sent_at.setdefault(m.subscription_id, []).append(second)
    return sent_at


def test_retry_after_delays_only_the_device_that_asked(app, person, make_rule):
    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: ["busy", "calm"]}, answers={"busy": [("retry", 45), "sent"]})
    times = sent_at_seconds(app, push, utc(2026, 6, 3, 0, 0), range(0, 120, 10))
    assert times == {"busy": [0, 50], "calm": [0]}


def test_one_devices_retry_after_never_holds_back_a_neighbour_that_failed_with_it(app, person, make_rule, monkeypatch):
    """Two devices fail in the same wave: one's push service asks for 45 s, the other's says
    nothing. The second is retried after its own 10 s back-off, not held to the first's pause
    as if the pause were the host's (docs/reminders-and-alerts.md; issue 17, round 2)."""
    monkeypatch.setitem(app.config, "PUSH_RETRY_BASE_SECONDS", 10.0)
    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: ["busy", "flaky"]}, answers={"busy": [("retry", 45), "sent"], "flaky": ["retry", "sent"]})
    times = sent_at_seconds(app, push, utc(2026, 6, 3, 0, 0), range(0, 60))
    assert times["busy"] == [0, 45]
    assert times["flaky"][0] == 0 and 7 <= times["flaky"][1] <= 14, times


def test_a_failing_device_is_asked_again_after_waits_that_double(app, person, make_rule, monkeypatch):
    """Without a Retry-After a device's retries wait PUSH_RETRY_BASE_SECONDS (10 s), then
    twice that each time, jittered by ±25 % (docs/reminders-and-alerts.md): a push service in
    trouble is not hammered every few seconds, and a working device is not held up."""
    monkeypatch.setitem(app.config, "PUSH_RETRY_BASE_SECONDS", 10.0)
    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: ["flaky", "calm"]}, answers={"flaky": ["retry"] * 4 + ["sent"]})
    sent_at = sent_at_seconds(app, push, utc(2026, 6, 3, 0, 0), range(0, 240))
    assert sent_at["calm"] == [0]
    tries = sent_at["flaky"]
    assert len(tries) == 5
    waits = [b - a for a, b in zip(tries, tries[1:])]
    for n, wait in enumerate(waits):  # 10, 20, 40, 80 s, each within ±25 % (and the 1 s step)
        assert 0.75 * 10 * 2 ** n <= wait <= 1.25 * 10 * 2 ** n + 1, waits


def test_a_retry_never_waits_past_half_an_hour_even_with_a_long_first_wait(app, monkeypatch):
    """docs/reminders-and-alerts.md: the doubling is capped at 30 minutes (±25 %), so with a
    deployment's first wait set to 10 minutes a device's fifth retry comes within the half
    hour, not 160 minutes later when the reminder has long gone stale (issue 17, round 2)."""
    from server.reminders.delivery import backoff

    monkeypatch.setitem(app.config, "PUSH_RETRY_BASE_SECONDS", 600.0)
    with app.app_context():
        waits = [backoff(attempt, None).total_seconds() for attempt in range(1, 6)]
    assert 450 <= waits[0] <= 750
    assert all(w <= 1.25 * 1800 for w in waits), waits


def test_devices_that_failed_together_do_not_all_retry_together(app, person, make_rule, monkeypatch):
    """The ±25 % jitter (docs/reminders-and-alerts.md) spreads the retries of devices that
    failed at once, so a push service that was briefly down is not hit by all of them in the
    same second again. (Seeded, so the test is the same every run.)"""
    monkeypatch.setitem(app.config, "PUSH_RETRY_BASE_SECONDS", 10.0)
    monkeypatch.setattr("server.reminders.delivery.random", random.Random(17))
    devices = [f"d{i}" for i in range(5)]
    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: devices}, answers={d: ["retry", "sent"] for d in devices})
    sent_at = sent_at_seconds(app, push, utc(2026, 6, 3, 0, 0), range(0, 30))
    assert all(len(sent_at[d]) == 2 and sent_at[d][0] == 0 for d in devices), sent_at
    retried_at = {d: sent_at[d][1] for d in devices}  # each device: tried at 0, retried once
    assert all(8 <= s <= 13 for s in retried_at.values())
    assert len(set(retried_at.values())) >= 3, retried_at


def test_gone_subscription_is_forgotten_and_others_still_get_theirs(app, person, make_rule):
    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: ["gone", "ok", "broken"]}, answers={"gone": "gone", "broken": "failed"})
    run_minutes(app, push, utc(2026, 6, 3, 0, 0), 3)
    assert push.forgotten == ["gone"]
    assert sorted(d[2] for d in deliveries(app)) == ["failed", "gone", "sent"]
    assert [s for _, s, _ in occurrences(app)] == ["sent"]


def test_retryable_answer_is_retried_on_a_later_tick(app, person, make_rule):
    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: ["s1"]}, answers={"s1": ["retry", "sent"]})
    run_minutes(app, push, utc(2026, 6, 3, 0, 0), 3)
    assert len(push.sent) == 2
    with app.app_context():
        (status, attempts), = db.session.execute(select(Delivery.status, Delivery.attempts)).all()
    assert (status, attempts) == ("sent", 2)


def test_snooze_action_creates_a_new_occurrence_fifteen_minutes_later(app, person, make_rule):
    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: ["s1"]})
    tick(app, utc(2026, 6, 3, 0, 0), push=push)
    occ_id = push.sent[0].occurrence_id
    with app.app_context():
        for _ in range(2):  # the same action synced twice is one snooze
            action = db.session.get(ReminderAction, "a1") or ReminderAction(
                id="a1", user_id=person, updated_at=utc(2026, 6, 3, 0, 2), device_id="d", deleted=False, seq=0,
                data={"occurrence_id": occ_id, "action": "snooze", "at": "2026-06-03T00:02:00Z"})
            db.session.add(action)
            db.session.commit()
    run_minutes(app, push, utc(2026, 6, 3, 0, 3), 20)
    assert len(push.sent) == 2
    assert push.sent[1].payload["occurrence_id"] != occ_id
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ReminderOccurrence)) == 2


def test_rule_created_after_its_time_does_not_fire_for_the_past(app, person, make_rule):
    make_rule(person, {"kind": "checkin", "times": ["20:00"]}, updated_at=utc(2026, 6, 3, 1, 0))
    push = FakePush({person: ["s1"]})
    tick(app, utc(2026, 6, 3, 1, 5), push=push)
    assert push.sent == []


def test_after_an_outage_an_hourly_reminder_arrives_once_not_once_per_missed_hour(app, person, make_rule, set_quiet):
    set_quiet(person, "00:00", "00:00")
    make_rule(person, {"kind": "checkin", "times": [f"{h:02d}:00" for h in range(24)]})
    push = FakePush({person: ["s1"]})
    tick(app, utc(2026, 6, 2, 21, 59), push=push)
    assert len(push.sent) == 1  # the 17:00 EDT one, from the scheduler's first start
    tick(app, utc(2026, 6, 3, 1, 0), push=push)  # back after three hours, at 21:00 EDT
    assert len(push.sent) == 2
    assert sorted(k for k, s, _ in occurrences(app) if s == "sent") == ["2026-06-02T17:00", "2026-06-02T21:00"]


def test_snooze_of_a_rule_deleted_meanwhile_is_not_sent(app, person, make_rule):
    from server.reminders.models import ReminderRule

    rule_id = make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: ["s1"]})
    tick(app, utc(2026, 6, 3, 0, 0), push=push)
    with app.app_context():
        db.session.add(ReminderAction(id="a9", user_id=person, updated_at=utc(2026, 6, 3, 0, 1), device_id="d",
                                      deleted=False, seq=0, data={"occurrence_id": push.sent[0].occurrence_id,
                                                                  "action": "snooze", "at": "2026-06-03T00:01:00Z"}))
        db.session.commit()
    tick(app, utc(2026, 6, 3, 0, 2), push=push)  # the snooze is now pending for 00:16
    with app.app_context():
        db.session.get(ReminderRule, rule_id).deleted = True
        db.session.commit()
    run_minutes(app, push, utc(2026, 6, 3, 0, 10), 20)
    assert len(push.sent) == 1


def test_done_action_marks_the_occurrence_done(app, person, make_rule):
    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: ["s1"]})
    tick(app, utc(2026, 6, 3, 0, 0), push=push)
    with app.app_context():
        db.session.add(ReminderAction(id="a10", user_id=person, updated_at=utc(2026, 6, 3, 0, 1), device_id="d",
                                      deleted=False, seq=0, data={"occurrence_id": push.sent[0].occurrence_id,
                                                                  "action": "done", "at": "2026-06-03T00:01:00Z"}))
        db.session.commit()
    tick(app, utc(2026, 6, 3, 0, 2), push=push)
    assert [s for _, s, _ in occurrences(app)] == ["done"]


def test_someone_elses_action_changes_nothing(app, person, make_person, make_rule):
    stranger = make_person("UTC")
    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: ["s1"]})
    tick(app, utc(2026, 6, 3, 0, 0), push=push)
    with app.app_context():
        db.session.add(ReminderAction(id="a11", user_id=stranger, updated_at=utc(2026, 6, 3, 0, 1), device_id="d",
                                      deleted=False, seq=0, data={"occurrence_id": push.sent[0].occurrence_id,
                                                                  "action": "snooze", "at": "2026-06-03T00:01:00Z"}))
        db.session.commit()
    run_minutes(app, push, utc(2026, 6, 3, 0, 2), 30)
    assert len(push.sent) == 1


def test_a_person_with_an_unknown_zone_does_not_stop_anyone_else(app, person, make_person, make_rule):
    broken = make_person("Mars/Olympus_Mons")
    make_rule(broken, {"kind": "checkin", "times": ["20:00"]})
    make_rule(person, {"kind": "checkin", "times": ["20:00"]})
    push = FakePush({person: ["s1"], broken: ["s2"]})
    tick(app, utc(2026, 6, 3, 0, 0), push=push)
    assert [m.subscription_id for m in push.sent] == ["s1"]
