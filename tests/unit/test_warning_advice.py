"""What a warning sign suggests: a sentence by the sign's topic, and the practice that fits
the topic as the Insights screen names it (server/insights/factors.py TOPICS, its one home)."""
from server.alerts.warnings import TOPIC_ADVICE, Sign, suggestion
from server.insights.factors import TOPICS


def sign(topic: str, factor: str) -> Sign:
    return Sign("w:1", "lagged", (factor,), ({"factor": factor, "op": ">", "value": 1.0},),
                "pain", 1, 1, 1.2, 0.4, 2.0, 90, "Busy days go with more pain the next day.", topic)


def helped(factor: str) -> dict:
    return {"kind": "lagged", "factors": [factor], "claim": "cause", "direction": "better",
            "lag_days": 1, "effect": -0.8, "summary": "Days with slow breathing went with less pain",
            "condition": {"all": [{"factor": factor, "op": ">", "value": 5.0}]}}


def test_each_topic_suggests_its_own_practice_with_its_sentence():
    for topic, factor, practice, words in [
        ("sleep", "sleep_hours", "bedtime", "bedtime routine"),
        ("activity", "activity_minutes", "pacing", "lighter day"),
        ("rest", "rest_breaks", "pacing", "rest break"),
        ("stress", "stress", "breathing", "breathing pacer"),
    ]:
        out = suggestion(sign(topic, factor), [])
        assert out["practice"]["key"] == practice, topic
        assert words in out["text"], topic


def test_a_topic_without_a_practice_gets_the_breathing_pacer():
    out = suggestion(sign("alcohol", "alcohol_units"), [])
    assert out["practice"]["href"] == "#/breathing"
    assert "breathing pacer" in out["text"]


def test_what_helped_before_picks_the_practice_of_its_own_topic():
    out = suggestion(sign("activity", "activity_minutes"), [helped("breathing_minutes")])
    assert out["text"].startswith("What helped you before: Days with slow breathing")
    assert out["practice"]["key"] == "breathing"  # the helped pattern's topic, not the sign's


def test_every_topic_with_a_sentence_has_a_practice_to_open():
    assert all(TOPICS[topic][1] for topic in TOPIC_ADVICE)
