"""Request schemas for reports, exports and CSV import."""

from datetime import timedelta

import marshmallow as ma
from marshmallow import fields, validate

from server.common.schema import StrictSchema, Text

MAX_CSV_CHARS = 4 * 1024 * 1024


class ReportQuerySchema(StrictSchema):
    """The report's period in local dates, inclusive; at most three years."""

    from_ = fields.Date(data_key="from", required=True)
    to = fields.Date(required=True)

    @ma.validates_schema
    def ordered(self, data, **kwargs):
        if data["from_"] > data["to"]:
            raise ma.ValidationError("`from` must not be after `to`.", "from")
        if data["to"] - data["from_"] > timedelta(days=3 * 366):
            raise ma.ValidationError("At most three years per report.", "to")


class CsvPreviewSchema(StrictSchema):
    csv = Text(required=True, validate=validate.Length(min=1, max=MAX_CSV_CHARS))


class CsvImportSchema(CsvPreviewSchema):
    """A CSV (or one batch of it), the {field: column} mapping, and the file line of its first data row."""

    mapping = fields.Dict(keys=Text(), values=Text(), required=True)
    first_line = fields.Integer(strict=True, load_default=2, validate=validate.Range(2, 10_000_000))


class CsvPreviewResultSchema(ma.Schema):
    headers = fields.List(fields.String())
    fields_ = fields.List(fields.String(), data_key="fields")
    mapping = fields.Dict(keys=fields.String(), values=fields.String())
    sample = fields.List(fields.List(fields.String()))
    rows = fields.Integer()


class RejectedRowSchema(ma.Schema):
    row = fields.Integer()
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))


class CsvImportResultSchema(ma.Schema):
    imported = fields.Integer()
    duplicates = fields.Integer()
    rejected = fields.List(fields.Nested(RejectedRowSchema))
