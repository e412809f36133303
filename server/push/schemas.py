"""Request and response schemas for /api/push."""
import marshmallow as ma
from cryptography.hazmat.primitives.asymmetric import ec
from flask import current_app
from marshmallow import fields, validate, validates

from server.common.schema import StrictSchema, Text
from server.push.vapid import b64url_decode


class PublicKeySchema(StrictSchema):
    public_key = fields.String(metadata={"description": "applicationServerKey, base64url (65-byte P-256 point)"})


class SubscriptionKeysSchema(StrictSchema):
    p256dh = Text(required=True, validate=validate.Length(max=128))
    auth = Text(required=True, validate=validate.Length(max=64))

    @validates("p256dh")
    def p256_point(self, value, **kwargs):
        """The browser's ECDH key must be a real P-256 point, or every later send would fail."""
        try:
            ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(value))
        except (ValueError, TypeError) as exc:
            raise ma.ValidationError("Must be a base64url P-256 public key (65 bytes).") from exc

    @validates("auth")
    def auth_secret(self, value, **kwargs):
        try:
            if len(b64url_decode(value)) != 16:
                raise ValueError
        except ValueError as exc:
            raise ma.ValidationError("Must be a base64url 16-byte auth secret.") from exc


class SubscriptionSchema(StrictSchema):
    """The browser's PushSubscription.toJSON(): {endpoint, expirationTime, keys}."""

    endpoint = Text(required=True, validate=validate.Length(max=2048))
    expirationTime = fields.Float(allow_none=True, load_only=True)  # noqa: N815 - the browser's name
    keys = fields.Nested(SubscriptionKeysSchema, required=True)

    @validates("endpoint")
    def known_push_service(self, value, **kwargs):
        """Only known push services: never POST wherever a client points (docs/security.md)."""
        from server.push.service import endpoint_policy

        refusal = endpoint_policy(current_app).refusal(value)
        if refusal:
            raise ma.ValidationError(f"Not a push service endpoint we send to: {refusal}.")


class EndpointSchema(StrictSchema):
    endpoint = Text(required=True, validate=validate.Length(max=2048))


class SubscriptionOutSchema(StrictSchema):
    id = fields.Integer()
    endpoint = fields.String()
    created_at = fields.DateTime()
    last_success_at = fields.DateTime(allow_none=True)
    failing_since = fields.DateTime(allow_none=True)
    disabled = fields.Function(lambda row: row.disabled_at is not None, metadata={
        "description": "Notifications stopped reaching this browser (it failed for days); subscribing it "
                       "again turns them back on."})
