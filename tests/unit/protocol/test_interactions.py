"""The interaction rule table, rule by rule: each pair rule fires on its own pair and on no
other rule's pair, never on one side alone, and every rule says why, what to do and where
it comes from. Representative inputs are taken from the table itself, so a new rule is
covered the day it is added; tests/vectors/safety.json adds hand-written cases."""
from datetime import date

import pytest

from server.protocol.safety import TABLE, safety_findings
from server.rules import rule_table

TODAY = date(2026, 5, 20)
SUBSTANCES = rule_table("substances")
PAIRS = [r for r in TABLE["rules"] if r["kind"] == "pair"]


def purest(cls: str) -> dict:
    """The member of a class with the fewest other classes, so it stands for that class alone."""
    return min((s for s in SUBSTANCES["substances"] if cls in s["classes"]), key=lambda s: len(s["classes"]))


def side(matcher: dict, as_item: bool) -> dict:
    """Input for one matcher: a protocol item, a check-in medicine or a condition."""
    if "condition" in matcher:
        return {"conditions": [matcher["condition"]]}
    if "any_item" in matcher:
        return {"items": [("any", {"name": "PEA", "dose": 600, "unit": "mg"})]}
    name = (next(s for s in SUBSTANCES["substances"] if s["key"] == matcher["substance"])["name"]
            if "substance" in matcher else purest(matcher["class"])["name"])
    if as_item:
        return {"items": [(f"item-{name}", {"name": name, "dose": None, "unit": "mg"})]}
    return {"checkins": [{"date": "2026-05-19", "medications": [{"name": name}]}]}


def run(*sides) -> list[str]:
    merged = {"items": [], "checkins": [], "conditions": []}
    for s in sides:
        for key, values in s.items():
            merged[key] += values
    return [f.kind for f in safety_findings(merged["items"], merged["checkins"], merged["conditions"], TODAY)]


def pairs_of(rule):
    for a in rule["if"]:
        for b in rule["with"]:
            yield side(a, as_item="substance" in a), side(b, as_item=False)


ALL_PAIRS = [(rule["key"], a, b) for rule in PAIRS for a, b in pairs_of(rule)]


@pytest.mark.parametrize("key, first, second", ALL_PAIRS, ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(ALL_PAIRS)])
def test_each_pair_fires_its_own_rule_and_no_other(key, first, second):
    assert run(first, second) == [key]


@pytest.mark.parametrize("key, first, second", ALL_PAIRS, ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(ALL_PAIRS)])
def test_one_side_alone_fires_nothing(key, first, second):
    assert run(first) == [] and run(second) == []


def test_the_table_covers_what_the_issue_names():
    keys = {r["key"] for r in TABLE["rules"]}
    assert {"ldn_opioids", "omega3_bleeding", "curcumin_bleeding", "nac_bleeding", "ala_diabetes",
            "magnesium_kidney", "melatonin_sedatives", "b6_high", "magnesium_high"} <= keys
    bleeding = {"anticoagulant", "antiplatelet", "nsaid"}
    for key in ("omega3_bleeding", "curcumin_bleeding", "nac_bleeding"):
        rule = next(r for r in PAIRS if r["key"] == key)
        assert bleeding <= {m.get("class") for m in rule["with"]}
    assert {c["key"] for c in TABLE["conditions"]} == {
        "kidney_disease", "diabetes", "bleeding_disorder", "pregnancy", "on_opioids", "on_anticoagulants"}


@pytest.mark.parametrize("rule", TABLE["rules"], ids=[r["key"] for r in TABLE["rules"]])
def test_every_rule_says_what_why_what_to_do_and_its_source(rule):
    assert rule["severity"] in TABLE["severities"]
    assert rule["what"] and rule["why"] and rule["source"]
    assert "prescriber" in rule["action"]


def test_every_matcher_names_something_the_tables_know():
    substances = {s["key"] for s in SUBSTANCES["substances"]}
    conditions = {c["key"] for c in TABLE["conditions"]}
    for rule in PAIRS:
        for m in rule["if"] + rule["with"]:
            assert (m.get("substance") in substances or m.get("class") in SUBSTANCES["classes"]
                    or m.get("condition") in conditions or m.get("any_item") is True), (rule["key"], m)
    for s in SUBSTANCES["substances"]:
        assert set(s["classes"]) <= set(SUBSTANCES["classes"]), s["key"]
        assert s["match"] and s["kind"] in ("medicine", "supplement")
        assert s["rxnorm"] is None or s["rxnorm"].isdigit()


def test_no_two_substances_share_a_term():
    seen = {}
    for s in SUBSTANCES["substances"]:
        for term in s["match"]:
            assert term not in seen, f"{term!r} in both {seen.get(term)} and {s['key']}"
            seen[term] = s["key"]
