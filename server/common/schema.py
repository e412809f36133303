"""Marshmallow building blocks shared by the feature schemas."""
import math
import re
from datetime import date

import marshmallow as ma
from marshmallow import fields, validate

from server.common.time import (
    DATE_PATTERN, DATE_RULE, FIRST_YEAR, INSTANT_PATTERN, INSTANT_RULE, LAST_YEAR, ZONE_NAMES, is_valid_zone, parse_instant,
)


class StrictSchema(ma.Schema):
    """Base schema: unknown fields are an error, never silently dropped."""

    class Meta:
        unknown = ma.RAISE
        ordered = True


NO_NUL = "^[^\\u0000]*$"


class Text(fields.String):
    """A string PostgreSQL can store: NUL characters are refused rather than crashing the insert.

    The OpenAPI document says so with a pattern, unless a Regexp or OneOf validator states
    a stricter rule. (Lone surrogates never reach a field: server/common/json_body.py refuses them.)
    """

    def __init__(self, **kwargs):
        validators = kwargs.get("validate") or []
        validators = validators if isinstance(validators, (list, tuple)) else [validators]
        if not any(isinstance(v, (validate.Regexp, validate.OneOf)) for v in validators):
            kwargs["metadata"] = {"pattern": NO_NUL, **kwargs.get("metadata", {})}
        super().__init__(**kwargs)

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


class StrictBool(fields.Boolean):
    """true or false only: 1, "yes" and "on" are ambiguous in a health record."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise ma.ValidationError("Must be true or false.")
        return value


class StrictInt(fields.Integer):
    """A JSON integer: refuses 3.7, "3" and true rather than truncating or coercing them,
    and takes 3.0 as 3 (JSON Schema, and so the OpenAPI document, calls 3.0 an integer)."""

    def _validated(self, value):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.make_error("invalid")
        return super()._validated(value)


def bounded_int(low: int, high: int, **kwargs):
    return StrictInt(validate=validate.Range(low, high), **kwargs)


class TimeZone(Text):
    """An IANA time zone name such as Europe/London."""

    def __init__(self, **kwargs):
        metadata = {"enum": list(ZONE_NAMES), **kwargs.pop("metadata", {})}
        super().__init__(validate=validate.Length(max=64), metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        zone = super()._deserialize(value, attr, data, **kwargs)
        if not is_valid_zone(zone):
            raise ma.ValidationError("Not a known IANA time zone, e.g. Europe/London.")
        return zone


class DateRangeQuerySchema(StrictSchema):
    """`?from=&to=` as local dates, inclusive, both optional; `from` never after `to`."""

    from_ = fields.Date(data_key="from", load_default=None,
                        metadata={"description": "First local date; not after `to`."})
    to = fields.Date(load_default=None, metadata={"description": "Last local date (inclusive)."})

    @ma.validates_schema
    def ordered(self, data, **kwargs):
        if data.get("from_") and data.get("to") and data["from_"] > data["to"]:
            raise ma.ValidationError("`from` must not be after `to`.", "from")


# Validators for synced JSON record bodies, which keep dates and times as the strings sent.
HHMM_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"  # a local wall time, 00:00-23:59
HHMM = validate.Regexp(HHMM_PATTERN, error="Use 24-hour HH:MM.")
KEY = validate.Regexp(r"^[a-z0-9_:\-]{1,60}$", error="Use lower-case letters, digits, _ : or -.")


class IsoDate(fields.String):
    """A calendar date kept as its ISO string "YYYY-MM-DD" (validated, not converted), in
    the years 1970–2200 like every instant (DATE_RULE)."""

    def __init__(self, **kwargs):
        metadata = {"format": "date", "pattern": DATE_PATTERN, **kwargs.pop("metadata", {})}
        metadata.setdefault("description", f"Date: {DATE_RULE}.")
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ma.ValidationError("Not a valid date (YYYY-MM-DD).")
        try:
            day = date.fromisoformat(text)
        except ValueError as exc:
            raise ma.ValidationError("Not a valid date (YYYY-MM-DD).") from exc
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ma.ValidationError(f"Use a date in the years {FIRST_YEAR}–{LAST_YEAR}.")
        return text


class BoundedDate(fields.Date):
    """A date loaded as `datetime.date`, in the years 1970–2200 (DATE_RULE)."""

    def __init__(self, **kwargs):
        metadata = {"pattern": DATE_PATTERN, **kwargs.pop("metadata", {})}
        metadata.setdefault("description", f"Date: {DATE_RULE}.")
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        day = super()._deserialize(value, attr, data, **kwargs)
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ma.ValidationError(f"Use a date in the years {FIRST_YEAR}–{LAST_YEAR}.")
        return day


class IsoInstant(fields.String):
    """An instant under the same rule as Instant (a UTC offset, years 1970–2200), kept as sent."""

    def __init__(self, **kwargs):
        metadata = {"pattern": INSTANT_PATTERN, "description": f"Instant: {INSTANT_RULE}.",
                    **kwargs.pop("metadata", {})}
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            parse_instant(text)
        except ValueError as exc:
            raise ma.ValidationError(str(exc)) from exc
        return text


class FastLoader:
    """`schema.load(data)` for one record, with marshmallow's per-record bookkeeping cut out.

    The same Field objects check the same values (every rule stays in the schema, and the
    OpenAPI document is built from it); what is skipped is the schema's work around them:
    a closure, an error-store call and a kwargs dict for each of the schema's fields,
    present or not, and the set of all field names built again for the unknown-field check.
    That was more than half the time of loading a check-in of eight fields
    (bench/README.md, "Sync").

    Only the plain case takes the short way: a dict whose keys are all fields, every field
    loading without error. Anything else (an unknown key, a missing required field, a
    value a field refuses, something not a dict) is loaded again by `schema.load`, so errors
    are marshmallow's own, word for word. A schema with hooks (pre/post_load, validates,
    validates_schema), `partial`, unknown=INCLUDE or dotted attributes always goes through
    `schema.load`. tests/common/test_fast_loader.py holds the two to the same results.
    """

    def __init__(self, schema: ma.Schema):
        self.schema = schema
        # (key in the data, attribute in the result, field.deserialize, consulted when absent:
        # marshmallow asks a required or defaulted field even when its key is missing)
        self._fields = [
            (name if field.data_key is None else field.data_key, field.attribute or name,
             field.deserialize, field.required or field.load_default is not ma.missing)
            for name, field in schema.load_fields.items()]
        self._raise_unknown = schema.unknown == ma.RAISE
        self.load = self._load if self._plain(schema) else schema.load

    @staticmethod
    def _plain(schema) -> bool:
        hooks = ("pre_load", "post_load", "validates", "validates_schema")
        return (not any(schema._hooks.get(tag) for tag in hooks) and schema.partial is None
                and not schema.many and schema.unknown in (ma.RAISE, ma.EXCLUDE)
                and not any("." in (f.attribute or name) for name, f in schema.load_fields.items()))

    def _load(self, data):
        if type(data) is not dict:
            return self.schema.load(data)
        result = self.schema.dict_class()
        found = 0
        try:
            for key, attribute, deserialize, when_absent in self._fields:
                if key in data:
                    found += 1
                    value = deserialize(data[key], key, data)
                elif when_absent:
                    value = deserialize(ma.missing, key, data)
                else:
                    continue
                if value is not ma.missing:
                    result[attribute] = value
        except ma.ValidationError:
            return self.schema.load(data)  # marshmallow words the errors
        if found != len(data) and self._raise_unknown:
            return self.schema.load(data)  # an unknown field: the same
        return result
