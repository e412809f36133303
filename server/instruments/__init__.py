"""Standard questionnaires a clinician recognises (the weekly PEG-3), kept as synced records."""
