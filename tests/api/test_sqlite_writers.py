"""SQLite writers queue on a lock file beside the database (server/database.py): a second
writer waits while the first holds its transaction and goes on once it is given back."""
import threading
import time

import pytest
from sqlalchemy import update

from server.accounts.models import User
from server.extensions import db


def test_a_second_writer_waits_for_the_first_then_goes_on(app, user):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("the writers' queue is SQLite's")
        users = User.__table__
        done = threading.Event()

        def second_writer():
            with app.app_context(), db.engine.begin() as conn:
                conn.execute(update(users).values(name="second"))
            done.set()

        first = db.engine.connect()
        first.execute(update(users).values(name="first"))  # holds the queue until returned
        thread = threading.Thread(target=second_writer, daemon=True)
        thread.start()
        time.sleep(0.3)
        assert not done.is_set()  # queued behind the first writer
        first.rollback()
        first.close()  # back to the pool: the queue moves on
        assert done.wait(10)
        thread.join()
        with db.engine.connect() as conn:
            assert conn.execute(users.select()).first().name == "second"
