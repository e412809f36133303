"""POST /api/sync: replay, bad records, cross-user ids and paging under concurrent writes.
Conflicts, clocks, tombstones and races are in test_conflicts.py."""
import threading

from tests.conftest import new_id
from tests.sync.conftest import change, server_checkins, stamp, sync


def test_new_changes_are_applied_and_visible(client, auth_headers):
    changes = [change(pain=p) for p in (2, 4, 6)]
    result = sync(client, auth_headers, changes)
    assert sorted(result["applied"]) == sorted(c["id"] for c in changes)
    assert result["rejected"] == [] and result["changes"] == []  # no echo of its own writes
    assert result["cursor"] == 3
    assert sorted(c["pain"] for c in server_checkins(client, auth_headers)) == [2, 4, 6]


def test_replaying_a_request_changes_nothing(client, auth_headers):
    changes = [change(pain=3), change(pain=7)]
    first = sync(client, auth_headers, changes)
    again = sync(client, auth_headers, changes, cursor=first["cursor"])
    assert sorted(again["applied"]) == sorted(first["applied"])
    assert again["cursor"] == first["cursor"] and again["changes"] == []
    assert len(server_checkins(client, auth_headers)) == 2


def test_a_request_resent_after_its_answer_was_lost_is_not_sent_back(client, auth_headers):
    """The phone's answer was lost on a bad connection, so it resends the same check-ins from
    its old cursor: it is told they are applied, with their versions, and is not sent its own
    records back as if they were someone else's news (issue 17, round 2)."""
    changes = [change(pain=3), change(pain=7)]
    first = sync(client, auth_headers, changes)
    again = sync(client, auth_headers, changes, cursor=0)
    assert again["versions"] == first["versions"] and again["changes"] == []
    assert again["cursor"] == first["cursor"]


def test_one_bad_record_never_blocks_the_rest(client, auth_headers):
    good = change(pain=4)
    bad_value = change(pain=42)
    bad_type = {**change(), "type": "spaceship"}
    bad_id = {**change(), "id": "not-a-uuid"}
    bad_time = {**change(), "updated_at": "last tuesday"}
    result = sync(client, auth_headers, [bad_value, good, bad_type, bad_id, bad_time, "junk"])
    assert result["applied"] == [good["id"]]
    errors = {r["id"]: r["errors"] for r in result["rejected"]}
    assert "data.pain" in errors[bad_value["id"]]
    assert "type" in errors[bad_type["id"]]
    assert "id" in errors["not-a-uuid"]
    assert "updated_at" in errors[bad_time["id"]]
    assert len(result["rejected"]) == 5


def test_another_persons_id_is_rejected_never_overwritten(client, auth_headers, other_headers):
    mine = change(pain=5)
    sync(client, auth_headers, [mine])
    theirs = sync(client, other_headers, [{**mine, "updated_at": stamp(60),
                                           "data": {**mine["data"], "pain": 0}}])
    assert theirs["applied"] == [] and theirs["rejected"][0]["id"] == mine["id"]
    assert server_checkins(client, auth_headers)[0]["pain"] == 5
    assert sync(client, other_headers)["changes"] == []  # nothing of mine leaks to them


def test_rest_and_sync_see_the_same_records(client, auth_headers):
    record_id = new_id()
    client.post("/api/checkins", headers=auth_headers,
                json={"id": record_id, "at": "2026-03-01T08:00:00+00:00", "pain": 3})
    pulled = sync(client, auth_headers)
    assert [(c["id"], c["data"]["pain"]) for c in pulled["changes"]] == [(record_id, 3)]


def test_pull_pages_with_has_more(client, auth_headers):
    sync(client, auth_headers, [change(pain=i % 11) for i in range(25)], device="seed")
    seen, cursor, pages = [], 0, 0
    while True:
        page = sync(client, auth_headers, cursor=cursor, device="new", limit=10)
        seen += [c["id"] for c in page["changes"]]
        cursor, pages = page["cursor"], pages + 1
        if not page["has_more"]:
            break
    assert pages == 3 and len(seen) == len(set(seen)) == 25


def test_a_phone_that_pushes_while_it_has_pages_to_catch_up_on_misses_nothing(client, auth_headers):
    """A phone back online sends its own check-in and pulls, 10 at a time, the 25 the tablet
    made meanwhile: the cursor it is given must not jump past the pages it has not read
    because its own write is newer than them (issue 17, round 2)."""
    tablet = [change(pain=i % 11) for i in range(25)]
    sync(client, auth_headers, tablet, device="tablet")
    mine = change(pain=7)
    page = sync(client, auth_headers, [mine], cursor=0, device="phone", limit=10)
    seen = [c["id"] for c in page["changes"]]
    while page["has_more"]:
        page = sync(client, auth_headers, cursor=page["cursor"], device="phone", limit=10)
        seen += [c["id"] for c in page["changes"]]
    # every one of the tablet's, once (its own may come back on a later page, with its version)
    assert sorted(i for i in seen if i != mine["id"]) == sorted(c["id"] for c in tablet)
    assert sync(client, auth_headers, cursor=page["cursor"], device="phone")["changes"] == []


def test_paging_under_concurrent_writes_misses_nothing(app, client, auth_headers):
    """A reader paging while another device writes ends up with every record exactly once."""
    writer_ids = []

    def writer():
        local = app.test_client()
        for _ in range(15):
            batch = [change(pain=3) for _ in range(4)]
            writer_ids.extend(c["id"] for c in batch)
            sync(local, auth_headers, batch, device="writer")

    thread = threading.Thread(target=writer)
    thread.start()
    seen, cursor = {}, 0
    while True:
        page = sync(client, auth_headers, cursor=cursor, device="reader", limit=7)
        for c in page["changes"]:
            seen[c["id"]] = seen.get(c["id"], 0) + 1
        cursor = page["cursor"]
        if not page["has_more"] and not thread.is_alive():
            break
    thread.join()
    final = sync(client, auth_headers, cursor=cursor, device="reader")
    for c in final["changes"]:
        seen[c["id"]] = seen.get(c["id"], 0) + 1
    assert set(seen) == set(writer_ids) and set(seen.values()) == {1}


def test_request_level_errors_use_the_error_shape(client, auth_headers):
    response = client.post("/api/sync", headers=auth_headers, json={"cursor": -1, "changes": {}})
    body = response.get_json()
    assert response.status_code == 422
    assert {"device_id", "cursor", "changes"} <= set(body["errors"])
    too_many = client.post("/api/sync", headers=auth_headers,
                           json={"device_id": "x", "changes": [{}] * 1001})
    assert too_many.status_code == 422




def test_a_device_sending_a_change_gets_what_others_wrote_since_its_cursor(client, auth_headers):
    """A push answers with other devices' writes after the cursor, whether the device was
    behind or up to date, and never echoes its own."""
    first = sync(client, auth_headers, [change(pain=1)], device="phone")
    from_tablet = change(pain=2)
    sync(client, auth_headers, [from_tablet], cursor=first["cursor"], device="tablet")
    behind = sync(client, auth_headers, [change(pain=3)], cursor=first["cursor"], device="phone")
    assert [c["id"] for c in behind["changes"]] == [from_tablet["id"]]
    assert behind["cursor"] == 3
    up_to_date = sync(client, auth_headers, [change(pain=4)], cursor=behind["cursor"], device="phone")
    assert up_to_date["changes"] == [] and up_to_date["cursor"] == 4
    assert sync(client, auth_headers, cursor=4, device="phone")["changes"] == []
    assert [c["data"]["pain"] for c in sync(client, auth_headers, cursor=1, device="laptop")["changes"]] == [2, 3, 4]
