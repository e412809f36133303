"""An uploaded file read back from its chunk rows as a seekable stream.

Zip archives are read from the end (their directory) and then member by member, so the
reader seeks; it holds one chunk in memory at a time and fetches each on a short
connection of its own, so a long read holds no transaction open.
"""
import bisect
import io

from sqlalchemy import func, select

from server.extensions import db
from server.health_import.models import HealthImportChunk

TABLE = HealthImportChunk.__table__


class ChunkReader(io.RawIOBase):
    """Read-only, seekable view of import ``import_id``'s uploaded bytes."""

    def __init__(self, import_id: str):
        super().__init__()
        self.import_id = import_id
        with db.engine.connect() as connection:
            layout = connection.execute(
                select(TABLE.c.start, func.length(TABLE.c.data))
                .where(TABLE.c.import_id == import_id).order_by(TABLE.c.start)).all()
        self.starts = [start for start, _ in layout]
        self.size = sum(length for _, length in layout)
        self.position = 0
        self.cached: tuple[int, bytes] | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = max(0, base + offset)
        return self.position

    def readinto(self, buffer) -> int:
        if self.position >= self.size:
            return 0
        start, data = self._chunk_at(self.position)
        inside = self.position - start
        count = min(len(buffer), len(data) - inside)
        buffer[:count] = data[inside:inside + count]
        self.position += count
        return count

    def _chunk_at(self, position: int) -> tuple[int, bytes]:
        start = self.starts[bisect.bisect_right(self.starts, position) - 1]
        if self.cached is None or self.cached[0] != start:
            with db.engine.connect() as connection:
                data = connection.execute(
                    select(TABLE.c.data).where(TABLE.c.import_id == self.import_id,
                                               TABLE.c.start == start)).scalar_one()
            self.cached = (start, bytes(data))
        return self.cached
