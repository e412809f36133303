"""The scheduler's door to push: subscriptions by person, delivery, and forgetting dead ones.

It implements the ``PushGateway`` protocol of server.reminders.service
(``subscriptions``, ``deliver``, ``forget``) over :class:`PushSender`, so the
scheduler never handles endpoints or keys. Texts always come from the push
catalogue, whatever the caller's payload says. Nothing here commits: the
scheduler's job commits once, after recording its delivery log.
"""
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update

from server.common.time import utcnow
from server.extensions import db
from server.push.models import PushSubscription
from server.push.payloads import KINDS, PayloadError, build_payload
from server.push.sender import DeliveryResult, Message, Outcome, PushSender


# A subscription failing this long (no success in between) is disabled and its owner told.
DISABLE_AFTER = timedelta(days=3)


@dataclass(frozen=True)
class GatewayOutcome:
    """What the scheduler records: ``status`` is sent | gone | retry | failed; ``code`` the
    HTTP status; ``retry_after`` the seconds this subscription's push service asked for."""

    status: str
    code: int | None = None
    retry_after: float | None = None


def scheduler_status(result: DeliveryResult) -> str:
    """Sender outcome → delivery-log status; transient failures ask the next tick to retry."""
    if result.outcome in (Outcome.SENT, Outcome.GONE):
        return result.outcome.value
    return "retry" if result.retryable else "failed"


class PushSenderGateway:
    """Push delivery for the scheduler of ``app`` (one shared PushSender per process)."""

    def __init__(self, app, sender: PushSender | None = None):
        from server.push.service import push_sender

        self.sender = sender or push_sender(app)

    def subscriptions(self, user_ids: Iterable[int]) -> dict[int, list[str]]:
        """Ids (as strings) of each person's live subscriptions (disabled ones are left out)."""
        found: dict[int, list[str]] = {}
        rows = db.session.execute(select(PushSubscription.user_id, PushSubscription.id)
                                  .where(PushSubscription.user_id.in_(list(user_ids)),
                                         PushSubscription.disabled_at.is_(None))
                                  .order_by(PushSubscription.id))
        for user_id, sub_id in rows:
            found.setdefault(user_id, []).append(str(sub_id))
        return found

    def deliver(self, messages, now: datetime | None = None) -> dict[tuple[str, str], GatewayOutcome]:
        """Send scheduler messages (``occurrence_id``, ``subscription_id``, ``payload``,
        ``options.ttl/urgency/topic``); outcomes keyed by (occurrence_id, subscription_id).

        Also notes success or failure on each subscription row (no commit).
        """
        now = now or utcnow()
        subs = self._rows({m.subscription_id for m in messages})
        outcomes, ready = {}, []
        for m in messages:
            key = (m.occurrence_id, m.subscription_id)
            built = self._message(m, subs.get(m.subscription_id))
            if isinstance(built, Message):
                ready.append(built)
            else:
                outcomes[key] = GatewayOutcome(built)
        for result in self.sender.deliver(ready, now):
            outcomes[result.ref] = GatewayOutcome(scheduler_status(result), result.status, result.retry_after)
        self._note(outcomes, now)
        return outcomes

    def forget(self, subscription_ids: Iterable[str]) -> None:
        """Delete subscriptions the push service called gone (404/410)."""
        ids = [int(i) for i in subscription_ids]
        if ids:
            db.session.execute(delete(PushSubscription).where(PushSubscription.id.in_(ids)))

    @staticmethod
    def _rows(ids: set[str]) -> dict[str, PushSubscription]:
        wanted = [int(i) for i in ids if str(i).isdigit()]
        rows = db.session.execute(select(PushSubscription).where(PushSubscription.id.in_(wanted))).scalars()
        return {str(row.id): row for row in rows}

    @staticmethod
    def _message(m, sub: PushSubscription | None) -> "Message | str":
        """A sender Message, or the status to record when there is nothing to send."""
        if sub is None:
            return "gone"
        if sub.disabled_at is not None:  # kept (its owner sees it stopped) but never sent to
            return "failed"
        try:
            kind = m.payload["kind"]
            payload = build_payload(kind, occurrence_id=m.occurrence_id,
                                    alert_id=m.payload.get("alert_id"), tag=m.payload.get("tag"))
        except (KeyError, PayloadError):
            return "failed"
        return Message(endpoint=sub.endpoint, p256dh=sub.p256dh, auth=sub.auth, payload=payload,
                       ttl=max(0, min(int(m.options.ttl), KINDS[kind].ttl)),
                       urgency=KINDS[kind].urgency, topic=m.options.topic,
                       ref=(m.occurrence_id, m.subscription_id))

    @staticmethod
    def _note(outcomes: dict, now: datetime) -> None:
        """Success resets a subscription's failure run; a run longer than DISABLE_AFTER disables it."""
        sent = {int(s) for (_, s), o in outcomes.items() if o.status == "sent"}
        failed = {int(s) for (_, s), o in outcomes.items()
                  if o.status in ("retry", "failed") and str(s).isdigit()} - sent
        if sent:
            db.session.execute(update(PushSubscription).where(PushSubscription.id.in_(sent))
                               .values(last_success_at=now, failures=0, failing_since=None))
        if failed:
            db.session.execute(update(PushSubscription).where(PushSubscription.id.in_(failed))
                               .values(failures=PushSubscription.failures + 1,
                                       failing_since=func.coalesce(PushSubscription.failing_since, now)))
            db.session.execute(update(PushSubscription).where(
                PushSubscription.id.in_(failed), PushSubscription.disabled_at.is_(None),
                PushSubscription.failing_since <= now - DISABLE_AFTER).values(disabled_at=now))
