"""GET /api/insights/overview: the first screen's takeaway and grouped patterns, from the API."""

import re
from datetime import date

from server.analysis.patterns import MIN_PATTERN_DAYS
from server.common.time import utcnow
from tests.analysis.synthetic import synthetic_patient
from tests.conftest import new_id


def sync_checkins(client, headers, checkins):
    """Store check-ins through the sync API (the PWA's own path), in one request."""
    changes = [
        {
            "type": "checkin",
            "id": new_id(),
            "updated_at": utcnow().isoformat(),
            "deleted": False,
            "data": {
                **{k: v for k, v in c.items() if k not in ("id", "at")},
                "at": c["at"].isoformat(),
            },
        }
        for c in checkins
    ]
    body = client.post(
        "/api/sync", json={"device_id": "d1", "cursor": 0, "changes": changes}, headers=headers
    ).get_json()
    assert body["rejected"] == [] and len(body["applied"]) == len(changes)


def test_the_overview_needs_a_signed_in_user(client):
    assert client.get("/api/insights/overview").status_code == 401


def test_a_new_person_gets_the_days_still_needed_and_something_to_do(client, auth_headers):
    body = client.get("/api/insights/overview", headers=auth_headers).get_json()
    assert body["status"] == "collecting" and body["days_needed"] == MIN_PATTERN_DAYS
    assert body["groups"] == []
    tk = body["takeaway"]
    assert tk["headline"] == f"No patterns yet — {MIN_PATTERN_DAYS} more days of check-ins."
    assert tk["practice"]["href"] == "#/breathing"
    assert body["week"]["text"] == "No check-ins in the last seven days yet."


def test_a_first_check_in_reads_as_one_day_not_1_days(client, auth_headers):
    now = utcnow()
    sync_checkins(client, auth_headers, [{"at": now, "pain": 6}])
    body = client.get("/api/insights/overview", headers=auth_headers).get_json()
    assert body["week"]["text"] == "This week: pain 6 on the one day with a check-in."
    assert (
        body["takeaway"]["headline"]
        == f"No patterns yet — {MIN_PATTERN_DAYS - 1} more days of check-ins."
    )
    assert body["takeaway"]["recent"].startswith("1 day so far.")


def test_a_long_history_gives_grouped_patterns_and_a_takeaway_about_this_week(client, auth_headers):
    person = synthetic_patient(7, days=200)
    shift = utcnow().date() - person.today  # the history ends today, so "this week" has data
    sync_checkins(client, auth_headers, [{**c, "at": c["at"] + shift} for c in person.checkins])
    patterns = client.get("/api/insights/patterns", headers=auth_headers).get_json()
    body = client.get("/api/insights/overview", headers=auth_headers).get_json()
    assert body["status"] == "patterns" and body["groups"]
    told = sorted(i for g in body["groups"] for i in g["patterns"])
    assert told == list(range(len(patterns["patterns"])))  # every pattern, in exactly one group
    # the API passes on where each pattern counts its days from (the app words nights by it)
    assert {p["counted_from"] for p in patterns["patterns"]} <= {"day", "night"}
    assert all(p["counted_from"] == "night" for p in patterns["patterns"]
               if p["factors"] == ["sleep_hours"])
    tk = body["takeaway"]
    assert tk["kind"] == "pattern" and tk["evidence_href"].startswith("#/insights/patterns/")
    assert tk["topic"] in {g["key"] for g in body["groups"]}
    assert re.search(r"last 7 days|this week", tk["recent"])  # it speaks of this week's days
    week = body["week"]
    assert week["days"] >= 3 and week["pain_mean"] is not None
    assert (date.fromisoformat(week["to"]) - date.fromisoformat(week["from"])).days == 6
