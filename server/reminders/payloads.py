"""Push payloads and send options for reminders and alerts (pure; no health values ever).

The payload follows the contract in CONVENTIONS.md (server -> service worker). Titles
and bodies are fixed phrases: a notification says "Time for your breathing practice",
never a pain score or an alert's numbers (those stay in the app).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

MAX_PAYLOAD_BYTES = 3000

TEXT = {
    "breathing": ("Breathing practice", "Time for your breathing practice.", "#/breathing"),
    "bedtime": ("Bedtime routine", "Time to start winding down for bed.", "#/bedtime"),
    "checkin": ("Daily check-in", "How are you today? A check-in takes seconds.", "#/checkin"),
    "protocol": ("Protocol reminder", "Time for an item on your protocol.", "#/protocol"),
    "alert": ("Early warning", "Emberwise noticed a pattern worth a look.", "#/alerts"),
}
URGENCY = {"breathing": "normal", "bedtime": "normal", "checkin": "low", "protocol": "high", "alert": "normal"}
ACTIONS = [{"action": "done", "title": "Done"}, {"action": "snooze", "title": "Snooze 15 min"}]


@dataclass(frozen=True)
class SendOptions:
    """Web Push headers for one message: TTL in seconds, Urgency and Topic."""

    ttl: int
    urgency: str
    topic: str


def reminder_payload(kind: str, occurrence_id: str, rule_id: str, alert_id: str | None = None) -> dict:
    """The notification payload for one occurrence; ``tag`` makes a duplicate replace, not stack."""
    title, body, url = TEXT[kind]
    payload = {"kind": kind, "title": title, "body": body, "tag": f"{kind}:{rule_id}", "url": url,
               "occurrence_id": occurrence_id, "actions": [] if kind == "alert" else ACTIONS}
    if alert_id:
        payload["alert_id"] = alert_id
        payload["url"] = f"#/alerts/{alert_id}"
    assert len(json.dumps(payload).encode()) < MAX_PAYLOAD_BYTES
    return payload


def send_options(kind: str, rule_id: str, now: datetime, expires_at: datetime) -> SendOptions:
    """TTL until the reminder stops being useful (at least 60 s, at most 12 h); Topic per rule
    (at most 32 URL-safe characters) so a late duplicate replaces the waiting one."""
    ttl = int((expires_at - now).total_seconds())
    topic = "".join(c for c in rule_id if c.isalnum())[:32] or kind
    return SendOptions(ttl=max(60, min(ttl, 12 * 3600)), urgency=URGENCY[kind], topic=topic)
