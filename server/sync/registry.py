"""The registry of record types that sync carries.

Every type is registered in one place, server/record_types.py, when the app starts, e.g.::

    register_record_type("lab_result", LabResult, LabResultData)

Types whose model keeps its fields in a JSON `data` column (the `JsonData` mixin) need
nothing more; a model with typed columns (check-ins) passes its own converters.
"""
from dataclasses import dataclass, field
from typing import Callable

from sqlalchemy import JSON
from sqlalchemy.orm import Mapped, mapped_column

from server.common.schema import FastLoader


class JsonData:
    """Mixin for synced records whose fields live in one JSON column."""

    data: Mapped[dict | None] = mapped_column(JSON)


def _json_columns(data: dict) -> dict:
    return {"data": data}


def _json_data(row) -> dict:
    return row.data or {}


def _json_data_columns(values: tuple) -> dict:
    return values[0] or {}


@dataclass
class RecordType:
    name: str
    model: type
    schema: object  # a marshmallow Schema instance validating `data`
    columns_from_data: Callable[[dict], dict] = _json_columns
    data_from_row: Callable[[object], dict] = _json_data
    # The same data from the values of `read_columns` in that order (what a pull reads of each
    # record, besides its id, version, edit time and tombstone flag), as the column types read them.
    data_from_columns: Callable[[tuple], dict] = _json_data_columns
    read_columns: tuple = ("data",)
    # Columns of a new row for `data`, when columns_from_data also lists the empty ones (to
    # clear them on an update): inserting leaves those out anyway. Default columns_from_data.
    insert_columns: Callable[[dict], dict] | None = None
    # Columns to set on a tombstone (the record's data erased, NOT NULL columns kept valid).
    tombstone_columns: Callable[[dict], dict] = field(default=lambda _existing: {"data": None})

    def __post_init__(self):
        if (self.data_from_row is _json_data) != (self.data_from_columns is _json_data_columns):
            raise TypeError(f"{self.name}: data_from_row and data_from_columns go together")
        if self.insert_columns is None:
            self.insert_columns = self.columns_from_data
        # `schema.load` of one record's data, run the short way (server/common/schema.py):
        # the same fields and rules, without marshmallow's per-record bookkeeping.
        self.load = FastLoader(self.schema).load

    @property
    def table(self):
        return self.model.__table__


RECORD_TYPES: dict[str, RecordType] = {}


def register_record_type(name: str, model: type, schema_class, **converters) -> RecordType:
    """Make `name` syncable; registering the same name twice replaces the first (reloads)."""
    record_type = RecordType(name, model, schema_class(), **converters)
    RECORD_TYPES[name] = record_type
    return record_type
