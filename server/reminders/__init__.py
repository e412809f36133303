"""Reminder rules in local time: due-time computation, occurrences, claims and sending."""
