"""The one place that knows about clocks, instants and local dates."""
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def utcnow() -> datetime:
    """The current instant as an aware UTC datetime."""
    return datetime.now(timezone.utc)


def as_utc(at: datetime) -> datetime:
    """Aware datetime in UTC; naive values (SQLite returns them) are taken to be UTC already."""
    if at.tzinfo is None:
        return at.replace(tzinfo=timezone.utc)
    return at.astimezone(timezone.utc)


def local_date(at: datetime, zone: str | None = None) -> date:
    """The calendar date at instant `at` in IANA `zone`; without a zone, the date at `at`'s own offset.

    A check-in's own offset is where the person was when they recorded it, so that is the
    default: a night-shift entry at 23:30+02:00 belongs to that evening, not to UTC's next day.
    """
    if zone:
        return at.astimezone(ZoneInfo(zone)).date()
    return at.date()


def is_valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def parse_instant(text: str) -> datetime:
    """Parse ISO 8601 with a UTC offset (or Z) into an aware datetime.

    Raises ValueError for malformed text or a missing offset: an instant without an
    offset is ambiguous, and guessing would misplace entries across days.
    """
    value = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError("a UTC offset is required, e.g. 2026-03-01T08:30:00+01:00")
    return value
