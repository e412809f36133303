"""Several schedulers evaluating people at once: no unique-key errors, one event each, and no
one person's evaluation holding up another's."""

from __future__ import annotations

import logging
import threading

import pytest
from sqlalchemy import func, select

from server.alerts import personal
from server.alerts.models import AlertEvent, AlertSettings, AlertState, WarningSign
from server.alerts.service import evaluate_person
from server.extensions import db
from tests.scheduler.conftest import Series, utc


@pytest.fixture
def other_apps(other_process):
    return [other_process() for _ in range(2)]


@pytest.mark.postgresql_only
def test_three_schedulers_evaluating_new_people_log_no_errors(app, other_apps, make_person, caplog):
    people = [make_person("UTC") for _ in range(25)]
    series = Series()
    for day in range(1, 31):  # every day of the series is a spike: one alert per person
        series.acwr[utc(2026, 6, day).date()] = 2.0
    now = utc(2026, 6, 30, 18, 0)
    barrier = threading.Barrier(3)
    results, errors = [], []

    def scheduler(which):
        try:
            with which.app_context():
                barrier.wait()
                for person in people:
                    evaluate_person(person, now, series)
                results.append(len(people))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    with caplog.at_level(logging.ERROR):
        threads = [threading.Thread(target=scheduler, args=(a,)) for a in (app, *other_apps)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == [] and results == [25, 25, 25]
    assert [r.message for r in caplog.records if r.levelno >= logging.ERROR] == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AlertSettings)) == 25
        per_person = db.session.execute(select(AlertState.user_id, func.count()).group_by(AlertState.user_id)).all()
        assert {n for _, n in per_person} == {5} and len(per_person) == 25
        events = db.session.execute(select(AlertEvent.user_id, AlertEvent.rule)).all()
    assert sorted(events) == sorted((p, "acwr_spike") for p in people)


@pytest.mark.postgresql_only
def test_my_warning_signs_open_at_once_while_a_scheduler_is_evaluating_someone_else(
        app, second_app, client, user, other_headers, monkeypatch):
    """Each evaluation marks the signs its analysis no longer backs inactive, for that person
    only (personal.kept_signs). Without the person filter it wrote, and so locked until its
    commit, every other person's signs: my list waited for the whole of someone else's
    evaluation, and two schedulers evaluating two people could deadlock (issue 17, round 2,
    row 66 of the planted-bug table in docs/architecture.md: no other test saw it)."""
    now = utc(2026, 6, 30, 18, 0)
    with app.app_context():
        db.session.add(WarningSign(user_id=user.id, key="w:old", kind="precursor", found_on=now.date(),
                                   sign={"key": "w:old", "window_days": 3}, active=True, muted=False))
        db.session.commit()
    inside, release = threading.Event(), threading.Event()
    records = personal.sign_records

    def held_after_kept_signs(*args, **kwargs):  # the rest of the evaluation, slowed right down
        if threading.current_thread().name == "scheduler":
            inside.set()
            release.wait(timeout=300)
        return records(*args, **kwargs)

    monkeypatch.setattr(personal, "sign_records", held_after_kept_signs)

    def scheduler():
        with second_app.app_context():
            evaluate_person(user.id, now, Series())  # Ada's analysis backs no sign now

    answers = []
    evaluating = threading.Thread(target=scheduler, name="scheduler")
    opening = threading.Thread(target=lambda: answers.append(client.get("/api/alerts/signs", headers=other_headers)))
    evaluating.start()
    try:
        assert inside.wait(timeout=30), "the evaluation never reached its signs"
        opening.start()
        # The evaluation is held until `release`, so a list that waits for its locks is still
        # waiting here however long we give it; 60 s only keeps a slow machine from looking
        # like that (a passing run ends as soon as the list is served).
        opening.join(timeout=60)
        held_up = opening.is_alive()
    finally:
        release.set()
        evaluating.join(timeout=300)
        opening.join(timeout=300)
    assert not held_up, "Bob's warning signs waited for Ada's evaluation to commit"
    assert answers[0].status_code == 200 and answers[0].get_json()["signs"] == []
    with app.app_context():
        assert db.session.get(WarningSign, (user.id, "w:old")).active is False
