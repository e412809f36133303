"""Personal patterns with honest statistics: lagged, threshold, combination and precursor.

How it stays honest (details in docs/analysis.md):
- each outcome day is compared with the pain of the days between the factor and
  the outcome (at least the previous day), so autocorrelation and pain that
  drives the factor (NSAIDs taken because of pain) do not pass for effects;
  factors taken in response to pain are never tested on the same day;
- p-values come from circular shifts of the factor series (autocorrelation kept),
  and every search — over lags, cut points and pairs — is repeated inside each
  shift, so the best-looking result is judged against the best-looking nulls;
- Benjamini–Hochberg runs across everything tested for the person;
- nothing is said below a minimum of data, or for effects too small to matter.

Modules follow the sections: model (settings, Pattern, data prep), regression (sums
over every shift), lagged, thresholds, combinations, precursors, selection (FDR), phrasing.
"""
from .combinations import combination_effects
from .hunches import HunchResult, judge_hunch
from .lagged import lagged_effects
from .model import (
    ACTIVITY_FAMILY, COMBINATION_LAGS, COMBINATION_P, DEPTHS, DERIVED_FACTORS, FDR_LEVEL, LAGS,
    LESS_IS_NOTABLE, MIN_COMBINATION_DAYS, MIN_FACTOR_DAYS, MIN_FLARE_ONSETS,
    MIN_MINORITY_SHARE, MIN_ODDS_RATIO, MIN_PAIN_EFFECT, MIN_PATTERN_DAYS, MIN_PRECURSOR_SD,
    MIN_SIDE_DAYS, NOT_FACTORS, RESPONSE_FACTORS, STEP_SHAPE_T, THRESHOLD_QUANTILES, Pattern,
    PatternData, _onsets, fast_length, pattern_data,
)
from .precursors import precursor_signs
from .selection import fdr_adjust, reported_patterns
from .thresholds import threshold_effects

__all__ = [
    "ACTIVITY_FAMILY", "COMBINATION_LAGS", "COMBINATION_P", "DEPTHS", "DERIVED_FACTORS",
    "FDR_LEVEL", "LAGS", "LESS_IS_NOTABLE", "MIN_COMBINATION_DAYS", "MIN_FACTOR_DAYS",
    "MIN_FLARE_ONSETS", "MIN_MINORITY_SHARE", "MIN_ODDS_RATIO", "MIN_PAIN_EFFECT",
    "MIN_PATTERN_DAYS", "MIN_PRECURSOR_SD", "MIN_SIDE_DAYS", "NOT_FACTORS", "RESPONSE_FACTORS",
    "STEP_SHAPE_T", "THRESHOLD_QUANTILES", "Pattern", "PatternData", "_onsets",
    "HunchResult", "combination_effects", "judge_hunch", "fast_length", "fdr_adjust", "lagged_effects", "pattern_data",
    "precursor_signs", "reported_patterns", "threshold_effects",
]
