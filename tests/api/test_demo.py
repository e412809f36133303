"""`flask demo seed`: a demo account a newcomer can sign in to, with believable history."""
from server.demo import DEMO_EMAIL, DEMO_PASSWORD


def test_demo_seed_prints_credentials_that_sign_in(app, client):
    result = app.test_cli_runner().invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    assert DEMO_EMAIL in result.output and DEMO_PASSWORD in result.output
    login = client.post("/api/auth/login", json={"email": DEMO_EMAIL, "password": DEMO_PASSWORD})
    assert login.status_code == 200


def demo_checkins(app, client):
    app.test_cli_runner().invoke(args=["demo", "seed"])
    token = client.post("/api/auth/login", json={
        "email": DEMO_EMAIL, "password": DEMO_PASSWORD}).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    rows, page = [], 1
    while True:
        batch = client.get(f"/api/checkins?page={page}&page_size=100", headers=headers).get_json()
        rows += batch
        if len(batch) < 100:
            return rows
        page += 1


def test_demo_history_has_gaps_flares_and_boom_days(app, client):
    rows = demo_checkins(app, client)
    days = {r["local_date"] for r in rows}
    assert 130 <= len(days) < 180  # about six months, with missed days
    assert sum(1 for r in rows if r.get("flare")) >= 5
    assert sum(1 for r in rows if r.get("activity_minutes", 0) >= 140) >= 8
    assert {r["pain"] for r in rows} >= {2, 4, 6}


def test_seeding_again_replaces_rather_than_doubles(app, client):
    first = len(demo_checkins(app, client))
    assert len(demo_checkins(app, client)) == first


def demo_headers(app, client):
    app.test_cli_runner().invoke(args=["demo", "seed"])
    token = client.post("/api/auth/login", json={
        "email": DEMO_EMAIL, "password": DEMO_PASSWORD}).get_json()["token"]
    return {"Authorization": f"Bearer {token}"}


def test_demo_has_alerts_a_personal_warning_with_its_record_and_a_peg3_history(app, client):
    headers = demo_headers(app, client)
    events = client.get("/api/alerts", headers=headers).get_json()["events"]
    personal = [e for e in events if e["rule"].startswith("w:")]
    assert personal and any(not e["rule"].startswith("w:") for e in events)
    assert all(e["explanation"].startswith("From your own data: ") for e in personal)
    assert all(e["details"]["suggestion"]["text"] for e in personal)
    signs = client.get("/api/alerts/signs", headers=headers).get_json()
    recorded = [s for s in signs["signs"] if s["record"]["warned"] > 0]
    assert recorded and all(s["record"]["base_rate"] is not None for s in recorded)
    assert any(f["record"]["warned"] > 0 for f in signs["fixed"])
    pulled = client.post("/api/sync", headers=headers,
                         json={"device_id": "laptop", "cursor": 0, "changes": []}).get_json()["changes"]
    weeks = sorted(c["data"]["week_start"] for c in pulled if c["type"] == "peg3")
    assert len(weeks) == 12 and len(set(weeks)) == 12
