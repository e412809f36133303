"""Early-warning alerts: pure rule evaluation with re-arming, and their delivery."""
