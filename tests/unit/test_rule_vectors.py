"""The shared rule vectors (tests/vectors/*.json) run against the server's evaluators.

tests/js/rule-vectors.test.js runs the same files against the PWA's, so a rule changed in
rules/*.json, or an evaluator changed in either language, is checked on both sides.
"""
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from server.common.time import today_in
from server.practices import pacing
from server.protocol import labs, safety
from server.rules import rule_table
from server.protocol.substances import substances_in
from server.protocol.titration import TitrationPlan, dose_on
from server.reminders.schemas import ReminderRuleDataSchema

VECTORS = Path(__file__).resolve().parents[1] / "vectors"


def vectors(name: str) -> dict:
    return json.loads((VECTORS / f"{name}.json").read_text(encoding="utf-8"))


def ids(cases):
    return [c["name"] for c in cases]


SAFETY = vectors("safety")


def findings(case, items=None):
    return safety.safety_findings([(i["id"], i["data"]) for i in (items or case["items"])],
                                  case["checkins"], case["conditions"], date.fromisoformat(case["today"]))


@pytest.mark.parametrize("case", SAFETY["cases"], ids=ids(SAFETY["cases"]))
def test_safety_case(case):
    found = findings(case)
    assert [f.kind for f in found] == [e["kind"] for e in case["expect"]]
    for f, e in zip(found, case["expect"]):
        if "item_ids" in e:
            assert f.item_ids == e["item_ids"]
        if "involves" in e:
            assert f.involves == e["involves"]
        if "severity" in e:  # what the person is told to do: avoid, take care, or note
            assert f.severity == e["severity"]
        for fragment in e.get("text", []):
            assert fragment in f"{f.title} {f.message}", (fragment, f.title, f.message)
        assert "prescriber" in f.action or "prescriber" in f.message


@pytest.mark.parametrize("case", SAFETY["added"], ids=ids(SAFETY["added"]))
def test_findings_an_item_brings(case):
    candidate = case["candidate"]
    before = findings(case)
    after = findings(case, [i for i in case["items"] if i["id"] != candidate["id"]] + [candidate])
    assert [f.kind for f in safety.findings_added(before, after, candidate["id"])] == case["expect"]


@pytest.mark.parametrize("case", SAFETY["substances"], ids=[c["name"] or "(empty)" for c in SAFETY["substances"]])
def test_names_are_recognised(case):
    assert substances_in(case["name"]) == case["expect"]


PACING = vectors("pacing")


def daily(case):
    return {date.fromisoformat(d): m for d, m in case["daily"].items()}


@pytest.mark.parametrize("case", PACING["tolerance"], ids=ids(PACING["tolerance"]))
def test_tolerance(case):
    assert pacing.current_tolerance(daily(case), date.fromisoformat(case["today"])) == case["expect"]


@pytest.mark.parametrize("case", PACING["baseline"], ids=ids(PACING["baseline"]))
def test_baseline(case):
    assert pacing.proposed_baseline(daily(case), date.fromisoformat(case["today"])) == case["expect"]


@pytest.mark.parametrize("case", PACING["budget"], ids=ids(PACING["budget"]))
def test_budget(case):
    got = pacing.budget_on(case["baseline"], date.fromisoformat(case["start"]), date.fromisoformat(case["on"]),
                           case["weekly"], case["hold"])
    assert got == case["expect"]


@pytest.mark.parametrize("case", PACING["boom"], ids=ids(PACING["boom"]))
def test_boom(case):
    check = pacing.boom_check(daily(case), date.fromisoformat(case["today"]), case["minutes"])
    e = case["expect"]
    assert (check.boom, check.above_longest, check.longest) == (e["boom"], e["above_longest"], e["longest"])
    if "ratio" in e:
        assert check.ratio == e["ratio"]
    if e.get("ratio_between"):
        assert e["ratio_between"][0] < check.ratio < e["ratio_between"][1]
    for fragment in e["text"]:
        assert fragment in check.message
    assert bool(check.message) == check.boom


@pytest.mark.parametrize("budget, expect", PACING["rest_break"])
def test_rest_break(budget, expect):
    assert pacing.rest_break_after(budget) == expect


TITRATION = vectors("titration")


@pytest.mark.parametrize("case", TITRATION["dose_on"], ids=ids(TITRATION["dose_on"]))
def test_titration_dose(case):
    start = date.fromisoformat(case["start"])
    assert dose_on(TitrationPlan.from_dict(case["plan"]), start, start + timedelta(days=case["days"])) == case["expect"]


@pytest.mark.parametrize("plan", TITRATION["valid"])
def test_titration_plan_accepted(plan):
    TitrationPlan.from_dict(plan)


@pytest.mark.parametrize("case", TITRATION["invalid"], ids=ids(TITRATION["invalid"]))
def test_titration_plan_refused(case):
    with pytest.raises(ValueError):
        TitrationPlan.from_dict(case["plan"])


LABS = vectors("labs")


@pytest.mark.parametrize("case", LABS["convert"], ids=[f"{c['test']} {c['from']}->{c['to']}" for c in LABS["convert"]])
def test_lab_conversion(case):
    try:
        got = labs.convert(case["test"], case["value"], case["from"], case["to"])
    except labs.UnitError:
        got = None
    assert got == (None if case["expect"] is None else pytest.approx(case["expect"], abs=1e-3))


@pytest.mark.parametrize("case", LABS["assess"], ids=ids(LABS["assess"]))
def test_lab_assessment(case):
    r = case["result"]
    reference = None
    if r.get("ref_low") is not None or r.get("ref_high") is not None:
        reference = labs.Band(r.get("ref_low"), r.get("ref_high"), r["unit"])
    a = labs.assess(r["test"], r["value"], r["unit"], reference)
    assert {"reference": a.reference, "optimal": a.optimal} == case["expect"]


@pytest.mark.parametrize("case", LABS["dose_mg"], ids=ids(LABS["dose_mg"]))
def test_dose_in_milligrams(case):
    got = safety.daily_mg(case["item"], date(2026, 5, 20))
    assert got == (None if case["expect"] is None else pytest.approx(case["expect"]))


def test_every_mass_unit_in_the_rules_has_a_vector():
    """A spelling added to rules/units.json is one the vectors try, so both languages see it."""
    tried = {c["item"]["unit"] for c in LABS["dose_mg"]}
    assert set(rule_table("units")["to_mg"]) <= tried
    assert all(u == u.strip().lower() for u in rule_table("units")["to_mg"]), "keys are matched in lower case"


REMINDER_RULES = vectors("reminder_rules")


@pytest.mark.parametrize("case", REMINDER_RULES["cases"], ids=ids(REMINDER_RULES["cases"]))
def test_reminder_rule_limits(case):
    """The fields the server's schema finds wrong are the ones the PWA's form check names."""
    assert sorted(ReminderRuleDataSchema().validate(case["rule"])) == case["errors"]


TODAY = vectors("today")


@pytest.mark.parametrize("case", TODAY["cases"], ids=ids(TODAY["cases"]))
def test_today_in_the_persons_zone(case):
    now = datetime.fromisoformat(case["now"].replace("Z", "+00:00"))
    assert today_in(case["zone"], now).isoformat() == case["today"]
