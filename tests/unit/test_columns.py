"""UTCDateTime's short ways on SQLite write exactly the text SQLAlchemy's own processor
would (every stored instant is compared as text there, so one character of difference
would misorder rows written by the two) and read back exactly what it would."""
import random
from datetime import datetime, timedelta, timezone

from sqlalchemy.dialects import sqlite
from sqlalchemy.types import TypeDecorator

from server.common.columns import UTCDateTime, _sqlite_text


def test_sqlite_instants_are_written_as_sqlalchemy_writes_them():
    column, dialect = UTCDateTime(), sqlite.dialect()
    assert column._cached_bind_processor(dialect) is _sqlite_text  # the short way is the one used
    sqlalchemys = TypeDecorator.bind_processor(column.dialect_impl(dialect), dialect)
    rng = random.Random(13)
    for _ in range(5000):
        at = datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(
            seconds=rng.uniform(0, 7e9), microseconds=rng.choice([0, rng.randrange(10**6)]))
        at = at.astimezone(timezone(timedelta(minutes=rng.randrange(-720, 841, 15))))
        for value in (at, at.replace(tzinfo=None), at.replace(microsecond=0), None):
            assert _sqlite_text(value) == sqlalchemys(value), value


def test_sqlite_instants_are_read_as_sqlalchemy_reads_them():
    column, dialect = UTCDateTime(), sqlite.dialect()
    ours = column._cached_result_processor(dialect, None)
    assert ours.__name__ == "read"  # the short way is the one used
    sqlalchemys = TypeDecorator.result_processor(column.dialect_impl(dialect), dialect, None)
    write = column._cached_bind_processor(dialect)
    rng = random.Random(13)
    texts = ["2026-03-01 06:30:05", "2026-03-01", None]
    for _ in range(5000):
        at = datetime(1970, 1, 1) + timedelta(seconds=rng.uniform(0, 7e9),
                                              microseconds=rng.choice([0, rng.randrange(10**6)]))
        texts.append(write(at))
    for text in texts:
        assert ours(text) == sqlalchemys(text), text
        assert text is None or ours(text).tzinfo is timezone.utc
