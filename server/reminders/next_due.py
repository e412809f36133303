"""Each reminder rule's stored next due instant: cleared when what it depends on changes.

A rule's next due instant depends on the rule, the person's time zone and their quiet
hours. Every sync write of a rule clears it (``reminder_rule_columns``); a change of
``User.timezone`` or of quiet hours clears it for all of that person's rules, by a
session hook registered here, so accounts and notifications need not know reminders
exist (reminders may import them, never the reverse: tests/test_architecture.py).
The scheduler tick recomputes cleared (NULL) rules together with the due ones
(server.reminders.service.create_due_occurrences).
"""

from __future__ import annotations

from sqlalchemy import event, inspect, update
from sqlalchemy.orm import Session

from server.accounts.models import User
from server.notifications.models import NotificationSettings
from server.reminders.models import ReminderRule

_WATCHED = ((User, "id", ("timezone",)), (NotificationSettings, "user_id", ("quiet_start", "quiet_end")))


def reminder_rule_columns(data: dict) -> dict:
    """A validated rule as its columns; ``next_due_at`` cleared, so the tick recomputes it
    from the new rule (a rule edited to a new time fires at the new time, not the old).
    Registered with sync in server/record_types.py."""
    return {"data": data, "next_due_at": None}


def _changed_people(session: Session) -> set[int]:
    """Ids of people whose time zone or quiet hours this flush changes."""
    people = set()
    for obj in list(session.new) + list(session.dirty):
        for model, key, attrs in _WATCHED:
            if isinstance(obj, model) and _changed(obj, attrs):
                people.add(getattr(obj, key))
    return people


def _changed(obj, attrs) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in attrs)


def _clear_after_flush(session: Session, _context) -> None:
    people = _changed_people(session)
    if people:
        session.connection().execute(
            update(ReminderRule.__table__).where(ReminderRule.__table__.c.user_id.in_(sorted(people)))
            .values(next_due_at=None))


def register() -> None:
    """Install the session hook (idempotent; called when the app starts)."""
    if not event.contains(Session, "after_flush", _clear_after_flush):
        event.listen(Session, "after_flush", _clear_after_flush)
