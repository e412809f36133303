"""Column types that behave the same on SQLite and PostgreSQL."""
from datetime import datetime, timedelta, timezone

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator

from server.common.time import as_utc


class UTCDateTime(TypeDecorator):
    """An instant stored in UTC and always read back as an aware UTC datetime.

    SQLite keeps no offset and would store 08:30+02:00 as a naive 08:30; converting to UTC
    on the way in keeps every instant right on both databases.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        utc = as_utc(value)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)

    def bind_processor(self, dialect):
        """On SQLite, the text SQLAlchemy would store ("YYYY-MM-DD HH:MM:SS.ffffff" in UTC)
        made by one isoformat call instead of process_bind_param and a %-format of seven
        fields: half the cost of writing an instant, two per pushed check-in. Checked against
        SQLAlchemy's own processor when built; any difference keeps SQLAlchemy's."""
        default = super().bind_processor(dialect)
        if dialect.name != "sqlite" or default is None:
            return default
        samples = (datetime(2026, 3, 1, 8, 30, 5, 120, tzinfo=timezone(timedelta(hours=2))),
                   datetime(1970, 1, 1, tzinfo=timezone.utc), datetime(2200, 12, 31, 23, 59, 59, 999999),
                   datetime(2026, 3, 29, 1, 0, tzinfo=timezone(timedelta(hours=-9, minutes=-30))))
        if any(_sqlite_text(sample) != default(sample) for sample in samples):
            return default
        return _sqlite_text


    def result_processor(self, dialect, coltype):
        """On SQLite, the stored text read by datetime.fromisoformat (C) when it has the one
        form SQLAlchemy writes, else by SQLAlchemy's processor: two instants per pulled
        check-in. Checked against SQLAlchemy's own processor when built."""
        default = super().result_processor(dialect, coltype)
        if dialect.name != "sqlite" or default is None:
            return default
        samples = ("2026-03-01 06:30:05.000120", "1970-01-01 00:00:00.000000", "2200-12-31 23:59:59.999999",
                   "2026-03-01 06:30:05", "2026-03-01")

        def read(value):
            if value is not None and len(value) == 26:
                return datetime.fromisoformat(value).replace(tzinfo=timezone.utc)
            return default(value)

        if any(read(sample) != default(sample) for sample in samples):
            return default
        return read


def _sqlite_text(value):
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value.isoformat(" ", "microseconds")
