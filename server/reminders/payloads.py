"""Push payloads and send options for reminders and alerts (no health values ever).

Texts come from the push catalogue (server.push.payloads); this module only decides
what each occurrence is about: its tag and Topic, one per occurrence, so a second copy
of the same occurrence (delivery is at least once, server.reminders.delivery) replaces
the first at the push service and on the device instead of showing twice.
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


def tag_for(kind: str, occurrence_id: str) -> str:
    """One tag per occurrence, e.g. ``"checkin:<occurrence id>"``."""
    return f"{kind}:{occurrence_id}"


def reminder_payload(kind: str, occurrence_id: str, rule_id: str, alert_id: str | None = None) -> dict:
    """The notification payload for one occurrence (contract in CONVENTIONS.md)."""
    return build_payload(kind, occurrence_id=occurrence_id, alert_id=alert_id, tag=tag_for(kind, occurrence_id))


def send_options(kind: str, occurrence_id: str, now: datetime, expires_at: datetime) -> SendOptions:
    """TTL until the reminder stops being useful (at least 60 s, at most the kind's TTL);
    Topic per occurrence (RFC 8030 §5.4) so a second copy replaces the waiting one."""
    ttl = int((expires_at - now).total_seconds())
    spec = KINDS[kind]
    return SendOptions(ttl=max(60, min(ttl, spec.ttl)), urgency=spec.urgency,
                       topic=topic_for(tag_for(kind, occurrence_id)))
