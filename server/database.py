"""Engine settings per database (SQLite in WAL mode, foreign keys on, deleted content
zeroed), and what an erasure needs beyond DELETE."""
import logging

from sqlalchemy import event

log = logging.getLogger(__name__)


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
    # Deleted rows are overwritten with zeros in the database file instead of lingering in
    # free space until reused (docs/security.md, "Erasure"). ON, not FAST: FAST leaves
    # whole freed pages as they were, and erasing an account frees whole pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def erase_freed_space(engine) -> None:
    """After an erasure has committed: on SQLite, copy the write-ahead log into the
    database and truncate it, so the -wal file keeps no older copy of what was deleted.
    PostgreSQL keeps dead rows until VACUUM (docs/security.md, "Erasure")."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        # TRUNCATE waits (busy_timeout) for readers of older snapshots to finish first.
        busy, _frames, _copied = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    if busy:
        log.warning("WAL checkpoint after an erasure was blocked by a long reader: deleted "
                    "rows stay in the -wal file until a later TRUNCATE checkpoint")
