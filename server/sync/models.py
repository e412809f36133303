"""Columns every synced record carries, and the per-user sequence that orders changes."""
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, bindparam, update
from server.common.columns import UTCDateTime
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from server.accounts.models import User


class SyncedRecord:
    """Mixin: a client-made UUID id, its owner, its server version and a tombstone flag.

    `seq` is the owner's sync sequence at the last write: the record's version, which
    decides conflicts (docs/sync.md), and the cursor a pull goes by. `updated_at` is the
    edit time shown to the person and `device_id` the last writer; neither decides anything.
    """

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    device_id: Mapped[str] = mapped_column(String(64), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)

    @declared_attr
    def user_id(cls) -> Mapped[int]:  # noqa: N805 - declared_attr receives the class
        return mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)

    @declared_attr
    def seq(cls) -> Mapped[int]:  # noqa: N805
        return mapped_column(Integer, index=True)


_NEXT_SEQ = (
    update(User).where(User.id == bindparam("user_id")).values(sync_seq=User.sync_seq + 1)
    .returning(User.sync_seq)
)


def next_seq(connection, user_id: int) -> int:
    """Take the user's next sync sequence number.

    `connection` is a Core connection (or a session's `.connection()`). The UPDATE locks the user's row until commit (PostgreSQL) or the database (SQLite),
    so a user's writes commit in sequence order and a pull by cursor never skips one.
    """
    return connection.execute(_NEXT_SEQ, {"user_id": user_id}).scalar_one()
