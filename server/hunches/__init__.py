"""Hunches: a single factor or a pair the person suspects, tested alone on their data."""
