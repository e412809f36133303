"""The check-in table: one row per check-in, one column per check-in field (schemas.py)."""
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Float, Index, Integer, SmallInteger, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.common.columns import UTCDateTime
from server.common.time import utcnow
from server.extensions import db
from server.sync.models import SyncedRecord


# An empty list field is SQL NULL, not the JSON text 'null': cheaper to write (no encoding
# on every insert) and honest to query (IS NULL means "not recorded").
Json = JSON(none_as_null=True)


class CheckIn(SyncedRecord, db.Model):
    __tablename__ = "checkins"
    __table_args__ = (
        Index("ix_checkins_user_id_local_date", "user_id", "local_date"),
        Index("ix_checkins_user_id_seq", "user_id", "seq"),
    )

    at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The date where the person was when they checked in; days are folded by it.
    # Minutes east of UTC where the person was, so `at` reads back as they wrote it.
    at_offset: Mapped[int] = mapped_column(SmallInteger, default=0)
    local_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    pain: Mapped[int | None] = mapped_column(SmallInteger)
    flare: Mapped[bool | None] = mapped_column(Boolean)
    locations: Mapped[list | None] = mapped_column(Json)
    qualities: Mapped[list | None] = mapped_column(Json)
    sleep_hours: Mapped[float | None] = mapped_column(Float)
    sleep_quality: Mapped[int | None] = mapped_column(SmallInteger)
    night_wakings: Mapped[int | None] = mapped_column(SmallInteger)
    stress: Mapped[int | None] = mapped_column(SmallInteger)
    mood: Mapped[int | None] = mapped_column(SmallInteger)
    energy: Mapped[int | None] = mapped_column(SmallInteger)
    activity_minutes: Mapped[int | None] = mapped_column(Integer)
    activity_effort: Mapped[int | None] = mapped_column(SmallInteger)
    activities: Mapped[list | None] = mapped_column(Json)
    rest_breaks: Mapped[int | None] = mapped_column(SmallInteger)
    nsaid_doses: Mapped[int | None] = mapped_column(SmallInteger)
    medications: Mapped[list | None] = mapped_column(Json)
    meal_regularity: Mapped[int | None] = mapped_column(SmallInteger)
    late_meal: Mapped[bool | None] = mapped_column(Boolean)
    alcohol_units: Mapped[float | None] = mapped_column(Float)
    breathing_minutes: Mapped[int | None] = mapped_column(Integer)
    mindfulness_minutes: Mapped[int | None] = mapped_column(Integer)
    red_flags: Mapped[list | None] = mapped_column(Json)
    custom: Mapped[dict | None] = mapped_column(Json)
    notes: Mapped[str | None] = mapped_column(Text)
