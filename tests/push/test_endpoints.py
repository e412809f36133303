"""The endpoint allow-list that keeps the server from POSTing anywhere a client names."""

import pytest

from server.push.endpoints import EndpointPolicy

DEFAULT = EndpointPolicy()


@pytest.mark.parametrize("endpoint", [
    "https://fcm.googleapis.com/fcm/send/abc:APA91b",
    "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
    "https://wns2-par02p.notify.windows.com/w/?token=BQYAAA",
    "https://web.push.apple.com/QGvdL1",
    "https://api.push.apple.com/3/device/x",
    "https://FCM.googleapis.com:443/fcm/send/x",
])
def test_known_push_services_are_allowed(endpoint):
    assert DEFAULT.allows(endpoint)


@pytest.mark.parametrize("endpoint", [
    "http://fcm.googleapis.com/fcm/send/x",
    "https://fcm.googleapis.com:8443/fcm/send/x",
    "https://notify.windows.com/x",
    "https://evilnotify.windows.com/x",
    "https://fcm.googleapis.com.evil.example/x",
    "https://user:pw@fcm.googleapis.com/x",
    "http://127.0.0.1:8000/push/x",
    "https://169.254.169.254/latest/meta-data",
    "file:///etc/passwd",
    "not a url",
    "https://fcm.googleapis.com/" + "x" * 2100,
    # issue 15: urllib and requests read these as different hosts; one parser refuses them
    "https://localhost\\.notify.windows.com/x",
    "https://169.254.169.254\\.push.apple.com/latest",
    "https://fcm.googleapis.com\\@127.0.0.1/x",
    "https://evil@fcm.googleapis.com/x",
    "https://fcm.googleapis.com:444/x",
    "https://[::1]/x",
    "https://10.0.0.1/x",
    "https://2130706433/x",
    "https://fcm.googleapis.com /x",
    "https://fcm%2egoogleapis.com/x",
])
def test_everything_else_is_refused(endpoint):
    assert not DEFAULT.allows(endpoint)


@pytest.mark.parametrize("addresses", [["127.0.0.1"], ["10.1.2.3"], ["169.254.169.254"], ["::1"], ["fe80::1"],
                                       ["142.250.1.1", "192.168.0.10"], ["::ffff:127.0.0.1"], []])
def test_at_send_time_a_host_resolving_inward_is_refused(addresses):
    policy = EndpointPolicy(resolver=lambda host: addresses)
    assert policy.refusal("https://wns2-par02p.notify.windows.com/w/x") is None  # the name itself passes
    assert "resolve" in policy.address_refusal("https://wns2-par02p.notify.windows.com/w/x")


def test_at_send_time_a_public_address_passes():
    policy = EndpointPolicy(resolver=lambda host: ["142.250.1.1", "2a00:1450:4001::200e"])
    assert policy.address_refusal("https://fcm.googleapis.com/fcm/send/x") is None


def test_the_sender_never_connects_when_the_name_now_resolves_to_loopback(push_service, vapid_keys):
    """DNS rebinding: the subscription was accepted, later its host points at 127.0.0.1."""
    from datetime import UTC, datetime

    from server.push.payloads import build_payload
    from server.push.sender import Outcome, PushSender, message_for

    asked = []
    policy = EndpointPolicy(hosts=("push.example.org",), resolver=lambda host: asked.append(host) or ["127.0.0.1"])
    sub = push_service.subscribe()
    with PushSender(vapid_keys, policy, max_workers=1) as sender:
        [result] = sender.deliver([message_for(build_payload("checkin", occurrence_id="o1"),
                                               endpoint="https://push.example.org/x", p256dh=sub.p256dh,
                                               auth=sub.auth)], datetime(2026, 6, 1, tzinfo=UTC))
    assert result.outcome == Outcome.REFUSED and asked == ["push.example.org"]


def test_loopback_only_when_switched_on_and_hosts_from_env():
    policy = EndpointPolicy.from_env({"PUSH_ALLOW_LOOPBACK": "1", "PUSH_ALLOWED_HOSTS": "push.example.org, *.corp.test"})
    assert policy.allows("http://127.0.0.1:5555/push/x")
    assert policy.allows("https://push.example.org/x")
    assert policy.allows("https://a.corp.test/x")
    assert not policy.allows("https://fcm.googleapis.com/x")
    assert EndpointPolicy.from_env({}).hosts == DEFAULT.hosts
    assert not EndpointPolicy.from_env({"PUSH_ALLOW_LOOPBACK": "0"}).allow_loopback
