"""A person's named hunches. A plain table (not synced): the list is short, written online and
read with its results, which the server computes. It has ``user_id``, so the account export
and deletion include it (server/accounts/service.py)."""
import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from server.common.columns import UTCDateTime
from server.extensions import db


class Hunch(db.Model):
    """One hunch: ``factors`` (one or two analysis factor names, sorted), the ``direction``
    the person expects their notable end to move pain ("worse" or "better"), and the local
    date it was named on (the days after it are judged on their own)."""

    __tablename__ = "hunches"

    id: Mapped[str] = mapped_column(String(36), primary_key=True,
                                    default=lambda: str(uuid.uuid4()))
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True)
    factors: Mapped[list] = mapped_column(JSON)
    direction: Mapped[str] = mapped_column(String(8))
    named_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
