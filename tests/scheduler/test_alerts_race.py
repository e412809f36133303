"""Several schedulers evaluating the same people at once: no unique-key errors, one event each."""

from __future__ import annotations

import logging
import threading

import pytest
from sqlalchemy import func, select

from server.alerts.models import AlertEvent, AlertSettings, AlertState
from server.alerts.service import evaluate_person
from server.extensions import db
from tests.scheduler.conftest import utc
from tests.scheduler.test_alerts import Series


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

