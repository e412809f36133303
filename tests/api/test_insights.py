"""Insights API: load, patterns and forecast per person, served from the stored analysis and
recomputed (by the scheduler's refresh job) exactly when stale."""
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from server.analysis.patterns import MIN_PATTERN_DAYS
from server.extensions import db
from server.insights import service
from server.insights.models import InsightResult
from server.jobs.models import AnalysisJob
from server.scheduler import refresh
from tests.conftest import new_id

START = date(2026, 1, 1)


def post_days(client, headers, days: int, start: date = START, **fields):
    for i in range(days):
        day = start + timedelta(days=i)
        body = {"id": new_id(), "at": f"{day.isoformat()}T20:00:00+00:00",
                "pain": 3 + i % 4, "stress": i % 7, "sleep_hours": 7.0, **fields}
        assert client.post("/api/checkins", json=body, headers=headers).status_code == 201


@pytest.mark.parametrize("path", ["/api/insights/load", "/api/insights/patterns",
                                  "/api/insights/forecast"])
def test_insights_need_a_signed_in_user(client, path):
    response = client.get(path)
    assert response.status_code == 401
    assert set(response.get_json()) >= {"code", "status", "message"}


def test_a_new_person_is_told_how_many_days_are_still_needed(client, auth_headers):
    body = client.get("/api/insights/patterns", headers=auth_headers).get_json()
    assert body["patterns"] == [] and body["data_days"] == 0
    assert body["status"] == "collecting" and body["days_needed"] == MIN_PATTERN_DAYS
    forecast = client.get("/api/insights/forecast", headers=auth_headers).get_json()
    assert forecast["risk"] is None and forecast["horizon_hours"] == 48
    assert forecast["quality"]["beats_baseline"] is False
    assert client.get("/api/insights/load", headers=auth_headers).get_json() == []


def test_the_forecast_that_cannot_predict_yet_says_how_far_the_person_has_come(client, auth_headers):
    """Day 1 and day 14 read the same ("needs about 60 days ... at least 5 flares"), a wait
    with no end in sight: it says what the person has so far, counted as Insights counts."""
    today = datetime.now(timezone.utc).date()
    post_days(client, auth_headers, 14, start=today - timedelta(days=13))
    flare = {"id": new_id(), "at": f"{(today - timedelta(days=3)).isoformat()}T09:00:00+00:00", "pain": 7,
             "flare": True}
    assert client.post("/api/checkins", json=flare, headers=auth_headers).status_code == 201
    forecast = client.get("/api/insights/forecast", headers=auth_headers).get_json()
    assert forecast["status"] == "collecting" and forecast["risk"] is None
    assert forecast["message"].endswith("So far: 14 days with a check-in, 1 flare day marked.")


def test_load_per_local_day_in_the_design_shape_and_date_range(client, auth_headers):
    post_days(client, auth_headers, 10)
    days = client.get("/api/insights/load", headers=auth_headers).get_json()
    assert days[0]["date"] == "2026-01-01"
    assert set(days[0]) == {"date", "score", "contributors", "pain_mean", "flare",
                            "days_needed"}
    # the first 7 days wait for the person's own baseline: no score yet, and how long
    assert [d["days_needed"] for d in days[:7]] == [7, 6, 5, 4, 3, 2, 1]
    recorded = [d for d in days if d["score"] is not None]
    assert len(recorded) == 3 and recorded[0]["pain_mean"] == 6   # day 8: 3 + 7 % 4
    ranged = client.get("/api/insights/load?from=2026-01-03&to=2026-01-05",
                        headers=auth_headers).get_json()
    assert [d["date"] for d in ranged] == ["2026-01-03", "2026-01-04", "2026-01-05"]


def test_bad_range_is_a_422_in_the_project_error_shape(client, auth_headers):
    response = client.get("/api/insights/load?from=2026-02-01&to=2026-01-01",
                          headers=auth_headers)
    assert response.status_code == 422
    assert "from" in response.get_json()["errors"]
    assert client.get("/api/insights/load?from=someday", headers=auth_headers).status_code == 422


def patterns(client, headers):
    """(body, updating) of GET /api/insights/patterns."""
    response = client.get("/api/insights/patterns", headers=headers)
    assert response.status_code == 200
    return response.get_json(), response.headers["X-Analysis-Updating"]


def test_a_new_checkin_shows_after_the_refresh_job_and_fresh_results_are_reused(app, client,
                                                                               auth_headers, user):
    post_days(client, auth_headers, 5)
    first, updating = patterns(client, auth_headers)
    assert first["data_days"] == 5 and updating == "false"  # none stored: computed at once
    with app.app_context():
        computed = db.session.get(InsightResult, user.id).computed_at
    assert patterns(client, auth_headers) == (first, "false")
    with app.app_context():
        assert db.session.get(InsightResult, user.id).computed_at == computed  # not recomputed
    post_days(client, auth_headers, 1, start=START + timedelta(days=5))
    assert patterns(client, auth_headers) == (first, "true")  # the stored one, said to be updating
    refresh(app, datetime.now(timezone.utc) + timedelta(seconds=1))
    body, updating = patterns(client, auth_headers)
    assert body["data_days"] == 6 and updating == "false"


def test_deleting_a_checkin_makes_the_result_stale(app, client, auth_headers):
    post_days(client, auth_headers, 3)
    listed = client.get("/api/checkins", headers=auth_headers).get_json()
    assert patterns(client, auth_headers)[0]["data_days"] == 3
    client.delete(f"/api/checkins/{listed[0]['id']}", headers=auth_headers)
    assert patterns(client, auth_headers)[1] == "true"
    refresh(app, datetime.now(timezone.utc) + timedelta(seconds=1))
    body, updating = patterns(client, auth_headers)
    assert body["data_days"] == 2 and updating == "false"


@pytest.mark.parametrize("path", ["/api/insights/load", "/api/insights/patterns",
                                  "/api/insights/forecast", "/api/insights/overview"])
def test_a_screen_load_never_runs_the_analysis_once_one_is_stored(app, client, auth_headers,
                                                                  user, monkeypatch, path):
    """After a sync the screens answer from the stored analysis and queue one refresh job;
    the analysis runs in the scheduler, not in the request (a web worker held for seconds)."""
    post_days(client, auth_headers, 4)
    before = client.get(path, headers=auth_headers).get_json()
    post_days(client, auth_headers, 2, start=START + timedelta(days=4))

    def analysis_in_the_request(*args, **kwargs):
        raise AssertionError("the request recomputed the analysis")

    monkeypatch.setattr(service, "analyse", analysis_in_the_request)
    for _ in range(2):
        response = client.get(path, headers=auth_headers)
        assert response.status_code == 200
        assert response.get_json() == before and response.headers["X-Analysis-Updating"] == "true"
    with app.app_context():
        queued = db.session.scalars(select(AnalysisJob).where(AnalysisJob.user_id == user.id)).all()
        assert [(job.kind, job.status) for job in queued] == [("refresh", "pending")]
        with_stored = db.session.get(InsightResult, user.id)
        assert with_stored.data_seq < service.latest_data_seq(user.id)


def test_people_only_see_their_own_insights(client, auth_headers, other_headers):
    post_days(client, auth_headers, 4)
    assert client.get("/api/insights/patterns", headers=other_headers).get_json()["data_days"] == 0


def test_enough_days_give_patterns_status_and_a_forecast_with_quality(client, auth_headers):
    post_days(client, auth_headers, MIN_PATTERN_DAYS + 5)
    body = client.get("/api/insights/patterns", headers=auth_headers).get_json()
    assert body["status"] in ("patterns", "no_patterns") and body["days_needed"] == 0
    assert body["data_days"] == MIN_PATTERN_DAYS + 5
    quality = client.get("/api/insights/forecast", headers=auth_headers).get_json()["quality"]
    assert {"auc", "brier", "n_days", "baseline", "beats_baseline"} <= set(quality)


def test_recompute_all_refreshes_only_stale_results(app, client, auth_headers, other_headers):
    post_days(client, auth_headers, 3)
    now = datetime(2026, 1, 4, 12, tzinfo=timezone.utc)
    with app.app_context():
        assert service.recompute_all(now) == {"checked": 2, "recomputed": 2}
        assert service.recompute_all(now) == {"checked": 2, "recomputed": 0}
        assert service.recompute_all(now + timedelta(days=1))["recomputed"] == 2  # a new day
        assert service.recompute_all(now + timedelta(days=1), force=True)["recomputed"] == 2


def test_nightly_due_picks_the_users_at_three_in_the_morning_locally(app, client, auth_headers,
                                                                  user):
    with app.app_context():  # ada registered in Europe/London
        assert service.nightly_due(datetime(2026, 1, 4, 3, 10, tzinfo=timezone.utc)) == [user.id]
        assert service.nightly_due(datetime(2026, 1, 4, 4, 10, tzinfo=timezone.utc)) == []
        assert service.recompute_all(datetime(2026, 1, 4, 3, 10, tzinfo=timezone.utc),
                                     user_ids=[user.id]) == {"checked": 1, "recomputed": 1}


def test_deleting_the_account_removes_the_stored_analysis(app, client, auth_headers, user):
    post_days(client, auth_headers, 2)
    client.get("/api/insights/load", headers=auth_headers)
    with app.app_context():
        assert db.session.get(InsightResult, user.id) is not None
    client.delete("/api/account", headers=auth_headers)
    with app.app_context():
        db.session.expire_all()
        assert db.session.get(InsightResult, user.id) is None
