"""The forecast's message: its ranking against the baseline it had to beat, named as it is."""
from server.analysis.flare_forecast import _auc_line, _how_much


def test_the_forecast_names_the_baseline_it_beat_as_it_is():
    """The pain baseline is today's and yesterday's pain ("today's pain alone" misnamed it),
    and the line compares with the strongest baseline, not always that one."""
    quality = {"auc": 0.82, "n_days": 200, "events": 14,
               "baseline": {"base_rate": {"auc": 0.5}, "persistence": {"auc": 0.78},
                            "pain": {"auc": 0.74}}}
    line = _auc_line(quality)
    assert "against 78% judging by whether today was a flare day" in line
    quality["baseline"]["persistence"]["auc"] = 0.6
    assert "against 74% judging by today's and yesterday's pain" in _auc_line(quality)
    assert "alone" not in _auc_line(quality)


def test_how_much_better_is_told_by_the_forecasts_own_ranking_and_never_as_accuracy():
    """The line under a shown figure, which the PWA shows as the server words it."""
    assert _how_much(0.65).startswith("A little better than")
    assert _how_much(0.75).endswith("but often wrong")
    assert _how_much(0.85).startswith("Clearly better than")
    for auc in (0.65, 0.75, 0.85):
        assert "usually right" not in _how_much(auc)
