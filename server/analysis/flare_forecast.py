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
            "activity_minutes")


@dataclass
class Forecast:
    """The flare forecast as served by GET /api/insights/forecast.

    ``risk`` is the probability of a flare day within ``horizon_hours`` (None when
    there is too little history or no check-in in the last two days). ``quality``
    holds the rolling-origin evaluation: auc, brier, n_days, events, calibration,
    the same figures for the baselines, and ``beats_baseline``. ``daily_risk``
    holds the out-of-sample risk the evaluation gave each day (NaN where none).
    """

    risk: float | None
    horizon_hours: int
    drivers: list[dict]
    quality: dict
    status: str
    daily_risk: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)

    def to_dict(self) -> dict:
        return {"risk": self.risk, "horizon_hours": self.horizon_hours,
                "drivers": self.drivers, "quality": self.quality, "status": self.status}


def forecast_features(rows: DailyRows, load: LoadSeries) -> tuple[np.ndarray, np.ndarray]:
    """(features (n, len(FEATURES)) with NaN where unknown, target (n,) with NaN where unknown).

    Target: 1 when a flare is recorded on either of the next two days, 0 when both
    were recorded without one.
    """
    pain = rows.column("pain_mean")
    flare = rows.column("flare")
    previous = np.full(len(pain), np.nan)
    previous[2:] = pain[:-2]
    features = np.column_stack([
        pain, pain - previous, flare, load.score, rows.column("energy"), rows.column("stress"),
        rows.column("sleep_hours"), rows.column("activity_minutes"),
    ])
    n = len(pain)
    target = np.full(n, np.nan)
    ahead = [np.full(n, np.nan), np.full(n, np.nan)]
    for k in (1, 2):
        ahead[k - 1][: max(n - k, 0)] = flare[k:]
    any_flare = (ahead[0] == 1) | (ahead[1] == 1)
    both_calm = (ahead[0] == 0) & (ahead[1] == 0)
    target[any_flare] = 1.0
    target[both_calm & ~any_flare] = 0.0
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


def auc(scores: np.ndarray, outcome: np.ndarray) -> float | None:
    """Area under the ROC curve (Mann–Whitney, ties count half); None without both classes."""
    positives = outcome == 1
    n1, n0 = positives.sum(), (~positives).sum()
    if n1 == 0 or n0 == 0:
        return None
    # Imported here, not at the top: scipy.stats costs a web worker ~80 MB and only the
    # forecast needs it, so a worker that only serves check-ins or reads a health import
    # stays small (bench/import_memory.py, docs/health-import.md).
    from scipy.stats import rankdata
    ranks = rankdata(scores)
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
    out = {"day": [], "model": [], "base_rate": [], "persistence": []}
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
               "calibration": [], "baseline": {}, "beats_baseline": False}
    if not len(days):
        return quality
    quality.update(_scores(evaluation["model"], outcome))
    quality["calibration"] = calibration(evaluation["model"], outcome)
    quality["baseline"] = {name: _scores(evaluation[name], outcome)
                           for name in ("base_rate", "persistence")}
    quality["beats_baseline"] = _beats(quality, events)
    return quality


def _beats(quality: dict, events: int) -> bool:
    """Better than every baseline on both Brier score and AUC, with enough flares to tell."""
    if events < MIN_EVAL_EVENTS or quality["auc"] is None:
        return False
    baselines = quality["baseline"].values()
    best_brier = min(b["brier"] for b in baselines)
    best_auc = max((b["auc"] or 0.5) for b in baselines)
    return quality["brier"] < best_brier and quality["auc"] > max(best_auc, 0.5)


def forecast(rows: DailyRows, load: LoadSeries) -> Forecast:
    """Probability of a flare in the next 48 hours from the last day's check-ins.

    The model is a ridge logistic regression on the person's own history (pain
    and its two-day change, flare today, load, energy, stress, sleep, activity).
    Its quality comes from rolling-origin evaluation only; when it does not beat
    both baselines (base rate, "tomorrow is like today") ``beats_baseline`` is False.
    """
    x, y = forecast_features(rows, load)
    evaluation = _rolling_origin(x, y)
    daily = np.full(len(y), np.nan)
    if len(evaluation["day"]):
        daily[evaluation["day"]] = evaluation["model"]
    quality = _quality(evaluation, y)
    usable = np.isfinite(y) & np.isfinite(x[:, 0])
    if usable.sum() < MIN_TRAIN_DAYS or (y[usable] == 1).sum() < MIN_TRAIN_EVENTS:
        return Forecast(None, HORIZON_DAYS * 24, [], quality, "collecting", daily)
    recent = np.flatnonzero(np.isfinite(x[:, 0]))
    if not len(recent) or recent[-1] < len(y) - 2:
        return Forecast(None, HORIZON_DAYS * 24, [], quality, "no_recent_checkin", daily)
    model = _fit(x[usable], y[usable])
    today = x[recent[-1]][None, :]
    risk = float(model.predict(today)[0])
    daily[recent[-1]] = risk
    return Forecast(round(risk, 3), HORIZON_DAYS * 24, _drivers(model, today), quality,
                    "ready", daily)


def _drivers(model: _Model, today: np.ndarray, top: int = 3) -> list[dict]:
    """The features pushing today's risk up most, as log-odds contributions."""
    contributions = model.design(today)[0, 1:] * model.coef[1:]
    order = np.argsort(-contributions)
    return [{"factor": FEATURES[i], "contribution": round(float(contributions[i]), 2)}
            for i in order[:top] if contributions[i] > 0.05]
