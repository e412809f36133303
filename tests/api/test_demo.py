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
