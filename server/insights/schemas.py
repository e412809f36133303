"""Schemas of the insights API: query arguments in, DESIGN.md's shapes out."""
import marshmallow as ma
from marshmallow import fields

from server.common.schema import DateRangeQuerySchema

class LoadQuerySchema(DateRangeQuerySchema):
    """Which days of the load to return (all when neither is given)."""


class LoadDaySchema(ma.Schema):
    date = fields.String(metadata={"format": "date"})
    score = fields.Float(allow_none=True,
                         metadata={"description": "0–100; null without a check-in"})
    contributors = fields.Dict(keys=fields.String(), values=fields.Float(),
                               metadata={"description": "points each contributor added"})
    pain_mean = fields.Float(allow_none=True)
    flare = fields.Boolean(allow_none=True)


class ThresholdSchema(ma.Schema):
    factor = fields.String()
    value = fields.Float()


class PatternSchema(ma.Schema):
    kind = fields.String(metadata={"enum": ["lagged", "threshold", "combination", "precursor"]})
    factors = fields.List(fields.String())
    outcome = fields.String(metadata={"enum": ["pain", "flare"]})
    lag_days = fields.Integer()
    direction = fields.String(metadata={"enum": ["worse", "better"]})
    threshold = fields.Nested(ThresholdSchema, allow_none=True)
    effect = fields.Float(metadata={
        "description": "pain points; flare odds ratio; precursors in the factor's unit"})
    ci_low = fields.Float()
    ci_high = fields.Float()
    q_value = fields.Float()
    n = fields.Integer()
    summary = fields.String()


class PatternsSchema(ma.Schema):
    patterns = fields.List(fields.Nested(PatternSchema))
    data_days = fields.Integer()
    status = fields.String(metadata={"enum": ["collecting", "no_patterns", "patterns"]})
    days_needed = fields.Integer()
    tested = fields.Integer()
    message = fields.String()


class ScoreSchema(ma.Schema):
    auc = fields.Float(allow_none=True)
    brier = fields.Float(allow_none=True)


class CalibrationBinSchema(ma.Schema):
    predicted = fields.Float()
    observed = fields.Float()
    n = fields.Integer()


class QualitySchema(ma.Schema):
    auc = fields.Float(allow_none=True)
    brier = fields.Float(allow_none=True)
    n_days = fields.Integer()
    events = fields.Integer()
    calibration = fields.List(fields.Nested(CalibrationBinSchema))
    baseline = fields.Dict(keys=fields.String(), values=fields.Nested(ScoreSchema))
    beats_baseline = fields.Boolean()


class DriverSchema(ma.Schema):
    factor = fields.String()
    contribution = fields.Float()


class ForecastSchema(ma.Schema):
    risk = fields.Float(allow_none=True, metadata={"description": "flare within horizon_hours"})
    horizon_hours = fields.Integer()
    drivers = fields.List(fields.Nested(DriverSchema))
    quality = fields.Nested(QualitySchema)
    status = fields.String()
