"""Fixtures for the push sender: a local push service, VAPID keys and a sender."""

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from server.push.endpoints import EndpointPolicy
from server.push.sender import PushSender
from server.push.vapid import VapidKeys
from tests.push_service import PushService


@pytest.fixture
def push_service():
    with PushService() as service:
        yield service


@pytest.fixture(scope="session")
def vapid_keys():
    return VapidKeys(ec.generate_private_key(ec.SECP256R1()), "mailto:ops@emberwise.test")


def make_sender(vapid_keys, workers=8):
    return PushSender(vapid_keys, EndpointPolicy(allow_loopback=True), max_workers=workers, timeout=(2.0, 5.0))


@pytest.fixture
def sender(vapid_keys):
    with make_sender(vapid_keys) as push_sender:
        yield push_sender
