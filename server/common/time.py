"""The one place that knows about clocks, instants and local dates."""
import re
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo, available_timezones


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


def today_in(zone: str | None, now: datetime) -> date:
    """The person's current local date in their IANA `zone`; an account without one is on UTC."""
    return local_date(now, zone or "UTC")


# IANA names of the installed time-zone database (the OpenAPI document lists them all),
# less the files that only mean "this server's own zone".
ZONE_NAMES = tuple(sorted(available_timezones() - {"localtime", "posixrules"}))
_ZONES = frozenset(ZONE_NAMES)


def is_valid_zone(name: str) -> bool:
    return name in _ZONES


# Instants the API takes: RFC 3339 date-times ("2026-03-01T08:30:00+01:00", seconds and
# up to nine fraction digits optional, Z or a ±HH:MM offset) in the years 1970–2200. The
# pattern also spells out which days exist (30 April, 29 February only in leap years),
# so it is exact: the OpenAPI document publishes this same pattern, and a year such as 1
# or 9999 never reaches datetime arithmetic, where shifting it by its offset overflows.
FIRST_YEAR, LAST_YEAR = 1970, 2200
_YEAR = r"(19[7-9][0-9]|2[01][0-9]{2}|2200)"
_LEAP_YEAR = r"(19(7[26]|8[048]|9[26])|20([02468][048]|[13579][26])|21(0[48]|[2468][048]|[13579][26]))"
_DATE = (rf"({_YEAR}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|{_YEAR}-(0[13-9]|1[0-2])-(29|30)"
         rf"|{_YEAR}-(0[13578]|1[02])-31|{_LEAP_YEAR}-02-29)")
_TIME = (r"[Tt]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,9})?)?"
         r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])")
INSTANT_PATTERN = f"^{_DATE}{_TIME}$"
_INSTANT = re.compile(INSTANT_PATTERN)
INSTANT_RULE = (f"an ISO 8601 date and time with a UTC offset, in the years {FIRST_YEAR}–{LAST_YEAR}, "
                "e.g. 2026-03-01T08:30:00+01:00")
# Calendar dates in records (a lab's date, a protocol item's start, a PEG-3 week) obey the
# same years: a week starting 9999-12-27 ends in year 10000, which no date can hold.
DATE_PATTERN = f"^{_DATE}$"
DATE_RULE = f"an ISO 8601 date (YYYY-MM-DD) in the years {FIRST_YEAR}–{LAST_YEAR}"


def parse_instant(text: str) -> datetime:
    """Parse an instant written as INSTANT_PATTERN describes into an aware datetime.

    Raises ValueError (its message is INSTANT_RULE) for anything else: malformed text, a
    missing offset (an instant without one is ambiguous, and guessing would misplace
    entries across days) or a year outside 1970–2200.
    """
    if not isinstance(text, str) or not _INSTANT.fullmatch(text):
        raise ValueError(f"Use {INSTANT_RULE}.")
    return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
