"""The engine's accuracy over many synthetic patients: finds what is there, says nothing else.

One year of data per patient. Planted patients carry a delayed effect (stress,
lag 1), a threshold (activity above a personal cut, lag 2), a protective factor
(breathing, lag 1), a precursor (energy falls before flares), a combination (late
meal with alcohol) and the reverse-causal NSAID habit; null patients have only
the noise, autocorrelation, missing days and the NSAID habit.

Scoring is strict: mood is a proxy of stress in the generator, and a claim about
it counts as false, as does any claim on a factor nothing was planted in.
"""
import pytest

from tests.analysis.evaluation import evaluate

# The module fixture simulates many patients: its tests stay on one pytest-xdist worker
# (--dist loadgroup), which computes it once, not once per worker.
pytestmark = pytest.mark.xdist_group("test_accuracy")

PLANTED = range(0, 40)
NULL = range(1000, 1060)    # at least 50 null patients


@pytest.fixture(scope="module")
def scores():
    return evaluate(365, PLANTED, NULL)


@pytest.mark.parametrize("effect", ["delayed", "threshold", "protective", "precursor"])
def test_strong_planted_effects_are_found_with_the_right_direction(scores, effect):
    assert scores.rate(effect) >= 0.8, scores.detected


@pytest.mark.parametrize("effect", ["delayed", "threshold", "protective"])
def test_the_peak_lag_is_the_planted_one(scores, effect):
    assert scores.lag_rate(effect) >= 0.8, scores.right_lag


def test_thresholds_land_within_15_percent_of_the_planted_cut(scores):
    assert scores.threshold_close_rate >= 0.8


def test_null_patients_rarely_get_any_causal_claim(scores):
    assert scores.null >= 50
    assert scores.null_claim_rate <= 0.10


def test_null_patients_rarely_get_a_precursor_claim(scores):
    """Warning signs are claims too: with nothing planted, few people should see one."""
    assert scores.null >= 50
    assert scores.null_precursor_rate <= 0.10


def test_few_claims_are_false(scores):
    assert scores.claims > 100
    assert scores.false_claim_rate <= 0.10


def test_nsaids_taken_because_of_pain_are_never_called_a_cause(scores):
    assert scores.reverse_causal == 0


def test_nsaids_taken_the_morning_after_a_bad_day_are_never_called_a_cause():
    """Reverse causation one day late: the dose answers yesterday's pain."""
    late = evaluate(365, range(200, 215), range(1200, 1215), nsaid_delay=1)
    assert late.reverse_causal == 0
    assert late.rate("delayed") >= 0.8   # the stricter control costs the real effects little
