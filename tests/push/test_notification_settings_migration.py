"""Moving quiet hours and the daily cap to notification_settings keeps every saved choice."""
from sqlalchemy import create_engine, text

from server import create_app


def test_upgrade_keeps_saved_quiet_hours_and_cap_and_downgrade_restores_them(tmp_path):
    from flask_migrate import downgrade, upgrade

    url = f"sqlite:///{tmp_path / 'move.sqlite'}"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    engine = create_engine(url)
    with app.app_context():
        upgrade(revision="security_sign_in")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO users (id, email, password_hash, timezone, created_at, sync_seq) "
                              "VALUES (1, 'a@example.org', 'x', 'UTC', '2026-01-01 00:00:00', 0)"))
            conn.execute(text("INSERT INTO alert_settings (user_id, enabled, thresholds, quiet_start, quiet_end, "
                              "daily_cap) VALUES (1, '{}', '{}', '23:30', '06:15', 4)"))
        upgrade(revision="notification_settings")
        with engine.connect() as conn:
            moved = conn.execute(text("SELECT quiet_start, quiet_end, daily_cap FROM notification_settings "
                                      "WHERE user_id = 1")).one()
        assert tuple(moved) == ("23:30", "06:15", 4)
        downgrade(revision="security_sign_in")
        with engine.connect() as conn:
            back = conn.execute(text("SELECT quiet_start, quiet_end, daily_cap FROM alert_settings")).one()
        assert tuple(back) == ("23:30", "06:15", 4)
    engine.dispose()
