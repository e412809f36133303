"""Flare forecast for the next 48 hours, with its quality measured honestly on the person's past."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .daily import DailyRows
from .load import LoadSeries

HORIZON_DAYS = 2
MIN_TRAIN_DAYS = 60
MIN_TRAIN_EVENTS = 5
MIN_EVAL_EVENTS = 10      # fewer flares in the evaluation: the quality is not known well enough
REFIT_EVERY_DAYS = 28
RIDGE = 1.0               # L2 penalty on standardised coefficients
CALIBRATION_BINS = 5
FEATURES = ("pain", "pain_change", "flare", "load", "energy", "stress", "sleep_hours",
            "activity_minutes", "pain_yesterday", "sleep_quality", "mood", "night_wakings")
#: Columns of the "today's and yesterday's pain" baseline model.
PAIN_BASELINE = (0, 8)
#: The baselines the forecast must beat, as named in ``quality.baseline``.
BASELINES = ("base_rate", "persistence", "pain")
MESSAGES = {
    "ready": "Better than judging by today's pain and flares on your own past days: "
             "{auc_line}.",
    "collecting": "No forecast yet: it needs about {train} days of check-ins with at least "
                  "{events} flares marked before it can learn, and then {eval} more flares "
                  "to check itself against. So far: {so_far}.",
    "not_better": "The forecast cannot yet predict your flares better than \"tomorrow is like "
                  "today\" (judging by today's pain and flares), so it shows no figure. "
                  "{need}",
    "no_recent_checkin": "No forecast today: it works from a check-in today or yesterday.",
}


@dataclass
class Forecast:
    """The flare forecast as served by GET /api/insights/forecast.

    ``risk`` is the probability of a flare day within ``horizon_hours``: None unless
    the forecast beat every baseline on the person's past (``status`` "ready"), or
    with too little history or no check-in in the last two days. ``quality`` holds
    the rolling-origin evaluation: auc, brier, n_days, events, calibration, the same
    figures for each baseline, ``wins`` (per baseline: better AUC, better Brier) and
    ``beats_baseline``. ``daily_risk`` holds the out-of-sample risk the evaluation
    gave each day (NaN where none, and everywhere when the forecast does not beat
    the baselines: alerts built on it stay off). ``message`` says the status in words.
    """

    risk: float | None
    horizon_hours: int
    drivers: list[dict]
    quality: dict
    status: str
    daily_risk: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)
    message: str = ""

    def to_dict(self) -> dict:
        return {"risk": self.risk, "horizon_hours": self.horizon_hours,
                "drivers": self.drivers, "quality": self.quality, "status": self.status,
                "message": self.message}


def forecast_features(rows: DailyRows, load: LoadSeries) -> tuple[np.ndarray, np.ndarray]:
    """(features (n, len(FEATURES)) with NaN where unknown, target (n,) with NaN where unknown).

    Target: 1 when a flare is recorded on either of the next two days, 0 when neither
    recorded day had one and at least one was recorded (someone who checks in every
    other day still has targets: "a recorded flare within 48 hours"). The baselines are
    scored on the same target, so the comparison stays fair.
    """
    pain = rows.column("pain_mean")
    flare = rows.column("flare")
    previous = np.full(len(pain), np.nan)
    previous[2:] = pain[:-2]
    yesterday = np.full(len(pain), np.nan)
    yesterday[1:] = pain[:-1]
    features = np.column_stack([
        pain, pain - previous, flare, load.score, rows.column("energy"), rows.column("stress"),
        rows.column("sleep_hours"), rows.column("activity_minutes"), yesterday,
        rows.column("sleep_quality"), rows.column("mood"), rows.column("night_wakings"),
    ])
    n = len(pain)
    target = np.full(n, np.nan)
    ahead = [np.full(n, np.nan), np.full(n, np.nan)]
    for k in (1, 2):
        ahead[k - 1][: max(n - k, 0)] = flare[k:]
    any_flare = (ahead[0] == 1) | (ahead[1] == 1)
    recorded_calm = ((ahead[0] == 0) | (ahead[1] == 0)) & ~any_flare
    target[any_flare] = 1.0
    target[recorded_calm] = 0.0
    features[np.isnan(pain)] = np.nan  # no check-in that day: no forecast from it
    return features, target


@dataclass
class _Model:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray

    def design(self, x: np.ndarray) -> np.ndarray:
        z = (x - self.mean) / self.scale
        return np.column_stack([np.ones(len(x)), np.nan_to_num(z, nan=0.0)])

    def predict(self, x: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-np.clip(self.design(x) @ self.coef, -30, 30)))


def _fit(x: np.ndarray, y: np.ndarray, start: np.ndarray | None = None) -> _Model:
    """Ridge logistic regression by Newton's method; missing features sit at their mean."""
    counts = np.isfinite(x).sum(axis=0)
    mean = np.where(counts > 0, np.nansum(x, axis=0) / np.maximum(counts, 1), 0.0)
    centred = np.where(np.isfinite(x), x - mean, 0.0)
    scale = np.sqrt((centred ** 2).sum(axis=0) / np.maximum(counts, 1))
    scale = np.where(scale > 1e-9, scale, 1.0)
    model = _Model(mean, scale, np.zeros(x.shape[1] + 1))
    design = model.design(x)
    penalty = np.full(design.shape[1], RIDGE)
    penalty[0] = 0.0
    rate = min(max(y.mean(), 1e-3), 1 - 1e-3)
    model.coef[0] = np.log(rate / (1 - rate))
    if start is not None:  # warm start from the previous origin's fit: fewer Newton steps
        model.coef = start.copy()
    for _ in range(25):
        p = 1 / (1 + np.exp(-np.clip(design @ model.coef, -30, 30)))
        gradient = design.T @ (y - p) - penalty * model.coef
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        model.coef += step
        if np.max(np.abs(step)) < 1e-6:
            break
    return model


def average_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n, ties sharing their average rank (scipy.stats.rankdata's default).

    Here rather than scipy's: scipy.stats costs a web worker ~80 MB, and this was the only
    use of scipy the app makes at run time (bench/import_memory.py; a health import must
    fit in 200 MB)."""
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    last = np.cumsum(counts)
    return ((last - counts + 1 + last) / 2.0)[inverse.reshape(-1)]


def auc(scores: np.ndarray, outcome: np.ndarray) -> float | None:
    """Area under the ROC curve (Mann–Whitney, ties count half); None without both classes."""
    positives = outcome == 1
    n1, n0 = positives.sum(), (~positives).sum()
    if n1 == 0 or n0 == 0:
        return None
    ranks = average_ranks(scores)
    return float((ranks[positives].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def brier(scores: np.ndarray, outcome: np.ndarray) -> float:
    """Mean squared error of the probabilities."""
    return float(np.mean((scores - outcome) ** 2))


def calibration(scores: np.ndarray, outcome: np.ndarray, bins: int = CALIBRATION_BINS) -> list:
    """Mean predicted vs observed flare rate in equal-count bins of predicted risk."""
    order = np.argsort(scores, kind="stable")
    out = []
    for chunk in np.array_split(order, bins):
        if len(chunk):
            out.append({"predicted": round(float(scores[chunk].mean()), 3),
                        "observed": round(float(outcome[chunk].mean()), 3), "n": int(len(chunk))})
    return out


def _rolling_origin(x: np.ndarray, y: np.ndarray):
    """Out-of-sample predictions: refit every 28 days (or n/30) on what was known then.

    A day t's target needs the flares of t+1 and t+2, so a model fitted at origin o
    only learns from days up to o − 2 and predicts days after o. Returns arrays of
    (day index, model, base-rate and persistence predictions) for evaluated days.
    """
    usable = np.isfinite(y) & np.isfinite(x[:, 0])
    days = np.flatnonzero(usable)
    out = {"day": [], "model": [], **{name: [] for name in BASELINES}}
    pain_x = x[:, PAIN_BASELINE]
    previous_pain = None
    origin = _first_origin(days, y)
    previous = None
    # at most ~30 refits: years of history are evaluated in longer steps
    step = max(REFIT_EVERY_DAYS, -(-len(y) // 30))
    while origin is not None and origin < len(y):
        train = days[days <= origin - HORIZON_DAYS]
        test = days[(days > origin) & (days <= origin + REFIT_EVERY_DAYS)]
        if len(test):
            model = _fit(x[train], y[train], previous)
            previous = model.coef
            out["day"].append(test)
            out["model"].append(model.predict(x[test]))
            out["base_rate"].append(np.full(len(test), y[train].mean()))
            out["persistence"].append(_persistence(x[train, 2], y[train], x[test, 2]))
            pain_model = _fit(pain_x[train], y[train], previous_pain)
            previous_pain = pain_model.coef
            out["pain"].append(pain_model.predict(pain_x[test]))
        origin += step
    return {k: np.concatenate(v) if v else np.zeros(0) for k, v in out.items()}


def _first_origin(days: np.ndarray, y: np.ndarray) -> int | None:
    events = np.cumsum(y[days] == 1)
    ready = np.flatnonzero((np.arange(1, len(days) + 1) >= MIN_TRAIN_DAYS)
                           & (events >= MIN_TRAIN_EVENTS))
    if not len(ready):
        return None
    return int(days[ready[0]]) + HORIZON_DAYS


def _persistence(flare_train: np.ndarray, y_train: np.ndarray, flare_test: np.ndarray):
    """"Tomorrow is like today": the past flare rate after flare days and after calm days."""
    today = np.nan_to_num(flare_train, nan=0.0) == 1
    after_flare = (y_train[today].sum() + 0.5) / (today.sum() + 1)
    after_calm = (y_train[~today].sum() + 0.5) / ((~today).sum() + 1)
    return np.where(np.nan_to_num(flare_test, nan=0.0) == 1, after_flare, after_calm)


def _scores(predicted: np.ndarray, outcome: np.ndarray) -> dict:
    value = auc(predicted, outcome)
    return {"auc": None if value is None else round(value, 3),
            "brier": round(brier(predicted, outcome), 4)}


def _quality(evaluation: dict, y: np.ndarray) -> dict:
    days = evaluation["day"]
    outcome = y[days] if len(days) else np.zeros(0)
    events = int((outcome == 1).sum())
    quality = {"auc": None, "brier": None, "n_days": int(len(days)), "events": events,
               "calibration": [], "baseline": {}, "wins": {}, "beats_baseline": False}
    if not len(days):
        return quality
    quality.update(_scores(evaluation["model"], outcome))
    quality["calibration"] = calibration(evaluation["model"], outcome)
    quality["baseline"] = {name: _scores(evaluation[name], outcome) for name in BASELINES}
    quality["wins"] = {name: _wins(quality, base) for name, base in quality["baseline"].items()}
    quality["beats_baseline"] = _beats(quality, events)
    return quality


def _wins(quality: dict, baseline: dict) -> dict:
    """Whether the model's AUC and Brier are each better than one baseline's."""
    model_auc = quality["auc"] if quality["auc"] is not None else 0.5
    return {"auc": model_auc > max(baseline["auc"] or 0.5, 0.5),
            "brier": quality["brier"] < baseline["brier"]}


def _beats(quality: dict, events: int) -> bool:
    """Better than every baseline (so the strongest) on both Brier score and AUC, with at
    least MIN_EVAL_EVENTS flare windows scored."""
    if events < MIN_EVAL_EVENTS or quality["auc"] is None:
        return False
    return all(w["auc"] and w["brier"] for w in quality["wins"].values())


def forecast(rows: DailyRows, load: LoadSeries) -> Forecast:
    """Probability of a flare in the next 48 hours from the last day's check-ins.

    The model is a ridge logistic regression on the person's own history (pain
    and its two-day change, flare today, load, energy, stress, sleep, activity).
    Its quality comes from rolling-origin evaluation only; when it does not beat
    both baselines (base rate, "tomorrow is like today") ``beats_baseline`` is False.
    """
    x, y = forecast_features(rows, load)
    evaluation = _rolling_origin(x, y)
    quality = _quality(evaluation, y)
    daily = np.full(len(y), np.nan)
    if quality["beats_baseline"]:
        daily[evaluation["day"]] = evaluation["model"]
    usable = np.isfinite(y) & np.isfinite(x[:, 0])
    if usable.sum() < MIN_TRAIN_DAYS or (y[usable] == 1).sum() < MIN_TRAIN_EVENTS:
        return _quiet("collecting", quality, daily, rows)
    if not quality["beats_baseline"]:
        return _quiet("not_better", quality, daily, rows)
    recent = np.flatnonzero(np.isfinite(x[:, 0]))
    if not len(recent) or recent[-1] < len(y) - 2:
        return _quiet("no_recent_checkin", quality, daily, rows)
    model = _fit(x[usable], y[usable])
    today = x[recent[-1]][None, :]
    risk = float(model.predict(today)[0])
    daily[recent[-1]] = risk
    message = MESSAGES["ready"].format(auc_line=_auc_line(quality))
    return Forecast(round(risk, 3), HORIZON_DAYS * 24, _drivers(model, today), quality,
                    "ready", daily, message)


def _quiet(status: str, quality: dict, daily: np.ndarray, rows: DailyRows) -> Forecast:
    """No figure and no drivers: the status and what the forecast would need, in words."""
    message = MESSAGES[status].format(
        train=MIN_TRAIN_DAYS, events=MIN_TRAIN_EVENTS, eval=MIN_EVAL_EVENTS,
        need=_needs(quality, rows), so_far=_so_far(rows))
    return Forecast(None, HORIZON_DAYS * 24, [], quality, status, daily, message)


def _so_far(rows: DailyRows) -> str:
    """Where the person is on the way: "14 days with a check-in, 2 flare days marked" (without
    it, day 3 and day 50 read the same and the wait had no end in sight)."""
    observed = rows.observed
    days = int(observed.sum())
    flares = int(np.nansum(rows.column("flare")[observed]))
    return (f"{days} day{'s' if days != 1 else ''} with a check-in, "
            f"{flares} flare day{'s' if flares != 1 else ''} marked")


#: The baselines as the forecast's message names them.
BASELINE_WORDS = {"base_rate": "from your usual flare rate",
                  "persistence": "judging by whether today was a flare day",
                  "pain": "judging by today's and yesterday's pain"}


def _auc_line(quality: dict) -> str:
    """The forecast's ranking against the strongest baseline's, named as it is (the pain
    baseline uses yesterday's pain too: "today's pain alone" misnamed it)."""
    name, best = max(((n, b["auc"] or 0.5) for n, b in quality["baseline"].items()),
                     key=lambda item: item[1])
    return (f"it ranked flare days above calm ones {quality['auc']:.0%} of the time, against "
            f"{best:.0%} {BASELINE_WORDS[name]}, over {quality['n_days']} days "
            f"with {quality['events']} flares")


def _needs(quality: dict, rows: DailyRows) -> str:
    """What would let the forecast show itself: more flares to judge by, daily check-ins."""
    parts = []
    if quality["events"] < MIN_EVAL_EVENTS:
        parts.append(f"To judge it needs at least {MIN_EVAL_EVENTS} flares marked after its "
                     f"first weeks; so far {quality['events']}.")
    else:
        parts.append(f"It was tested on {quality['n_days']} of your past days with "
                     f"{quality['events']} flares and did not do better. It is tested again "
                     "as your check-ins grow.")
    logged = rows.observed[-90:] if len(rows) else np.zeros(0)
    if len(logged) and logged.mean() < 0.7:
        parts.append(f"You checked in on {logged.mean():.0%} of the last {len(logged)} days; "
                     "daily check-ins, with flares marked, give it much more to learn from.")
    return " ".join(parts)


def _drivers(model: _Model, today: np.ndarray, top: int = 3) -> list[dict]:
    """The features pushing today's risk up most, as log-odds contributions."""
    contributions = model.design(today)[0, 1:] * model.coef[1:]
    order = np.argsort(-contributions)
    return [{"factor": FEATURES[i], "contribution": round(float(contributions[i]), 2)}
            for i in order[:top] if contributions[i] > 0.05]
