"""The red flags: one vocabulary for the server and the PWA, each sign with its action and source."""
from server import vocabulary


def test_the_server_accepts_every_sign_the_app_shows():
    shown = {f["key"] for f in vocabulary.vocabulary()["red_flags"]}
    assert shown == vocabulary.RED_FLAGS
    assert {"saddle_numbness", "bladder_bowel_change", "progressive_weakness", "cord_compression_signs",
            "fever_with_back_pain", "sudden_severe_pain", "pain_after_trauma", "joint_instability",
            "cancer_history", "unexplained_weight_loss", "night_rest_pain", "inflammatory_back_pain"} <= shown


def test_each_sign_says_what_to_do_and_where_it_comes_from():
    actions = vocabulary.vocabulary()["red_flag_actions"]
    for flag in vocabulary.vocabulary()["red_flags"]:
        assert flag["action"] in actions and flag["why"] and flag["source"], flag["key"]
    assert "emergency" in actions["emergency"]["advice"] and "today" in actions["urgent"]["advice"]
