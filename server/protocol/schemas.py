"""Query schemas for the protocol routes."""
from marshmallow import fields

from server.common.schema import StrictSchema


class DayQuerySchema(StrictSchema):
    date = fields.Date()
