"""Warning signs in any logged factor and lagged causes, on issue 10's generator
(tests/analysis/patients.py): new seeds and effect sizes, a warning sign drawn per patient
from sleep quality, stress, mood, stiffness, night wakings and energy, and a pair drawn
from four. One year of near-daily check-ins.

Pairs are not held to the issue's 80 % here: with about 40 days a year on which both
happen, the search over every pair (max-T) finds between an eighth and a half of them at
this size depending on the seeds (bench/README.md has the figures); that bar is not met.
"""
import pytest

from tests.analysis.scoring import tally

# The module fixture simulates many patients: its tests stay on one pytest-xdist worker
# (--dist loadgroup), which computes it once, not once per worker.
pytestmark = pytest.mark.xdist_group("test_signs_and_pairs")


@pytest.fixture(scope="module")
def year():
    return tally(range(800, 816), range(850, 866))


def test_warning_signs_are_found_in_whichever_factor_carries_them(year):
    assert year.sign_recall >= 0.8, (year.signs_found, year.planted)


def test_lagged_causes_at_lags_1_to_3_are_found(year):
    assert year.cause_recall >= 0.8, (year.causes_found, year.causes)


def test_null_patients_get_no_cause_and_no_warning_sign(year):
    assert year.null_cause_rate <= 0.0625          # at most 1 of 16
    assert year.null_with_sign <= 1



def test_real_factors_do_not_carry_chance_links_in_with_them(year):
    """At most one false causal claim per ten planted patients (issue 10). Each planted
    factor is rejected in several tests; judged one flat Benjamini–Hochberg these raised the
    bar for everything else, and these patients were told of 2 causes nothing was planted
    in (0.12 each); judged by family per factor, 1."""
    assert year.false_per_planted <= 0.1, year.false_causal
