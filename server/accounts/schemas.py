"""Request and response schemas for accounts."""
from marshmallow import fields, validate, validates, ValidationError

from server.common.schema import StrictSchema, Text
from server.common.time import is_valid_zone


class CredentialsSchema(StrictSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = Text(required=True, validate=validate.Length(min=1, max=1024))


class RegisterSchema(CredentialsSchema):
    password = Text(required=True, validate=validate.Length(min=10, max=1024))
    timezone = Text(load_default="UTC", validate=validate.Length(max=64))

    @validates("timezone")
    def known_zone(self, value, **kwargs):
        if not is_valid_zone(value):
            raise ValidationError("Not a known IANA time zone, e.g. Europe/London.")


class UserSchema(StrictSchema):
    id = fields.Integer()
    email = fields.String()
    timezone = fields.String()
    created_at = fields.DateTime()


class AccountUpdateSchema(StrictSchema):
    timezone = Text(required=True, validate=validate.Length(max=64))

    @validates("timezone")
    def known_zone(self, value, **kwargs):
        if not is_valid_zone(value):
            raise ValidationError("Not a known IANA time zone, e.g. Europe/London.")


class SessionSchema(StrictSchema):
    token = fields.String()
    expires_in_days = fields.Integer()
    user = fields.Nested(UserSchema)
