"""The project's flask-smorest Api: one error shape for every failure, flat field errors."""
import flask_smorest
import marshmallow as ma
from flask_smorest.pagination import PaginationMetadataSchema
from werkzeug.exceptions import HTTPException

from server.common.schema import Instant

MESSAGES = {
    400: "The request could not be read.",
    401: "Sign in first.",
    403: "This is not allowed.",
    404: "Not found.",
    405: "This method is not allowed here.",
    409: "This conflicts with something already saved.",
    413: "The request is too large.",
    415: "Send JSON with Content-Type: application/json.",
    422: "Some fields are invalid.",
    429: "Too many attempts. Wait a little and try again.",
    500: "Something went wrong on our side. Nothing you sent was lost.",
}


def flatten_errors(errors, prefix="") -> dict[str, list[str]]:
    """Flatten marshmallow/webargs nesting into {"a.b.0.c": [msg, ...]}.

    The request location (json, query, …) that webargs puts on top is dropped: clients
    care which field is wrong, not which parser looked at it.
    """
    if isinstance(errors, (list, tuple)):
        if all(isinstance(item, str) for item in errors):
            return {prefix or "_body": list(errors)}
        flat = {}
        for index, item in enumerate(errors):
            flat.update(flatten_errors(item, _join(prefix, str(index))))
        return flat
    if isinstance(errors, dict):
        flat = {}
        for key, value in errors.items():
            flat.update(flatten_errors(value, _join(prefix, str(key))))
        return flat
    return {prefix or "_body": [str(errors)]}


def _join(prefix, key):
    return f"{prefix}.{key}" if prefix else key


LOCATIONS = {"json", "query", "querystring", "form", "files", "headers", "view_args", "path"}


def error_payload(code: int, name: str, message: str | None, errors) -> dict:
    """The one error shape of every failure (docs/security.md): {code, status, message,
    errors: {field: [msg]}}."""
    if isinstance(errors, dict) and set(errors) <= LOCATIONS:
        merged = {}
        for value in errors.values():
            merged.update(flatten_errors(value))
        flat = merged
    else:
        flat = flatten_errors(errors) if errors else {}
    return {
        "code": code,
        "status": name,
        "message": message or MESSAGES.get(code, name),
        "errors": flat,
    }


class Api(flask_smorest.Api):
    """flask-smorest Api: one error shape with flat field errors (flask-smorest nests them
    under the request location), and an OpenAPI document that states the real limits."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An Instant publishes its own pattern; "date-time" would promise years 1 to 9999.
        self.register_field(Instant, "string", None)

    def _init_spec(self, **kwargs):
        super()._init_spec(**kwargs)
        self.ma_plugin.converter.add_attribute_function(dict_keys2properties)

    def _register_pagination_header(self):
        # The header is JSON text. An object `schema` would describe the header style
        # "total,3,page,1"; `content` says the value is serialised as application/json.
        self.spec.components.header("PAGINATION", {
            "description": "Paging facts as JSON: total, total_pages, first_page, last_page, "
                           "page, and previous_page / next_page where they exist.",
            "content": {"application/json": {"schema": PaginationMetadataSchema}},
        }, lazy=True)

    def handle_http_exception(self, error: HTTPException):
        data = getattr(error, "data", None) or {}
        errors = data.get("errors", data.get("messages"))
        message = data.get("message")
        if message is None and error.code not in MESSAGES:
            message = error.description
        payload = error_payload(error.code, error.name, message, errors)
        headers = dict(data.get("headers") or {})
        if getattr(error, "valid_methods", None):  # a 405 says what is allowed (RFC 9110)
            headers["Allow"] = ", ".join(error.valid_methods)
        return payload, error.code, headers


def dict_keys2properties(self, field, ret=None, **kwargs) -> dict:
    """apispec attribute function: a Dict's rules for its keys become `propertyNames`, and
    a Length on it counts properties (OpenAPI 3.1; apispec would write maxLength)."""
    if not isinstance(field, ma.fields.Dict):
        return {}
    found = {}
    if ret is not None and "maxLength" in ret:
        found["maxProperties"] = ret.pop("maxLength")
    if ret is not None and "minLength" in ret:
        found["minProperties"] = ret.pop("minLength")
    if field.key_field is not None:
        keys = self.field2property(field.key_field)
        keys.pop("type", None)
        if keys:
            found["propertyNames"] = keys
    return found
