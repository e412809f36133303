"""The push payload catalogue: the only texts a notification can carry.

A notification shows on a lock screen, where anyone nearby can read it, and it
passes through a vendor's push service. So it says "Time for your breathing
practice", never a pain score, a medicine or an alert's numbers: payloads are
built only from the fixed texts below plus opaque ids, and :func:`payload_bytes`
refuses anything that is not exactly what :func:`build_payload` would build.
The shape follows the push payload contract in notes/CONVENTIONS.md.
"""

import hashlib
import json
import re
from dataclasses import dataclass

from server.push.vapid import b64url

MAX_PAYLOAD_BYTES = 3072
ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
TOPIC_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
URGENCIES = ("very-low", "low", "normal", "high")
REMINDER_ACTIONS = (("done", "Done"), ("snooze", "Snooze 15 min"))


class PayloadError(ValueError):
    """A payload that must not be sent (not from the catalogue, or too large)."""


@dataclass(frozen=True)
class Kind:
    """Fixed texts and delivery policy of one notification kind.

    ``ttl`` (seconds) is how long the push service keeps the message for an
    offline device: after that the reminder is no longer useful. ``urgency``
    (RFC 8030) lets a phone on low battery defer what can wait.
    """

    title: str
    body: str
    url: str
    id_field: str
    ttl: int
    urgency: str
    actions: tuple[tuple[str, str], ...] = REMINDER_ACTIONS


MINUTE, HOUR = 60, 3600
KINDS = {
    # A practice prompt an hour late just nags; half an hour still fits the slot.
    "breathing": Kind("Breathing practice", "Time for your breathing practice",
                      "#/breathing", "occurrence_id", ttl=30 * MINUTE, urgency="normal"),
    # Sent ahead of the target bedtime; once bedtime has passed it is noise.
    "bedtime": Kind("Bedtime routine", "Time to start winding down for bed",
                    "#/bedtime", "occurrence_id", ttl=45 * MINUTE, urgency="normal"),
    # A daily check-in is still worth doing hours later; it can wait for the phone to wake.
    "checkin": Kind("Check-in", "How is today going? A check-in takes a few seconds",
                    "#/checkin", "occurrence_id", ttl=4 * HOUR, urgency="low"),
    # Timed protocol items matter on time, but a reminder arriving much later could
    # prompt a badly timed dose, so it expires after an hour.
    "protocol": Kind("Protocol", "Time for an item on your protocol",
                     "#/protocol", "occurrence_id", ttl=1 * HOUR, urgency="high"),
    # An early warning is useful all day; the app explains it, the lock screen does not.
    "alert": Kind("Early warning", "Something in your recent days may be building up. Open Emberwise to see why",
                  "#/insights/alerts/{id}", "alert_id", ttl=12 * HOUR, urgency="high", actions=()),
}


def build_payload(kind: str, *, occurrence_id: str | None = None, alert_id: str | None = None) -> dict:
    """The contract payload for ``kind`` about one occurrence (reminders) or alert.

    Raises PayloadError for an unknown kind, a missing/extra id, or an id that is
    not an opaque token (letters, digits, ``-``, ``_``; at most 64).
    """
    spec = KINDS.get(kind)
    if spec is None:
        raise PayloadError(f"unknown notification kind {kind!r}")
    ids = {"occurrence_id": occurrence_id, "alert_id": alert_id}
    ref = ids.pop(spec.id_field)
    if ref is None or any(v is not None for v in ids.values()):
        raise PayloadError(f"a {kind} notification takes exactly one {spec.id_field}")
    ref = str(ref)
    if not ID_PATTERN.match(ref):
        raise PayloadError(f"{spec.id_field} must be an opaque id")
    return {
        "kind": kind,
        "title": spec.title,
        "body": spec.body,
        "tag": f"{kind}-{ref}",
        "url": spec.url.format(id=ref),
        spec.id_field: ref,
        "actions": [{"action": a, "title": t} for a, t in spec.actions],
    }


def payload_bytes(payload: dict) -> bytes:
    """The JSON bytes to encrypt, after checking size and catalogue origin.

    Raises PayloadError when the JSON reaches 3 KB (push services cap the
    encrypted body at 4 KB) or the payload differs in any way from what
    :func:`build_payload` makes for its kind and id.
    """
    try:
        data = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    except (TypeError, ValueError) as exc:
        raise PayloadError(f"payload is not JSON: {exc}") from exc
    if len(data) >= MAX_PAYLOAD_BYTES:
        raise PayloadError(f"payload is {len(data)} bytes; the limit is under {MAX_PAYLOAD_BYTES}")
    if not isinstance(payload, dict):
        raise PayloadError("payload must be a JSON object")
    expected = build_payload(
        payload.get("kind"), occurrence_id=payload.get("occurrence_id"), alert_id=payload.get("alert_id")
    )
    if payload != expected:
        raise PayloadError("payload is not built from the catalogue")
    return data


def topic_for(tag: str) -> str:
    """An RFC 8030 Topic (≤32 base64url chars) naming the same thing as ``tag``.

    A push service replaces an undelivered message with a newer one of the same
    topic, as the service worker replaces a shown notification with the same tag.
    Tags that do not fit are hashed, which keeps equal tags equal.
    """
    if TOPIC_PATTERN.match(tag):
        return tag
    return b64url(hashlib.sha256(tag.encode()).digest())[:32]
