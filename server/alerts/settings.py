"""Reading and saving a person's alert settings (defaults filled in for display)."""

from server.alerts.models import AlertSettings
from server.alerts.rules import DEFAULT_THRESHOLDS, RULES
from server.extensions import db
from server.notifications import settings as notification_settings


def view(user_id: int) -> dict:
    """Settings with every rule and threshold present (defaults where never set)."""
    row = db.session.get(AlertSettings, user_id)
    enabled = dict(row.enabled or {}) if row else {}
    thresholds = dict(row.thresholds or {}) if row else {}
    return {
        "enabled": {rule: enabled.get(rule, True) for rule in RULES},
        "thresholds": {name: thresholds.get(name, default) for name, default in DEFAULT_THRESHOLDS.items()},
        **notification_settings.view(user_id),
    }


def save(user_id: int, changes: dict) -> dict:
    """Merge ``changes`` into the stored settings; commits; returns the new view."""
    row = db.session.get(AlertSettings, user_id)
    if row is None:
        row = AlertSettings(user_id=user_id, enabled={}, thresholds={})
        db.session.add(row)
    if "enabled" in changes:
        row.enabled = {**(row.enabled or {}), **changes["enabled"]}
    if "thresholds" in changes:
        row.thresholds = {**(row.thresholds or {}), **changes["thresholds"]}
    notification_settings.stage(user_id, changes)
    db.session.commit()
    return view(user_id)
