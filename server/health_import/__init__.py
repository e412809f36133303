"""Importing sleep and activity from the exports people make of their phone's or watch's health data."""
