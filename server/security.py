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
    headers = response.headers
    headers["Content-Security-Policy"] = CSP
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Frame-Options"] = "DENY"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if request.path.startswith("/api/"):
        headers["Cache-Control"] = "no-store"
    elif "Cache-Control" not in headers or request.path != "/sw.js":
        headers["Cache-Control"] = "no-cache"
    return response
