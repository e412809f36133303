"""Claiming a batch of rows for one process: the chosen ids, locked once, as a subquery.

A claim is one UPDATE ... WHERE id IN (chosen ids) with the chosen rows taken ``FOR UPDATE
SKIP LOCKED`` on PostgreSQL, so two schedulers split the due rows instead of both taking
them. Written as a plain ``IN (SELECT ... LIMIT n FOR UPDATE SKIP LOCKED)``, PostgreSQL may
plan it as a nested-loop semi-join that runs the sub-select again for every outer row; each
run locks `n` more rows, so one claim took every due row (40 with a limit of 20, measured)
and left the other scheduler nothing. A MATERIALIZED common table expression runs once.
"""
from sqlalchemy import Select, select
from sqlalchemy.dialects import postgresql, sqlite


def chosen_once(chosen: Select, name: str):
    """A SELECT of the ids `chosen` picks (and locks), evaluated exactly once per statement;
    use it as ``Model.id.in_(chosen_once(...))`` in the claiming UPDATE."""
    cte = chosen.cte(name).prefix_with("MATERIALIZED", dialect="postgresql")
    return select(*cte.c)


def insert_ignoring_conflicts(model, session):
    """An INSERT for the session's dialect that skips rows hitting a unique key: how a
    process records a claim another process may have recorded first (no error, no row)."""
    module = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return module.insert(model.__table__).on_conflict_do_nothing()
