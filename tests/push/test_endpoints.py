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
])
def test_everything_else_is_refused(endpoint):
    assert not DEFAULT.allows(endpoint)


def test_loopback_only_when_switched_on_and_hosts_from_env():
    policy = EndpointPolicy.from_env({"PUSH_ALLOW_LOOPBACK": "1", "PUSH_ALLOWED_HOSTS": "push.example.org, *.corp.test"})
    assert policy.allows("http://127.0.0.1:5555/push/x")
    assert policy.allows("https://push.example.org/x")
    assert policy.allows("https://a.corp.test/x")
    assert not policy.allows("https://fcm.googleapis.com/x")
    assert EndpointPolicy.from_env({}).hosts == DEFAULT.hosts
    assert not EndpointPolicy.from_env({"PUSH_ALLOW_LOOPBACK": "0"}).allow_loopback
