"""Safety helpers beyond the shared vectors: dates, titrated doses and units of one item."""
from datetime import date

from server.protocol.safety import daily_mg, dose_today, is_active
from server.rules import fill, number_text

TODAY = date(2026, 5, 20)


def test_titrated_dose_is_used_for_today():
    ldn = {"name": "LDN", "dose": 1.5, "unit": "mg", "start": "2026-05-06",
           "titration": {"start": 1.5, "step": 0.5, "every_days": 7, "max": 4.5}}
    assert dose_today(ldn, TODAY) == 2.5
    assert daily_mg(ldn, TODAY) == 2.5
    assert not is_active(ldn, date(2026, 5, 1))


def test_a_dose_in_drops_has_no_milligrams():
    assert daily_mg({"name": "Drops", "dose": 2, "unit": "drops"}, TODAY) is None
    assert daily_mg({"name": "Omega-3", "dose": 3, "unit": " g "}, TODAY) == 3000


def test_figures_read_naturally():
    assert [number_text(x) for x in (125.0, 0.15 * 1000, 2.25, 2.35, 444.0)] == ["125", "150", "2.3", "2.4", "444"]
    assert fill("{total} mg of {name}", {"total": 150.0, "name": "B6"}) == "150 mg of B6"
