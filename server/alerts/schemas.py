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


class AlertPracticeSchema(Schema):
    key = fields.String()
    title = fields.String()
    href = fields.String()
    why = fields.String()


class AlertSuggestionSchema(Schema):
    """What to try: the person's own "what helps" pattern and a practice the app guides."""

    text = fields.String()
    practice = fields.Nested(AlertPracticeSchema, allow_none=True)


class AlertDetailsSchema(Schema):
    kind = fields.String(metadata={"description": '"personal" for a personal warning sign'})
    signs = fields.List(fields.String(), metadata={"description": "keys of the signs crossed"})
    suggestion = fields.Nested(AlertSuggestionSchema)


class AlertEventSchema(Schema):
    """An alert that fired, with the explanation the app shows ("From your own data: …")."""

    id = fields.String()
    rule = fields.String(metadata={"description": f"one of {', '.join(RULES)}, or a warning sign's key (w:…)"})
    day = fields.Date()
    title = fields.String(metadata={"description": "a personal alert's days worded on the day it is read, "
                                                    "in the person's zone (\"… today\", \"… on Wed 2 Dec\")"})
    explanation = fields.String(metadata={"description": "worded on the day it is read, as `title`"})
    pushed = fields.Boolean()
    created_at = fields.DateTime()
    target_from = fields.Date(allow_none=True, metadata={"description": "first day the warning speaks of"})
    target_to = fields.Date(allow_none=True)
    details = fields.Nested(AlertDetailsSchema, allow_none=True)
    explanation_parts = fields.List(fields.Raw(), allow_none=True, metadata={
        "description": "a personal alert's explanation with its days as days, for the app to word "
                       "on the day it is read: strings, {on: date}, {night_before: date} and "
                       "{from: date, to: date}; null for the fixed rules (show `explanation`)"})
    note = fields.String(allow_none=True, metadata={
        "description": "for a personal alert whose sign's line has moved since it was sent "
                       "(49 minutes then, 51 now), the words that say so; else null"})


class AlertListSchema(Schema):
    events = fields.List(fields.Nested(AlertEventSchema))


class TrackRecordSchema(Schema):
    """How often a rule's warned days were worse, against how often days are anyway."""

    warned = fields.Integer()
    came_true = fields.Integer()
    hit_rate = fields.Float(allow_none=True)
    base_rate = fields.Float(allow_none=True)
    retired = fields.Boolean()
    words = fields.String()


class WarningSignSchema(Schema):
    """One personal warning sign with the evidence behind it."""

    key = fields.String()
    kind = fields.String()
    kind_label = fields.String()
    watch = fields.String(metadata={"description": "what to watch for: the days the sign speaks of"})
    summary = fields.String()
    when = fields.String()
    effect_words = fields.String()
    days_seen = fields.Integer()
    effect = fields.Float()
    ci_low = fields.Float()
    ci_high = fields.Float()
    outcome = fields.String()
    lag_days = fields.Integer()
    window_days = fields.Integer()
    factors = fields.List(fields.String())
    found_on = fields.Date()
    active = fields.Boolean()
    muted = fields.Boolean()
    status = fields.String(validate=validate.OneOf(["watching", "muted", "retired", "no_longer_backed"]))
    status_words = fields.String()
    helps = fields.Nested(AlertSuggestionSchema, metadata={"description": "what helped before, or may help"})
    record = fields.Nested(TrackRecordSchema)


class WarningKindSchema(Schema):
    kind = fields.String()
    label = fields.String()
    about = fields.String()
    muted = fields.Boolean()


class FixedRuleRecordSchema(Schema):
    rule = fields.String()
    title = fields.String()
    enabled = fields.Boolean()
    record = fields.Nested(TrackRecordSchema)


class WarningSignsSchema(Schema):
    signs = fields.List(fields.Nested(WarningSignSchema))
    kinds = fields.List(fields.Nested(WarningKindSchema))
    fixed = fields.List(fields.Nested(FixedRuleRecordSchema))
    days_needed = fields.Integer(metadata={
        "description": "Days of check-ins the patterns, and so the signs, still need (0 once they can be found)."})


class WarningMuteSchema(StrictSchema):
    muted = StrictBool(required=True)
