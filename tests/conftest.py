"""Shared fixtures: a migrated database (SQLite, or PostgreSQL via TEST_DATABASE_URL), the app,
clients, and signed-in users."""
import os
import uuid
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from server import create_app
from server.extensions import db

PASSWORD = "correct horse battery"
# Cheap scrypt in tests; a test pins the production default separately.
TEST_SETTINGS = {"TESTING": True, "SCRYPT_N": 2**10}


@contextmanager
def fresh_postgres_database(base_url: str, prefix: str | None = None, durable: bool = False):
    """A new, empty database on the server of `base_url`, dropped afterwards; named
    `<prefix>_<random>` (prefix: the base database's name).

    Each test run gets its own database, so parallel runs on one server never collide.
    The benches share it (bench/*.py); a bench that times commits passes `durable=True`.
    """
    url = make_url(base_url)
    name = f"{prefix or url.database}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
        if not durable:
            # A test database need not survive a power cut: commits skip the wait for the disk
            # (seconds over thousands of requests). Row locks, ON CONFLICT and the rest are the same.
            conn.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def pytest_configure(config):
    """In CI a missing PostgreSQL is a failure, not a quiet run on SQLite alone: the row
    locks, ON CONFLICT and SKIP LOCKED paths are only exercised there."""
    if os.environ.get("CI") and "postgresql" not in BACKENDS:
        raise pytest.UsageError("CI is set but TEST_DATABASE_URL is not: the PostgreSQL tests "
                                "would be skipped. Run .ci/run, or set TEST_DATABASE_URL.")


@pytest.fixture
def node():
    """node, for tests that run the PWA's JavaScript: skips without it, fails in CI."""
    from tests.node import require_node
    return require_node()


BROWSER_TESTS = Path(__file__).parent / "e2e"


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgresql_only` (e.g. racing schedulers, which need row locks) run only
    on the PostgreSQL backend: their SQLite copies are deselected, not reported as skips.
    Without TEST_DATABASE_URL they are skipped with that reason.

    The browser tests (tests/e2e) run on one backend: PostgreSQL, the production database,
    when TEST_DATABASE_URL is set. Their subject is the PWA; every route and sync path they
    use runs on both backends in the API and sync tests, and a browser test costs seconds."""
    keep, dropped = [], []
    for item in items:
        on_sqlite = "postgresql" in BACKENDS and "[sqlite" in item.nodeid
        if item.get_closest_marker("postgresql_only") is None:
            if on_sqlite and BROWSER_TESTS in item.path.parents:
                dropped.append(item)
            else:
                keep.append(item)
        elif on_sqlite:
            dropped.append(item)
        else:
            if "postgresql" not in BACKENDS:
                item.add_marker(pytest.mark.skip(reason="needs PostgreSQL: set TEST_DATABASE_URL"))
            keep.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep
    items.sort(key=slow_first)


#: Tests that take tens of seconds each, or modules whose fixtures do (measured with
#: `--durations`, docs/architecture.md "Tests and checks"), longest first. They run first, so that
#: pytest-xdist (`--dist worksteal`) fills the rest of each worker's time with short tests
#: instead of starting a long one when the other worker has nothing left to do. Order
#: within each group and of everything else is unchanged (a stable sort); every worker
#: sorts the same collection the same way, as xdist requires.
SLOW_FIRST = (
    "tests/push/test_scheduler_processes.py",
    "tests/api/test_schemathesis.py",
    "tests/scheduler/test_next_due.py",
    "tests/scheduler/test_alerts_personal.py",
    "tests/api/test_demo.py",
    "tests/analysis/test_accuracy.py",
    "tests/analysis/test_signs_and_pairs.py",
    "tests/analysis/test_sparse.py",
    "tests/analysis/test_forecast.py",
    "tests/analysis/test_claims.py",
    "tests/scheduler/test_claims.py",
    "tests/scheduler/test_tick.py",
)


def slow_first(item) -> int:
    path = item.nodeid.split("::")[0]
    return SLOW_FIRST.index(path) if path in SLOW_FIRST else len(SLOW_FIRST)


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    """backend -> URL of a database migrated to head, made on first use and kept until the
    session ends. pytest finalises a parametrised session fixture whenever the next test
    wants the other parameter, and a worker of pytest-xdist gets the backends interleaved:
    without this each switch migrated a new database again (~2 s, more under load)."""
    made: dict[str, str] = {}
    with ExitStack() as stack:
        def url_for(backend: str) -> str:
            if backend not in made:
                if backend == "postgresql":
                    url = stack.enter_context(
                        fresh_postgres_database(os.environ["TEST_DATABASE_URL"]))
                else:
                    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
                _migrate(url)
                made[backend] = url
            return made[backend]

        yield url_for


@pytest.fixture(scope="session", params=BACKENDS)
def db_url(request, databases):
    """URL of a database migrated to head: SQLite always, PostgreSQL too when
    TEST_DATABASE_URL is set — every database test runs on each."""
    return databases(request.param)


def _migrate(url: str) -> None:
    from flask_migrate import upgrade

    app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def apps():
    """database URL -> its app, kept until the session ends (see `databases`)."""
    made: dict[str, object] = {}
    yield made
    for app in made.values():
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def shared_app(db_url, apps):
    """One app per database and test process: building one registers every route and the
    whole OpenAPI document (~0.2 s), which once per test was a large share of `make test`.
    Each test still starts from a blank app: `app` restores this state afterwards."""
    if db_url not in apps:
        apps[db_url] = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": db_url})
    return apps[db_url]


@pytest.fixture
def app(shared_app):
    """The app on an empty database. What a test changes on it — settings, extension state
    (push sender, VAPID keys, scheduler marks), the WSGI callable, rows — is undone after."""
    app = shared_app
    config = dict(app.config)
    extensions = dict(app.extensions)
    wsgi_app = app.wsgi_app
    yield app
    app.config.clear()
    app.config.update(config)
    app.extensions.clear()
    app.extensions.update(extensions)
    app.wsgi_app = wsgi_app
    with app.app_context():
        db.session.remove()
        empty_tables()


def empty_tables() -> None:
    """Delete every row, children before parents (the migrated schema has foreign keys).
    On PostgreSQL the DELETEs go in one round trip (~2 ms instead of ~13 ms after each test;
    TRUNCATE is far slower on tables this small)."""
    tables = list(reversed(db.metadata.sorted_tables))
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            quote = conn.dialect.identifier_preparer.format_table
            conn.exec_driver_sql("; ".join(f"DELETE FROM {quote(table)}" for table in tables))
        else:
            for table in tables:
                conn.execute(table.delete())


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def register(client, email: str, password: str = PASSWORD, zone: str = "Europe/London") -> dict:
    """Register `email`, sign in (registering alone never does) and return the
    Authorization header of the session."""
    response = client.post("/api/auth/register",
                           json={"email": email, "password": password, "timezone": zone})
    assert response.status_code == 202, response.get_json()
    login = client.post("/api/auth/login", json={"email": email, "password": password})
    assert login.status_code == 200, login.get_json()
    return {"Authorization": f"Bearer {login.get_json()['token']}"}


@pytest.fixture
def auth_headers(client):
    return register(client, "ada@example.org")


@pytest.fixture
def other_headers(client):
    return register(client, "bob@example.org")


@pytest.fixture
def user(app, auth_headers):
    from server.accounts.models import User

    with app.app_context():
        return db.session.query(User).filter_by(email="ada@example.org").one()


def new_id() -> str:
    return str(uuid.uuid4())
