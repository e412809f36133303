"""Guided practices: breathing, bedtime routine, movement pacing, laterality, lessons."""
