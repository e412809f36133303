"""VAPID keys: created once into ``instance/vapid.json`` or read from the environment.

The public key is what browsers receive as ``applicationServerKey``; every
subscription is bound to it for life, so keys are never replaced silently.
"""

import base64
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid

log = logging.getLogger(__name__)

DEFAULT_SUBJECT = "mailto:admin@localhost"
KEY_FILE = "vapid.json"


class VapidError(Exception):
    """The configured VAPID keys are missing, malformed or do not belong together."""


@dataclass(frozen=True)
class VapidKeys:
    """A VAPID key pair and the contact subject sent in every token."""

    private_key: ec.EllipticCurvePrivateKey
    subject: str

    @property
    def public_key(self) -> str:
        """The uncompressed P-256 point, base64url without padding (applicationServerKey)."""
        return b64url(public_point(self.private_key))

    def signer(self) -> Vapid:
        """A py_vapid signer over this key; thread-safe, so one is shared by all sends."""
        return Vapid(private_key=self.private_key)


def b64url(raw: bytes) -> str:
    """Base64url without padding, as Web Push spells keys."""
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Decode base64url with or without padding; raises ValueError when malformed."""
    text = text.strip()
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_point(private_key: ec.EllipticCurvePrivateKey) -> bytes:
    """The 65-byte uncompressed public point of a P-256 private key."""
    return private_key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


def private_pem(private_key: ec.EllipticCurvePrivateKey) -> str:
    """PKCS#8 PEM text of a private key (unencrypted: protect the file instead)."""
    return private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


def parse_private_key(text: str) -> ec.EllipticCurvePrivateKey:
    """Read a P-256 private key given as PEM, base64url DER, or base64url raw 32 bytes.

    Environment variables often carry PEM with literal ``\\n``; those are accepted.
    Raises VapidError when the text is none of these or not a P-256 key.
    """
    text = text.strip().replace("\\n", "\n")
    try:
        if text.startswith("-----BEGIN"):
            key = serialization.load_pem_private_key(text.encode(), password=None)
        else:
            raw = b64url_decode(text)
            if len(raw) == 32:
                key = ec.derive_private_key(int.from_bytes(raw, "big"), ec.SECP256R1())
            else:
                key = serialization.load_der_private_key(raw, password=None)
    except (ValueError, TypeError) as exc:
        raise VapidError(f"VAPID private key is not readable: {exc}") from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        raise VapidError("VAPID private key must be an EC P-256 key")
    return key


def keys_from_env(environ) -> VapidKeys | None:
    """Keys from VAPID_PRIVATE_KEY / VAPID_PUBLIC_KEY / VAPID_SUBJECT, or None if unset.

    VAPID_PUBLIC_KEY is optional; when given it must match the private key,
    because a mismatch would make every push fail with 403 far from its cause.
    """
    private = environ.get("VAPID_PRIVATE_KEY")
    if not private:
        return None
    keys = VapidKeys(parse_private_key(private), subject_from(environ.get("VAPID_SUBJECT")))
    public = environ.get("VAPID_PUBLIC_KEY")
    if public and public.strip().rstrip("=") != keys.public_key:
        raise VapidError("VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY")
    return keys


def subject_from(value: str | None) -> str:
    """The VAPID ``sub``: a mailto: URI (RFC 8292); the default when unset.

    Apple's push service refuses tokens whose contact is unreachable
    (e.g. @localhost), so that case is logged once here.
    """
    subject = (value or DEFAULT_SUBJECT).strip()
    if not subject.startswith("mailto:") or "@" not in subject:
        raise VapidError("VAPID_SUBJECT must be a mailto: address")
    if subject.endswith("@localhost"):
        log.warning("VAPID_SUBJECT is %s; web.push.apple.com rejects it, set a real address", subject)
    return subject


def keys_from_file(path: Path, subject: str | None = None) -> VapidKeys | None:
    """Keys stored by :func:`create_key_file`, or None when the file does not exist."""
    try:
        stored = json.loads(path.read_text())
        private = stored["private_key"]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise VapidError(f"{path} is not a readable VAPID key file: {exc!r}") from exc
    keys = VapidKeys(parse_private_key(private), subject_from(subject))
    if stored.get("public_key") and stored["public_key"] != keys.public_key:
        raise VapidError(f"{path}: public_key does not belong to private_key")
    return keys


def create_key_file(path: Path) -> bool:
    """Write a new key pair to ``path`` unless a file is already there.

    Returns True when this call created the keys. The file appears atomically
    (temp file + link), so API workers and the scheduler racing on first run
    all end up with the same pair. Mode 0600: the file holds a private key.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    body = json.dumps({"private_key": private_pem(key), "public_key": b64url(public_point(key))}, indent=2)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".vapid-")
    try:
        with os.fdopen(fd, "w") as out:
            out.write(body + "\n")
        os.link(tmp, path)
    except FileExistsError:
        return False
    finally:
        os.unlink(tmp)
    return True


def load_keys(instance_path, environ=os.environ, create: bool = True) -> VapidKeys:
    """The app's VAPID keys: environment first, then ``instance/vapid.json``.

    With ``create`` the file is made on first use, so `make run` works without configuration
    (production sets the keys in the environment: docs/deploy.md).
    Raises VapidError when no keys exist and ``create`` is False, or keys are malformed.
    """
    keys = keys_from_env(environ)
    if keys:
        return keys
    path = Path(instance_path) / KEY_FILE
    if create:
        create_key_file(path)
    keys = keys_from_file(path, environ.get("VAPID_SUBJECT"))
    if keys is None:
        raise VapidError("no VAPID keys: run `flask push init` or set VAPID_PRIVATE_KEY")
    return keys
