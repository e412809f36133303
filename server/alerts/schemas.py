"""Schemas for alert settings and alert events."""

from marshmallow import Schema, fields, validate

from server.alerts.rules import RULES
from server.common.schema import FiniteFloat, StrictBool, StrictSchema, bounded_int
from server.reminders.schemas import hhmm


class ThresholdsSchema(StrictSchema):
    """Threshold overrides; null means the default (for load: the person's own threshold)."""

    load = FiniteFloat(allow_none=True, validate=validate.Range(0, 100))
    acwr = FiniteFloat(allow_none=True, validate=validate.Range(1.0, 5.0))
    short_nights = bounded_int(2, 14, allow_none=True)
    nsaid_days = bounded_int(1, 14, allow_none=True)
    forecast_risk = FiniteFloat(allow_none=True, validate=validate.Range(0.05, 0.99))


class EnabledSchema(StrictSchema):
    """Each alert rule on (true) or off (false)."""

    load_high = StrictBool()
    acwr_spike = StrictBool()
    short_nights = StrictBool()
    nsaid_days = StrictBool()
    forecast_risk = StrictBool()


class AlertSettingsSchema(StrictSchema):
    """A person's alert settings; quiet hours (local "HH:MM") also hold back reminders."""

    enabled = fields.Nested(EnabledSchema)
    thresholds = fields.Nested(ThresholdsSchema)
    quiet_start = hhmm()
    quiet_end = hhmm()
    daily_cap = bounded_int(0, 10)


class AlertEventSchema(Schema):
    """An alert that fired, with the explanation the app shows."""

    id = fields.String()
    rule = fields.String(validate=validate.OneOf(RULES))
    day = fields.Date()
    title = fields.String()
    explanation = fields.String()
    pushed = fields.Boolean()
    created_at = fields.DateTime()


class AlertListSchema(Schema):
    events = fields.List(fields.Nested(AlertEventSchema))
