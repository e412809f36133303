"""Insights: each person's stored analysis (load, patterns, forecast), kept fresh and served fast."""
