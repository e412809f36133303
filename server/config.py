"""Settings read from environment variables, with defaults that run on one machine."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _int(name, default):
    return int(os.environ.get(name, default))


class Config:
    """Production-like defaults; every value can be overridden by an environment variable."""

    def __init__(self, instance_path: str):
        sqlite_file = Path(instance_path) / "emberwise.sqlite"
        self.SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", f"sqlite:///{sqlite_file}")
        self.SECRET_KEY = os.environ.get("SECRET_KEY") or _instance_secret(instance_path)
        self.MAX_CONTENT_LENGTH = _int("MAX_CONTENT_LENGTH", 4 * 1024 * 1024)
        self.TOKEN_TTL_DAYS = _int("TOKEN_TTL_DAYS", 30)
        # OWASP password storage cheat sheet: scrypt N=2^17, r=8, p=1.
        self.SCRYPT_N = _int("SCRYPT_N", 2**17)
        self.LOGIN_MAX_FAILURES = _int("LOGIN_MAX_FAILURES", 10)
        self.LOGIN_WINDOW_MINUTES = _int("LOGIN_WINDOW_MINUTES", 15)
        self.PWA_DIR = os.environ.get("PWA_DIR", str(ROOT / "pwa"))
        # Health imports (docs/health-import.md): uploads arrive in chunks under the body limit.
        self.IMPORT_MAX_BYTES = _int("IMPORT_MAX_BYTES", 2 * 1024**3)
        self.IMPORT_CHUNK_BYTES = _int("IMPORT_CHUNK_BYTES", 2 * 1024**2)
        self.IMPORT_WAIT_SECONDS = _int("IMPORT_WAIT_SECONDS", 5)
        self.IMPORT_STALE_HOURS = _int("IMPORT_STALE_HOURS", 48)
        self.IMPORT_MAX_OPEN = _int("IMPORT_MAX_OPEN", 3)
        # Reverse proxies in front of the app (docs/deploy.md): with 1, the client address
        # and scheme come from the proxy's X-Forwarded-For/-Proto, so per-address sign-in
        # limits see people, not the proxy. 0 trusts no such header (direct exposure).
        self.PROXY_HOPS = _int("PROXY_HOPS", 0)
        # The check-in POST's fast lane (server/checkins/fast_lane.py); 0 sends every POST
        # through the Flask route, which answers the same, more slowly.
        self.CHECKIN_FAST_LANE = bool(_int("CHECKIN_FAST_LANE", 1))
        # Bearer token for operator endpoints (GET /api/reminders/scheduler-status); unset: they refuse everyone.
        self.OPS_TOKEN = os.environ.get("OPS_TOKEN", "")
        # First wait before a device's retry; doubles per attempt (docs/reminders-and-alerts.md).
        self.PUSH_RETRY_BASE_SECONDS = float(os.environ.get("PUSH_RETRY_BASE_SECONDS", "10"))
        # How long a claimed push delivery stays its scheduler's before another may take it over
        # (docs/reminders-and-alerts.md, "Delivery"): a killed scheduler's sends wait this long.
        self.PUSH_LEASE_SECONDS = float(os.environ.get("PUSH_LEASE_SECONDS", "30"))
        self.API_TITLE = "Emberwise API"
        self.API_VERSION = "v1"
        # 3.1: its schemas are JSON Schema, so limits such as allowed key names can be stated.
        self.OPENAPI_VERSION = "3.1.0"
        self.OPENAPI_URL_PREFIX = "/api"
        self.OPENAPI_JSON_PATH = "openapi.json"
        self.SQLALCHEMY_ENGINE_OPTIONS = self.engine_options(self.SQLALCHEMY_DATABASE_URI)

    @staticmethod
    def engine_options(url: str) -> dict:
        # No pool_pre_ping: it costs a round trip on every checkout, i.e. every request. A
        # networked server's connections are checked more cheaply (server/database.py).
        return {}


def _instance_secret(instance_path: str) -> str:
    """A random secret kept in instance/ so restarts do not invalidate signed values."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(os.urandom(32).hex())
    return path.read_text().strip()
