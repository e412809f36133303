"""Which push-service endpoints we are willing to POST to.

A subscription's endpoint is a URL chosen by the browser; accepting any URL would
let a client make the server send requests anywhere (SSRF). Only https endpoints
on the known browser push services pass, plus loopback when tests ask for it.

One strict parser (:func:`parse_endpoint`) decides for both the subscribe API and the
sender, so no URL can mean one host to the check and another to the HTTP client:
backslashes, whitespace, userinfo, percent-escapes in the host, IP literals, schemes
other than https and ports other than 443 are refused outright. At send time the host
is resolved again and refused when any address is private, loopback, link-local or
otherwise not public, so a name that later resolves inward (DNS rebinding) is not
reached either.
"""

import ipaddress
import os
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# "*.host" matches any subdomain of host (not host itself).
DEFAULT_HOSTS = (
    "fcm.googleapis.com",
    "updates.push.services.mozilla.com",
    "*.notify.windows.com",
    "web.push.apple.com",
    "*.push.apple.com",
)
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_ENDPOINT_LENGTH = 2048


LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
FORBIDDEN_CHARS = re.compile(r"[\\\s\x00-\x1f\x7f]")


class EndpointError(ValueError):
    """Why an endpoint URL is refused."""


@dataclass(frozen=True)
class Endpoint:
    scheme: str
    host: str
    port: int


def parse_endpoint(endpoint: str, allow_loopback: bool = False) -> Endpoint:
    """The scheme, host and port a request to ``endpoint`` would go to; raises EndpointError
    for anything ambiguous or not a public https name on port 443 (loopback by name or
    address when ``allow_loopback``, for the tests' push stand-in)."""
    if not isinstance(endpoint, str) or len(endpoint) > MAX_ENDPOINT_LENGTH:
        raise EndpointError("endpoint must be a URL of at most 2048 characters")
    if FORBIDDEN_CHARS.search(endpoint):
        raise EndpointError("endpoint must not contain backslashes, spaces or control characters")
    try:
        url = urlsplit(endpoint)
        host, port = (url.hostname or ""), url.port
    except ValueError as exc:
        raise EndpointError("endpoint is not a valid URL") from exc
    if "@" in url.netloc or url.fragment:
        raise EndpointError("endpoint must not carry credentials or a fragment")
    host = host.lower()
    if allow_loopback and host in LOOPBACK_HOSTS and url.scheme in ("http", "https"):
        return Endpoint(url.scheme, host, port or (443 if url.scheme == "https" else 80))
    if url.scheme != "https" or port not in (None, 443):
        raise EndpointError("endpoint must be https on the default port")
    if is_ip_literal(host) or url.netloc.startswith("["):
        raise EndpointError("endpoint must name a push service host, not an IP address")
    labels = host.rstrip(".").split(".")
    if len(labels) < 2 or not all(LABEL.match(label) for label in labels):
        raise EndpointError("endpoint host is not a plain DNS name")
    return Endpoint("https", host.rstrip("."), 443)


def is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def public_address(address: str) -> bool:
    """True for a globally routable unicast address (not private, loopback, link-local, ...)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str) -> list[str]:
    """Every address ``host`` resolves to now (IPv4 and IPv6)."""
    return sorted({info[4][0] for info in socket.getaddrinfo(host, 443, proto=socket.IPPROTO_TCP)})


@dataclass(frozen=True)
class EndpointPolicy:
    """An allow-list of push hosts; ``allow_loopback`` admits http(s)://127.0.0.1 etc.

    ``resolver`` (host -> addresses) is what :meth:`address_refusal` asks at send time.
    """

    hosts: tuple[str, ...] = DEFAULT_HOSTS
    allow_loopback: bool = False
    resolver: Callable[[str], list[str]] = field(default=resolve, compare=False)

    @classmethod
    def from_env(cls, environ=os.environ) -> "EndpointPolicy":
        """PUSH_ALLOWED_HOSTS (comma-separated, replaces the defaults), PUSH_ALLOW_LOOPBACK=1."""
        listed = environ.get("PUSH_ALLOWED_HOSTS", "")
        hosts = tuple(h.strip().lower() for h in listed.split(",") if h.strip())
        return cls(hosts or DEFAULT_HOSTS, environ.get("PUSH_ALLOW_LOOPBACK") == "1")

    def refusal(self, endpoint: str) -> str | None:
        """Why ``endpoint`` is refused, or None when it may be used (no network involved)."""
        try:
            parsed = parse_endpoint(endpoint, self.allow_loopback)
        except EndpointError as exc:
            return str(exc)
        if self.allow_loopback and parsed.host in LOOPBACK_HOSTS:
            return None
        if not any(host_matches(parsed.host, pattern) for pattern in self.hosts):
            return f"push service host {parsed.host!r} is not allowed"
        return None

    def address_refusal(self, endpoint: str) -> str | None:
        """At send time: :meth:`refusal`, then why the host's current addresses are refused."""
        refusal = self.refusal(endpoint)
        if refusal:
            return refusal
        host = parse_endpoint(endpoint, self.allow_loopback).host
        if self.allow_loopback and host in LOOPBACK_HOSTS:
            return None
        try:
            addresses = self.resolver(host)
        except OSError:
            return f"{host} does not resolve"
        inward = [a for a in addresses if not public_address(a)]
        if not addresses or inward:
            return f"{host} resolves to a non-public address"
        return None

    def allows(self, endpoint: str) -> bool:
        """True when ``endpoint`` may receive pushes."""
        return self.refusal(endpoint) is None


def host_matches(host: str, pattern: str) -> bool:
    """Exact match, or for ``*.suffix`` any host ending in ``.suffix``."""
    if pattern.startswith("*."):
        return host.endswith(pattern[1:]) and len(host) > len(pattern) - 1
    return host == pattern
