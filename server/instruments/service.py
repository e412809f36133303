"""The weekly PEG-3 for one person: its records for reports and exports, and its sync columns."""

from sqlalchemy import select

from server.extensions import db
from server.instruments.models import Peg3


def peg3_entries(user_id: int) -> list[dict]:
    """The person's live PEG-3 records as {id, week_start, pain, enjoyment, activity}, oldest
    week first."""
    rows = db.session.execute(
        select(Peg3.id, Peg3.data).where(Peg3.user_id == user_id, Peg3.deleted.is_(False))
    ).all()
    return sorted(
        ({"id": r.id, **(r.data or {})} for r in rows), key=lambda e: str(e.get("week_start"))
    )


def peg3_columns(data: dict) -> dict:
    """A validated PEG-3 as its JSON column (the date as ISO text, since JSON has no dates)."""
    return {"data": {**data, "week_start": data["week_start"].isoformat()}}

