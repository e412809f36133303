"""Security headers on every response; no-store on the API so health data never sits in caches."""
from flask import request

CSP = "; ".join([
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "img-src 'self' data: blob:",
])


def add_security_headers(response):
    """after_request hook: the headers below on every response Flask makes."""
    set_security_headers(response.headers, request.path)
    return response


def set_security_headers(headers, path: str) -> None:
    """Set the security and caching headers on `headers` (werkzeug Headers) of a response to
    `path`. One function for every response, including the check-in POST's fast lane
    (server/checkins/fast_lane.py), which answers without Flask's hooks."""
    headers["Content-Security-Policy"] = CSP
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Frame-Options"] = "DENY"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if path.startswith("/api/"):
        headers["Cache-Control"] = "no-store"
    elif "Cache-Control" not in headers or path != "/sw.js":
        headers["Cache-Control"] = "no-cache"
