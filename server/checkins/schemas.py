"""Check-in schemas: every field a person can record, with every range enforced."""
import re

import marshmallow as ma
from marshmallow import fields, validate

from server.common.schema import (
    DateRangeQuerySchema, FiniteFloat, Instant, StrictBool, StrictSchema, Text, bounded_int,
)
from server.vocabulary import ACTIVITIES, BODY_REGIONS, PAIN_QUALITIES, RED_FLAGS

CUSTOM_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def vocabulary_list(allowed: frozenset[str], max_items: int):
    """A list of distinct keys from one fixed vocabulary."""
    return fields.List(
        Text(validate=validate.OneOf(sorted(allowed))),
        allow_none=True,
        validate=[validate.Length(max=max_items), _distinct],
        metadata={"uniqueItems": True},
    )


def _distinct(values):
    if values is not None and len(set(values)) != len(values):
        raise ma.ValidationError("Values must not repeat.")


class MedicationSchema(StrictSchema):
    name = Text(required=True, validate=validate.Length(min=1, max=120))
    dose_mg = FiniteFloat(allow_none=True, validate=validate.Range(0, 100_000))


class CustomTrackers(fields.Dict):
    """The person's own trackers: {"key": number}, keys in snake_case."""

    def __init__(self, **kwargs):
        super().__init__(
            keys=Text(validate=validate.Regexp(CUSTOM_KEY, error="Use lower-case letters, digits and _.")),
            values=FiniteFloat(validate=validate.Range(-1e9, 1e9)),
            allow_none=True,
            validate=validate.Length(max=30),
            **kwargs,
        )


def scale():
    return bounded_int(0, 10, allow_none=True)


class CheckInFieldsSchema(StrictSchema):
    """Every field a person can record; all optional here."""

    at = Instant()
    pain = scale()
    flare = StrictBool(allow_none=True)
    locations = vocabulary_list(BODY_REGIONS, 60)
    qualities = vocabulary_list(PAIN_QUALITIES, 20)
    sleep_hours = FiniteFloat(allow_none=True, validate=validate.Range(0, 24))
    sleep_quality = scale()
    night_wakings = bounded_int(0, 50, allow_none=True)
    stress = scale()
    mood = scale()
    energy = scale()
    activity_minutes = bounded_int(0, 1440, allow_none=True)
    activity_effort = scale()
    activities = vocabulary_list(ACTIVITIES, 20)
    rest_breaks = bounded_int(0, 100, allow_none=True)
    nsaid_doses = bounded_int(0, 50, allow_none=True)
    medications = fields.List(fields.Nested(MedicationSchema), allow_none=True,
                              validate=validate.Length(max=50))
    meal_regularity = scale()
    late_meal = StrictBool(allow_none=True)
    alcohol_units = FiniteFloat(allow_none=True, validate=validate.Range(0, 100))
    breathing_minutes = bounded_int(0, 1440, allow_none=True)
    mindfulness_minutes = bounded_int(0, 1440, allow_none=True)
    red_flags = vocabulary_list(RED_FLAGS, 20)
    custom = CustomTrackers()
    notes = Text(allow_none=True, validate=validate.Length(max=2000))


DATA_FIELDS = tuple(name for name in CheckInFieldsSchema._declared_fields if name != "at")


class CheckInDataSchema(CheckInFieldsSchema):
    """A check-in's data as carried by sync: `at` is required."""

    at = Instant(required=True)


class CheckInCreateSchema(CheckInDataSchema):
    id = fields.UUID(required=True)


class CheckInSchema(CheckInFieldsSchema):
    """A stored check-in as the API returns it."""

    id = fields.String()
    local_date = fields.Date()
    updated_at = fields.DateTime()
    at = fields.DateTime()


class CheckInQuerySchema(DateRangeQuerySchema):
    """Which check-ins to list."""
