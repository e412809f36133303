"""Request and response schemas for accounts."""
from datetime import date

import marshmallow as ma
from marshmallow import fields, validate

from server.common.schema import StrictSchema, Text, TimeZone


class CredentialsSchema(StrictSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = Text(required=True, validate=validate.Length(min=1, max=1024))


class RegisterSchema(CredentialsSchema):
    password = Text(required=True, validate=validate.Length(min=10, max=1024))
    timezone = TimeZone(load_default="UTC")


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
    birth_date = fields.Date(allow_none=True)
    checkin_sections = fields.List(fields.String(validate=SECTION_KEY), allow_none=True,
                                   validate=validate.Length(max=20))

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
