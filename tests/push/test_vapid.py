"""VAPID keys: made once into instance/, or read from the environment."""

import json
import os

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from server.push.vapid import (DEFAULT_SUBJECT, VapidError, b64url, b64url_decode, create_key_file,
                               load_keys, private_pem)


def test_first_run_creates_keys_once_and_keeps_them(tmp_path):
    first = load_keys(tmp_path, environ={})
    again = load_keys(tmp_path, environ={})
    assert first.public_key == again.public_key
    assert create_key_file(tmp_path / "vapid.json") is False
    stored = json.loads((tmp_path / "vapid.json").read_text())
    assert stored["private_key"].startswith("-----BEGIN PRIVATE KEY-----")
    assert stored["public_key"] == first.public_key
    assert os.stat(tmp_path / "vapid.json").st_mode & 0o077 == 0
    assert first.subject == DEFAULT_SUBJECT


def test_public_key_is_an_application_server_key(tmp_path):
    raw = b64url_decode(load_keys(tmp_path, environ={}).public_key)
    assert len(raw) == 65 and raw[0] == 4


def test_without_create_missing_keys_are_an_error(tmp_path):
    with pytest.raises(VapidError):
        load_keys(tmp_path, environ={}, create=False)


@pytest.mark.parametrize("form", ["pem", "pem_escaped", "raw"])
def test_environment_keys_win_over_the_file(tmp_path, form):
    key = ec.generate_private_key(ec.SECP256R1())
    text = {"pem": private_pem(key), "pem_escaped": private_pem(key).replace("\n", "\\n"),
            "raw": b64url(key.private_numbers().private_value.to_bytes(32, "big"))}[form]
    env = {"VAPID_PRIVATE_KEY": text, "VAPID_SUBJECT": "mailto:ops@emberwise.test"}
    keys = load_keys(tmp_path, environ=env)
    env["VAPID_PUBLIC_KEY"] = keys.public_key
    assert load_keys(tmp_path, environ=env).public_key == keys.public_key
    assert keys.subject == "mailto:ops@emberwise.test"
    assert not (tmp_path / "vapid.json").exists()


@pytest.mark.parametrize("env", [
    {"VAPID_PRIVATE_KEY": "nonsense"},
    {"VAPID_PRIVATE_KEY": b64url(bytes(range(32))), "VAPID_PUBLIC_KEY": "BOther"},
    {"VAPID_PRIVATE_KEY": b64url(bytes(range(32))), "VAPID_SUBJECT": "https://emberwise.test"},
])
def test_bad_environment_keys_are_refused(tmp_path, env):
    with pytest.raises(VapidError):
        load_keys(tmp_path, environ=env)


@pytest.mark.parametrize("content", ["not json", "{}", "[]"])
def test_a_damaged_key_file_is_reported_not_replaced(tmp_path, content):
    (tmp_path / "vapid.json").write_text(content)
    with pytest.raises(VapidError):
        load_keys(tmp_path, environ={})
    assert (tmp_path / "vapid.json").read_text() == content
