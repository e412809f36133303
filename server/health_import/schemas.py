"""Schemas for health imports: starting an upload, its chunks, and the import as served."""
import marshmallow as ma
from marshmallow import fields, validate

from server.common.schema import BoundedDate, FiniteFloat, StrictInt, StrictSchema, Text
from server.health_import.formats import NAMES
from server.health_import.formats.common import LIMITS

MAX_FILENAME = 255


class ImportCreateSchema(StrictSchema):
    filename = Text(required=True, validate=validate.Length(min=1, max=MAX_FILENAME))
    size = StrictInt(required=True, validate=validate.Range(min=1, max=2**50), metadata={
        "description": "Bytes; above the server's IMPORT_MAX_BYTES (2 GiB by default) the "
                       "answer is 413."})


class ChunkQuerySchema(StrictSchema):
    offset = fields.Integer(required=True, validate=validate.Range(min=0, max=2**50))


class SourceSchema(ma.Schema):
    key = fields.String()
    name = fields.String()


class ImportSummarySchema(ma.Schema):
    """What an import added: its days and dates, counts per field, and what changed."""

    days = fields.Integer()
    first_date = fields.String(allow_none=True)
    last_date = fields.String(allow_none=True)
    fields_ = fields.Dict(keys=fields.String(), values=fields.Integer(), data_key="fields",
                          attribute="fields")
    new = fields.Integer()
    changed = fields.Integer()
    unchanged = fields.Integer()
    removed = fields.Integer()
    future_days_skipped = fields.Integer()
    duplicate_of = fields.String(allow_none=True)
    undone_days = fields.Integer()


class ImportSchema(ma.Schema):
    id = fields.String()
    filename = fields.String()
    size = fields.Integer()
    received = fields.Integer()
    chunk_size = fields.Integer(metadata={"description": "largest chunk the server takes, in bytes"})
    state = fields.String(metadata={"description": "uploading, processing, done, failed or undone"})
    phase = fields.String(allow_none=True, metadata={"description": "while processing: waiting, checking, reading or saving"})
    progress = fields.Float(metadata={"description": "0 to 1, while processing"})
    sources = fields.List(fields.Nested(SourceSchema))
    summary = fields.Nested(ImportSummarySchema, allow_none=True)
    error = fields.String(allow_none=True)
    created_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)


def _health_day_fields() -> dict:
    found = {name: FiniteFloat(allow_none=True, validate=validate.Range(low, high))
             for name, (low, high) in LIMITS.items()}
    found["date"] = BoundedDate(required=True)
    found["sources"] = fields.Dict(keys=Text(validate=validate.OneOf(list(LIMITS))),
                                   values=Text(validate=validate.OneOf(list(NAMES))),
                                   load_default=dict)
    return found


#: The data of a health_day record: {date, <field>: number …, sources: {field: format}}.
HealthDayDataSchema = StrictSchema.from_dict(_health_day_fields(), name="HealthDayDataSchema")
