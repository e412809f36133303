"""Claims and conditions: a same-day link pain itself can drive is never told as a cause.

Patients come from tests/analysis/patients.py (issue 10's own generator): pain pushes a
same-day factor (stress, mood, energy, activity) that has no effect of its own on pain.
"""
import pytest

from server.analysis import analyse
from server.analysis.patterns.model import claim_for
from tests.analysis.patients import DRIVEN, patient

# The module fixture simulates many patients: its tests stay on one pytest-xdist worker
# (--dist loadgroup), which computes it once, not once per worker.
pytestmark = pytest.mark.xdist_group("test_claims")

OPS = {">", ">=", "<", "<="}


@pytest.fixture(scope="module")
def driven_results():
    """Five patients per pain-driven factor: three with nothing else planted, two with
    lagged causes, a pair and a warning sign planted in other factors as well."""
    out = []
    for k, name in enumerate(sorted(DRIVEN)):
        for s in range(5):
            p = patient(300 + 10 * k + s, planted=s >= 3, driven=name)
            out.append((name, p, [x.to_dict() for x in analyse(p.checkins, p.zone, p.today).patterns]))
    return out


def test_at_most_5_percent_of_pain_driven_patients_are_told_of_a_cause(driven_results):
    told = [name for name, p, patterns in driven_results
            if any(x["claim"] == "cause" and name in x["factors"]
                   and name not in p.planted.causes for x in patterns)]
    assert len(told) <= 0.05 * len(driven_results), told


def test_the_same_day_link_is_shown_as_going_together_not_as_a_cause(driven_results):
    same_day = [x for name, _, patterns in driven_results for x in patterns
                if name in x["factors"] and x["lag_days"] == 0]
    assert len(same_day) >= len(driven_results) // 2   # the link is real and is still told
    for x in same_day:
        assert x["claim"] == "together"
        assert "went together with" in x["summary"]
        assert "not that one causes the other" in x["summary"]


def test_every_pattern_carries_the_contract_fields(driven_results):
    patterns = [x for _, _, found in driven_results for x in found]
    assert patterns
    for x in patterns:
        assert x["claim"] in ("cause", "together")
        assert x["interval"] == [x["ci_low"], x["ci_high"]]
        assert x["n_days"] == x["n"] > 0
        terms = x["condition"]["all"]
        assert [t["factor"] for t in terms] == (x["factors"] if x["factors"] != ["pain"] else ["pain"])
        for t in terms:
            assert t["op"] in OPS and isinstance(t["value"], float)


def test_a_lagged_condition_reads_like_its_summary(driven_results):
    """The cut in the condition is the number the person reads."""
    lagged = [x for _, _, found in driven_results for x in found
              if x["kind"] in ("lagged", "threshold") and x["condition"]["all"][0]["op"] != ">="]
    assert lagged
    for x in lagged:
        value = x["condition"]["all"][0]["value"]
        words = x["summary"]
        assert f"{value:g}" in words or "%" in words or (value == 0 and " any " in words), x


@pytest.mark.parametrize("kind, factors, lag, claim", [
    ("lagged", ["stress"], 0, "together"),
    ("threshold", ["activity_minutes"], 0, "together"),
    ("lagged", ["sleep_hours"], 0, "cause"),        # last night comes before today's pain
    ("lagged", ["stress"], 1, "cause"),
    ("combination", ["sleep_hours", "stress"], 0, "together"),
    ("combination", ["sleep_hours", "stress"], 1, "cause"),
    ("precursor", ["energy"], 3, "together"),        # a warning sign, never a cause
])
def test_claim_follows_what_was_recorded_before_the_pain(kind, factors, lag, claim):
    assert claim_for(kind, factors, lag) == claim
