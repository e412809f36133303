"""Schemas of the insights API: query arguments in, the shapes in docs/insights.md out."""
import marshmallow as ma
from marshmallow import fields

from server.common.schema import DateRangeQuerySchema

class LoadQuerySchema(DateRangeQuerySchema):
    """Which days of the load to return (all when neither is given)."""


class LoadDaySchema(ma.Schema):
    date = fields.String(metadata={"format": "date"})
    score = fields.Float(allow_none=True, metadata={
        "description": "0–100; null without a check-in or before the baseline exists"})
    contributors = fields.Dict(keys=fields.String(), values=fields.Float(),
                               metadata={"description": "points each contributor added"})
    pain_mean = fields.Float(allow_none=True)
    flare = fields.Boolean(allow_none=True)
    days_needed = fields.Integer(metadata={
        "description": "more days with a check-in before the person's baseline exists (0 once "
                       "it does); until then score is null: no score yet"})


class ThresholdSchema(ma.Schema):
    factor = fields.String()
    value = fields.Float()


class ConditionTermSchema(ma.Schema):
    factor = fields.String()
    op = fields.String(metadata={"enum": [">", ">=", "<", "<="]})
    value = fields.Float()


class ConditionSchema(ma.Schema):
    all = fields.List(fields.Nested(ConditionTermSchema), metadata={
        "description": "terms on one day's data that must all hold for the pattern to speak"})


class PatternSchema(ma.Schema):
    kind = fields.String(metadata={"enum": ["lagged", "threshold", "combination", "precursor"]})
    factors = fields.List(fields.String())
    outcome = fields.String(metadata={"enum": ["pain", "flare"]})
    lag_days = fields.Integer()
    lag_range = fields.List(fields.Integer(), metadata={
        "description": "[first, last] days after the factor the effect may show on: "
                       "[lag_days, lag_days] unless the person's check-ins left the lags next "
                       "to it with too few pairs of days (every other day: [1, 3] for lag 2)"})
    lag_exact = fields.Boolean(metadata={
        "description": "false when the timing can only be told as lag_range"})
    timing = fields.String(metadata={
        "enum": ["lag", "next_check_in"],
        "description": "lag: pain lag_days later; next_check_in: someone who checks in about "
                       "every other day, their pain at the first check-in lag_days or more "
                       "days later (within lag_range)"})
    counted_from = fields.String(metadata={
        "enum": ["day", "night"],
        "description": "night: sleep factors, kept on the day the night ends, so lag_days 0 "
                       "is the day after the night; day: lag_days counts from the factor's day"})
    direction = fields.String(metadata={"enum": ["worse", "better"]})
    threshold = fields.Nested(ThresholdSchema, allow_none=True)
    effect = fields.Float(metadata={
        "description": "pain points; flare odds ratio; precursors in the factor's unit"})
    ci_low = fields.Float()
    ci_high = fields.Float()
    interval = fields.List(fields.Float(), metadata={
        "description": "[ci_low, ci_high]: 95 % interval that allows for the search over lags, "
                       "cut points and pairs"})
    q_value = fields.Float()
    n = fields.Integer()
    n_days = fields.Integer(metadata={"description": "days the effect was estimated from"})
    summary = fields.String()
    claim = fields.String(metadata={
        "enum": ["cause", "together"],
        "description": "cause: the factor was recorded before the pain it is compared with; "
                       "together: a same-day link pain itself may drive, or a warning sign"})
    condition = fields.Nested(ConditionSchema)


class PatternsSchema(ma.Schema):
    patterns = fields.List(fields.Nested(PatternSchema))
    data_days = fields.Integer()
    status = fields.String(metadata={"enum": ["collecting", "no_patterns", "patterns"]})
    days_needed = fields.Integer()
    tested = fields.Integer()
    message = fields.String()
    logged_share = fields.Float(metadata={
        "description": "share of days from the first check-in with a check-in (0–1)"})
    next_day_pairs = fields.Integer(metadata={
        "description": "days with pain whose day before has a check-in"})


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
    baseline = fields.Dict(keys=fields.String(), values=fields.Nested(ScoreSchema), metadata={
        "description": "base_rate, persistence (flare today) and pain (today's and "
                       "yesterday's pain), scored on the same days"})
    wins = fields.Dict(keys=fields.String(), values=fields.Dict(
        keys=fields.String(), values=fields.Boolean()),
        metadata={"description": "per baseline: {auc: bool, brier: bool}, better than it"})
    beats_baseline = fields.Boolean()


class DriverSchema(ma.Schema):
    factor = fields.String()
    contribution = fields.Float()


class ForecastSchema(ma.Schema):
    risk = fields.Float(allow_none=True, metadata={"description": "flare within horizon_hours"})
    horizon_hours = fields.Integer()
    drivers = fields.List(fields.Nested(DriverSchema))
    quality = fields.Nested(QualitySchema)
    status = fields.String(metadata={
        "enum": ["ready", "collecting", "not_better", "no_recent_checkin"]})
    message = fields.String(metadata={"description": "the status in plain words"})


class PracticeSchema(ma.Schema):
    key = fields.String()
    title = fields.String()
    href = fields.String(metadata={"description": "the PWA screen that guides it"})
    why = fields.String()


class TakeawaySchema(ma.Schema):
    kind = fields.String(metadata={"enum": ["pattern", "collecting", "no_patterns"]})
    topic = fields.String(allow_none=True)
    claim = fields.String(allow_none=True, metadata={"enum": ["cause", "together", None]})
    headline = fields.String()
    recent = fields.String(allow_none=True,
                           metadata={"description": "how often it came up this week"})
    suggestion = fields.String()
    practice = fields.Nested(PracticeSchema, allow_none=True)
    evidence_href = fields.String(allow_none=True)
    explain = fields.String(allow_none=True, metadata={"description": "a clinical word explained"})


class WindowSchema(ma.Schema):
    days = fields.Integer()
    pain_mean = fields.Float(allow_none=True)
    flare_days = fields.Integer()


class WeekSchema(WindowSchema):
    from_ = fields.String(attribute="from", data_key="from", metadata={"format": "date"})
    to = fields.String(metadata={"format": "date"})
    previous = fields.Nested(WindowSchema)
    text = fields.String()


class StatementSchema(ma.Schema):
    factor = fields.String(metadata={"description": "factor name, or two joined by + for a pair"})
    claim = fields.String(metadata={"enum": ["cause", "together"]})
    direction = fields.String(metadata={"enum": ["worse", "better", "mixed", "early_sign"]})
    text = fields.String()
    details = fields.List(fields.String())
    explain = fields.String(allow_none=True)
    lag_days = fields.List(fields.Integer())
    lag_ranges = fields.List(fields.List(fields.Integer()), metadata={
        "description": "[first, last] day per timing; wider than a lag where gaps in "
                       "check-ins leave it open (patterns' lag_range)"})
    outcomes = fields.List(fields.String())
    patterns = fields.List(fields.Integer(), metadata={"description": "indexes into /patterns"})
    in_headline = fields.Boolean(metadata={"description": "the group's headline already says it"})


class GroupSchema(ma.Schema):
    key = fields.String()
    title = fields.String()
    headline = fields.String()
    claim = fields.String(metadata={"enum": ["cause", "together"]})
    statements = fields.List(fields.Nested(StatementSchema))
    practice = fields.Nested(PracticeSchema, allow_none=True)
    patterns = fields.List(fields.Integer())


class OverviewSchema(ma.Schema):
    takeaway = fields.Nested(TakeawaySchema)
    week = fields.Nested(WeekSchema)
    groups = fields.List(fields.Nested(GroupSchema))
    data_days = fields.Integer()
    days_needed = fields.Integer()
    status = fields.String(metadata={"enum": ["collecting", "no_patterns", "patterns"]})
