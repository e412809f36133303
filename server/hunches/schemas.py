"""Schemas of /api/hunches (docs/insights.md, "Your hunches")."""
import marshmallow as ma
from marshmallow import ValidationError, fields, validate, validates

from server.analysis.patterns.hunches import DIRECTIONS, MAX_HUNCH_FACTORS, NAMEABLE, nameable
from server.common.schema import StrictSchema

STATUSES = ["agree", "not_seen", "not_enough"]
#: The names a hunch can use, as a pattern the OpenAPI document shows (nameable() decides).
FACTOR_PATTERN = (r"^(" + "|".join(sorted(NAMEABLE)) + r"|custom\.[a-z][a-z0-9_]{0,39})$")


class HunchInSchema(StrictSchema):
    factors = fields.List(fields.String(validate=validate.Regexp(
        FACTOR_PATTERN, error="Not a factor that can be tested.")), required=True,
        validate=validate.Length(
        min=1, max=MAX_HUNCH_FACTORS, error="Name one factor, or two that act together."),
        metadata={"uniqueItems": True,
                  "description": "one factor, or two different ones that act together "
                                 "(analysis names: sleep_hours, alcohol_units, custom.<key>…)"})
    direction = fields.String(required=True, validate=validate.OneOf(
        DIRECTIONS, error="direction is worse or better."), metadata={
        "description": "what the factor's notable end (short sleep, high stress, a late "
                       "meal…) does to pain the next day, as the person suspects"})

    @validates("factors")
    def _known(self, value, **_):
        unknown = [name for name in value if not nameable(name)]
        if unknown:
            raise ValidationError(f"Not a factor that can be tested: {', '.join(unknown)}.")
        if len(set(value)) != len(value):
            raise ValidationError("Name two different factors.")


class SinceNamedSchema(ma.Schema):
    from_ = fields.String(data_key="from", attribute="from", metadata={"format": "date"})
    status = fields.String(metadata={"enum": STATUSES})
    n_days = fields.Integer()
    text = fields.String()


class HunchResultSchema(ma.Schema):
    status = fields.String(metadata={
        "enum": STATUSES, "description": "agree: a one-sided 5 % test in the named direction "
        "passed; not_seen: it did not; not_enough: too few days to test"})
    text = fields.String(metadata={"description": "the result in plain words"})
    lag_days = fields.Integer(metadata={"description": "0 for nights alone, else 1"})
    effect = fields.Float(allow_none=True, metadata={"description": "pain points"})
    interval = fields.List(fields.Float(), allow_none=True, metadata={
        "description": "90 % interval (its near end matches the one-sided test)"})
    n_days = fields.Integer(metadata={"description": "days with the factor (both, for a "
                                                     "pair) followed by pain to compare"})
    more_days = fields.Integer(allow_none=True, metadata={
        "description": "not_seen: about how many more such days would show 1 point"})
    since_named = fields.Nested(SinceNamedSchema, allow_none=True)


class HunchSchema(ma.Schema):
    id = fields.String()
    factors = fields.List(fields.String())
    labels = fields.List(fields.String(), metadata={"description": "the factors in words"})
    direction = fields.String(metadata={"enum": list(DIRECTIONS)})
    named_on = fields.String(metadata={"format": "date"})
    result = fields.Nested(HunchResultSchema)


class ChoiceSchema(ma.Schema):
    factor = fields.String()
    label = fields.String(metadata={"description": "the factor's notable end in words"})


class HunchesSchema(ma.Schema):
    hunches = fields.List(fields.Nested(HunchSchema))
    choices = fields.List(fields.Nested(ChoiceSchema), metadata={
        "description": "factors the person has logged, to pick from"})
    max_hunches = fields.Integer()
