"""The one module that sends Web Push messages (pywebpush over a bounded thread pool).

It knows nothing of Flask or the database: the caller (the scheduler) turns due
occurrences and alerts into :class:`Message` objects, calls
:meth:`PushSender.deliver`, then records each :class:`DeliveryResult` and deletes
subscriptions whose outcome is ``gone``.
"""

import email.utils
import logging
import threading
import time
import urllib.request
from collections.abc import Hashable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from urllib.parse import urlsplit

import requests
from pywebpush import WebPushException, webpush

from server.push.endpoints import EndpointPolicy
from server.push.payloads import KINDS, TOPIC_PATTERN, URGENCIES, PayloadError, payload_bytes, topic_for
from server.push.vapid import VapidKeys

log = logging.getLogger(__name__)

# RFC 8292 allows 24 h and Apple refuses more than a day; 12 h leaves room for clock skew.
VAPID_TOKEN_LIFETIME = 12 * 3600


class Outcome(StrEnum):
    """What happened to one message, and what the caller should do about it."""

    SENT = "sent"        # the push service accepted it (2xx): record success
    GONE = "gone"        # 404/410: the subscription is dead, delete it
    FAILED = "failed"    # not delivered (4xx, 429, 5xx, network): record a failure
    REFUSED = "refused"  # never sent: payload or endpoint broke policy (a bug upstream)
    EXPIRED = "expired"  # never sent: already past ``expires_at``


@dataclass(frozen=True)
class Message:
    """One push to one subscription. ``ref`` is the caller's own key, echoed back.

    ``ttl`` is in seconds; ``expires_at`` (aware) optionally caps it, so a message
    sent late never outlives its usefulness. ``topic`` defaults to one derived
    from the payload tag.
    """

    endpoint: str
    p256dh: str
    auth: str
    payload: Mapping
    ttl: int
    urgency: str = "normal"
    topic: str | None = None
    expires_at: datetime | None = None
    ref: Hashable | None = None


@dataclass(frozen=True)
class DeliveryResult:
    """The outcome for one message; ``status`` is the last HTTP status, if any.

    ``retryable`` marks a failure worth trying again later (429, 5xx, network);
    ``retry_after`` (seconds) is the wait the push service asked for with such a
    failure, when it gave one.
    """

    message: Message
    outcome: Outcome
    status: int | None = None
    attempts: int = 0  # requests made: 1, or 0 when it was never sent (refused, expired)
    error: str | None = None
    retry_after: float | None = None
    retryable: bool = False

    @property
    def ref(self) -> Hashable | None:
        return self.message.ref


def message_for(payload: dict, *, endpoint: str, p256dh: str, auth: str,
                expires_at: datetime | None = None, ref: Hashable | None = None) -> Message:
    """A Message for a catalogue payload, with its kind's TTL and urgency and a topic from its tag."""
    kind = KINDS[payload["kind"]]
    return Message(endpoint=endpoint, p256dh=p256dh, auth=auth, payload=payload,
                   ttl=kind.ttl, urgency=kind.urgency, topic=topic_for(payload["tag"]),
                   expires_at=expires_at, ref=ref)


@dataclass
class _Attempt:
    """One message ready to send, and when it was made ready (its TTL counts from then)."""

    message: Message
    data: bytes
    ttl: int
    started: float = field(default_factory=time.monotonic)


class PushSender:
    """Sends messages concurrently; one instance per process, reused across ticks.

    ``max_workers`` bounds the threads (and so the open connections per push
    host); each worker thread keeps its own ``requests.Session`` because
    Session is not documented as thread-safe.

    One request per message and ``deliver`` call, never a retry or a wait inside it: a 429,
    5xx or network failure comes back ``retryable`` (with the push service's Retry-After),
    and the scheduler keeps each device's back-off in its delivery row
    (server/reminders/delivery.py), where it survives a crash, holds back only that device
    and never holds up the tick.
    """

    def __init__(self, vapid: VapidKeys, policy: EndpointPolicy | None = None, *,
                 max_workers: int = 64, timeout: tuple[float, float] = (5.0, 10.0)):
        self._signer = vapid.signer()
        self._subject = vapid.subject
        self.policy = policy or EndpointPolicy()
        self.timeout = timeout
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="push")
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._lock = threading.Lock()

    def deliver(self, messages: Iterable[Message], now: datetime) -> list[DeliveryResult]:
        """Send every message; one result per message, in the same order.

        ``now`` (aware) is the tick's time, used against ``expires_at``. Never
        raises for a single message's failure: each one ends as a result.
        """
        prepared = [self._prepare(m, now) for m in messages]
        futures = [self._pool.submit(self._send, p) if isinstance(p, _Attempt) else None
                   for p in prepared]
        return [f.result() if f else p for p, f in zip(prepared, futures)]

    def close(self) -> None:
        """Wait for running sends, then close the pool and every session."""
        self._pool.shutdown(wait=True)
        with self._lock:
            for session in self._sessions:
                session.close()
            self._sessions.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _prepare(self, message: Message, now: datetime) -> "_Attempt | DeliveryResult":
        """Check policy before any network work; refusals and expiries become results here."""
        refusal = self._refusal(message)
        if refusal is None:
            try:
                data = payload_bytes(message.payload)
            except PayloadError as exc:
                refusal = str(exc)
        if refusal:
            log.error("push refused for %s: %s", _host(message.endpoint), refusal)
            return DeliveryResult(message, Outcome.REFUSED, error=refusal)
        ttl = message.ttl
        if message.expires_at is not None:
            ttl = min(ttl, int((message.expires_at - now).total_seconds()))
            if ttl <= 0:
                return DeliveryResult(message, Outcome.EXPIRED, error="expired before sending")
        return _Attempt(message, data, ttl)

    def _refusal(self, message: Message) -> str | None:
        """Why the message's endpoint or headers break policy, or None."""
        refusal = self.policy.refusal(message.endpoint)
        if refusal:
            return refusal
        if message.urgency not in URGENCIES:
            return f"urgency must be one of {URGENCIES}"
        if not (isinstance(message.ttl, int) and message.ttl >= 0):
            return "ttl must be a whole number of seconds"
        if message.topic is not None and not TOPIC_PATTERN.match(message.topic):
            return "topic must be at most 32 base64url characters"
        return None

    def _send(self, attempt: _Attempt) -> DeliveryResult:
        """One POST for one message; runs on a pool thread.

        The host is resolved again first: a name that now points at a private, loopback
        or link-local address is refused (docs/security.md; server.push.endpoints).
        """
        message = attempt.message
        refusal = self.policy.address_refusal(message.endpoint)
        if refusal:
            log.error("push refused for %s: %s", _host(message.endpoint), refusal)
            return DeliveryResult(message, Outcome.REFUSED, error=refusal)
        try:
            response = webpush(
                {"endpoint": message.endpoint, "keys": {"p256dh": message.p256dh, "auth": message.auth}},
                data=attempt.data,
                vapid_private_key=self._signer,
                vapid_claims=self._claims(message.endpoint),
                ttl=self._remaining_ttl(attempt),
                headers=self._headers(message),
                timeout=self.timeout,
                requests_session=self._session(),
            )
            return DeliveryResult(message, Outcome.SENT, response.status_code, 1)
        except WebPushException as exc:
            return self._after_error(message, exc)
        except requests.RequestException as exc:
            return self._failed(message, None, f"network: {type(exc).__name__}", retryable=True)
        except Exception as exc:  # a malformed key must not stop the other sends
            return self._failed(message, None, f"{type(exc).__name__}: {exc}")

    def _after_error(self, message: Message, exc: WebPushException) -> DeliveryResult:
        """Map a non-2xx answer to sent / gone / failed (retryable for 429 and 5xx)."""
        status = exc.status_code
        if status is not None and 200 <= status < 300:  # pywebpush raises for any 2xx above 202
            return DeliveryResult(message, Outcome.SENT, status, 1)
        if status in (404, 410):
            return DeliveryResult(message, Outcome.GONE, status, 1)
        transient = status == 429 or (status is not None and status >= 500)
        retry_after = retry_after_seconds(exc.retry_after, time.time()) if transient else None
        return self._failed(message, status, exc.message.splitlines()[0], retry_after, transient)

    @staticmethod
    def _failed(message: Message, status, error: str, retry_after=None, retryable=False) -> DeliveryResult:
        log.warning("push to %s failed: %s", _host(message.endpoint), error)
        return DeliveryResult(message, Outcome.FAILED, status, 1, error, retry_after, retryable)

    def _claims(self, endpoint: str) -> dict:
        """A new claims dict for every send: pywebpush writes ``aud``/``exp`` into the one it gets."""
        url = urlsplit(endpoint)
        return {"sub": self._subject, "aud": f"{url.scheme}://{url.netloc}",
                "exp": int(time.time()) + VAPID_TOKEN_LIFETIME}

    @staticmethod
    def _headers(message: Message) -> dict:
        topic = message.topic or topic_for(str(message.payload["tag"]))
        return {"Urgency": message.urgency, "Topic": topic}

    @staticmethod
    def _remaining_ttl(attempt: _Attempt) -> int:
        """The TTL less the time the message waited for a free worker: a send late in a
        large fan-out must not outlive ``expires_at``."""
        return max(0, attempt.ttl - int(time.monotonic() - attempt.started))

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
            # Without a proxy to honour, skip requests' per-request scan of os.environ
            # and ~/.netrc: measured ~0.3 ms of ~2 ms CPU per send.
            session.trust_env = any(k != "no" for k in urllib.request.getproxies())
            with self._lock:
                self._sessions.append(session)
        return session


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """Seconds from a Retry-After header (``120`` or an HTTP date), None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - now)
    except (TypeError, ValueError):
        return None


def _host(endpoint: str) -> str:
    """The endpoint's host only: the path is a capability URL and stays out of logs."""
    try:
        return urlsplit(endpoint).hostname or "?"
    except ValueError:
        return "?"
