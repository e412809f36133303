"""Insights: each person's stored analysis (load, patterns, forecast), fresh and fast."""
