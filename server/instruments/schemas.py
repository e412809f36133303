"""The PEG-3 record's data, as sync and the REST API validate it."""

import marshmallow as ma

from server.common.schema import BoundedDate, StrictSchema, bounded_int


class Peg3DataSchema(StrictSchema):
    """The `data` of a peg3 record: the week (its Monday) and three 0–10 answers."""

    week_start = BoundedDate(required=True)
    pain = bounded_int(0, 10, required=True)
    enjoyment = bounded_int(0, 10, required=True)
    activity = bounded_int(0, 10, required=True)

    @ma.validates("week_start")
    def monday(self, value, **kwargs):
        if value.weekday() != 0:
            raise ma.ValidationError("A week starts on a Monday.")
