"""/api/imports end to end: chunked upload, reading, idempotence, undo, bad files, privacy."""
import io
import zipfile
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, update

from server.accounts.models import User
from server.extensions import db
from server.health_import.models import HealthDay, HealthImport, HealthImportChunk, HealthImportDay
from tests.health_import.exports import apple_xml, every_export, zipped
from tests.health_import.uploads import health_days, send, start, upload

SMALL_CHUNK = 4096  # several chunks even for the small fixtures


@pytest.fixture
def app(app):
    app.config["IMPORT_WAIT_SECONDS"] = 60  # the finish answer carries the result in tests
    return app


def count(app, model, **where):
    with app.app_context():
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return db.session.execute(query).scalar_one()


def sync_seq(app, email="ada@example.org"):
    with app.app_context():
        return db.session.execute(select(User.sync_seq).where(User.email == email)).scalar_one()


@pytest.mark.parametrize("source", ["apple_health", "google_fit", "health_connect", "fitbit", "oura", "garmin"])
def test_each_format_imports_in_one_step_and_reaches_the_devices(client, auth_headers, tmp_path, source):
    name, data = every_export(tmp_path)[source]
    status, body = upload(client, auth_headers, name, data, SMALL_CHUNK)
    assert status == 200, body
    assert body["state"] == "done" and [s["key"] for s in body["sources"]] == [source]
    assert body["summary"]["days"] >= 3 and body["summary"]["new"] == body["summary"]["days"]
    days = health_days(client, auth_headers)
    assert len(days) == body["summary"]["days"]
    assert days["2026-03-27"]["sleep_hours"] > 6
    assert set(days["2026-03-27"]["sources"].values()) == {source}


def test_values_and_provenance_of_one_day(client, auth_headers):
    _, done = upload(client, auth_headers, "export.zip", zipped("apple_health"))
    assert done["summary"]["fields"] == {"sleep_hours": 2, "night_wakings": 2, "activity_minutes": 2,
                                         "steps": 2, "resting_heart_rate": 2, "hrv_sdnn": 1}
    assert (done["summary"]["first_date"], done["summary"]["last_date"]) == ("2026-03-27", "2026-03-29")
    day = health_days(client, auth_headers)["2026-03-27"]
    assert day == {"date": "2026-03-27", "sleep_hours": 7.25, "night_wakings": 1, "steps": 2900,
                   "activity_minutes": 24, "resting_heart_rate": 58, "hrv_sdnn": 45,
                   "sources": dict.fromkeys(["sleep_hours", "night_wakings", "activity_minutes",
                                             "resting_heart_rate", "hrv_sdnn", "steps"], "apple_health")}


def test_the_same_export_twice_adds_nothing(app, client, auth_headers):
    data = zipped("apple_health")
    _, first = upload(client, auth_headers, "export.zip", data)
    seq = sync_seq(app)
    status, second = upload(client, auth_headers, "export (1).zip", data)
    assert status == 200 and second["summary"]["duplicate_of"] == first["id"]
    assert second["summary"]["days"] == 0 and sync_seq(app) == seq
    assert count(app, HealthImportDay) == first["summary"]["days"]
    assert client.delete(f"/api/imports/{second['id']}", headers=auth_headers).status_code == 204
    assert len(health_days(client, auth_headers)) == 3  # removing the repeat took nothing away


def test_the_same_data_in_a_new_file_changes_nothing(app, client, auth_headers):
    upload(client, auth_headers, "export.zip", zipped("apple_health"))
    seq, before = sync_seq(app), health_days(client, auth_headers)
    status, again = upload(client, auth_headers, "export.xml", apple_xml())  # unzipped: new bytes
    assert status == 200 and "duplicate_of" not in again["summary"]
    assert (again["summary"]["new"], again["summary"]["changed"]) == (0, 0)
    assert again["summary"]["unchanged"] == 3
    assert sync_seq(app) == seq and health_days(client, auth_headers) == before


def test_undo_takes_back_one_import_as_a_unit(app, client, auth_headers):
    _, done = upload(client, auth_headers, "export.zip", zipped("apple_health"))
    cursor = sync_seq(app)
    response = client.post(f"/api/imports/{done['id']}/undo", headers=auth_headers)
    assert response.status_code == 200 and response.get_json()["state"] == "undone"
    assert response.get_json()["summary"]["undone_days"] == 3
    assert health_days(client, auth_headers) == {}
    pulled = client.post("/api/sync", headers=auth_headers,
                         json={"device_id": "phone", "cursor": cursor, "changes": []}).get_json()
    assert {c["deleted"] for c in pulled["changes"]} == {True} and len(pulled["changes"]) == 3
    again = client.post(f"/api/imports/{done['id']}/undo", headers=auth_headers)
    assert again.status_code == 200 and sync_seq(app) == cursor + 3  # undoing twice is harmless
    assert count(app, HealthImportDay) == 0


def test_undoing_a_later_import_brings_the_earlier_values_back(client, auth_headers):
    upload(client, auth_headers, "export.zip", zipped("apple_health"))
    _, later = upload(client, auth_headers, "garmin.zip", zipped("garmin"))
    assert health_days(client, auth_headers)["2026-03-27"]["sleep_hours"] == 7.02
    assert health_days(client, auth_headers)["2026-03-27"]["hrv_sdnn"] == 45  # Garmin gave no HRV
    client.post(f"/api/imports/{later['id']}/undo", headers=auth_headers)
    day = health_days(client, auth_headers)["2026-03-27"]
    assert day["sleep_hours"] == 7.25 and day["sources"]["sleep_hours"] == "apple_health"


def test_an_undone_import_can_be_imported_again(client, auth_headers):
    data = zipped("apple_health")
    _, first = upload(client, auth_headers, "export.zip", data)
    client.post(f"/api/imports/{first['id']}/undo", headers=auth_headers)
    status, again = upload(client, auth_headers, "export.zip", data)
    assert status == 200 and again["summary"]["new"] == 3
    assert len(health_days(client, auth_headers)) == 3


def test_a_night_the_person_deleted_stays_deleted_when_the_same_data_comes_again(client, auth_headers):
    """A deleted id stays deleted unless the person restores it, whichever writer brings it
    again (docs/sync.md): a new file with the same nights must not bring back the one the
    person removed on their phone (an import undone and redone may; that is the importer's own)."""
    upload(client, auth_headers, "export.zip", zipped("apple_health"))
    body = client.post("/api/sync", headers=auth_headers,
                       json={"device_id": "phone", "cursor": 0, "changes": []}).get_json()
    night = next(c for c in body["changes"] if c["type"] == "health_day" and c["data"]["date"] == "2026-03-27")
    removed = client.post("/api/sync", headers=auth_headers, json={"device_id": "phone", "cursor": 0, "changes": [
        {"type": "health_day", "id": night["id"], "base_version": night["version"], "base": night["data"],
         "updated_at": night["updated_at"], "deleted": True}]}).get_json()
    assert removed["applied"] == [night["id"]]
    status, again = upload(client, auth_headers, "export.xml", apple_xml())  # new bytes, same nights
    assert status == 200 and again["summary"]["new"] == 0
    assert sorted(health_days(client, auth_headers)) == ["2026-03-28", "2026-03-29"]


def test_an_interrupted_upload_resumes_where_the_server_is(client, auth_headers):
    data = apple_xml()
    record = start(client, auth_headers, "export.xml", data)
    url = f"/api/imports/{record['id']}/content"
    first = client.put(f"{url}?offset=0", headers=auth_headers, data=data[:5000])
    assert first.get_json()["received"] == 5000
    gap = client.put(f"{url}?offset=9000", headers=auth_headers, data=data[9000:12000])
    assert gap.status_code == 409 and gap.get_json()["errors"] == {"offset": ["Expected 5000."]}
    # The answer to the first chunk was lost: the device sends it again, and more.
    retry = client.put(f"{url}?offset=0", headers=auth_headers, data=data[:5000])
    assert retry.status_code == 200 and retry.get_json()["received"] == 5000
    overlap = client.put(f"{url}?offset=4000", headers=auth_headers, data=data[4000:8000])
    assert overlap.get_json()["received"] == 8000
    early = client.post(f"/api/imports/{record['id']}/finish", headers=auth_headers)
    assert early.status_code == 409 and "8000 of" in early.get_json()["message"]
    resumed = client.get(f"/api/imports/{record['id']}", headers=auth_headers).get_json()
    send(client, auth_headers, resumed, data, SMALL_CHUNK)
    finish = client.post(f"/api/imports/{record['id']}/finish", headers=auth_headers)
    assert finish.status_code == 200 and finish.get_json()["summary"]["days"] == 3


def test_chunks_stay_under_the_request_limit_and_large_files_are_allowed(app, client, auth_headers):
    record = start(client, auth_headers, "export.zip", b"x" * 10)
    assert record["chunk_size"] < app.config["MAX_CONTENT_LENGTH"]
    big = client.post("/api/imports", headers=auth_headers, json={"filename": "export.zip", "size": 600 * 1024**2})
    assert big.status_code == 201  # far above the 4 MB body limit: chunks carry it
    too_big = client.post("/api/imports", headers=auth_headers,
                          json={"filename": "export.zip", "size": app.config["IMPORT_MAX_BYTES"] + 1})
    assert too_big.status_code == 413 and "larger than" in too_big.get_json()["message"]
    over = client.put(f"/api/imports/{record['id']}/content?offset=0", headers=auth_headers, data=b"x" * 11)
    assert over.status_code == 422


@pytest.mark.parametrize("name,data,message", [
    ("export.zip", zipped("apple_health")[:1500], "damaged or incomplete"),
    ("export.xml", apple_xml()[:9000], "cut off"),
    ("holiday.jpg", b"\xff\xd8\xff\xe0" + bytes(5000), "not a health export"),
    ("garmin.zip", None, "sleepData.json is damaged"),
])
def test_a_bad_file_gets_a_clear_answer_and_saves_nothing(app, client, auth_headers, name, data, message):
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as broken:
            good = zipfile.ZipFile(io.BytesIO(zipped("garmin")))
            for info in good.infolist():
                content = good.read(info)
                broken.writestr(info.filename, content[: len(content) // 2] if "sleepData" in info.filename else content)
        data = buffer.getvalue()
    upload(client, auth_headers, "export.zip", zipped("oura"))  # something already saved
    before = health_days(client, auth_headers)
    status, body = upload(client, auth_headers, name, data, SMALL_CHUNK)
    assert status == 422 and message in body["message"]
    assert body["errors"] == {"file": [body["message"]]}
    failed = client.get("/api/imports", headers=auth_headers).get_json()[0]
    assert failed["state"] == "failed" and failed["error"] == body["message"]
    assert health_days(client, auth_headers) == before
    assert count(app, HealthImportChunk) == 0  # the failed file's bytes are not kept
    assert count(app, HealthImportDay, import_id=failed["id"]) == 0


def test_a_failure_while_saving_leaves_nothing_half_imported(app, client, auth_headers, monkeypatch):
    """The file read fine, and saving failed after some of its days were written: the import
    says it failed and none of its days stay (processing.py rolls the whole save back)."""
    from server.health_import import processing

    real = processing.refresh_days

    def fails_after_writing(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("the database went away half way")

    upload(client, auth_headers, "export.zip", zipped("oura"))  # something already saved
    before = health_days(client, auth_headers)
    monkeypatch.setattr(processing, "refresh_days", fails_after_writing)
    upload(client, auth_headers, "export.zip", zipped("apple_health"))
    failed = client.get("/api/imports", headers=auth_headers).get_json()[0]
    assert failed["state"] == "failed" and "Nothing from it was saved" in failed["error"]
    assert health_days(client, auth_headers) == before
    assert count(app, HealthImportDay, import_id=failed["id"]) == 0


def test_days_after_the_persons_today_are_not_imported(app, client, auth_headers, monkeypatch):
    """A watch with its clock set ahead (or a file from a zone ahead of the person's) can hold
    tomorrow: it is skipped and counted, never shown as a day that has not happened yet."""
    from server.health_import import processing

    monkeypatch.setattr(processing, "utcnow", lambda: datetime(2026, 3, 28, 12, 0, tzinfo=timezone.utc))
    _, done = upload(client, auth_headers, "export.zip", zipped("apple_health"))  # 27–29 March
    assert done["summary"]["future_days_skipped"] == 1 and done["summary"]["last_date"] == "2026-03-28"
    assert sorted(health_days(client, auth_headers)) == ["2026-03-27", "2026-03-28"]


def test_a_failed_or_unfinished_import_can_be_removed_but_a_done_one_must_be_undone(app, client, auth_headers):
    record = start(client, auth_headers, "export.zip", b"x" * 100)
    send(client, auth_headers, record, b"x" * 50)
    assert client.delete(f"/api/imports/{record['id']}", headers=auth_headers).status_code == 204
    assert count(app, HealthImportChunk) == 0
    _, done = upload(client, auth_headers, "export.zip", zipped("apple_health"))
    refused = client.delete(f"/api/imports/{done['id']}", headers=auth_headers)
    assert refused.status_code == 409 and "Undo" in refused.get_json()["message"]


def test_imports_are_private(client, auth_headers, other_headers):
    _, done = upload(client, auth_headers, "export.zip", zipped("apple_health"))
    for method, path in (("get", ""), ("post", "/undo"), ("post", "/finish"), ("delete", "")):
        response = getattr(client, method)(f"/api/imports/{done['id']}{path}", headers=other_headers)
        assert response.status_code == 404
    assert client.get("/api/imports", headers=other_headers).get_json() == []
    assert health_days(client, other_headers) == {}


def test_someone_elses_import_of_the_same_days_never_fills_in_mine(client, auth_headers, other_headers):
    """Two people import watches covering the same nights: each sees only their own. (Without
    the person filter in merge.py, the later importer's days took the other's HRV, marked as
    from Apple Health: issue 17, round 2.)"""
    upload(client, auth_headers, "export.zip", zipped("apple_health"))
    _, theirs = upload(client, other_headers, "garmin.zip", zipped("garmin"))
    assert theirs["state"] == "done"
    days = health_days(client, other_headers)
    assert days and all(set(d["sources"].values()) == {"garmin"} for d in days.values())
    assert "hrv_sdnn" not in days["2026-03-27"]  # Garmin gave no HRV; Ada's Apple Health did
    assert health_days(client, auth_headers)["2026-03-27"]["sleep_hours"] == 7.25  # and hers stand


def test_stale_uploads_are_dropped_and_open_ones_are_limited(app, client, auth_headers):
    records = [start(client, auth_headers, f"part{i}.zip", b"x" * 10) for i in range(3)]
    assert client.post("/api/imports", headers=auth_headers, json={"filename": "4.zip", "size": 9}).status_code == 409
    with app.app_context():
        db.session.execute(update(HealthImport).where(HealthImport.id == records[0]["id"])
                           .values(updated_at=datetime.now(timezone.utc) - timedelta(days=3)))
        db.session.commit()
    assert client.post("/api/imports", headers=auth_headers, json={"filename": "4.zip", "size": 9}).status_code == 201
    assert client.get(f"/api/imports/{records[0]['id']}", headers=auth_headers).status_code == 404


def test_an_import_whose_worker_died_is_taken_over(app, client, auth_headers):
    data = zipped("garmin")
    record = send(client, auth_headers, start(client, auth_headers, "garmin.zip", data), data)
    with app.app_context():  # as if a worker had claimed it and died
        db.session.execute(update(HealthImport).where(HealthImport.id == record["id"]).values(
            state="processing", phase="reading", lease_until=datetime.now(timezone.utc) - timedelta(seconds=1)))
        db.session.commit()
    for _ in range(200):
        body = client.get(f"/api/imports/{record['id']}", headers=auth_headers).get_json()
        if body["state"] != "processing":
            break
        import time
        time.sleep(0.05)
    assert body["state"] == "done" and body["summary"]["days"] == 3


def test_export_includes_imports_and_deletion_erases_them(app, client, auth_headers):
    upload(client, auth_headers, "export.zip", zipped("apple_health"))
    half = start(client, auth_headers, "other.zip", b"y" * 20)
    send(client, auth_headers, half, b"y" * 10)
    export = client.get("/api/account/export", headers=auth_headers).get_json()["data"]
    assert len(export["health_days"]) == 3 and len(export["health_import_days"]) == 3
    assert {r["filename"] for r in export["health_imports"]} == {"export.zip", "other.zip"}
    assert "health_import_chunks" not in export  # raw upload bytes are not health data to hand out
    response = client.delete("/api/account", headers=auth_headers, json={"password": "correct horse battery"})
    assert response.status_code in (200, 204), response.get_json()
    for model in (HealthImport, HealthImportChunk, HealthImportDay, HealthDay):
        assert count(app, model) == 0, model.__tablename__


def test_devices_cannot_write_a_malformed_health_day(client, auth_headers):
    bad = {"type": "health_day", "id": "0b6f4b7e-2a4c-4d44-9a55-3b3b8f4a1c21", "updated_at": "2026-03-27T08:00:00+00:00",
           "deleted": False, "data": {"date": "2026-03-27", "sleep_hours": 31, "sources": {"sleep_hours": "myspace"}}}
    body = client.post("/api/sync", headers=auth_headers,
                       json={"device_id": "phone", "cursor": 0, "changes": [bad]}).get_json()
    assert set(body["rejected"][0]["errors"]) == {"data.sleep_hours", "data.sources.sleep_hours.value"}


def test_the_analysis_follows_an_import(app, client, auth_headers):
    from server.insights.service import users_with_new_checkins
    from server.scheduler import refresh

    client.post("/api/checkins", headers=auth_headers, json={
        "id": "6c0f1d2e-3b4a-4c5d-8e6f-7a8b9c0d1e2f", "at": "2026-03-29T20:00:00+01:00", "pain": 5})
    url = "/api/insights/load?from=2026-03-01&to=2026-03-31"
    before = [d["date"] for d in client.get(url, headers=auth_headers).get_json()]
    assert before[0] == "2026-03-29"
    with app.app_context():
        assert users_with_new_checkins() == []
    upload(client, auth_headers, "export.zip", zipped("apple_health"))
    with app.app_context():
        assert len(users_with_new_checkins()) == 1  # the scheduler refreshes after an import too
    assert client.get(url, headers=auth_headers).headers["X-Analysis-Updating"] == "true"
    refresh(app, datetime.now(timezone.utc) + timedelta(seconds=1))
    after = [d["date"] for d in client.get(url, headers=auth_headers).get_json()]
    assert after[:3] == ["2026-03-27", "2026-03-28", "2026-03-29"]  # the imported nights count


@pytest.mark.postgresql_only
def test_two_imports_saved_at_once_both_count(app, client, auth_headers):
    import threading

    from server.health_import import processing

    ids = []
    for name, data in (("export.zip", zipped("apple_health")), ("garmin.zip", zipped("garmin"))):
        ids.append(send(client, auth_headers, start(client, auth_headers, name, data), data)["id"])
    with app.app_context():
        db.session.execute(update(HealthImport).where(HealthImport.id.in_(ids)).values(state="processing"))
        db.session.commit()

    def run(import_id):  # two workers of two processes, each with its own import
        with app.app_context():
            processing.process(import_id)
            db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    day = health_days(client, auth_headers)["2026-03-27"]
    assert day["hrv_sdnn"] == 45 and day["sleep_hours"] == 7.02  # Apple's HRV and the later Garmin night
    assert day["sources"]["hrv_sdnn"] == "apple_health" and day["sources"]["sleep_hours"] == "garmin"


def test_a_status_request_does_not_wait_for_the_reader_saving_the_import(app, client, auth_headers, db_url):
    """While the reader writes an import's result (a long transaction for a year of data) the
    PWA keeps asking for progress. Those requests must not queue behind the writer: before,
    each tried to re-claim the import, which on SQLite waited out the busy timeout and
    answered 500 ("database is locked"; seen in bench/import_memory.py with a 500 MB file).
    PostgreSQL passes either way (an UPDATE whose WHERE fails does not wait for the row)."""
    import sqlite3
    import threading

    from sqlalchemy import create_engine, text

    data = zipped("garmin")
    record = send(client, auth_headers, start(client, auth_headers, "garmin.zip", data), data)
    with app.app_context():  # a live worker is reading it
        db.session.execute(update(HealthImport).where(HealthImport.id == record["id"]).values(
            state="processing", phase="saving", lease_until=datetime.now(timezone.utc) + timedelta(minutes=2)))
        db.session.commit()
    answers = []
    poll = threading.Thread(target=lambda: answers.append(
        client.get(f"/api/imports/{record['id']}", headers=auth_headers)))
    if db_url.startswith("sqlite"):  # the writer holds the database's one write lock
        writer = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        release = writer.close
    else:  # the writer holds the import's row
        engine = create_engine(db_url)
        connection = engine.connect()
        transaction = connection.begin()
        connection.execute(text("SELECT id FROM health_imports WHERE id = :id FOR UPDATE"), {"id": record["id"]})
        release = lambda: (transaction.rollback(), connection.close(), engine.dispose())  # noqa: E731
    try:
        poll.start()
        poll.join(30)  # generous: the fixed code answers at once; the old one waited 10 s, then failed
        answered_while_locked = not poll.is_alive()
    finally:
        release()
        poll.join()
    assert answered_while_locked
    assert answers[0].status_code == 200, answers[0].get_json()
    assert answers[0].get_json()["state"] == "processing"


def test_bytes_left_by_a_finished_import_are_swept_by_the_next_upload(app, client, auth_headers):
    status, body = upload(client, auth_headers, "garmin.zip", zipped("garmin"), SMALL_CHUNK)
    assert status == 200 and count(app, HealthImportChunk) == 0  # dropped right after saving
    with app.app_context():  # as if the worker had stopped while dropping them
        db.session.add(HealthImportChunk(import_id=body["id"], start=0, data=b"left over"))
        db.session.commit()
    start(client, auth_headers, "next.zip", b"x" * 10)
    assert count(app, HealthImportChunk, import_id=body["id"]) == 0
