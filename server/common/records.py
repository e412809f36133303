"""Reading synced JSON records (the SyncedRecord + JsonData tables) of one person."""
from sqlalchemy import Index, select

from server.extensions import db


def seq_index(table: str) -> tuple:
    """The (user_id, seq) index every synced table needs for pulls by cursor."""
    return (Index(f"ix_{table}_user_id_seq", "user_id", "seq"),)


def live_records(model, user_id: int) -> list[tuple[str, dict]]:
    """(id, data) of the owner's records of one type that are not deleted, newest write first."""
    query = (select(model.id, model.data)
             .where(model.user_id == user_id, model.deleted.is_(False))
             .order_by(model.updated_at.desc()))
    return [(row.id, row.data) for row in db.session.execute(query)]
