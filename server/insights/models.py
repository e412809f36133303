"""The latest analysis of each person, stored as the JSON the insights routes serve."""
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from server.common.columns import UTCDateTime
from server.extensions import db


class InsightResult(db.Model):
    """One row per person: the analysis payload and what it reflects.

    ``data_seq`` is the highest sync sequence among the person's check-ins
    (tombstones included) when it was computed; ``local_today`` the person's local
    date it was computed for. Either moving on makes the result stale.
    """

    __tablename__ = "insight_results"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    data_seq: Mapped[int] = mapped_column(Integer)
    local_today: Mapped[date] = mapped_column(Date)
    payload: Mapped[dict] = mapped_column(JSON)
