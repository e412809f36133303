"""One valid `data` for each practice and protocol record type, as the PWA sends it: shared by
the sync API tests and the schema loader's tests."""

VALID = {
    "lab_result": {"test": "vitamin_d", "value": 100, "unit": "nmol/L", "date": "2026-03-01", "ref_low": 75, "ref_high": 250},
    "protocol_item": {"name": "Low-dose naltrexone", "dose": None, "unit": "mg", "times": ["22:00"],
                      "start": "2026-03-01", "stop": None, "prescription": True, "prescriber": "",
                      "titration": {"start": 1.5, "step": 0.5, "every_days": 7, "max": 4.5},
                      "template": "ldn", "timing": "bedtime"},
    "bedtime_routine": {"items": [{"key": "screens_away", "label": "Put screens away"},
                                  {"key": "breathing", "label": "Breathe", "href": "#/breathing"}],
                        "target_bedtime": "22:30", "wake_time": "07:00"},
    "bedtime_log": {"date": "2026-03-01", "ticked": ["screens_away"], "meds_logged": [], "completed_at": None},
    "pacing_plan": {"baseline": 20, "weekly_increase": 0.1, "hold": False, "start": "2026-03-01"},
    "laterality_session": {
        "at": "2026-03-01T10:00:00.000+01:00", "date": "2026-03-01", "parts": ["hand"], "n": 1,
        "accuracy": 1, "median_ms": 1500,
        "by_side": {"left": {"n": 1, "correct": 1, "accuracy": 1, "medianMs": 1500},
                    "right": {"n": 0, "correct": 0, "accuracy": 0, "medianMs": None}},
        "by_part": {"hand": {"n": 1, "correct": 1, "accuracy": 1, "medianMs": 1500},
                    "foot": {"n": 0, "correct": 0, "accuracy": 0, "medianMs": None}},
        "trials": [{"part": "hand", "side": "left", "rotation": 90, "view": "palm", "answer": "left", "ms": 1500}]},
    "lesson_progress": {"lesson": "sensitisation", "read_at": "2026-03-01T10:00:00+01:00"},
    "health_conditions": {"conditions": ["kidney_disease", "on_opioids"]},
    "practice_session": {"practice": "gargling", "at": "2026-03-01T10:00:00+01:00", "date": "2026-03-01",
                         "seconds": 90, "count": 3},
    "screening": {"instrument": "stop_bang", "at": "2026-03-01T10:00:00+01:00", "date": "2026-03-01",
                  "answers": {"snoring": True, "tired": True, "observed": False, "pressure": False,
                              "bmi": False, "age": True, "neck": False, "gender": True}},
}
