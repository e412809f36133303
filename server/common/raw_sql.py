"""Core statements run straight on a driver (DBAPI) cursor, for the hottest request path.

SQLAlchemy's execution of a prebuilt statement — execution context, cache lookup, result
object, Row — costs more than a one-row insert itself. A RawStatement is the same Core
statement compiled once per dialect, with its parameters converted by the bind processors
SQLAlchemy itself would pick and its result columns by its result processors: the same
SQL and the same values, without the machinery around them. No engine events run: a caller
that writes on SQLite takes the writers' lock itself (server/database.py).
"""
from collections import namedtuple
from dataclasses import dataclass


@dataclass(frozen=True)
class _Compiled:
    sql: str
    names: tuple  # the bind names in the order the driver takes them (positional styles)
    positional: bool
    defaults: dict  # values bound in the statement itself
    processors: dict  # bind name -> bind processor
    row: type | None  # namedtuple of the result columns, or None (no result)
    readers: tuple  # (index, result processor) of result columns that have one


class RawStatement:
    """`statement` (a Core statement, or a callable building one on first use) for the
    driver; `column_keys` names the columns an INSERT fills (as Compiled.column_keys)."""

    def __init__(self, statement, column_keys=None):
        self._statement = statement
        self._column_keys = list(column_keys) if column_keys is not None else None
        self._compiled: dict = {}

    def execute(self, cursor, dialect, params: dict):
        """Run on `cursor` with `params` (by bind name); returns the cursor."""
        compiled = self._for(dialect)
        values = {**compiled.defaults, **params} if compiled.defaults else params
        processors = compiled.processors
        converted = {name: processors[name](value) if name in processors and value is not None
                     else value for name, value in values.items()}
        if compiled.positional:
            cursor.execute(compiled.sql, tuple(converted[name] for name in compiled.names))
        else:
            cursor.execute(compiled.sql, converted)
        return cursor

    def first(self, cursor, dialect, params: dict):
        """The first result row (a named tuple, values as SQLAlchemy reads them), or None."""
        found = self.execute(cursor, dialect, params).fetchone()
        if found is None:
            return None
        compiled = self._compiled[dialect.name]
        found = list(found)
        for index, read in compiled.readers:
            if found[index] is not None:
                found[index] = read(found[index])
        return compiled.row(*found)

    def _for(self, dialect) -> _Compiled:
        if dialect.name not in self._compiled:
            self._compiled[dialect.name] = self._compile(dialect)
        return self._compiled[dialect.name]

    def _compile(self, dialect) -> _Compiled:
        statement = self._statement() if callable(self._statement) else self._statement
        compiled = statement.compile(dialect=dialect, column_keys=self._column_keys)
        columns = getattr(compiled, "_result_columns", None) or []
        return _Compiled(
            sql=compiled.string,
            names=tuple(compiled.positiontup or ()) if dialect.positional else (),
            positional=dialect.positional,
            defaults={name: value for name, value in compiled.params.items() if value is not None},
            processors={name: process for name, process in compiled._bind_processors.items()
                        if process is not None},
            row=namedtuple("RawRow", [c.keyname for c in columns], rename=True) if columns else None,
            readers=tuple((index, process) for index, column in enumerate(columns)
                          if (process := column.type._cached_result_processor(dialect, None)) is not None),
        )
