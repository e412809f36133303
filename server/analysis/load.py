"""The daily inflammation load: 0–100 points from contributors against the person's own past.

Every weight below is explained, with its source, in docs/analysis.md. The caps add
up to 100, so a score reads as "how much of the possible background load is present".
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from .daily import DailyRows

BASELINE_DAYS = 28        # trailing window of the person's own baseline (today excluded)
BASELINE_MIN_DAYS = 7     # fewer recorded days in the window: no baseline, no points yet

# Points per unit away from the person's baseline, and the cap of each contributor.
SLEEP_POINTS_PER_HOUR_SHORT = 6.0
SLEEP_POINTS_PER_QUALITY_POINT = 1.5
SLEEP_POINTS_PER_EXTRA_WAKING = 2.0
SLEEP_NIGHT_CAP = 20.0
# Short sleep counts whatever one's habit: one short or broken night already raises IL-6
# and TNF-α (HW functional medicine, "Chronic Pain: Rewiring the Pain System"). Under this
# many hours every hour short earns points even when the person always sleeps that little;
# the 6-hour line is our choice (a common definition of short sleep).
SLEEP_FLOOR_HOURS = 6.0
SLEEP_STREAK_STEP = 0.25  # each further disrupted night in a row: +25 %, at most +50 %
STRESS_POINTS_PER_POINT = 3.0
ACWR_ACUTE_DAYS, ACWR_CHRONIC_DAYS = 7, 28
ACWR_MIN_DAYS = 21        # recorded days before the ratio means anything
ACWR_SAFE = 1.3           # EWMA acute:chronic ratio at or below this adds nothing
ACWR_FULL = 2.0           # ... and reaches the cap here
# (excess over the 30-day longest, injury hazard ratio): Frandsen et al., BJSM 2025.
# The study's 30–100 % band came out lower (1.52) than its 10–30 % band (1.64), within its
# uncertainty; points use the running maximum so a bigger spike never scores less (our choice).
SPIKE_BANDS = ((0.10, 1.64), (0.30, 1.52), (1.00, 2.28))
SPIKE_WINDOW_DAYS = 30
POST_EXERTION_SHARE = 0.8  # of the spike/ACWR points, carried to the next 1–3 days (12–72 h)
RECOVERY_POINTS_HEAVY_NO_BREAK = 4.0
RECOVERY_POINTS_PER_HEAVY_STREAK_DAY = 3.0
NSAID_WINDOW_DAYS = 14
NSAID_FREE_DAYS = 2        # up to this many NSAID days in 14 add nothing
MEAL_POINTS_PER_POINT = 1.0
LATE_MEAL_POINTS = 3.0
ALCOHOL_POINTS_PER_UNIT = 1.25

CAPS = {
    "sleep": 25.0, "stress": 15.0, "acute_chronic": 10.0, "activity_spike": 10.0,
    "post_exertion": 8.0, "recovery_debt": 10.0, "nsaid": 10.0, "meals": 7.0, "alcohol": 5.0,
}


@dataclass
class LoadDay:
    """One day's load as served by GET /api/insights/load.

    ``score`` is None on days without a check-in, and before the person's own baseline
    exists; then ``days_needed`` says how many more days with a check-in it takes (0 once
    there is a baseline).
    """

    date: date
    score: float | None
    contributors: dict[str, float]
    pain_mean: float | None
    flare: bool | None
    days_needed: int = 0

    def to_dict(self) -> dict:
        return {
            "date": self.date.isoformat(), "score": self.score,
            "contributors": self.contributors, "pain_mean": self.pain_mean, "flare": self.flare,
            "days_needed": self.days_needed,
        }


@dataclass
class LoadSeries:
    """Load per day plus the intermediate series alerts and the forecast use.

    All arrays align with ``dates``. ``score`` is NaN on days without a check-in.
    ``acwr`` is the EWMA 7:28-day acute:chronic activity ratio (NaN before 21 days
    of history); ``spike_ratio`` is today's activity load over the highest of the
    previous 30 days; ``short_night`` is 1 when last night was short or broken
    against the person's baseline (NaN when unknown); ``nsaid_days_14`` counts days
    with an NSAID dose in the 14 days ending that day.
    """

    dates: list[date]
    score: np.ndarray
    contributors: dict[str, np.ndarray]
    acwr: np.ndarray
    spike_ratio: np.ndarray
    short_night: np.ndarray
    nsaid_days_14: np.ndarray
    pain_mean: np.ndarray
    flare: np.ndarray
    days_needed: np.ndarray | None = None

    def days(self) -> list[LoadDay]:
        """The load as LoadDay records; days without a check-in have score None."""
        score = np.round(self.score, 1).tolist()
        pain = np.round(self.pain_mean, 2).tolist()
        flare = self.flare.tolist()
        needed = (self.days_needed if self.days_needed is not None
                  else np.zeros(len(self.dates))).astype(int).tolist()
        points = {name: np.round(values, 1).tolist() for name, values in self.contributors.items()}
        out = []
        for i, day in enumerate(self.dates):
            scored = score[i] == score[i]  # NaN is not equal to itself
            out.append(LoadDay(
                date=day, score=score[i] if scored else None,
                contributors={k: v[i] for k, v in points.items() if scored and v[i] > 0},
                pain_mean=pain[i] if pain[i] == pain[i] else None,
                flare=None if flare[i] != flare[i] else bool(flare[i]),
                days_needed=needed[i],
            ))
        return out


def trailing(values: np.ndarray, stat: str = "median", window: int = BASELINE_DAYS,
             min_days: int = BASELINE_MIN_DAYS) -> np.ndarray:
    """The person's baseline for each day from the ``window`` days before it (today excluded).

    ``stat`` is "median", "max" or a quantile like "q75". NaN where fewer than
    ``min_days`` of the window were recorded: no baseline, so no judgement yet.
    """
    n = len(values)
    padded = np.concatenate([np.full(window, np.nan), values])
    windows = np.lib.stride_tricks.sliding_window_view(padded, window)[:n]
    counts = np.sum(np.isfinite(windows), axis=1)
    ordered = np.sort(windows, axis=1)          # NaN sorts last
    share = 1.0 if stat == "max" else 0.5 if stat == "median" else int(stat[1:]) / 100
    position = share * np.maximum(counts - 1, 0)
    low = np.floor(position).astype(int)
    high = np.ceil(position).astype(int)
    rows = np.arange(n)
    value = ordered[rows, low] + (position - low) * (ordered[rows, high] - ordered[rows, low])
    return np.where(counts >= min_days, value, np.nan)


def _excess(values: np.ndarray, baseline: np.ndarray, per_unit: float, cap: float,
            sign: float = 1.0) -> np.ndarray:
    """Points for going ``sign``-wards past the baseline; 0 where either is unknown."""
    gap = sign * (values - baseline)
    points = np.clip(np.nan_to_num(gap, nan=0.0) * per_unit, 0.0, cap)
    return points


def ewma(values: np.ndarray, span_days: int) -> np.ndarray:
    """Exponentially weighted mean with lambda = 2/(N+1) (Williams et al. 2017).

    Missing days do not update the average: an unknown day is not a rest day.
    """
    lam = 2.0 / (span_days + 1)
    out = np.full(len(values), np.nan)
    level = np.nan
    for i, value in enumerate(values):
        if np.isfinite(value):
            level = value if np.isnan(level) else lam * value + (1 - lam) * level
        out[i] = level
    return out


def acute_chronic_ratio(load: np.ndarray) -> np.ndarray:
    """EWMA 7-day over 28-day activity load per day (Williams et al. 2017), unitless.

    NaN before ACWR_MIN_DAYS recorded days or where the chronic level is under 1:
    a ratio of next to nothing says nothing. Missing days (NaN) update neither level.
    """
    acute, chronic = ewma(load, ACWR_ACUTE_DAYS), ewma(load, ACWR_CHRONIC_DAYS)
    history = np.cumsum(np.isfinite(load))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where((history >= ACWR_MIN_DAYS) & (chronic >= 1.0), acute / chronic, np.nan)


def activity_load(rows: DailyRows) -> np.ndarray:
    """Daily activity load: minutes × effort (session-RPE, Foster 2001); minutes alone if no effort.

    A missing effort is filled with the person's median effort, so days compare.
    """
    minutes = rows.column("activity_minutes")
    effort = rows.column("activity_effort")
    if np.isfinite(effort).sum() == 0:
        return minutes
    typical = np.nanmedian(effort)
    return minutes * np.where(np.isfinite(effort), effort, typical) / max(typical, 1.0)


def _sleep_points(rows: DailyRows) -> tuple[np.ndarray, np.ndarray]:
    hours = rows.column("sleep_hours")
    quality = rows.column("sleep_quality")
    wakings = rows.column("night_wakings")
    short = np.maximum(
        _excess(hours, trailing(hours), SLEEP_POINTS_PER_HOUR_SHORT, SLEEP_NIGHT_CAP, -1),
        _excess(hours, np.full(len(hours), SLEEP_FLOOR_HOURS), SLEEP_POINTS_PER_HOUR_SHORT,
                SLEEP_NIGHT_CAP, -1))
    poor = _excess(quality, trailing(quality), SLEEP_POINTS_PER_QUALITY_POINT, 6.0, -1)
    broken = _excess(wakings, trailing(wakings), SLEEP_POINTS_PER_EXTRA_WAKING, 6.0)
    night = np.minimum(short + poor + broken, SLEEP_NIGHT_CAP)
    flag = _short_night(hours, quality, wakings)
    streak = np.zeros(len(night))
    for i in range(len(night)):
        if flag[i] == 1:
            streak[i] = streak[i - 1] + 1 if i > 0 else 1
    multiplier = 1 + SLEEP_STREAK_STEP * np.clip(streak - 1, 0, 2)
    return np.minimum(night * multiplier, CAPS["sleep"]), flag


def _short_night(hours: np.ndarray, quality: np.ndarray, wakings: np.ndarray) -> np.ndarray:
    """1 for a short or broken night against the person's baseline, 0 otherwise, NaN unknown.

    Short: an hour or more below the baseline, or under SLEEP_FLOOR_HOURS whatever the
    baseline; broken: two or more wakings above it, or sleep quality three or more
    points below it.
    """
    with np.errstate(invalid="ignore"):
        short = (hours <= trailing(hours) - 1.0) | (hours < SLEEP_FLOOR_HOURS)
        broken = (wakings >= trailing(wakings) + 2) | (quality <= trailing(quality) - 3)
    known = np.isfinite(hours) | np.isfinite(wakings) | np.isfinite(quality)
    return np.where(known, (short | broken).astype(float), np.nan)


def _activity_points(rows: DailyRows) -> dict[str, np.ndarray]:
    load = activity_load(rows)
    acwr = acute_chronic_ratio(load)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = load / trailing(load, "max", SPIKE_WINDOW_DAYS, 14)
    ratio[~np.isfinite(ratio)] = np.nan
    acwr_points = CAPS["acute_chronic"] * np.clip(
        (np.nan_to_num(acwr, nan=0.0) - ACWR_SAFE) / (ACWR_FULL - ACWR_SAFE), 0, 1)
    spike_points = np.zeros(len(load))
    excess = np.nan_to_num(ratio, nan=0.0) - 1
    scale = CAPS["activity_spike"] / (max(risk for _, risk in SPIKE_BANDS) - 1)
    highest = 1.0
    for above, risk in SPIKE_BANDS:   # points in proportion to the extra risk, never falling
        highest = max(highest, risk)
        spike_points[excess > above] = (highest - 1) * scale
    exertion = np.maximum(acwr_points, spike_points)
    recent = np.zeros(len(load))
    for lag in (1, 2, 3):  # 12–72 h after the exertion
        recent[lag:] = np.maximum(recent[lag:], exertion[:-lag])
    post = np.minimum(POST_EXERTION_SHARE * recent, CAPS["post_exertion"])
    return {"acute_chronic": acwr_points, "activity_spike": spike_points,
            "post_exertion": post, "_acwr": acwr, "_ratio": ratio, "_load": load}


def _recovery_points(rows: DailyRows, load: np.ndarray) -> np.ndarray:
    """Heavy days (over the person's own 75th percentile) without rest breaks or easy days."""
    with np.errstate(invalid="ignore"):
        heavy = load > trailing(load, "q75")
    breaks = rows.column("rest_breaks")
    points = np.zeros(len(load))
    streak = 0
    for i in range(len(load)):
        if not heavy[i]:
            streak = 0 if np.isfinite(load[i]) else streak
            continue
        streak += 1
        no_break = breaks[i] == 0
        points[i] = (RECOVERY_POINTS_HEAVY_NO_BREAK * no_break
                     + RECOVERY_POINTS_PER_HEAVY_STREAK_DAY * (streak - 1))
    return np.minimum(points, CAPS["recovery_debt"])


def nsaid_days(rows: DailyRows, window: int = NSAID_WINDOW_DAYS) -> np.ndarray:
    """Days with at least one NSAID dose in the ``window`` days ending on each day."""
    took = np.nan_to_num(rows.column("nsaid_doses"), nan=0.0) > 0
    cumulative = np.concatenate([[0], np.cumsum(took)])
    idx = np.arange(len(took))
    return cumulative[idx + 1] - cumulative[np.maximum(idx + 1 - window, 0)]


def _diet_points(rows: DailyRows) -> dict[str, np.ndarray]:
    regularity = rows.column("meal_regularity")
    irregular = _excess(regularity, trailing(regularity), MEAL_POINTS_PER_POINT, 4.0, -1)
    late = LATE_MEAL_POINTS * np.nan_to_num(rows.column("late_meal"), nan=0.0)
    alcohol = rows.column("alcohol_units")
    baseline = np.nan_to_num(trailing(alcohol), nan=0.0)
    drinks = _excess(alcohol, baseline, ALCOHOL_POINTS_PER_UNIT, CAPS["alcohol"])
    return {"meals": np.minimum(irregular + late, CAPS["meals"]), "alcohol": drinks}


def load_scores(rows: DailyRows) -> LoadSeries:
    """The daily inflammation load (0–100) with the points each contributor adds.

    Contributors and their caps are in CAPS; docs/analysis.md gives each weight's
    reasoning and source. Days without a check-in get no score (NaN).
    """
    sleep, short_night = _sleep_points(rows)
    stress = rows.column("stress")
    activity = _activity_points(rows)
    nsaid14 = nsaid_days(rows).astype(float)
    contributors = {
        "sleep": sleep,
        "stress": _excess(stress, trailing(stress), STRESS_POINTS_PER_POINT, CAPS["stress"]),
        "acute_chronic": activity["acute_chronic"],
        "activity_spike": activity["activity_spike"],
        "post_exertion": activity["post_exertion"],
        "recovery_debt": _recovery_points(rows, activity["_load"]),
        "nsaid": np.clip(nsaid14 - NSAID_FREE_DAYS, 0, CAPS["nsaid"]),
        **_diet_points(rows),
    }
    total = np.minimum(sum(contributors.values()), 100.0)
    needed = baseline_days_needed(rows.observed.astype(float)) if len(rows) else np.zeros(0)
    scored = rows.observed & (needed == 0) if len(rows) else np.zeros(0, dtype=bool)
    score = np.where(scored, total, np.nan) if len(rows) else np.zeros(0)
    return LoadSeries(
        dates=rows.dates, score=score, contributors=contributors, acwr=activity["_acwr"],
        spike_ratio=activity["_ratio"], short_night=short_night, nsaid_days_14=nsaid14,
        pain_mean=rows.column("pain_mean"), flare=rows.column("flare"), days_needed=needed,
    )


def baseline_days_needed(observed: np.ndarray) -> np.ndarray:
    """Per day: how many more days with a check-in, in the BASELINE_DAYS before it, the
    person's own baseline needs (0 once it has BASELINE_MIN_DAYS). Until then the day has
    no score: "0 of 100" in the first week would say "no load" when nothing is known."""
    n = len(observed)
    cumulative = np.concatenate([[0.0], np.cumsum(observed)])
    idx = np.arange(n)
    window = cumulative[idx] - cumulative[np.maximum(idx - BASELINE_DAYS, 0)]
    return np.maximum(BASELINE_MIN_DAYS - window, 0).astype(int)
