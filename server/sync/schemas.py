"""Schemas of the sync request and response (POST /api/sync)."""
from marshmallow import fields, utils, validate

from server.common.schema import StrictInt, StrictSchema, Text

MAX_CHANGES = 1000
MAX_PAGE = 1000


class ChangeList(fields.List):
    """`List(Raw(allow_none=True))` — each change is checked on its own in the service, so
    one bad record only rejects itself — loaded without Raw's deserialize call per item,
    which returns the item as it is anyway (1,000 calls a full batch)."""

    def __init__(self, **kwargs):
        super().__init__(fields.Raw(allow_none=True), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not utils.is_collection(value):
            raise self.make_error("invalid")
        return list(value)


class SyncRequestSchema(StrictSchema):
    device_id = Text(required=True, validate=validate.Length(min=1, max=64))
    cursor = StrictInt(load_default=0, validate=validate.Range(0, 2**31 - 1))
    # Each change is checked on its own in the service, so one bad record only rejects itself.
    changes = ChangeList(load_default=list,
                         validate=validate.Length(max=MAX_CHANGES), metadata={"description": (
                             "Each {type, id, base_version, base, updated_at, deleted, data}: "
                             "base_version is the server version the edit was made on (null for "
                             "a new record), base the record's data at that version (lets the "
                             "server merge fields of an edit made on an older version); "
                             "updated_at is the edit time shown to the person, an instant in the "
                             "years 1970–2200, never used to decide a conflict. A change that is "
                             "not valid is refused on its own, in `rejected`; the others still "
                             "apply.")})
    limit = StrictInt(load_default=500, validate=validate.Range(1, MAX_PAGE))


class _AsIs:
    """A response field documented by the field it is mixed into, but sent as the service
    made it: sync builds these values in their JSON form already, and dumping 1,000 records
    again through marshmallow cost as long as reading them."""

    def _serialize(self, value, attr, obj, **kwargs):
        return value


class AsIsList(_AsIs, fields.List):
    pass


class AsIsDict(_AsIs, fields.Dict):
    pass


class ChangeSchema(StrictSchema):
    type = fields.String()
    id = fields.String()
    version = fields.Integer(metadata={"description": "The server version: base the next edit on it."})
    updated_at = fields.DateTime()
    deleted = fields.Boolean()
    data = fields.Dict(allow_none=True)


class RejectedSchema(StrictSchema):
    id = fields.Raw()
    errors = fields.Dict()


class ConflictSchema(StrictSchema):
    type = fields.String()
    id = fields.String()
    version = fields.Integer()
    fields_ = fields.List(fields.String(), attribute="fields", data_key="fields", metadata={
        "description": "Fields (or `deleted`) where the stored version was kept over this change."})


class SyncResponseSchema(StrictSchema):
    cursor = fields.Integer()
    applied = AsIsList(fields.String(), metadata={
        "description": "Ids whose change is now stored as sent (new, replayed or merged)."})
    versions = AsIsDict(keys=fields.String(), values=fields.Integer(), metadata={
        "description": "The server version of each applied id."})
    rejected = fields.List(fields.Nested(RejectedSchema))
    conflicts = AsIsList(fields.Nested(ConflictSchema), metadata={
        "description": "Changes made on an older version that kept some stored value; the stored "
                       "record is in `changes`."})
    changes = AsIsList(fields.Nested(ChangeSchema))
    has_more = fields.Boolean()
