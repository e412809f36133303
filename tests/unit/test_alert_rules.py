"""Alert evaluation: each rule, fire once per crossing, re-arm only after clearing."""

from datetime import date, timedelta

from server.alerts.rules import Day, RuleState, Settings, evaluate, personal_load_threshold, step

D0 = date(2026, 6, 1)


def series(n):
    return [Day(date=D0 + timedelta(days=i), load=40.0, acwr=1.0, short_or_broken_night=False,
                nsaid_days_14=0, forecast_risk=0.1, forecast_beats_baseline=True) for i in range(n)]


def with_last(days, k, **values):
    out = list(days)
    for i in range(1, k + 1):
        out[-i] = Day(**{**out[-i].__dict__, **values})
    return out


DEFAULT = Settings()


def fired(days, state=None, settings=DEFAULT):
    ev = evaluate(days, state or {}, settings)
    return [a.rule for a in ev.alerts], ev.state


def test_quiet_series_fires_nothing():
    assert fired(series(30))[0] == []


def test_load_above_own_threshold_two_days_running():
    days = series(30)
    assert fired(with_last(days, 1, load=90.0))[0] == []
    rules, state = fired(with_last(days, 2, load=90.0))
    assert rules == ["load_high"] and state["load_high"].status == "fired"


def test_load_threshold_override_and_not_enough_history():
    assert fired(with_last(series(3), 2, load=90.0))[0] == []  # no personal threshold yet
    s = Settings(thresholds={"load": 50})
    assert fired(with_last(series(3), 2, load=60.0), settings=s)[0] == ["load_high"]


def test_personal_threshold_is_eighty_percentile():
    days = [Day(date=D0 + timedelta(days=i), load=float(i)) for i in range(22)]
    # history is loads 0..19 (the last two days are left out); linear interpolation
    assert abs(personal_load_threshold(days) - 15.2) < 1e-9


def test_acwr_nsaid_nights_forecast():
    days = series(30)
    assert fired(with_last(days, 1, acwr=1.6))[0] == ["acwr_spike"]
    assert fired(with_last(days, 1, acwr=1.5))[0] == []
    assert fired(with_last(days, 1, nsaid_days_14=10))[0] == ["nsaid_days"]
    assert fired(with_last(days, 2, short_or_broken_night=True))[0] == []
    assert fired(with_last(days, 3, short_or_broken_night=True))[0] == ["short_nights"]
    assert fired(with_last(days, 1, forecast_risk=0.8))[0] == ["forecast_risk"]


def test_forecast_only_counts_when_it_beats_baseline():
    days = with_last(series(30), 1, forecast_risk=0.9, forecast_beats_baseline=False)
    assert fired(days)[0] == []


def test_gap_in_days_does_not_count_as_running():
    days = with_last(series(30), 3, short_or_broken_night=True)
    del days[-2]
    assert fired(days)[0] == []


def test_fires_once_per_crossing_and_rearms_after_clearing():
    days = series(30)
    high = with_last(days, 1, acwr=2.0)
    rules, state = fired(high)
    assert rules == ["acwr_spike"]
    assert fired(high, state)[0] == []  # same crossing, evaluated again: silent
    _, state = fired(with_last(days + [Day(date=D0 + timedelta(days=30))], 0), state)
    assert state["acwr_spike"].status == "fired"  # missing data does not re-arm
    _, state = fired(days, state)
    assert state["acwr_spike"].status == "armed"  # cleared: re-armed
    assert fired(high, state)[0] == ["acwr_spike"]  # a new crossing fires again


def test_disabled_rule_consumes_crossing_silently():
    high = with_last(series(30), 1, acwr=2.0)
    rules, state = fired(high, settings=Settings(disabled=frozenset({"acwr_spike"})))
    assert rules == [] and state["acwr_spike"].status == "fired"
    assert fired(high, state)[0] == []


def test_explanation_names_the_values_for_the_app():
    ev = evaluate(with_last(series(30), 1, nsaid_days_14=12), {}, Settings())
    assert "12 of the last 14 days" in ev.alerts[0].explanation


def test_every_alert_is_told_in_plain_words():
    """A tired person reads these: no "threshold", "inflammation load", bare "(alert above
    1.5)" or unexplained NSAID; the load says what it is."""
    crossing = with_last(series(30), 3, load=90.0, acwr=1.7, nsaid_days_14=12, short_or_broken_night=True,
                         forecast_risk=0.8)
    alerts = evaluate(crossing, {}, Settings()).alerts
    assert {a.rule for a in alerts} == {"load_high", "acwr_spike", "nsaid_days", "short_nights", "forecast_risk"}
    for a in alerts:
        words = f"{a.title} {a.explanation}"
        for jargon in ("threshold", "inflammation load", "(alert", "four-week level", "boom-and-bust"):
            assert jargon not in words.lower(), (a.rule, words)
    told = {a.rule: a.explanation for a in alerts}
    assert "added up, 0 to 100" in told["load_high"]
    assert "anti-inflammatory painkiller" in told["nsaid_days"]
    assert "this alert comes above 1.5 times" in told["acwr_spike"]


def test_step_table():
    armed, fired_ = RuleState("armed"), RuleState("fired")
    assert step(armed, True, D0) == (RuleState("fired", D0), True)
    assert step(fired_, True, D0) == (fired_, False)
    assert step(fired_, False, D0) == (RuleState("armed", D0), False)
    assert step(fired_, None, D0) == (fired_, False)
    assert step(armed, False, D0) == (armed, False)


def test_pwa_offers_exactly_the_server_alert_rules():
    import re
    from pathlib import Path

    from server.alerts.rules import DEFAULT_THRESHOLDS, RULES

    # thresholds, defaults and ranges are one table both read (rules/alerts.json); the PWA
    # adds only its words, one alertRule(...) per rule of the table
    js = (Path(__file__).resolve().parents[2] / "pwa/js/domain/notify.js").read_text()
    assert tuple(re.findall(r"alertRule\('(\w+)'", js)) == RULES
    assert "rules/alerts.json" in js and set(DEFAULT_THRESHOLDS) == {"load", "acwr", "short_nights", "nsaid_days", "forecast_risk"}
