"""Engine settings per database: SQLite in WAL mode with foreign keys on."""
from sqlalchemy import event


def configure_engine(engine) -> None:
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    # WAL lets readers work while a writer commits; NORMAL sync is durable across app crashes
    # and loses at most the last commits on power loss, which the PWA's outbox resends.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
