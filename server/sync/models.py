"""Columns every synced record carries (its sequence numbers are reserved in sync/service.py)."""
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from server.common.columns import UTCDateTime


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
