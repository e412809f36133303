"""The stand-in push service must refuse what a real one refuses, or the sender tests prove nothing."""
import time

import pytest
import requests
from pywebpush import WebPusher

from server.push.vapid import VapidKeys


def post(service, sub, keys: VapidKeys, claims=None, ttl="60", body=b'{"kind":"checkin"}', raw=None):
    headers = {"TTL": ttl} if ttl is not None else {}
    claims = {"sub": keys.subject, "aud": service.origin, "exp": int(time.time()) + 3600, **(claims or {})}
    headers.update(keys.signer().sign(claims))
    if raw is None:
        raw = WebPusher(sub.to_json()).encode(body)["body"]
    headers["Content-Encoding"] = "aes128gcm"
    return requests.post(sub.endpoint, data=raw, headers=headers, timeout=5)


def test_a_well_formed_push_is_accepted_and_decrypted(push_service, vapid_keys):
    sub = push_service.subscribe()
    assert post(push_service, sub, vapid_keys).status_code == 201
    assert push_service.received_for(sub)[0].payload == {"kind": "checkin"}


@pytest.mark.parametrize("claims,reason", [
    ({"aud": "http://127.0.0.1:1"}, "aud"),
    ({"exp": int(time.time()) + 25 * 3600}, "exp"),
    ({"exp": int(time.time()) - 10}, "exp"),
])
def test_bad_vapid_claims_are_403(push_service, vapid_keys, claims, reason):
    sub = push_service.subscribe()
    assert post(push_service, sub, vapid_keys, claims=claims).status_code == 403
    assert reason in push_service.rejected[0][1]


def test_a_forged_signature_is_403(push_service, vapid_keys):
    sub = push_service.subscribe()
    headers = vapid_keys.signer().sign({"sub": vapid_keys.subject, "aud": push_service.origin,
                                        "exp": int(time.time()) + 60})
    token, key = headers["Authorization"][len("vapid t="):].split(",k=")
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    response = requests.post(sub.endpoint, data=b"x", timeout=5,
                             headers={"TTL": "0", "Authorization": f"vapid t={forged},k={key}"})
    assert response.status_code == 403


def test_missing_ttl_oversized_body_and_wrong_keys_are_refused(push_service, vapid_keys):
    sub, other = push_service.subscribe(), push_service.subscribe()
    assert post(push_service, sub, vapid_keys, ttl=None).status_code == 400
    assert post(push_service, sub, vapid_keys, raw=b"x" * 4097).status_code == 413
    encrypted_for_other = WebPusher(other.to_json()).encode(b"{}")["body"]
    assert post(push_service, sub, vapid_keys, raw=encrypted_for_other).status_code == 400
    assert push_service.received == []
