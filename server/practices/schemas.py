"""Marshmallow schemas: the `data` body of each practice record type, and the pacing route's
documented response.

Each validates what the PWA sends and refuses unknown fields (StrictSchema). They load
to JSON-ready values (dates stay ISO strings, checked by pattern) so the stored body is
exactly what the client sent once it is known to be valid.
"""
from marshmallow import fields, validate

from server.common.schema import (
    HHMM,
    KEY,
    FiniteFloat,
    IsoDate,
    IsoInstant,
    StrictInt,
    StrictSchema,
    Text,
)
from server.rules import rule_table

PACING = rule_table("pacing")
GUIDED = ["humming", "gargling", "cold_water", "singing", "imagery", "mirror"]
STOP_BANG = ["snoring", "tired", "observed", "pressure", "bmi", "age", "neck", "gender"]


class RoutineItem(StrictSchema):
    key = fields.String(required=True, validate=KEY)
    label = Text(required=True, validate=validate.Length(1, 80))
    href = fields.String(validate=validate.Regexp(r"^#/[a-z0-9/_-]*$"))


class BedtimeRoutineData(StrictSchema):
    items = fields.List(fields.Nested(RoutineItem), required=True, validate=validate.Length(max=30))
    target_bedtime = fields.String(required=True, validate=HHMM)
    wake_time = fields.String(required=True, validate=HHMM)


class BedtimeLogData(StrictSchema):
    date = IsoDate(required=True)
    ticked = fields.List(fields.String(validate=validate.Length(1, 60)), validate=validate.Length(max=40))
    meds_logged = fields.List(fields.String(validate=validate.Length(1, 60)), validate=validate.Length(max=40))
    completed_at = fields.String(allow_none=True, validate=HHMM)


class PacingPlanData(StrictSchema):
    baseline = StrictInt(required=True, validate=validate.Range(1, 1440))
    weekly_increase = FiniteFloat(required=True, validate=validate.Range(0, PACING["max_weekly_increase"]))
    hold = fields.Boolean(required=True)
    start = IsoDate(required=True)


class Score(StrictSchema):
    n = StrictInt(required=True, validate=validate.Range(min=0))
    correct = StrictInt(required=True, validate=validate.Range(min=0))
    accuracy = FiniteFloat(required=True, validate=validate.Range(0, 1))
    medianMs = FiniteFloat(allow_none=True, data_key="medianMs", validate=validate.Range(min=0))


class Trial(StrictSchema):
    part = fields.String(required=True, validate=validate.OneOf(["hand", "foot"]))
    side = fields.String(required=True, validate=validate.OneOf(["left", "right"]))
    rotation = StrictInt(required=True, validate=validate.Range(0, 359))
    view = fields.String(required=True, validate=validate.OneOf(["back", "palm"]))
    answer = fields.String(required=True, validate=validate.OneOf(["left", "right"]))
    ms = StrictInt(required=True, validate=validate.Range(0, 600_000))


class LateralitySessionData(StrictSchema):
    at = IsoInstant(required=True)
    date = IsoDate(required=True)
    parts = fields.List(fields.String(validate=validate.OneOf(["hand", "foot"])), required=True)
    n = StrictInt(required=True, validate=validate.Range(1, 200))
    accuracy = FiniteFloat(required=True, validate=validate.Range(0, 1))
    median_ms = FiniteFloat(allow_none=True, validate=validate.Range(min=0))
    by_side = fields.Dict(keys=fields.String(validate=validate.OneOf(["left", "right"])), values=fields.Nested(Score))
    by_part = fields.Dict(keys=fields.String(validate=validate.OneOf(["hand", "foot"])), values=fields.Nested(Score))
    trials = fields.List(fields.Nested(Trial), validate=validate.Length(max=200))


class LessonProgressData(StrictSchema):
    lesson = fields.String(required=True, validate=KEY)
    read_at = IsoInstant(required=True)


class PracticeSessionData(StrictSchema):
    practice = fields.String(required=True, validate=validate.OneOf(GUIDED))
    at = IsoInstant(required=True)
    date = IsoDate(required=True)
    seconds = StrictInt(required=True, validate=validate.Range(0, 86_400))
    count = StrictInt(validate=validate.Range(0, 1000), metadata={"description": "Pictures or rounds done"})


class ScreeningData(StrictSchema):
    instrument = fields.String(required=True, validate=validate.OneOf(["stop_bang"]))
    at = IsoInstant(required=True)
    date = IsoDate(required=True)
    answers = fields.Dict(keys=fields.String(validate=validate.OneOf(STOP_BANG)), values=fields.Boolean(),
                          required=True, validate=validate.Length(equal=len(STOP_BANG)),
                          metadata={"description": "One yes/no per STOP-Bang item"})


# The pacing route's response.

class BoomSchema(StrictSchema):
    boom = fields.Boolean()
    above_longest = fields.Boolean()
    ratio = fields.Float(allow_none=True, metadata={"description": "EWMA acute:chronic minutes (acute_span_days over chronic_span_days)"})
    longest = fields.Float(allow_none=True, metadata={"description": "Most active day of the last boom_window_days"})
    message = fields.String()


class PacingFiguresSchema(StrictSchema):
    baseline_share = fields.Float(metadata={"description": "Share of the typical day the baseline starts at"})
    default_weekly_increase = fields.Float(metadata={"description": "Weekly growth proposed for a new plan"})
    max_weekly_increase = fields.Float(metadata={"description": "Largest weekly growth a plan may set"})
    tolerance_window_days = fields.Integer(metadata={"description": "Days the typical day is taken over"})
    min_days = fields.Integer(metadata={"description": "Logged days needed before a baseline is proposed"})
    boom_window_days = fields.Integer(metadata={"description": "Days searched for the most active day"})


class PacingSchema(StrictSchema):
    date = fields.Date()
    tolerance = fields.Float(allow_none=True,
                             metadata={"description": "Median daily minutes over tolerance_window_days"})
    proposed_baseline = fields.Integer(allow_none=True, metadata={"description": "baseline_share of tolerance"})
    plan = fields.Dict(allow_none=True)
    budget_today = fields.Integer(allow_none=True)
    minutes_today = fields.Float()
    rest_break_after = fields.Integer(allow_none=True)
    boom = fields.Nested(BoomSchema)
    figures = fields.Nested(PacingFiguresSchema,
                            metadata={"description": "The rules/pacing.json figures behind these numbers"})
