"""The forecast's message: its ranking against the baseline it had to beat, named as it is."""
from server.analysis.flare_forecast import _auc_line


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


def test_the_forecast_names_its_events_as_days_followed_by_a_flare_not_flares():
    """Its "events" are days followed by a flare within two days (one flare day follows up to
    two), so "over 200 days with 14 flares" and "needs at least 10 flares" miscounted."""
    import numpy as np

    from server.analysis.flare_forecast import _needs

    quality = {"auc": 0.82, "n_days": 200, "events": 14, "baseline": {"pain": {"auc": 0.7}}}
    assert _auc_line(quality).endswith("over 200 days, 14 of them followed by a flare")

    class Rows:  # daily check-ins: no nudge to check in more often
        observed = np.ones(30, dtype=bool)

        def __len__(self):
            return 30

    needs = _needs({**quality, "events": 3}, Rows())
    assert needs == "To judge it needs at least 10 days followed by a flare after its first weeks; so far 3."
