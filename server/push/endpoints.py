"""Which push-service endpoints we are willing to POST to.

A subscription's endpoint is a URL chosen by the browser; accepting any URL would
let a client make the server send requests anywhere (SSRF). Only https endpoints
on the known browser push services pass, plus loopback when tests ask for it.
"""

import os
from dataclasses import dataclass
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


@dataclass(frozen=True)
class EndpointPolicy:
    """An allow-list of push hosts; ``allow_loopback`` admits http(s)://127.0.0.1 etc."""

    hosts: tuple[str, ...] = DEFAULT_HOSTS
    allow_loopback: bool = False

    @classmethod
    def from_env(cls, environ=os.environ) -> "EndpointPolicy":
        """PUSH_ALLOWED_HOSTS (comma-separated, replaces the defaults), PUSH_ALLOW_LOOPBACK=1."""
        listed = environ.get("PUSH_ALLOWED_HOSTS", "")
        hosts = tuple(h.strip().lower() for h in listed.split(",") if h.strip())
        return cls(hosts or DEFAULT_HOSTS, environ.get("PUSH_ALLOW_LOOPBACK") == "1")

    def refusal(self, endpoint: str) -> str | None:
        """Why ``endpoint`` is refused, or None when it may be used."""
        if not isinstance(endpoint, str) or len(endpoint) > MAX_ENDPOINT_LENGTH:
            return "endpoint must be a URL of at most 2048 characters"
        try:
            url = urlsplit(endpoint)
            host, port = (url.hostname or "").lower(), url.port
        except ValueError:
            return "endpoint is not a valid URL"
        if url.username or url.password or url.fragment:
            return "endpoint must not carry credentials or a fragment"
        if self.allow_loopback and host in LOOPBACK_HOSTS and url.scheme in ("http", "https"):
            return None
        if url.scheme != "https" or port not in (None, 443):
            return "endpoint must be https on the default port"
        if not any(host_matches(host, pattern) for pattern in self.hosts):
            return f"push service host {host!r} is not allowed"
        return None

    def allows(self, endpoint: str) -> bool:
        """True when ``endpoint`` may receive pushes."""
        return self.refusal(endpoint) is None


def host_matches(host: str, pattern: str) -> bool:
    """Exact match, or for ``*.suffix`` any host ending in ``.suffix``."""
    if pattern.startswith("*."):
        return host.endswith(pattern[1:]) and len(host) > len(pattern) - 1
    return host == pattern
