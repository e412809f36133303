"""Marshmallow schemas: the `data` body of each practice and protocol record type, and the
pacing route's documented response.

Each validates what the PWA sends and refuses unknown fields (StrictSchema). They load
to JSON-ready values (dates stay ISO strings, checked by pattern) so the stored body is
exactly what the client sent once it is known to be valid.
"""
import re
from datetime import date

import marshmallow as ma
from marshmallow import fields, validate, validates_schema

from server.common.schema import FiniteFloat, StrictInt, StrictSchema, Text
from server.protocol.labs import CATALOGUE, CUSTOM
from server.protocol.titration import TitrationPlan

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
        from server.common.time import parse_instant

        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            parse_instant(text)
        except ValueError as exc:
            raise ma.ValidationError("Not a valid ISO 8601 instant with offset.") from exc
        return text


def _number(**kw):
    return FiniteFloat(**kw)


class LabResultData(StrictSchema):
    test = fields.String(required=True, validate=validate.OneOf([*CATALOGUE, CUSTOM]))
    name = Text(validate=validate.Length(1, 80))
    value = _number(required=True)
    unit = Text(required=True, validate=validate.Length(0, 20))
    date = IsoDate(required=True)
    ref_low = _number(allow_none=True)
    ref_high = _number(allow_none=True)

    @validates_schema
    def _consistent(self, data, **kwargs):
        if data["test"] == CUSTOM and not data.get("name"):
            raise ma.ValidationError({"name": ["A custom test needs a name."]})
        if data["test"] != CUSTOM and data["unit"] not in CATALOGUE[data["test"]].units:
            raise ma.ValidationError({"unit": [f"Use one of: {', '.join(CATALOGUE[data['test']].units)}."]})
        low, high = data.get("ref_low"), data.get("ref_high")
        if low is not None and high is not None and low > high:
            raise ma.ValidationError({"ref_low": ["The range starts above its end."]})


class TitrationData(StrictSchema):
    start = _number(required=True)
    step = _number(required=True)
    every_days = StrictInt(required=True, validate=validate.Range(1, 365))
    max = _number(required=True)

    @validates_schema
    def _plan(self, data, **kwargs):
        try:
            TitrationPlan.from_dict(data)
        except ValueError as exc:
            raise ma.ValidationError({"titration": [str(exc)]}) from exc


class ProtocolItemData(StrictSchema):
    name = Text(required=True, validate=validate.Length(1, 120))
    dose = _number(allow_none=True, validate=validate.Range(min=0))
    unit = Text(allow_none=True, validate=validate.Length(0, 20))
    times = fields.List(fields.String(validate=HHMM), validate=validate.Length(max=12))
    start = IsoDate(allow_none=True)
    stop = IsoDate(allow_none=True)
    prescription = fields.Boolean()
    prescriber = Text(allow_none=True, validate=validate.Length(0, 120))
    titration = fields.Nested(TitrationData, allow_none=True)
    template = fields.String(allow_none=True, validate=KEY)
    timing = fields.String(validate=validate.OneOf(["any", "bedtime"]))

    @validates_schema
    def _dates(self, data, **kwargs):
        if data.get("start") and data.get("stop") and data["stop"] < data["start"]:
            raise ma.ValidationError({"stop": ["The stop date is before the start date."]})
        if data.get("titration") and not data.get("start"):
            raise ma.ValidationError({"start": ["A titration plan needs a start date."]})


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
    weekly_increase = _number(required=True, validate=validate.Range(0, 0.3))
    hold = fields.Boolean(required=True)
    start = IsoDate(required=True)


class Score(StrictSchema):
    n = StrictInt(required=True, validate=validate.Range(min=0))
    correct = StrictInt(required=True, validate=validate.Range(min=0))
    accuracy = _number(required=True, validate=validate.Range(0, 1))
    medianMs = _number(allow_none=True, data_key="medianMs", validate=validate.Range(min=0))


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
    accuracy = _number(required=True, validate=validate.Range(0, 1))
    median_ms = _number(allow_none=True, validate=validate.Range(min=0))
    by_side = fields.Dict(keys=fields.String(validate=validate.OneOf(["left", "right"])), values=fields.Nested(Score))
    by_part = fields.Dict(keys=fields.String(validate=validate.OneOf(["hand", "foot"])), values=fields.Nested(Score))
    trials = fields.List(fields.Nested(Trial), validate=validate.Length(max=200))


class LessonProgressData(StrictSchema):
    lesson = fields.String(required=True, validate=KEY)
    read_at = IsoInstant(required=True)


# The pacing route's response.

class BoomSchema(StrictSchema):
    boom = fields.Boolean()
    above_longest = fields.Boolean()
    ratio = fields.Float(allow_none=True, metadata={"description": "EWMA 7:28-day acute:chronic minutes"})
    longest = fields.Float(allow_none=True, metadata={"description": "Most active day of the last 30"})
    message = fields.String()


class PacingSchema(StrictSchema):
    date = fields.Date()
    tolerance = fields.Float(allow_none=True, metadata={"description": "Median daily minutes, last 14 days"})
    proposed_baseline = fields.Integer(allow_none=True, metadata={"description": "About 80% of tolerance"})
    plan = fields.Dict(allow_none=True)
    budget_today = fields.Integer(allow_none=True)
    minutes_today = fields.Float()
    rest_break_after = fields.Integer(allow_none=True)
    boom = fields.Nested(BoomSchema)
