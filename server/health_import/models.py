"""Imports of health exports: the upload and its receipt, and the imported days.

An import (``HealthImport``) keeps its uploaded bytes in ``HealthImportChunk`` rows only
until it is read (the database holds all state, so any web worker can take the next
chunk), then what it gave each day in ``HealthImportDay`` — the receipt that makes undo
and re-import exact. ``HealthDay`` is what the person has for a day from all their live
imports: a synced record (type ``health_day``) that devices show next to the check-in and
the analysis reads where nothing was typed. Imported values never touch check-ins.
"""
from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Date, Float, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.common.columns import UTCDateTime
from server.common.time import utcnow
from server.extensions import db
from server.sync.models import SyncedRecord
from server.sync.registry import JsonData


class HealthImport(db.Model):
    """One uploaded export, from the first byte to done, failed or undone.

    ``state``: uploading → processing → done | failed; a done import can be undone.
    ``lease_until`` is held by the worker reading it; a lapsed lease (a crashed worker)
    lets the next status request take it over.
    """

    __tablename__ = "health_imports"
    __table_args__ = (Index("ix_health_imports_user_id_sha256", "user_id", "sha256"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(BigInteger)
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    state: Mapped[str] = mapped_column(String(16))
    phase: Mapped[str | None] = mapped_column(String(16))
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    sources: Mapped[list | None] = mapped_column(JSON)
    sha256: Mapped[str | None] = mapped_column(String(64))
    summary: Mapped[dict | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class HealthImportChunk(db.Model):
    """Uploaded bytes ``[start, start + len(data))`` of an import still being read."""

    __tablename__ = "health_import_chunks"

    import_id: Mapped[str] = mapped_column(
        ForeignKey("health_imports.id", ondelete="CASCADE"), primary_key=True)
    start: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class HealthImportDay(db.Model):
    """What one import gave one local day: ``values`` {field: number}, ``sources`` {field: format}."""

    __tablename__ = "health_import_days"
    __table_args__ = (Index("ix_health_import_days_user_id_local_date", "user_id", "local_date"),)

    import_id: Mapped[str] = mapped_column(
        ForeignKey("health_imports.id", ondelete="CASCADE"), primary_key=True)
    local_date: Mapped[date] = mapped_column(Date, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    values: Mapped[dict] = mapped_column(JSON)
    sources: Mapped[dict] = mapped_column(JSON)


class HealthDay(SyncedRecord, JsonData, db.Model):
    """A day's imported values, all imports merged (record type ``health_day``).

    ``data``: {date, <field>: number …, sources: {field: format}}; the id is derived from
    the person and the date, so importing a day again finds the same record.
    """

    __tablename__ = "health_days"
    __table_args__ = (Index("ix_health_days_user_id_seq", "user_id", "seq"),)
