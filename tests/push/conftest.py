"""Fixtures for the push sender: a local push service, VAPID keys and a sender."""

import time

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


class FakeClock:
    """Epoch seconds that only move when the sender sleeps; sleeps are recorded, not slept."""

    def __init__(self):
        self.now = time.time()
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def sleeps(clock):
    return clock.sleeps


def make_sender(vapid_keys, clock, workers=8):
    return PushSender(vapid_keys, EndpointPolicy(allow_loopback=True), max_workers=workers,
                      timeout=(2.0, 5.0), sleep=clock.sleep, clock=clock.time)


@pytest.fixture
def sender(vapid_keys, clock):
    with make_sender(vapid_keys, clock) as push_sender:
        yield push_sender
