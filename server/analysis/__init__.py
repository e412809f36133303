"""Emberwise's analysis engine: pure Python, numpy and scipy — no Flask, no database.

Input: a person's check-ins as plain dicts (check-in field names, aware ``at``)
and their IANA zone. Output: dataclasses whose ``to_dict`` give the JSON shapes of
the insights API. ``analyse`` runs everything; the parts are importable alone.
The method, weights and sources are in docs/analysis.md.
"""
from .daily import DailyRows, daily_rows
from .engine import Analysis, SignalDay, analyse, signal_days, hunch_results
from .flare_forecast import Forecast, forecast
from .load import LoadDay, LoadSeries, load_scores
from .patterns import (
    Pattern, PatternData, combination_effects, fdr_adjust, lagged_effects, pattern_data,
    precursor_signs, reported_patterns, threshold_effects,
)

__all__ = [
    "Analysis", "DailyRows", "Forecast", "LoadDay", "LoadSeries", "Pattern", "PatternData",
    "SignalDay", "analyse", "combination_effects", "daily_rows", "fdr_adjust", "forecast",
    "lagged_effects", "load_scores", "pattern_data", "precursor_signs", "reported_patterns",
    "signal_days", "hunch_results", "threshold_effects",
]
