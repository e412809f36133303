"""Titration: the stored plan's field names (the arithmetic is in tests/vectors/titration.json)."""
import pytest

from server.protocol.titration import TitrationPlan


def test_from_dict_uses_stored_field_names():
    plan = TitrationPlan.from_dict({"start": 1.5, "step": 0.5, "every_days": 7, "max": 4.5})
    assert plan == TitrationPlan(start=1.5, step=0.5, every_days=7, limit=4.5)
    with pytest.raises(ValueError):
        TitrationPlan.from_dict({"start": 1.5})
