"""Warning signs in any logged factor and lagged causes, on issue 10's generator
(tests/analysis/patients.py): new seeds and effect sizes, a warning sign drawn per patient
from sleep quality, stress, mood, stiffness, night wakings and energy, and a pair drawn
from four. One year of near-daily check-ins.

Pairs are not held to the issue's 80 % here: the search over every pair at a lag (max-T)
finds about half of them at one year (bench/README.md has the figures); that bar is not met.
"""
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pytest

from server.analysis import analyse
from tests.analysis.scoring import tally


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
    """At most one false single-factor causal claim per ten planted patients (issue 10).
    Each planted factor is rejected in several tests; judged one flat Benjamini–Hochberg
    these raised the bar for everything else, and these patients were told of 2 causes
    nothing was planted in (0.12 each); judged by family per factor, 1.

    Chance pairs are counted by the next test. The issue's bar on all false claims together
    (0.1 per planted patient) is judged on hundreds of new patients in bench/README.md, not
    here: 16 patients cannot tell 0.1 from 0.125 (one claim), and the engine sits near the
    bar (about 0.09 on 600 new patients, before and after the pair search's 2026-12-03
    change; 7 in the 64 patients 800–863 before it, 8 after)."""
    single = year.false_causal - year.false_pairs
    assert single / year.planted <= 0.1, (single, year.planted)


def test_pairs_that_were_not_planted_are_rarely_told(year):
    """The pair search pays for looking at every pair at a lag (max-T): at most one pair
    nothing was planted in, in 16 planted patients. Each pair judged against its own null
    instead, these patients were told 11."""
    assert year.false_pairs <= 1, year.false_pairs


def _flares_only_during(seed: int) -> list[dict]:
    """A year in which stress and pain are high on flare days (flares of 2–4 days, 6–15 days
    apart) and nothing changes before a flare starts."""
    rng = np.random.default_rng(seed)
    flare = np.zeros(365, dtype=bool)
    start = 5
    while start < 365:
        length = int(rng.integers(2, 5))
        flare[start:start + length] = True
        start += length + int(rng.integers(6, 16))
    first = date(2025, 6, 1)
    return [{"id": str(d), "at": datetime.combine(first + timedelta(days=d), datetime.min.time(),
                                                  timezone.utc) + timedelta(hours=20),
             "flare": bool(f), "pain": int(np.clip(rng.normal(7 if f else 3, 1), 0, 10)),
             "stress": int(np.clip(rng.normal(8 if f else 4, 1.5), 0, 10)),
             "sleep_hours": float(np.round(rng.normal(7, 0.8), 1))}
            for d, f in enumerate(flare)]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_what_only_goes_with_a_flare_is_no_warning_sign(seed):
    """A warning sign is what differs in the 1–3 days before a flare starts against other
    days *without* a flare (docs/analysis.md). Compared with flare days too, stress and pain
    that rise only during flares read as "lower before a flare": a false sign in every one of
    these years (issue 17's planted-bug audit)."""
    result = analyse(_flares_only_during(seed), "UTC", date(2025, 6, 1) + timedelta(days=364))
    assert [p.factors for p in result.patterns if p.kind == "precursor"] == []


def test_a_factors_notable_days_are_the_third_nearest_its_end():
    """Check-ins are whole numbers, so "above the 2/3 quantile" can leave a fifth of days:
    stress 7 on a fifth of days, 6 on another fifth, less on the rest flagged only the 7s,
    and a planted pair then had about 22 days a year with both instead of 33 (docs/analysis.md,
    "combination"). The notable end is the side nearest a third, for less-is-notable factors
    too, and its condition reads as the summaries do ("more than", "or less")."""
    from server.analysis.patterns.combinations import _notable, notable_term
    stress = np.array([7.0] * 20 + [6.0] * 20 + [5.0] * 30 + [3.0] * 30)
    assert notable_term("stress", stress) == {"factor": "stress", "op": ">", "value": 5.0}
    assert _notable("stress", stress).mean() == 0.4
    mood = 10 - stress
    assert notable_term("mood", mood) == {"factor": "mood", "op": "<=", "value": 4.0}
    assert _notable("mood", mood).mean() == 0.4
