"""Due-time computation for reminder rules in the person's own IANA time zone (pure: no Flask, no DB).

Decisions (documented here because tests pin them):

* Daylight saving, spring forward: a local time that does not exist that night (02:30 in
  New York on the spring-forward night) fires once, at the first valid instant after the
  gap (03:00 local), not an hour later as ``fold=0`` arithmetic would give.
* Daylight saving, fall back: a local time that happens twice (01:30 in New York on the
  fall-back night) fires once, at its first occurrence (``fold=0``).
* Quiet hours (local ``start``-``end``, may cross midnight, ``start == end`` means none):
  ``breathing`` reminders inside quiet hours are suppressed (a breathing practice is
  not worth waking for, nor useful hours later); ``checkin`` and ``protocol`` reminders
  are deferred to the end of quiet hours (the check-in is still worth doing, and a
  protocol item should never vanish silently); ``bedtime`` reminders ignore quiet hours,
  because the person set them relative to their own bedtime, which usually lies inside
  them. A rule may override this with ``quiet: "suppress" | "defer" | "ignore"``.
* Bedtime rules remind ``minutes_before`` the target bedtime; when that crosses midnight
  (bedtime 00:30, 60 minutes before) the reminder belongs to the previous local date, and
  the weekday filter applies to the reminder's own local date.
* Weekdays are ISO numbers, 1 = Monday ... 7 = Sunday; an empty list means every day.
* The occurrence key is ``"YYYY-MM-DDTHH:MM"`` of the *scheduled* local date and time, so
  it is unique per (rule id, local date and time) however the due instant was resolved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

KINDS = ("breathing", "bedtime", "checkin", "protocol")
QUIET_POLICY = {"breathing": "suppress", "bedtime": "ignore", "checkin": "defer", "protocol": "defer"}

# How long after its due time a reminder is still worth sending (a scheduler that was down
# sends what is still inside this window once, and lets the rest expire).
# Kept equal to the push TTLs of server.push.payloads.KINDS: a protocol reminder much
# later could prompt a badly timed dose; a breathing prompt an hour late just nags.
FRESHNESS = {
    "breathing": timedelta(minutes=30),
    "bedtime": timedelta(minutes=45),
    "checkin": timedelta(hours=4),
    "protocol": timedelta(hours=1),
    "alert": timedelta(hours=12),
}
DEFAULT_SNOOZE_MINUTES = 15


@dataclass(frozen=True)
class ReminderRule:
    """One reminder rule as the scheduler needs it (the synced record's ``data`` plus its id)."""

    id: str
    kind: str
    times: tuple[str, ...] = ()
    weekdays: tuple[int, ...] = ()
    bedtime: str | None = None
    minutes_before: int = 0
    enabled: bool = True
    snooze_minutes: int = DEFAULT_SNOOZE_MINUTES
    quiet: str | None = None
    not_before: datetime | None = field(default=None, compare=False)

    @classmethod
    def from_data(cls, rule_id: str, data: dict, not_before: datetime | None = None) -> ReminderRule:
        """Build from a synced ``reminder_rule`` record's ``data``; unknown keys are ignored."""
        return cls(
            id=rule_id,
            kind=data["kind"],
            times=tuple(data.get("times") or ()),
            weekdays=tuple(data.get("weekdays") or ()),
            bedtime=data.get("bedtime"),
            minutes_before=int(data.get("minutes_before") or 0),
            enabled=bool(data.get("enabled", True)),
            snooze_minutes=int(data.get("snooze_minutes") or DEFAULT_SNOOZE_MINUTES),
            quiet=data.get("quiet"),
            not_before=not_before,
        )

    def quiet_policy(self) -> str:
        """``"suppress"``, ``"defer"`` or ``"ignore"``: what quiet hours do to this rule's reminders."""
        return self.quiet or QUIET_POLICY[self.kind]


@dataclass(frozen=True)
class QuietHours:
    """Local wall-clock quiet hours; ``start == end`` means no quiet hours."""

    start: str = "22:00"
    end: str = "07:00"

    def contains(self, t: time) -> bool:
        """True when local wall time ``t`` falls in [start, end), across midnight if needed."""
        s, e = parse_hhmm(self.start), parse_hhmm(self.end)
        if s == e:
            return False
        if s < e:
            return s <= t < e
        return t >= s or t < e


class Occurrence(NamedTuple):
    """One due reminder: ``due_utc`` is aware UTC; key/date/time are the scheduled local slot."""

    occurrence_key: str
    local_date: date
    local_time: time
    due_utc: datetime
    rule_id: str = ""
    kind: str = ""
    expires_utc: datetime | None = None


def parse_hhmm(text: str) -> time:
    """Parse ``"HH:MM"`` (00:00-23:59); raises ValueError otherwise."""
    hours, minutes = text.split(":")
    if len(hours) != 2 or len(minutes) != 2:
        raise ValueError(f"not HH:MM: {text!r}")
    return time(int(hours), int(minutes))


@lru_cache(maxsize=65536)
def resolve_local(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant a local wall time means on ``day``.

    Ambiguous times (fall back) resolve to their first occurrence; non-existent times
    (spring forward) to the first valid instant after the gap.
    """
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=zone, fold=0)
    if _exists(first):
        return first.astimezone(UTC)
    # In the gap: before the transition the old offset applies (fold=1 of a gap time is
    # an instant *before* the transition); walk forward minute by minute to the gap's end.
    probe = naive
    for _ in range(24 * 60):
        probe += timedelta(minutes=1)
        candidate = probe.replace(tzinfo=zone)
        if _exists(candidate):
            return candidate.astimezone(UTC)
    raise ValueError(f"no valid local time after {naive} in {zone}")  # pragma: no cover


def _exists(local: datetime) -> bool:
    """True when the aware local datetime survives a round trip through UTC (not in a gap)."""
    back = local.astimezone(UTC).astimezone(local.tzinfo)
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


def slot_times(rule: ReminderRule) -> list[tuple[int, time]]:
    """(day offset, local time) pairs a rule fires at; bedtime may move to the day before."""
    if rule.kind == "bedtime":
        if not rule.bedtime:
            return []
        target = datetime.combine(date(2000, 1, 2), parse_hhmm(rule.bedtime))
        remind = target - timedelta(minutes=rule.minutes_before)
        return [((remind.date() - target.date()).days, remind.time())]
    return sorted({(0, parse_hhmm(t)) for t in rule.times})


def occurrences(
    rule: ReminderRule, start: datetime, end: datetime, zone: ZoneInfo | str, quiet: QuietHours | None = None
) -> list[Occurrence]:
    """Occurrences of ``rule`` whose due instant lies in [start, end) (aware datetimes).

    Returns them sorted by due instant. A disabled rule has none; occurrences before
    ``rule.not_before`` (when the rule was created or last edited) are left out, so a new
    rule never fires for a time that had already passed. Two slots of one rule that
    resolve to the same instant (02:30 and 03:00 on a spring-forward night) fire once.
    """
    zone = ZoneInfo(zone) if isinstance(zone, str) else zone
    if not rule.enabled:
        return []
    found: dict[datetime, Occurrence] = {}
    slots = slot_times(rule)
    # A bedtime slot of local day D fires on D - 1, and a gap moves a time forward by
    # at most hours, so one day of margin either side covers the window.
    first_day = start.astimezone(zone).date() - timedelta(days=1)
    last_day = end.astimezone(zone).date() + timedelta(days=1)
    day = first_day
    while day <= last_day:
        for offset, at in slots:
            occ = _occurrence(rule, day, offset, at, zone, quiet, start, end)
            if occ and start <= occ.due_utc < end and not _before_rule(rule, occ):
                found.setdefault(occ.due_utc, occ)
        day += timedelta(days=1)
    return sorted(found.values(), key=lambda o: o.due_utc)


def _before_rule(rule: ReminderRule, occ: Occurrence) -> bool:
    return rule.not_before is not None and occ.due_utc < rule.not_before


def _occurrence(rule, day, offset, at, zone, quiet, start, end) -> Occurrence | None:
    """The occurrence for one (local date, slot), or None when filtered, suppressed or
    certainly outside [start, end) (checked early: this runs for every rule every tick)."""
    local_day = day + timedelta(days=offset)
    if rule.weekdays and local_day.isoweekday() not in rule.weekdays:
        return None
    due = resolve_local(local_day, at, zone)
    if due >= end:
        return None  # deferral only moves a reminder later
    if _quiet_applies(rule, quiet) and quiet.contains(due.astimezone(zone).time()):
        if rule.quiet_policy() == "suppress":
            return None
        due = quiet_end_after(due, zone, quiet)
    elif due < start:
        return None
    key = f"{local_day.isoformat()}T{at.strftime('%H:%M')}"
    return Occurrence(key, local_day, at, due, rule.id, rule.kind, expiry(rule, due))


def _quiet_applies(rule: ReminderRule, quiet: QuietHours | None) -> bool:
    return quiet is not None and rule.quiet_policy() != "ignore"


def quiet_end_after(instant: datetime, zone: ZoneInfo, quiet: QuietHours) -> datetime:
    """The first end of quiet hours strictly after ``instant`` (aware UTC result)."""
    end = parse_hhmm(quiet.end)
    local_day = instant.astimezone(zone).date()
    for step in range(3):
        candidate = resolve_local(local_day + timedelta(days=step), end, zone)
        if candidate > instant:
            return candidate
    raise ValueError("quiet hours end not found")  # pragma: no cover


def expiry(rule: ReminderRule, due: datetime) -> datetime:
    """When a reminder due at ``due`` stops being worth sending.

    A bedtime reminder is useless once bedtime has come, so it expires at the target
    bedtime when that is sooner than the kind's freshness window.
    """
    fresh = FRESHNESS[rule.kind]
    if rule.kind == "bedtime" and rule.minutes_before:
        fresh = min(fresh, timedelta(minutes=rule.minutes_before))
    return due + fresh


def snoozed(rule: ReminderRule, at: datetime, zone: ZoneInfo | str, quiet: QuietHours | None, token: str) -> Occurrence | None:
    """The new occurrence a "snooze" at ``at`` creates, ``rule.snooze_minutes`` later.

    ``token`` (the action record's id) makes the key unique, so a replayed snooze
    creates nothing new. Returns None when quiet hours suppress it.
    """
    zone = ZoneInfo(zone) if isinstance(zone, str) else zone
    due = at.astimezone(UTC) + timedelta(minutes=rule.snooze_minutes)
    local = due.astimezone(zone)
    if _quiet_applies(rule, quiet) and quiet.contains(local.time()):
        if rule.quiet_policy() == "suppress":
            return None
        due = quiet_end_after(due, zone, quiet)
        local = due.astimezone(zone)
    key = f"snooze:{token}"
    return Occurrence(key, local.date(), local.time().replace(second=0, microsecond=0), due, rule.id, rule.kind, expiry(rule, due))
