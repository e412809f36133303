"""Engine settings per database (SQLite in WAL mode, foreign keys on, deleted content
zeroed), and what an erasure needs beyond DELETE."""
import fcntl
import logging
import os
import select
import time

from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError

log = logging.getLogger(__name__)


def configure_engine(engine) -> None:
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        queue_sqlite_writers(engine)
    else:
        check_connections_on_checkout(engine)


# Statements that never take SQLite's write lock (by their first six characters).
_READS = ("SELECT", "PRAGMA")


def queue_sqlite_writers(engine) -> None:
    """Writers to one SQLite file wait for each other in a queue, not by polling.

    SQLite lets one transaction write at a time; one that finds the write lock taken
    sleeps 1, 2, 5, 10 … ms (its busy handler) and tries again, however soon the lock is
    given back. With two gunicorn workers posting check-ins, a worker slept at about every
    other POST, at four workers close to half their time (bench/api.py, bench/README.md).
    So before a connection's first write of a transaction, it takes an exclusive lock on a
    file beside the database (`<database>-writers`, flock: the kernel wakes the next waiter
    the moment it is released) and keeps it until the connection goes back to the pool,
    after its commit or rollback. Every writer of this code takes it before SQLite's own
    lock, always in that order, so the two cannot deadlock; a process that dies lets go of
    it. Another program writing to the file (the sqlite3 shell) still meets SQLite's lock
    and its busy handler as before.
    """
    path = engine.url.database
    if not path or path == ":memory:" or path.startswith("file:"):
        return  # a database in memory belongs to one connection
    lock_path = f"{path}-writers"

    @event.listens_for(engine, "connect")
    def _open(_dbapi_connection, record):
        record.info["writers_fd"] = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)

    @event.listens_for(engine, "before_cursor_execute")
    def _before_write(conn, _cursor, statement, _parameters, _context, _executemany):
        if statement.lstrip()[:6].upper() not in _READS:
            hold_sqlite_writers_lock(conn.connection.info)

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection, record):
        if record is not None and record.info.pop("writers_held", None):
            fcntl.flock(record.info["writers_fd"], fcntl.LOCK_UN)

    @event.listens_for(engine, "close")
    def _closed(_dbapi_connection, record):
        record.info.pop("writers_held", None)
        fd = record.info.pop("writers_fd", None)
        if fd is not None:
            os.close(fd)  # lets go of the lock too, if held


def hold_sqlite_writers_lock(info: dict) -> None:
    """Take the writers' queue lock (queue_sqlite_writers) for the pooled connection whose
    `info` this is, unless it holds it already; it is let go when the connection goes back
    to the pool. For code that writes on the driver's connection without SQLAlchemy's
    events (the check-in fast lane): call it before the first write. Does nothing on a
    database with no queue (PostgreSQL, SQLite in memory)."""
    if "writers_held" in info or "writers_fd" not in info:
        return
    fcntl.flock(info["writers_fd"], fcntl.LOCK_EX)
    info["writers_held"] = True


# A pooled connection unused for longer than this is pinged before use (a round trip).
PING_AFTER_IDLE_SECONDS = 30.0


def check_connections_on_checkout(engine) -> None:
    """Hand out only live connections, without a round trip per request.

    pool_pre_ping sends a query on every checkout: on the check-in POST that was one of
    five round trips and a twentieth of its CPU. Instead: a connection back from a request
    within the last PING_AFTER_IDLE_SECONDS is only looked at — when the server ends a
    connection (a restart, a terminated backend, an idle timeout) it sends a message and
    closes the socket, so a socket with something to read while the connection sat idle in
    the pool is pinged, and replaced when the ping fails. A connection idle for longer is
    always pinged (a firewall may have dropped it without a word). What this does not catch:
    a connection cut silently within those seconds; its request fails once (500) and the
    pool is emptied (SQLAlchemy invalidates every pooled connection on a disconnect error).
    """

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection, record):
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection, record, _proxy):
        idle = time.monotonic() - record.info.get("returned_at", float("-inf"))
        if idle < PING_AFTER_IDLE_SECONDS and not _has_input(dbapi_connection):
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # the pool replaces the connection and retries
            raise DisconnectionError(f"connection check failed: {error}") from error


def _has_input(dbapi_connection) -> bool:
    """True when the server sent something to a connection no query is waiting on."""
    try:
        readable, _, _ = select.select([dbapi_connection.fileno()], [], [], 0)
    except (OSError, ValueError, AttributeError):
        return True  # no socket to look at: let the ping decide
    return bool(readable)


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
