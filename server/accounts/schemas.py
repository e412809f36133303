"""Request and response schemas for accounts."""
import marshmallow as ma
from marshmallow import fields, validate

from server.accounts.passwords import MIN_LENGTH, TOO_SHORT, password_problem
from server.common.schema import StrictSchema, Text, TimeZone

DEVICE_KEY = "The key this device was given at its last sign-in, if any (docs/security.md)."


class LoginSchema(StrictSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = Text(required=True, validate=validate.Length(min=1, max=1024))
    device_key = Text(load_default=None, validate=validate.Length(max=128),
                      metadata={"description": DEVICE_KEY})


class RegisterSchema(StrictSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = Text(required=True, validate=[validate.Length(min=MIN_LENGTH, error=TOO_SHORT),
                                             validate.Length(max=1024)], metadata={
        "description": f"At least {MIN_LENGTH} characters, not a common password, and hard to "
                       "guess (zxcvbn score 3 or more; docs/security.md)."})
    timezone = TimeZone(load_default="UTC")

    @ma.validates_schema(skip_on_field_errors=True)
    def strong_enough(self, data, **kwargs):
        problem = password_problem(data["password"], data["email"])
        if problem:
            raise ma.ValidationError(problem, "password")


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
    device_key = fields.String(metadata={
        "description": "Keep it and send it with the next sign-in: failed sign-ins by others "
                       "never lock out a device that has signed in before."})


class RegisteredSchema(StrictSchema):
    message = fields.String()
