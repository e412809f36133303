"""Push payloads and send options for reminders and alerts (no health values ever).

Texts come from the push catalogue (server.push.payloads); this module only decides
what each occurrence is about: its tag (so a newer notification of the same rule
replaces an unanswered one on the device) and its send options.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from server.push.payloads import KINDS, build_payload, topic_for


@dataclass(frozen=True)
class SendOptions:
    """Web Push headers for one message: TTL in seconds, Urgency and Topic."""

    ttl: int
    urgency: str
    topic: str


def tag_for(kind: str, rule_id: str) -> str:
    """One tag per rule (alerts: per alert rule), e.g. ``"checkin:<rule id>"``."""
    return rule_id if kind == "alert" else f"{kind}:{rule_id}"


def reminder_payload(kind: str, occurrence_id: str, rule_id: str, alert_id: str | None = None) -> dict:
    """The notification payload for one occurrence (contract in CONVENTIONS.md)."""
    return build_payload(kind, occurrence_id=occurrence_id, alert_id=alert_id, tag=tag_for(kind, rule_id))


def send_options(kind: str, rule_id: str, now: datetime, expires_at: datetime) -> SendOptions:
    """TTL until the reminder stops being useful (at least 60 s, at most the kind's TTL);
    Topic per rule so a late duplicate replaces the waiting one at the push service."""
    ttl = int((expires_at - now).total_seconds())
    spec = KINDS[kind]
    return SendOptions(ttl=max(60, min(ttl, spec.ttl)), urgency=spec.urgency, topic=topic_for(tag_for(kind, rule_id)))
