"""Check-ins: the quick records of pain, sleep, stress, activity and the rest."""
