"""Request schemas for reports, exports and CSV import."""

from datetime import timedelta

import marshmallow as ma
from marshmallow import fields, validate

from server.common.schema import StrictInt, StrictSchema, Text
from server.reports.csv_io import KINDS

MAX_CSV_CHARS = 4 * 1024 * 1024


class ReportQuerySchema(StrictSchema):
    """The report's period in local dates, inclusive; at most three years."""

    from_ = fields.Date(data_key="from", required=True,
                        metadata={"description": "First local date; not after `to`."})
    to = fields.Date(required=True, metadata={
        "description": "Last local date (inclusive); at most three years (3 × 366 days) after `from`."})

    @ma.validates_schema
    def ordered(self, data, **kwargs):
        if data["from_"] > data["to"]:
            raise ma.ValidationError("`from` must not be after `to`.", "from")
        if data["to"] - data["from_"] > timedelta(days=3 * 366):
            raise ma.ValidationError("At most three years per report.", "to")


class CsvPreviewSchema(StrictSchema):
    csv = Text(required=True, validate=validate.Length(min=1, max=MAX_CSV_CHARS), metadata={
        "description": "CSV text whose first line names the columns (delimiter , ; or tab)."})


class CsvImportSchema(CsvPreviewSchema):
    """A CSV (or one batch of it), the {field: column} mapping, and the file line of its first data row."""

    mapping = fields.Dict(keys=Text(metadata={"enum": sorted(KINDS)}),
                          values=Text(validate=validate.Length(min=1)), required=True,
                          metadata={"required": ["at"], "description": (
                              "{check-in field: column header of the file}; `at` is needed, "
                              "and every header must be one of the file's columns.")})
    first_line = StrictInt(load_default=2, validate=validate.Range(2, 10_000_000))


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
    deleted = fields.Integer(metadata={"description": "Rows of check-ins you deleted: they stay deleted."})
    rejected = fields.List(fields.Nested(RejectedRowSchema))
