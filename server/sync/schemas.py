"""Schemas of the sync request and response (POST /api/sync)."""
from marshmallow import fields, validate

from server.common.schema import StrictInt, StrictSchema, Text

MAX_CHANGES = 1000
MAX_PAGE = 1000


class SyncRequestSchema(StrictSchema):
    device_id = Text(required=True, validate=validate.Length(min=1, max=64))
    cursor = StrictInt(load_default=0, validate=validate.Range(0, 2**31 - 1))
    # Each change is checked on its own in the service, so one bad record only rejects itself.
    changes = fields.List(fields.Raw(allow_none=True), load_default=list,
                          validate=validate.Length(max=MAX_CHANGES), metadata={"description": (
                              "Each {type, id, updated_at, deleted, data}; updated_at is an instant "
                              "in the years 1970–2200. A change that is not valid is refused on "
                              "its own, in `rejected`; the others still apply.")})
    limit = StrictInt(load_default=500, validate=validate.Range(1, MAX_PAGE))


class ChangeSchema(StrictSchema):
    type = fields.String()
    id = fields.String()
    updated_at = fields.DateTime()
    deleted = fields.Boolean()
    data = fields.Dict(allow_none=True)


class RejectedSchema(StrictSchema):
    id = fields.Raw()
    errors = fields.Dict()


class SyncResponseSchema(StrictSchema):
    cursor = fields.Integer()
    applied = fields.List(fields.String())
    rejected = fields.List(fields.Nested(RejectedSchema))
    changes = fields.List(fields.Nested(ChangeSchema))
    has_more = fields.Boolean()
