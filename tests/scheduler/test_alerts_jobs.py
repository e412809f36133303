"""Analysis work as claimed job rows (issue 13 item 4): disjoint claims, retries, dead letters."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from server.extensions import db
from server.jobs import service as jobs
from server.jobs.models import AnalysisJob
from tests.scheduler.conftest import utc

NOW = utc(2026, 6, 3, 12, 0)


def queue(app, people, kind="refresh"):
    with app.app_context():
        jobs.enqueue(kind, [(p, f"{kind}:{p}") for p in people], NOW)


def statuses(app):
    with app.app_context():
        return dict(db.session.execute(select(AnalysisJob.user_id, AnalysisJob.status)).all())


@pytest.mark.postgresql_only
def test_two_concurrent_claims_return_disjoint_sets(app, second_app, make_person):
    people = [make_person("UTC") for _ in range(120)]
    queue(app, people)
    taken = {"one": [], "two": []}
    barrier = threading.Barrier(2)

    # Both claim in lock-step rounds, so each round is a real race even when the machine is
    # busy and one thread would otherwise drain the queue before the other starts.
    rounds = len(people) // 7 + 2

    def scheduler(which, name):
        with which.app_context():
            for _ in range(rounds):
                barrier.wait(timeout=60)
                taken[name].extend(user for _, user, _ in jobs.claim(NOW, name, "refresh", limit=7))

    threads = [threading.Thread(target=scheduler, args=(a, n)) for a, n in ((app, "one"), (second_app, "two"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert set(taken["one"]).isdisjoint(taken["two"])
    assert sorted(taken["one"] + taken["two"]) == sorted(people)
    assert taken["one"] and taken["two"]  # both got work: neither waited for the other's locks


def test_a_failing_job_is_retried_after_a_wait_then_kept_as_dead(app, make_person):
    good, bad = make_person("UTC"), make_person("UTC")
    queue(app, [good, bad])

    def work(user_id):
        if user_id == bad:
            raise RuntimeError("analysis blew up")

    with app.app_context():
        assert jobs.run("refresh", NOW, "w", work) == {"done": 1, "failed": 1, "dead": 0}
        assert jobs.run("refresh", NOW, "w", work)["failed"] == 0  # waits before the next try
    assert statuses(app) == {good: "done", bad: "pending"}
    later = NOW
    for wait in jobs.BACKOFF:
        later += wait
        with app.app_context():
            result = jobs.run("refresh", later, "w", work)
    assert result == {"done": 0, "failed": 0, "dead": 1}
    with app.app_context():
        job = db.session.scalars(select(AnalysisJob).where(AnalysisJob.user_id == bad)).one()
        assert job.status == "dead" and job.attempts == jobs.MAX_ATTEMPTS and "blew up" in job.error
        assert jobs.run("refresh", later + timedelta(days=1), "w", work)["done"] == 0  # dead stays dead


def test_a_crashed_schedulers_jobs_are_taken_over_after_the_lease(app, make_person):
    person = make_person("UTC")
    queue(app, [person])
    with app.app_context():
        assert [u for _, u, _ in jobs.claim(NOW, "crashed", "refresh")] == [person]
        assert jobs.claim(NOW + timedelta(minutes=1), "other", "refresh") == []  # still leased
        [(_, user, tries)] = jobs.claim(NOW + jobs.LEASE + timedelta(seconds=1), "other", "refresh")
    assert user == person and tries == 2


def test_one_open_refresh_per_person_and_new_data_during_a_run_queues_the_next(app, make_person):
    person = make_person("UTC")
    queue(app, [person])
    queue(app, [person])  # a second scheduler finding the same person: ignored
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(AnalysisJob)) == 1
        jobs.claim(NOW, "w", "refresh")
        assert person in jobs.open_job_users("refresh")  # running: nobody queues it again
    with app.app_context():  # once it is done, new data may queue the next run
        job_id = db.session.scalar(select(AnalysisJob.id))
        jobs.finish(job_id, "w", NOW)
        assert person not in jobs.open_job_users("refresh")
    queue(app, [person])
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(AnalysisJob)) == 2


def test_a_run_ending_while_refresh_looks_for_new_data_is_not_queued_again(app, make_person,
                                                                           monkeypatch):
    """Another scheduler finishes a person's run just after this one saw the person's data
    as newer than their analysis: that person must not be queued and computed twice."""
    import server.insights.service as insights
    from server import scheduler

    person = make_person("UTC")
    queue(app, [person])
    with app.app_context():
        [(job_id, _, _)] = jobs.claim(NOW, "other", "refresh")

    def stale_then_finished():
        jobs.finish(job_id, "other", NOW)  # the other scheduler's run ends right here
        return [person]  # as read a moment before it ended

    monkeypatch.setattr(insights, "users_with_new_checkins", stale_then_finished)
    scheduler.refresh(app, NOW, worker="this")
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(AnalysisJob)) == 1
