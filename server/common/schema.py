"""Marshmallow building blocks shared by the feature schemas."""
import math

import marshmallow as ma
from marshmallow import fields, validate

from server.common.time import INSTANT_PATTERN, INSTANT_RULE, is_valid_zone, parse_instant


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
    """An instant as parse_instant takes it (a UTC offset, years 1970–2200); dumps as ISO 8601.

    Documented by its exact pattern rather than as `date-time`, which would promise
    years 1 to 9999 (the Api registers this field with no format).
    """

    def __init__(self, **kwargs):
        metadata = {"pattern": INSTANT_PATTERN, "description": f"Instant: {INSTANT_RULE}.",
                    **kwargs.pop("metadata", {})}
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return parse_instant(value)
        except ValueError as exc:
            raise ma.ValidationError(str(exc)) from exc


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
