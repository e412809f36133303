"""Schemas of the protocol feature: the `data` bodies of its synced records (lab results,
protocol items, health conditions) and the routes' queries and documented responses.

Record bodies refuse unknown fields (StrictSchema) and load to JSON-ready values (dates
stay ISO strings, checked by pattern), so the stored body is exactly what the client sent
once it is known to be valid.
"""

import marshmallow as ma
from marshmallow import fields, validate, validates_schema

from server.common.schema import HHMM, KEY, FiniteFloat, IsoDate, StrictInt, StrictSchema, Text
from server.protocol.labs import CATALOGUE, CUSTOM
from server.protocol.titration import RULE as TITRATION
from server.protocol.titration import TitrationPlan
from server.rules import rule_table

CONDITIONS = [c["key"] for c in rule_table("safety")["conditions"]]


# -- synced record bodies -----------------------------------------------------------------


class LabResultData(StrictSchema):
    test = fields.String(required=True, validate=validate.OneOf([*CATALOGUE, CUSTOM]))
    name = Text(validate=validate.Length(1, 80))
    value = FiniteFloat(required=True)
    unit = Text(required=True, validate=validate.Length(0, 20))
    date = IsoDate(required=True)
    ref_low = FiniteFloat(allow_none=True)
    ref_high = FiniteFloat(allow_none=True)

    @validates_schema
    def _consistent(self, data, **kwargs):
        test = CATALOGUE.get(data["test"])
        if (test is None or test.panel) and not data.get("name"):
            raise ma.ValidationError({"name": ["Name the test (or, for a panel, the marker)."]})
        if test is not None and not test.panel and data["unit"] not in test.units:
            raise ma.ValidationError({"unit": [f"Use one of: {', '.join(test.units)}."]})
        low, high = data.get("ref_low"), data.get("ref_high")
        if low is not None and high is not None and low > high:
            raise ma.ValidationError({"ref_low": ["The range starts above its end."]})


class TitrationData(StrictSchema):
    start = FiniteFloat(required=True)
    step = FiniteFloat(required=True)
    every_days = StrictInt(
        required=True,
        validate=validate.Range(TITRATION["every_days_min"], TITRATION["every_days_max"]),
    )
    max = FiniteFloat(required=True)

    @validates_schema
    def _plan(self, data, **kwargs):
        try:
            TitrationPlan.from_dict(data)
        except ValueError as exc:
            raise ma.ValidationError({"titration": [str(exc)]}) from exc


class ProtocolItemData(StrictSchema):
    name = Text(required=True, validate=validate.Length(1, 120))
    dose = FiniteFloat(allow_none=True, validate=validate.Range(min=0))
    unit = Text(allow_none=True, validate=validate.Length(0, 20))
    basis = fields.String(
        allow_none=True,
        validate=validate.OneOf(["compound", "elemental"]),
        metadata={
            "description": "Whether the dose is of the whole compound or the element (magnesium)"
        },
    )
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


class HealthConditionsData(StrictSchema):
    conditions = fields.List(
        fields.String(validate=validate.OneOf(CONDITIONS)),
        required=True,
        validate=validate.Length(max=len(CONDITIONS)),
    )

    @validates_schema
    def _unique(self, data, **kwargs):
        if len(set(data["conditions"])) != len(data["conditions"]):
            raise ma.ValidationError({"conditions": ["Each condition once."]})


# -- route queries and responses ------------------------------------------------------------


class DayQuerySchema(StrictSchema):
    date = fields.Date(metadata={"description": "Local date; default today in the person's zone"})


class CheckSchema(StrictSchema):
    item = fields.Nested(
        ProtocolItemData,
        required=True,
        metadata={"description": "The item about to be added or changed"},
    )
    id = fields.String(
        load_default=None,
        validate=validate.Length(max=36),
        metadata={"description": "Its id when it replaces an existing item"},
    )


class BandSchema(StrictSchema):
    low = fields.Float(allow_none=True)
    high = fields.Float(allow_none=True)
    unit = fields.String()
    high_exclusive = fields.Boolean(metadata={"description": "True for 'below X' targets"})
    label = fields.String()
    source = fields.String()


class LabTestSchema(StrictSchema):
    key = fields.String()
    name = fields.String()
    unit = fields.String(allow_none=True, metadata={"description": "Canonical unit"})
    units = fields.List(fields.String())
    factors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.Float()),
        metadata={"description": "unit -> [factor, offset]: canonical = value*factor + offset"},
    )
    loinc = fields.String(allow_none=True)
    loinc_checked = fields.Boolean()
    optimal = fields.Nested(BandSchema, allow_none=True)
    note = fields.String()
    panel = fields.Boolean(
        metadata={"description": "Many markers: the result names its marker; units are free"}
    )
    markers = fields.List(fields.String())


class TitrationOutSchema(StrictSchema):
    start = fields.Float()
    step = fields.Float()
    every_days = fields.Integer()
    max = fields.Float()


class EvidenceSchema(StrictSchema):
    grade = fields.String(
        metadata={"description": "systematic_review | rct | small_trial | expert_opinion"}
    )
    label = fields.String()
    text = fields.String()


class TemplateSchema(StrictSchema):
    key = fields.String()
    name = fields.String()
    substance = fields.String()
    dose_text = fields.String(metadata={"description": "The source's wording"})
    dose_low = fields.Float(allow_none=True)
    dose_high = fields.Float(allow_none=True)
    unit = fields.String(allow_none=True)
    per_day = fields.String()
    timing = fields.String()
    prescription = fields.Boolean()
    basis = fields.String(
        allow_none=True, metadata={"description": "compound | elemental | null (source silent)"}
    )
    basis_note = fields.String()
    note = fields.String()
    source = fields.String()
    evidence = fields.Nested(EvidenceSchema)
    titration = fields.Nested(TitrationOutSchema, allow_none=True)


class DoseSchema(StrictSchema):
    item_id = fields.String()
    name = fields.String()
    time = fields.String(allow_none=True)
    dose = fields.Float(allow_none=True)
    unit = fields.String(allow_none=True)
    titrated = fields.Boolean()


class TodaySchema(StrictSchema):
    date = fields.Date()
    doses = fields.List(fields.Nested(DoseSchema))


class FindingSchema(StrictSchema):
    kind = fields.String(metadata={"description": "The rule's key in rules/safety.json"})
    severity = fields.String(metadata={"description": "avoid | caution | note"})
    title = fields.String()
    message = fields.String(metadata={"description": "Why it matters"})
    action = fields.String(metadata={"description": "What to do: always involves the prescriber"})
    source = fields.String()
    item_ids = fields.List(fields.String(), metadata={"description": "Protocol items involved"})
    involves = fields.List(
        fields.String(), metadata={"description": "Names from the person's own list"}
    )


class SafetySchema(StrictSchema):
    date = fields.Date()
    conditions = fields.List(fields.String())
    limits = fields.String(metadata={"description": "What the checker does not cover"})
    findings = fields.List(fields.Nested(FindingSchema))
