"""Schemas for the protocol and lab routes: the query, and the documented responses."""
from marshmallow import fields

from server.common.schema import StrictSchema


class DayQuerySchema(StrictSchema):
    date = fields.Date(metadata={"description": "Local date; default today in the person's zone"})


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
    factors = fields.Dict(keys=fields.String(), values=fields.List(fields.Float()),
                          metadata={"description": "unit -> [factor, offset]: canonical = value*factor + offset"})
    loinc = fields.String(allow_none=True)
    loinc_checked = fields.Boolean()
    optimal = fields.Nested(BandSchema, allow_none=True)
    note = fields.String()


class TitrationOutSchema(StrictSchema):
    start = fields.Float()
    step = fields.Float()
    every_days = fields.Integer()
    max = fields.Float()


class TemplateSchema(StrictSchema):
    key = fields.String()
    name = fields.String()
    dose_text = fields.String(metadata={"description": "The source's wording"})
    dose_low = fields.Float(allow_none=True)
    dose_high = fields.Float(allow_none=True)
    unit = fields.String(allow_none=True)
    per_day = fields.String()
    timing = fields.String()
    prescription = fields.Boolean()
    note = fields.String()
    source = fields.String()
    evidence = fields.String()
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
    kind = fields.String(metadata={"description": "b6_high | nsaid_most_days | prescriber_missing"})
    severity = fields.String()
    message = fields.String()
    source = fields.String()
    item_ids = fields.List(fields.String())


class SafetySchema(StrictSchema):
    date = fields.Date()
    findings = fields.List(fields.Nested(FindingSchema))
