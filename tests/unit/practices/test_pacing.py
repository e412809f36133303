"""Pacing: the shared figures agree with the analysis engine's (the arithmetic itself is pinned
by tests/vectors/pacing.json, run in tests/unit/test_rule_vectors.py and in node)."""
from server.analysis import load
from server.practices import pacing


def test_the_spike_figures_are_the_engines_own():
    """The boom warning and the load score must call the same week a spike."""
    rule = pacing.RULE
    assert rule["high_ratio"] == load.ACWR_SAFE
    assert (rule["acute_span_days"], rule["chronic_span_days"]) == (load.ACWR_ACUTE_DAYS, load.ACWR_CHRONIC_DAYS)
    assert rule["ratio_min_days"] == load.ACWR_MIN_DAYS


def test_every_figure_says_where_it_comes_from():
    rule = pacing.RULE
    for figure in ("baseline_share", "weekly_increase", "tolerance", "ratio", "crash", "rest_break"):
        assert rule[f"{figure}_source"], figure
    assert "own choice" in rule["baseline_share_source"] and "own choice" in rule["weekly_increase_source"]
