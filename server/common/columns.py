"""Column types that behave the same on SQLite and PostgreSQL."""
from datetime import timezone

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
