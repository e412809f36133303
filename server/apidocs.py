"""Browsable API docs at /api/docs, rendered on the server from the OpenAPI document.

Hosted doc viewers load scripts from third-party CDNs, which the CSP (and the privacy
promise) forbid; a plain HTML page needs nothing from anywhere.
"""
from html import escape

from flask import Blueprint, Response

from server.extensions import api

blp = Blueprint("apidocs", __name__)
METHODS = ("get", "post", "put", "patch", "delete")


@blp.get("/api/docs")
def docs():
    spec = api.spec.to_dict()
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>"
             f"{escape(spec['info']['title'])}</title></head><body>",
             f"<h1>{escape(spec['info']['title'])} {escape(spec['info']['version'])}</h1>",
             "<p>Machine-readable: <a href='/api/openapi.json'>/api/openapi.json</a>. "
             "Send <code>Authorization: Bearer &lt;token&gt;</code> from "
             "<code>POST /api/auth/login</code>.</p>"]
    for path, item in sorted(spec["paths"].items()):
        for method in METHODS:
            if method in item:
                parts.append(_operation(method, path, item[method]))
    schemas = spec.get("components", {}).get("schemas", {})
    parts.append("<h2>Schemas</h2>")
    for name, schema in sorted(schemas.items()):
        fields = "".join(
            f"<li><code>{escape(field)}</code> {escape(_type(prop))}</li>"
            for field, prop in schema.get("properties", {}).items()
        )
        parts.append(f"<h3 id='{escape(name)}'>{escape(name)}</h3><ul>{fields}</ul>")
    parts.append("</body></html>")
    return Response("".join(parts), mimetype="text/html")


def _operation(method: str, path: str, operation: dict) -> str:
    summary = escape(operation.get("summary", ""))
    params = ", ".join(escape(p["name"]) for p in operation.get("parameters", []))
    statuses = ", ".join(escape(code) for code in operation.get("responses", {}))
    return (f"<h2><code>{method.upper()} {escape(path)}</code></h2><p>{summary}</p>"
            f"<p>Parameters: {params or 'none'}. Responses: {statuses}.</p>")


def _type(prop: dict) -> str:
    """"integer", "number or null" (OpenAPI 3.1 lists types), or the referenced schema."""
    kind = prop.get("type", prop.get("$ref", ""))
    return " or ".join(kind) if isinstance(kind, list) else str(kind)
