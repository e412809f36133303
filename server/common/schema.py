"""Marshmallow building blocks shared by the feature schemas."""
import math
import re
from datetime import date

import marshmallow as ma
from marshmallow import fields, validate

from server.common.time import is_valid_zone, parse_instant


class StrictSchema(ma.Schema):
    """Base schema: unknown fields are an error, never silently dropped."""

    class Meta:
        unknown = ma.RAISE
        ordered = True


class Text(fields.String):
    """A string PostgreSQL can store: NUL characters are refused rather than crashing the insert."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if "\x00" in text:
            raise ma.ValidationError("Must not contain NUL characters.")
        return text


class Instant(fields.DateTime):
    """ISO 8601 instant with a required UTC offset; dumps as ISO 8601."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str):
            raise ma.ValidationError("Not a valid datetime.")
        try:
            at = parse_instant(value)
        except ValueError as exc:
            raise ma.ValidationError(f"Not a valid ISO 8601 instant with offset: {exc}") from exc
        if not 1970 <= at.year <= 2200:
            raise ma.ValidationError("Year out of range.")
        return at


class FiniteFloat(fields.Float):
    """A float that refuses NaN and infinities (they break averages and JSON)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_nan", False)
        super().__init__(**kwargs)

    def _validated(self, value):
        number = super()._validated(value)
        if number is not None and not math.isfinite(number):
            raise self.make_error("special")
        return number


def StrictInt(**kwargs):  # noqa: N802 - a field factory reads like a field class
    """Integer that refuses 3.7 and "3" rather than truncating or coercing them."""
    return fields.Integer(strict=True, **kwargs)


def bounded_int(low: int, high: int, **kwargs):
    return StrictInt(validate=validate.Range(low, high), **kwargs)


class TimeZone(Text):
    """An IANA time zone name such as Europe/London."""

    def __init__(self, **kwargs):
        super().__init__(validate=validate.Length(max=64), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        zone = super()._deserialize(value, attr, data, **kwargs)
        if not is_valid_zone(zone):
            raise ma.ValidationError("Not a known IANA time zone, e.g. Europe/London.")
        return zone


class DateRangeQuerySchema(StrictSchema):
    """`?from=&to=` as local dates, inclusive, both optional; `from` never after `to`."""

    from_ = fields.Date(data_key="from", load_default=None)
    to = fields.Date(load_default=None)

    @ma.validates_schema
    def ordered(self, data, **kwargs):
        if data.get("from_") and data.get("to") and data["from_"] > data["to"]:
            raise ma.ValidationError("`from` must not be after `to`.", "from")


# Validators for synced JSON record bodies, which keep dates and times as the strings sent.
HHMM = validate.Regexp(r"^([01]\d|2[0-3]):[0-5]\d$", error="Use 24-hour HH:MM.")
KEY = validate.Regexp(r"^[a-z0-9_:\-]{1,60}$", error="Use lower-case letters, digits, _ : or -.")


class IsoDate(fields.String):
    """A calendar date kept as its ISO string "YYYY-MM-DD" (validated, not converted)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ma.ValidationError("Not a valid date (YYYY-MM-DD).")
        try:
            date.fromisoformat(text)
        except ValueError as exc:
            raise ma.ValidationError("Not a valid date (YYYY-MM-DD).") from exc
        return text


class IsoInstant(fields.String):
    """An ISO 8601 instant with offset, kept as sent."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            parse_instant(text)
        except ValueError as exc:
            raise ma.ValidationError("Not a valid ISO 8601 instant with offset.") from exc
        return text
