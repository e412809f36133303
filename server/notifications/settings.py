"""Reading and saving quiet hours and the daily cap (defaults when never saved)."""

from __future__ import annotations

from dataclasses import dataclass

from server.extensions import db
from server.notifications.models import DEFAULTS, NotificationSettings

FIELDS = tuple(DEFAULTS)


@dataclass(frozen=True)
class Settings:
    quiet_start: str = DEFAULTS["quiet_start"]
    quiet_end: str = DEFAULTS["quiet_end"]
    daily_cap: int = DEFAULTS["daily_cap"]


def get(user_id: int) -> Settings:
    """The person's settings, or the defaults when they never saved any."""
    row = db.session.get(NotificationSettings, user_id)
    if row is None:
        return Settings()
    return Settings(row.quiet_start, row.quiet_end, row.daily_cap)


def view(user_id: int) -> dict:
    settings = get(user_id)
    return {name: getattr(settings, name) for name in FIELDS}


def stage(user_id: int, changes: dict) -> None:
    """Merge the notification fields of ``changes`` into the stored row (no commit)."""
    picked = {name: changes[name] for name in FIELDS if name in changes}
    if not picked:
        return
    row = db.session.get(NotificationSettings, user_id)
    if row is None:
        row = NotificationSettings(user_id=user_id, **DEFAULTS)
        db.session.add(row)
    for name, value in picked.items():
        setattr(row, name, value)
