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
TAG_PATTERN = re.compile(r"^[A-Za-z0-9_:.-]{1,100}$")
TOPIC_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
URGENCIES = ("very-low", "low", "normal", "high")
REMINDER_ACTIONS = (("done", "Done"), ("snooze", "Snooze 15 min"))
# A check-in reminder's first button opens the quick check-in (pain and flare at the top
# of #/checkin) and counts the reminder as answered; browsers show at most two buttons.
CHECKIN_ACTIONS = (("log", "Log now"), ("snooze", "Snooze 15 min"))


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
                    "#/checkin", "occurrence_id", ttl=4 * HOUR, urgency="low", actions=CHECKIN_ACTIONS),
    # Timed protocol items matter on time, but a reminder arriving much later could
    # prompt a badly timed dose, so it expires after an hour.
    "protocol": Kind("Protocol", "Time for an item on your protocol",
                     "#/protocol", "occurrence_id", ttl=1 * HOUR, urgency="high"),
    # An early warning is useful all day; the app explains it, the lock screen does not.
    "alert": Kind("Early warning", "Something in your recent days may be building up. Open Emberwise to see why",
                  "#/alerts/{id}", "alert_id", ttl=12 * HOUR, urgency="high", actions=()),
}


def build_payload(kind: str, *, occurrence_id: str | None = None, alert_id: str | None = None,
                  tag: str | None = None) -> dict:
    """The contract payload for ``kind`` about one reminder occurrence or one alert.

    Reminder kinds take an ``occurrence_id``; ``alert`` takes an ``alert_id`` and,
    when the alert is delivered through an occurrence, its ``occurrence_id`` too.
    ``tag`` names what a newer notification replaces (e.g. ``"checkin:<rule id>"``
    so today's check-in replaces yesterday's unanswered one); by default
    ``"<kind>-<id>"``. Ids and tags must be opaque tokens, so nothing readable
    can ride along. Raises PayloadError otherwise.
    """
    spec = KINDS.get(kind) if isinstance(kind, str) else None
    if spec is None:
        raise PayloadError(f"unknown notification kind {kind!r}")
    ids = {"occurrence_id": occurrence_id, "alert_id": alert_id}
    if spec.id_field == "occurrence_id" and alert_id is not None:
        raise PayloadError(f"a {kind} notification has no alert_id")
    if ids[spec.id_field] is None:
        raise PayloadError(f"a {kind} notification needs its {spec.id_field}")
    ids = {k: str(v) for k, v in ids.items() if v is not None}
    if not all(ID_PATTERN.match(v) for v in ids.values()):
        raise PayloadError("ids must be opaque tokens (letters, digits, - and _; at most 64)")
    ref = ids[spec.id_field]
    tag = f"{kind}-{ref}" if tag is None else tag
    if not isinstance(tag, str) or not TAG_PATTERN.match(tag):
        raise PayloadError("tag must be an opaque token")
    return {"kind": kind, "title": spec.title, "body": spec.body, "tag": tag,
            "url": spec.url.format(id=ref), **ids,
            "actions": [{"action": a, "title": t} for a, t in spec.actions]}


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
    expected = build_payload(payload.get("kind"), occurrence_id=payload.get("occurrence_id"),
                             alert_id=payload.get("alert_id"), tag=payload.get("tag"))
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
