"""Push subscriptions and the per-process push machinery (keys, policy, sender) of an app."""
import os
from collections import ChainMap

from sqlalchemy import delete, select

from server.extensions import db
from server.push.endpoints import EndpointPolicy
from server.push.models import PushSubscription
from server.push.sender import PushSender
from server.push.vapid import VapidKeys, load_keys

# Browsers a person can have subscribed at once; subscribing another drops the oldest.
# Bounds the fan-out (and the push-service traffic) one account can cause.
MAX_SUBSCRIPTIONS_PER_USER = 10

SETTINGS = ("VAPID_PRIVATE_KEY", "VAPID_PUBLIC_KEY", "VAPID_SUBJECT",
            "PUSH_ALLOWED_HOSTS", "PUSH_ALLOW_LOOPBACK")


def push_settings(app):
    """Push settings from app.config (tests) over the environment (deployments)."""
    return ChainMap({k: app.config[k] for k in SETTINGS if k in app.config}, os.environ)


def vapid_keys(app) -> VapidKeys:
    """The app's VAPID keys, loaded (or created in instance/) once per process."""
    if "push_vapid" not in app.extensions:
        app.extensions["push_vapid"] = load_keys(app.instance_path, push_settings(app))
    return app.extensions["push_vapid"]


def endpoint_policy(app) -> EndpointPolicy:
    return EndpointPolicy.from_env(push_settings(app))


def push_sender(app) -> PushSender:
    """One PushSender per process: its thread pool and sessions outlive a scheduler tick."""
    if "push_sender" not in app.extensions:
        # One request per delivery attempt (the sender never retries): the scheduler keeps each
        # device's back-off in its delivery rows (server.reminders.delivery), where it survives a crash.
        app.extensions["push_sender"] = PushSender(vapid_keys(app), endpoint_policy(app))
    return app.extensions["push_sender"]


class SubscriptionTaken(Exception):
    """The endpoint belongs to another account and the request did not prove possession."""


def subscribe(user_id: int, endpoint: str, p256dh: str, auth: str) -> tuple[PushSubscription, bool]:
    """Save the browser's subscription for ``user_id``; returns (row, created).

    Idempotent by endpoint: the same browser subscribing again updates its keys and
    turns a subscription disabled for failing back on (the app's one-tap fix). If another
    account subscribed it before, it moves to this one only with the same p256dh and auth
    keys (proof that the request comes from that browser); else SubscriptionTaken.
    """
    row = db.session.execute(
        select(PushSubscription).where(PushSubscription.endpoint == endpoint)
    ).scalar_one_or_none()
    if row is not None and row.user_id != user_id and (row.p256dh, row.auth) != (p256dh, auth):
        # Knowing an endpoint URL is not owning the browser: only its own keys move it.
        raise SubscriptionTaken()
    created = row is None
    if created:
        row = PushSubscription(endpoint=endpoint)
        db.session.add(row)
    elif (row.user_id, row.p256dh, row.auth) != (user_id, p256dh, auth):
        row.last_success_at = None
    row.failures, row.failing_since, row.disabled_at = 0, None, None
    row.user_id, row.p256dh, row.auth = user_id, p256dh, auth
    db.session.flush()
    _drop_oldest(user_id)
    db.session.commit()
    return row, created


def _drop_oldest(user_id: int) -> None:
    """Keep only the person's newest MAX_SUBSCRIPTIONS_PER_USER subscriptions."""
    keep = (select(PushSubscription.id).where(PushSubscription.user_id == user_id)
            .order_by(PushSubscription.id.desc()).limit(MAX_SUBSCRIPTIONS_PER_USER))
    db.session.execute(delete(PushSubscription).where(
        PushSubscription.user_id == user_id, PushSubscription.id.not_in(keep.scalar_subquery())))


def unsubscribe(user_id: int, endpoint: str) -> None:
    """Forget this person's subscription with ``endpoint``; nobody else's, and no error if absent."""
    db.session.execute(delete(PushSubscription).where(
        PushSubscription.user_id == user_id, PushSubscription.endpoint == endpoint))
    db.session.commit()


def subscriptions_of(user_id: int) -> list[PushSubscription]:
    """The person's subscriptions, newest first, with whether each still gets notifications."""
    return list(db.session.scalars(select(PushSubscription).where(PushSubscription.user_id == user_id)
                                   .order_by(PushSubscription.id.desc())))
