"""Real sends through pywebpush to the local push service (tests/push_service.py)."""

import time
from datetime import datetime, timedelta, timezone

import pytest

import server.push.sender as sender_module
from server.push.payloads import KINDS, build_payload, topic_for
from server.push.sender import Message, Outcome, message_for, retry_after_seconds
from tests.push_service import make_subscription

NOW = datetime(2026, 11, 21, 20, 0, tzinfo=timezone.utc)


def reminder(sub, kind="breathing", occurrence_id="occ-1", **kw):
    return message_for(build_payload(kind, occurrence_id=occurrence_id),
                       endpoint=sub.endpoint, p256dh=sub.p256dh, auth=sub.auth, **kw)


def test_payload_decrypts_with_the_subscriptions_own_keys(push_service, sender):
    sub = push_service.subscribe()
    [result] = sender.deliver([reminder(sub)], NOW)
    assert (result.outcome, result.status, result.attempts) == (Outcome.SENT, 201, 1)
    assert push_service.rejected == []
    [got] = push_service.received_for(sub)
    assert got.payload == build_payload("breathing", occurrence_id="occ-1")
    assert got.payload["body"] == "Time for your breathing practice"


def test_every_send_signs_fresh_claims_for_its_own_origin(sender, monkeypatch, vapid_keys):
    from tests.push_service import PushService
    seen = []
    real = sender_module.webpush

    def spy(*args, **kwargs):
        seen.append(kwargs["vapid_claims"])
        return real(*args, **kwargs)

    monkeypatch.setattr(sender_module, "webpush", spy)
    with PushService() as one, PushService() as two:
        subs = [one.subscribe(), two.subscribe()]
        for round_ in range(2):
            results = sender.deliver([reminder(s, occurrence_id=f"r{round_}") for s in subs], NOW)
            assert [r.outcome for r in results] == [Outcome.SENT, Outcome.SENT]
        received = one.received + two.received
        assert one.rejected == two.rejected == []
    # A shared dict would keep the first aud and the second service would refuse it.
    assert len({id(c) for c in seen}) == 4
    assert {r.claims["aud"] for r in one.received} == {one.origin}
    assert {r.claims["aud"] for r in two.received} == {two.origin}
    assert len({r.token for r in received}) == 4
    for r in received:
        assert r.claims["sub"] == vapid_keys.subject
        assert time.time() < r.claims["exp"] <= time.time() + 12 * 3600 + 1


def test_ttl_urgency_and_topic_headers_follow_the_kind(push_service, sender):
    sub = push_service.subscribe()
    sender.deliver([reminder(sub, kind="checkin", occurrence_id="c7"),
                    reminder(sub, kind="protocol", occurrence_id="a-much-longer-occurrence-id-0123456789")], NOW)
    checkin, protocol = sorted(push_service.received_for(sub), key=lambda r: r.payload["kind"])
    assert checkin.headers["ttl"] == str(KINDS["checkin"].ttl) == "14400"
    assert checkin.headers["urgency"] == "low"
    assert checkin.headers["topic"] == "checkin-c7"
    assert protocol.headers["urgency"] == "high"
    assert protocol.headers["topic"] == topic_for(protocol.payload["tag"])
    assert len(protocol.headers["topic"]) == 32


def test_same_tag_gives_same_topic_so_a_late_duplicate_replaces():
    a = build_payload("bedtime", occurrence_id="x" * 40)["tag"]
    assert topic_for(a) == topic_for(a) != topic_for(a + "y")


def test_expires_at_caps_the_ttl_and_stale_messages_are_not_sent(push_service, sender):
    sub = push_service.subscribe()
    soon, stale = (reminder(sub, occurrence_id="soon", expires_at=NOW + timedelta(minutes=5)),
                   reminder(sub, occurrence_id="stale", expires_at=NOW - timedelta(seconds=1)))
    results = sender.deliver([soon, stale], NOW)
    assert [r.outcome for r in results] == [Outcome.SENT, Outcome.EXPIRED]
    [got] = push_service.received_for(sub)
    assert got.headers["ttl"] == "300"


def test_any_2xx_counts_as_sent(push_service, sender):
    sub = push_service.subscribe()
    push_service.respond(sub, 204)
    [result] = sender.deliver([reminder(sub)], NOW)
    assert (result.outcome, result.status) == (Outcome.SENT, 204)


@pytest.mark.parametrize("status", [404, 410])
def test_404_and_410_mean_the_subscription_is_gone(push_service, sender, status):
    sub = push_service.subscribe()
    push_service.respond(sub, status)
    [result] = sender.deliver([reminder(sub)], NOW)
    assert (result.outcome, result.status, result.attempts) == (Outcome.GONE, status, 1)


def test_a_429_comes_back_at_once_with_the_wait_the_push_service_asked_for(push_service, sender):
    """The sender never waits or retries inside a call (the scheduler's delivery rows keep each
    device's back-off, docs/reminders-and-alerts.md): a wait here would hold up the whole tick."""
    sub = push_service.subscribe()
    push_service.respond(sub, 429, retry_after="7")
    started = time.monotonic()
    [result] = sender.deliver([reminder(sub)], NOW)
    assert (result.outcome, result.status, result.retry_after) == (Outcome.FAILED, 429, 7.0)
    assert result.retryable
    assert push_service.requests[sub.path] == 1 and push_service.received_for(sub) == []
    assert time.monotonic() - started < 5


def test_a_429_holds_back_only_its_own_subscription_not_others_on_the_same_host(push_service, vapid_keys):
    from tests.push.conftest import make_sender
    first, second = push_service.subscribe(), push_service.subscribe()
    push_service.respond(first, 429, retry_after="3600")
    with make_sender(vapid_keys, workers=1) as one_at_a_time:
        results = one_at_a_time.deliver([reminder(first), reminder(second)], NOW)
    assert [(r.outcome, r.retryable, r.retry_after) for r in results] == [
        (Outcome.FAILED, True, 3600.0), (Outcome.SENT, False, None)]
    assert len(push_service.received_for(second)) == 1  # same host, not paused


def test_a_500_is_sent_once_and_left_to_the_scheduler_to_retry(push_service, sender):
    sub = push_service.subscribe()
    push_service.respond(sub, 500, 201)
    [result] = sender.deliver([reminder(sub)], NOW)
    assert (result.outcome, result.status, result.attempts, result.retry_after) == (Outcome.FAILED, 500, 1, None)
    assert result.retryable
    assert push_service.requests[sub.path] == 1 and push_service.received_for(sub) == []


def test_413_fails_without_retry_and_others_still_arrive(push_service, sender):
    bad, good = push_service.subscribe(), push_service.subscribe()
    push_service.respond(bad, 413)
    results = sender.deliver([reminder(bad), reminder(good)], NOW)
    assert [(r.outcome, r.status, r.attempts) for r in results] == [
        (Outcome.FAILED, 413, 1), (Outcome.SENT, 201, 1)]
    assert not results[0].retryable
    assert len(push_service.received_for(good)) == 1


def test_one_bad_subscription_among_many_harms_no_other(push_service, sender):
    subs = [push_service.subscribe() for _ in range(20)]
    push_service.respond(subs[3], 500, 500, 500)
    push_service.respond(subs[7], 410)
    broken_key = Message(subs[11].endpoint, "not-a-key", subs[11].auth,
                         build_payload("checkin", occurrence_id="o11"), ttl=60)
    unreachable = make_subscription("http://127.0.0.1:9/push/nobody")  # discard port: refused
    messages = [reminder(s, occurrence_id=f"o{i}", ref=i) for i, s in enumerate(subs)]
    messages[11] = broken_key
    messages.append(reminder(unreachable, ref="down"))
    results = sender.deliver(messages, NOW)
    outcomes = {r.ref: r.outcome for r in results}
    assert (outcomes[3], outcomes[7], results[11].outcome, outcomes["down"]) == (
        Outcome.FAILED, Outcome.GONE, Outcome.FAILED, Outcome.FAILED)
    assert results[-1].retryable and not results[11].retryable  # network vs malformed key
    healthy = set(range(20)) - {3, 7, 11}
    assert all(outcomes[i] == Outcome.SENT for i in healthy)
    assert all(len(push_service.received_for(subs[i])) == 1 for i in healthy)


def test_payload_over_3kb_is_refused_before_sending(push_service, sender):
    sub = push_service.subscribe()
    payload = dict(build_payload("breathing", occurrence_id="o"), body="x" * 3100)
    [result] = sender.deliver([Message(sub.endpoint, sub.p256dh, sub.auth, payload, ttl=60)], NOW)
    assert result.outcome == Outcome.REFUSED and "3072" in result.error
    assert push_service.requests[sub.path] == 0


@pytest.mark.parametrize("endpoint", [
    "https://evil.example.com/push/x",
    "http://fcm.googleapis.com/fcm/send/x",
    "https://fcm.googleapis.com.evil.example/x",
])
def test_endpoint_outside_the_allow_list_is_refused(sender, endpoint):
    sub = make_subscription(endpoint)
    [result] = sender.deliver([reminder(sub)], NOW)
    assert result.outcome == Outcome.REFUSED and result.attempts == 0


def test_payload_not_from_the_catalogue_is_refused(push_service, sender):
    sub = push_service.subscribe()
    leaky = dict(build_payload("checkin", occurrence_id="o"), body="Pain 8/10 yesterday")
    [result] = sender.deliver([Message(sub.endpoint, sub.p256dh, sub.auth, leaky, ttl=60)], NOW)
    assert result.outcome == Outcome.REFUSED
    assert push_service.requests[sub.path] == 0


def test_retry_after_accepts_an_http_date():
    now = datetime(2026, 11, 21, 20, 0, tzinfo=timezone.utc).timestamp()
    assert retry_after_seconds("Sat, 21 Nov 2026 20:00:30 GMT", now) == 30
    assert retry_after_seconds("soon", now) is None
