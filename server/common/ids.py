"""Ids the server makes itself (records made on a device bring their own UUID)."""
import uuid


def new_id() -> str:
    """A random UUID as text, the form every id column stores."""
    return str(uuid.uuid4())
