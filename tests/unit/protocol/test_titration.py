"""Titration arithmetic: the dose on any date."""
from datetime import date, timedelta

import pytest

from server.protocol.titration import TitrationPlan, dose_on, schedule

LDN = TitrationPlan(start=1.5, step=0.5, every_days=7, limit=4.5)
D0 = date(2026, 3, 2)


@pytest.mark.parametrize("days, dose", [(0, 1.5), (6, 1.5), (7, 2.0), (13, 2.0), (14, 2.5),
                                        (41, 4.0), (42, 4.5), (400, 4.5)])
def test_ldn_weekly_steps_to_4_5(days, dose):
    assert dose_on(LDN, D0, D0 + timedelta(days=days)) == dose


def test_no_dose_before_start():
    assert dose_on(LDN, D0, D0 - timedelta(days=1)) is None


def test_taper_stops_at_limit():
    taper = TitrationPlan(start=3.0, step=-1.0, every_days=3, limit=1.0)
    assert [dose_on(taper, D0, D0 + timedelta(days=d)) for d in (0, 3, 6, 9, 30)] == [3, 2, 1, 1, 1]


def test_step_not_landing_on_limit_is_capped():
    plan = TitrationPlan(start=1.0, step=0.4, every_days=1, limit=2.0)
    assert dose_on(plan, D0, D0 + timedelta(days=2)) == 1.8
    assert dose_on(plan, D0, D0 + timedelta(days=3)) == 2.0


def test_schedule_lists_each_change():
    s = schedule(LDN, D0)
    assert s[0] == (D0, 1.5) and s[-1] == (D0 + timedelta(days=42), 4.5) and len(s) == 7


@pytest.mark.parametrize("kw", [dict(every_days=0), dict(step=0), dict(step=-0.5), dict(start=0)])
def test_invalid_plans_are_refused(kw):
    base = dict(start=1.5, step=0.5, every_days=7, limit=4.5) | kw
    with pytest.raises(ValueError):
        TitrationPlan(**base)


def test_from_dict_uses_stored_field_names():
    assert TitrationPlan.from_dict({"start": 1.5, "step": 0.5, "every_days": 7, "max": 4.5}) == LDN
    with pytest.raises(ValueError):
        TitrationPlan.from_dict({"start": 1.5})
