"""Pooled database connections the server ended are replaced before a request uses them
(server/database.py checks them without a round trip per request)."""
import time

import psycopg
import pytest

from tests.conftest import new_id

pytestmark = pytest.mark.postgresql_only


def post(client, headers):
    body = {"id": new_id(), "at": "2026-03-01T08:30:00+01:00", "pain": 4}
    return client.post("/api/checkins", json=body, headers=headers)


def test_a_connection_the_server_ended_is_replaced_not_answered_with_a_500(app, client, auth_headers):
    assert post(client, auth_headers).status_code == 201  # the pool now holds a used connection
    url = app.config["SQLALCHEMY_DATABASE_URI"].replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as admin:
        ended = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchone()[0]
    assert ended >= 1
    time.sleep(0.2)  # the server's goodbye reaches the pooled socket
    response = post(client, auth_headers)
    assert response.status_code == 201, response.get_json()
    assert len(client.get("/api/checkins", headers=auth_headers).get_json()) == 2
