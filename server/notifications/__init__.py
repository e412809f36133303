"""Notification settings: quiet hours and the daily cap, one home read by reminders and alerts.

Reminders and alerts both import this package; it imports neither (docs/architecture.md:
parts import downward only).
"""
