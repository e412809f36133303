"""docs/deploy.md's backup and restore, done for real: pg_dump of a live database, pg_restore
into an empty one, and the app started on the copy sees everything, schema at head."""
import os
import shutil
import subprocess

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from server import create_app
from server.demo import DEMO_EMAIL, DEMO_PASSWORD
from server.extensions import db
from tests.conftest import TEST_SETTINGS, fresh_postgres_database

pytestmark = pytest.mark.postgresql_only


def libpq_url(sqlalchemy_url: str) -> str:
    """The plain postgresql:// form pg_dump and pg_restore understand."""
    return make_url(sqlalchemy_url).set(drivername="postgresql").render_as_string(
        hide_password=False)


def table_contents(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, as plain tuples (the restored copy must match)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tables = inspect(conn).get_table_names()
            return {t: sorted(map(tuple, conn.execute(text(f'SELECT * FROM "{t}"'))), key=repr)
                    for t in tables}
    finally:
        engine.dispose()


def test_pg_dump_and_pg_restore_round_trip_keeps_every_row_and_the_app_runs_on_the_copy(
        app, client, db_url, tmp_path):
    for tool in ("pg_dump", "pg_restore"):
        assert shutil.which(tool), f"{tool} (postgresql-client) is needed for backups"
    assert app.test_cli_runner().invoke(args=["demo", "seed", "--days", "60"]).exit_code == 0
    before = table_contents(db_url)
    assert len(before["checkins"]) > 40

    dump = tmp_path / "emberwise.dump"
    subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}",
                    libpq_url(db_url)], check=True)
    with fresh_postgres_database(os.environ["TEST_DATABASE_URL"]) as copy_url:
        subprocess.run(["pg_restore", "--no-owner", "--exit-on-error",
                        f"--dbname={libpq_url(copy_url)}", str(dump)], check=True)
        assert table_contents(copy_url) == before

        restored = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": copy_url})
        try:
            with restored.app_context():
                from alembic.script import ScriptDirectory
                from flask import current_app

                config = current_app.extensions["migrate"].migrate.get_config()
                head = ScriptDirectory.from_config(config).get_current_head()
                version = db.session.execute(text("SELECT version_num FROM alembic_version"))
                assert version.scalar_one() == head
            copy_client = restored.test_client()
            login = copy_client.post("/api/auth/login",
                                     json={"email": DEMO_EMAIL, "password": DEMO_PASSWORD})
            assert login.status_code == 200, login.get_json()
            token = login.get_json()["token"]
            listed = copy_client.get("/api/checkins?page_size=100",
                                     headers={"Authorization": f"Bearer {token}"})
            assert listed.status_code == 200 and len(listed.get_json()) > 40
        finally:
            with restored.app_context():
                db.engine.dispose()
