"""A Web Push service stand-in on 127.0.0.1 for tests and the fan-out benchmark.

It checks what a real push service checks — the VAPID token (ES256 signature,
``aud`` = our origin, ``exp`` in the future and at most 24 h away, ``sub`` a
mailto:), a TTL header, a body of at most 4096 bytes — and then decrypts the
aes128gcm body with the subscription's own private key and auth secret, as the
browser would. Answers can be scripted per subscription (201, 404, 410, 413,
429 with Retry-After, 500), delayed, or held back until the test releases them. Run as a script it serves in its own
process (for the benchmark) with a small JSON control API under ``/_``.
"""

import argparse
import base64
import json
import os
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

MAX_BODY = 4096
MAX_TOKEN_LIFETIME = 24 * 3600


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Subscription:
    """What a browser would hold: endpoint, its key pair and auth secret."""

    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth_secret: bytes

    @property
    def p256dh(self) -> str:
        return b64url(self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint))

    @property
    def auth(self) -> str:
        return b64url(self.auth_secret)

    @property
    def path(self) -> str:
        return "/" + self.endpoint.split("/", 3)[3]

    def to_json(self) -> dict:
        """The browser's PushSubscription.toJSON() shape."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


def make_subscription(endpoint: str) -> Subscription:
    """A fresh subscription key pair (P-256) and 16-byte auth secret for ``endpoint``."""
    return Subscription(endpoint, ec.generate_private_key(ec.SECP256R1()), os.urandom(16))


@dataclass
class Received:
    """One accepted push: the decrypted payload, request headers and VAPID claims."""

    path: str
    payload: dict
    headers: dict
    claims: dict
    token: str
    at: float = field(default_factory=time.time)


class VapidRejected(Exception):
    pass


def verify_vapid(header: str | None, origin: str, now: float) -> tuple[dict, str]:
    """Check an RFC 8292 ``vapid t=<jwt>,k=<key>`` header; returns (claims, token).

    Raises VapidRejected naming the first problem found.
    """
    if not header or not header.startswith("vapid "):
        raise VapidRejected("Authorization is not 'vapid t=...,k=...'")
    parts = dict(p.strip().split("=", 1) for p in header[6:].split(",") if "=" in p)
    token, key = parts.get("t"), parts.get("k")
    if not token or not key:
        raise VapidRejected("Authorization lacks t or k")
    try:
        signed, signature = token.rsplit(".", 1)
        head, body = (json.loads(unb64url(x)) for x in signed.split("."))
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(key))
        sig = unb64url(signature)
        der = encode_dss_signature(int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big"))
        public.verify(der, signed.encode(), ec.ECDSA(hashes.SHA256()))
    except (ValueError, InvalidSignature) as exc:
        raise VapidRejected(f"bad token or signature: {exc!r}") from exc
    if head.get("alg") != "ES256" or len(sig) != 64:
        raise VapidRejected("token is not ES256")
    if body.get("aud") != origin:
        raise VapidRejected(f"aud {body.get('aud')!r} is not {origin!r}")
    exp = body.get("exp")
    if not isinstance(exp, int) or not now < exp <= now + MAX_TOKEN_LIFETIME:
        raise VapidRejected(f"exp {exp!r} not within the next 24 h")
    if not str(body.get("sub", "")).startswith("mailto:"):
        raise VapidRejected("sub is not a mailto:")
    return body, token


class PushService:
    """The stand-in server. Use as a context manager; ``subscribe()`` makes subscriptions.

    ``delay`` (seconds) is added before every answer, like a network round trip;
    ``hold()`` keeps every answer back until ``release()``, so a sender can be caught
    mid-send for as long as a test needs, however slow the machine.
    """

    def __init__(self, delay: float = 0.0, host: str = "127.0.0.1", port: int = 0):
        self.delay = delay
        self.received: list[Received] = []
        self.rejected: list[tuple[str, str]] = []
        self.requests: dict[str, int] = defaultdict(int)
        self.request_times: dict[str, list[float]] = defaultdict(list)
        self._subs: dict[str, Subscription] = {}
        self._script: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()
        self._answering = threading.Event()
        self._answering.set()
        self._server = _Server((host, port), _handler_for(self))
        self.origin = f"http://{host}:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.release()
        self._server.shutdown()
        self._server.server_close()

    def subscribe(self, name: str | None = None) -> Subscription:
        """A new subscription whose endpoint is on this service."""
        sub = make_subscription(f"{self.origin}/push/{name or b64url(os.urandom(12))}")
        with self._lock:
            self._subs[sub.path] = sub
        return sub

    def hold(self) -> None:
        """Answer nothing until release(); requests are still counted and decrypted on arrival."""
        self._answering.clear()

    def release(self) -> None:
        self._answering.set()

    def respond(self, sub: Subscription, *statuses: int, retry_after: str | None = None) -> None:
        """Answer the next pushes to ``sub`` with ``statuses`` in order, then 201 again."""
        with self._lock:
            self._script[sub.path].extend((s, retry_after) for s in statuses)

    def received_for(self, sub: Subscription) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.path == sub.path]

    def handle(self, path: str, headers: dict, body: bytes) -> tuple[int, dict]:
        """Decide the answer to one POST; records what was accepted or rejected."""
        with self._lock:
            self.requests[path] += 1
            self.request_times[path].append(time.time())
            sub = self._subs.get(path)
            status, retry_after = self._script[path].popleft() if self._script[path] else (201, None)
        if sub is None:
            return 404, {}
        try:
            claims, token = verify_vapid(headers.get("authorization"), self.origin, time.time())
        except VapidRejected as exc:
            return self._reject(path, 403, str(exc))
        if not headers.get("ttl", "").isdigit():
            return self._reject(path, 400, "TTL header missing or not a number")
        if len(body) > MAX_BODY:
            return 413, {}
        if status != 201:
            return status, ({"Retry-After": retry_after} if retry_after is not None else {})
        if headers.get("content-encoding") != "aes128gcm":
            return self._reject(path, 400, "Content-Encoding is not aes128gcm")
        try:
            plain = http_ece.decrypt(body, private_key=sub.private_key,
                                     auth_secret=sub.auth_secret, version="aes128gcm")
            payload = json.loads(plain)
        except Exception as exc:  # noqa: BLE001 - any failure here is a bad message
            return self._reject(path, 400, f"cannot decrypt: {exc!r}")
        with self._lock:
            self.received.append(Received(path, payload, headers, claims, token))
        return 201, {"Location": f"{self.origin}/message/{len(self.received)}"}

    def _reject(self, path: str, status: int, reason: str) -> tuple[int, dict]:
        with self._lock:
            self.rejected.append((path, reason))
        return status, {}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # many workers connect at once; the default backlog of 5 drops SYNs


def _handler_for(service: PushService):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real push services offer

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path.startswith("/_"):
                return self._control(body)
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, extra = service.handle(self.path, headers, body)
            service._answering.wait()
            if service.delay:
                time.sleep(service.delay)
            try:
                self._answer(status, extra, b"")
            except (BrokenPipeError, ConnectionResetError):  # the sender died waiting (kill -9)
                self.close_connection = True

        do_GET = do_POST

        def _control(self, body: bytes):
            if self.path == "/_subscribe":
                n = json.loads(body)["count"]
                subs = [service.subscribe(f"s{i}") for i in range(n)]
                out = [s.to_json() for s in subs]
            else:  # /_stats
                with service._lock:
                    times = [r.at for r in service.received]
                    out = {"received": len(times), "rejected": len(service.rejected),
                           "first_at": min(times, default=None), "last_at": max(times, default=None),
                           "reasons": sorted({r for _, r in service.rejected})[:5]}
            self._answer(200, {"Content-Type": "application/json"}, json.dumps(out).encode())

        def _answer(self, status: int, headers: dict, body: bytes):
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


def main() -> None:
    """Serve in the foreground (benchmark); prints the origin on stdout when ready."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--delay", type=float, default=0.05)
    args = parser.parse_args()
    service = PushService(delay=args.delay, port=args.port)
    print(service.origin, flush=True)
    service._server.serve_forever()


if __name__ == "__main__":
    main()
