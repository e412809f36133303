"""Safety checks: B6 total, NSAIDs on most days, prescriptions without a prescriber."""
from datetime import date, timedelta

from server.protocol.safety import (b6_findings, daily_mg, dose_today, is_active,
                                    nsaid_findings, prescriber_findings, safety_findings)

TODAY = date(2026, 5, 20)


def item(**kw):
    return {"name": "P5P", "dose": 50, "unit": "mg", "times": ["08:00"]} | kw


def test_b6_at_100_mg_is_fine_above_is_a_caution():
    assert b6_findings([("a", item()), ("b", item(name="Vitamin B6"))], TODAY) == []
    f = b6_findings([("a", item(times=["08:00", "20:00"])), ("b", item(name="pyridoxine", dose=25))], TODAY)
    assert len(f) == 1 and "125 mg" in f[0].message and f[0].item_ids == ["a", "b"]


def test_b6_ignores_stopped_items_and_converts_units():
    stopped = item(dose=200, stop="2026-05-01")
    assert b6_findings([("a", stopped)], TODAY) == []
    assert b6_findings([("a", item(dose=0.15, unit="g"))], TODAY)[0].kind == "b6_high"


def test_b6_not_matched_inside_other_words():
    assert b6_findings([("a", item(name="Magnesium glycinate", dose=600))], TODAY) == []


def test_nsaids_on_most_days():
    days = {TODAY - timedelta(days=i): (1 if i < 8 else 0) for i in range(14)}
    f = nsaid_findings(days, TODAY)
    assert len(f) == 1 and "8 of the 14 days" in f[0].message


def test_nsaids_on_half_the_days_or_too_few_days_say_nothing():
    half = {TODAY - timedelta(days=i): i % 2 for i in range(14)}
    assert nsaid_findings(half, TODAY) == []
    few = {TODAY - timedelta(days=i): 2 for i in range(6)}
    assert nsaid_findings(few, TODAY) == []


def test_old_nsaid_days_outside_window_do_not_count():
    old = {TODAY - timedelta(days=20 + i): 1 for i in range(10)}
    recent = {TODAY - timedelta(days=i): 0 for i in range(7)}
    assert nsaid_findings(old | recent, TODAY) == []


def test_prescription_without_prescriber():
    ldn = {"name": "Low-dose naltrexone", "prescription": True, "prescriber": "  "}
    assert prescriber_findings([("x", ldn)], TODAY)[0].item_ids == ["x"]
    assert prescriber_findings([("x", ldn | {"prescriber": "Dr Okafor"})], TODAY) == []


def test_titrated_dose_is_used_for_today():
    ldn = {"name": "LDN", "dose": 1.5, "unit": "mg", "start": "2026-05-06",
           "titration": {"start": 1.5, "step": 0.5, "every_days": 7, "max": 4.5}}
    assert dose_today(ldn, TODAY) == 2.5
    assert daily_mg(ldn, TODAY) == 2.5
    assert not is_active(ldn, date(2026, 5, 1))


def test_safety_findings_combines_all():
    items = [("a", item(dose=150)), ("b", {"name": "LDN", "prescription": True})]
    kinds = [f.kind for f in safety_findings(items, {}, TODAY)]
    assert kinds == ["b6_high", "prescriber_missing"]
