"""Request and response schemas for accounts."""
from marshmallow import fields, validate

from server.common.schema import StrictSchema, Text, TimeZone


class CredentialsSchema(StrictSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = Text(required=True, validate=validate.Length(min=1, max=1024))


class RegisterSchema(CredentialsSchema):
    password = Text(required=True, validate=validate.Length(min=10, max=1024))
    timezone = TimeZone(load_default="UTC")


class UserSchema(StrictSchema):
    id = fields.Integer()
    email = fields.String()
    timezone = fields.String()
    created_at = fields.DateTime()


class AccountUpdateSchema(StrictSchema):
    timezone = TimeZone(required=True)


class SessionSchema(StrictSchema):
    token = fields.String()
    expires_in_days = fields.Integer()
    user = fields.Nested(UserSchema)
