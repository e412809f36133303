"""Splitting long id lists for `IN (...)` queries."""
from collections.abc import Iterator, Sequence

# SQLite allows 999 bound parameters per statement in older builds; 500 leaves room for the
# query's own parameters and keeps PostgreSQL's plans small.
CHUNK = 500


def chunked(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    """Consecutive slices of `items`, each at most `size` long."""
    for start in range(0, len(items), size):
        yield items[start:start + size]
