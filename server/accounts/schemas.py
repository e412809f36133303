"""Request and response schemas for accounts."""
from datetime import date

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


SECTION_KEY = validate.Regexp(r"^[a-z_]{1,20}$", error="A section key is lower-case letters and _.")


class UserSchema(StrictSchema):
    id = fields.Integer()
    email = fields.String()
    timezone = fields.String()
    created_at = fields.DateTime()
    name = fields.String(allow_none=True)
    birth_date = fields.Date(allow_none=True)
    checkin_sections = fields.List(fields.String(), allow_none=True, metadata={
        "description": "check-in sections shown, in order; null: all, in the app's order"})


class AccountUpdateSchema(StrictSchema):
    """Any of the account's settings; fields left out stay as they are, null clears."""

    timezone = TimeZone()
    name = Text(allow_none=True, validate=validate.Length(max=120))
    birth_date = fields.Date(allow_none=True, metadata={
        "description": "Between 1900-01-01 and today."})
    checkin_sections = fields.List(fields.String(validate=SECTION_KEY), allow_none=True,
                                   validate=validate.Length(max=20), metadata={"uniqueItems": True})

    @ma.validates("birth_date")
    def plausible(self, value, **kwargs):
        if value is not None and not date(1900, 1, 1) <= value <= date.today():
            raise ma.ValidationError("A date of birth between 1900 and today.")

    @ma.validates("checkin_sections")
    def no_repeats(self, value, **kwargs):
        if value is not None and len(set(value)) != len(value):
            raise ma.ValidationError("Each section once.")

    @ma.post_load
    def tidy(self, data, **kwargs):
        if isinstance(data.get("name"), str):
            data["name"] = data["name"].strip() or None
        return data


class SessionSchema(StrictSchema):
    token = fields.String()
    expires_in_days = fields.Integer()
    user = fields.Nested(UserSchema)
    device_key = fields.String(metadata={
        "description": "Keep it and send it with the next sign-in: failed sign-ins by others "
                       "never lock out a device that has signed in before."})


class RegisteredSchema(StrictSchema):
    message = fields.String()
