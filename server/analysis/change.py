"""Whether one stretch of days' pain differs from another's by more than the days' own ups and
downs: the one rule behind every "higher / lower than before" the app and the report say."""
from __future__ import annotations

import warnings

import numpy as np

#: The smallest change in mean pain worth naming at all (our choice: about half a rating step).
LEAST_CHANGE = 0.5
#: Fewer days than this on either side, and no comparison is made.
MIN_DAYS = 3


def clear_change(later: list[float], earlier: list[float]) -> int | None:
    """+1 or -1 when ``later``'s pain is clearly above or below ``earlier``'s, 0 when their
    days cannot tell them apart, None when either side has under MIN_DAYS days.

    Named only when the means differ by at least LEAST_CHANGE and Welch's t-test puts the
    difference outside chance (two-sided 5 %). Said of every half-point difference, it read
    "higher than the week before" for 65 of 100 null patients (docs/insights.md, "The week
    line"). Days close together are not independent, so this is if anything lenient.
    """
    if len(later) < MIN_DAYS or len(earlier) < MIN_DAYS:
        return None
    diff = float(np.mean(later) - np.mean(earlier))
    if abs(diff) < LEAST_CHANGE:
        return 0
    way = 1 if diff > 0 else -1
    if np.var(later) == 0 and np.var(earlier) == 0:
        return way
    # imported here, not at the top: the health-import worker reaches this module through the
    # reports and must stay without scipy's ~80 MB (tests/health_import/test_footprint.py)
    from scipy import stats

    with warnings.catch_warnings():  # near-identical days: the test still answers
        warnings.simplefilter("ignore", RuntimeWarning)
        p = stats.ttest_ind(later, earlier, equal_var=False).pvalue
    return way if p < 0.05 else 0
