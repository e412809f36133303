"""Fold a person's check-ins into one row per local day, keeping missing days missing."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

#: Fields summed over a day's check-ins (doses, minutes, counts, units).
SUMMED = (
    "nsaid_doses", "activity_minutes", "rest_breaks", "alcohol_units",
    "breathing_minutes", "mindfulness_minutes",
)
#: Fields about last night: the day's last reported value wins.
LAST = ("sleep_hours", "sleep_quality", "night_wakings")
#: 0–10 ratings averaged over the day.
AVERAGED = ("stress", "mood", "energy", "meal_regularity")
#: Fields where the day's highest value is what matters.
MAXIMUM = ("activity_effort",)
#: Yes/no fields: a day counts as yes if any check-in said yes.
ANY = ("late_meal", "flare")


@dataclass
class DailyRows:
    """One row per local day from the first check-in to ``today``.

    ``columns`` maps a name to a float array aligned with ``dates``; NaN means
    nobody recorded it that day (never zero). Columns: ``pain_mean``,
    ``pain_max``, ``checkins`` (count), every field in SUMMED, LAST, AVERAGED,
    MAXIMUM and ANY (0/1), and ``custom.<key>`` (daily mean).
    """

    dates: list[date]
    columns: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.dates)

    def column(self, name: str) -> np.ndarray:
        """The named column, or an all-NaN column when nobody ever recorded it."""
        if name in self.columns:
            return self.columns[name]
        return np.full(len(self.dates), np.nan)

    @property
    def observed(self) -> np.ndarray:
        """True on days with at least one check-in."""
        return self.column("checkins") > 0


def local_day(at: datetime, zone: ZoneInfo) -> date:
    """The person's local calendar date of an aware instant; naive instants raise ValueError."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("check-in 'at' must be timezone-aware")
    return at.astimezone(zone).date()


def _day_of(record: dict, zone: ZoneInfo) -> date:
    """The record's own ``local_date`` when the server stored one, else ``at`` in ``zone``."""
    given = record.get("local_date")
    if isinstance(given, date) and not isinstance(given, datetime):
        return given
    return local_day(record["at"], zone)


def daily_rows(checkins: list[dict], zone: str, today: date | None = None,
               imported: list[dict] | None = None) -> DailyRows:
    """Fold check-ins (check-in field names, aware ``at``) into per-day rows.

    Several check-ins on one local day give pain mean and max, sums of doses and
    minutes, the last value of the sleep fields, means of ratings and "any" of
    yes/no fields. Days without a check-in, and fields nobody filled in, are NaN.
    A record's own ``local_date`` (the date where it was written) wins over ``zone``.
    Records marked ``deleted`` and check-ins after ``today`` are ignored.

    ``imported``: values a phone or watch recorded, one dict per local day
    (``{"date": date, "sleep_hours": 7.2, "steps": 8012, …}``). They fill a day's field
    only where no check-in that day gave it — what the person typed wins — and add
    their other fields (steps, heart rate…) as columns of their own. Imported days
    widen the rows, so baselines start with the imported history; they do not count
    as check-ins (``observed`` and ``flare`` stay the check-ins' own).
    """
    tz = ZoneInfo(zone)
    dated = sorted(
        ((_day_of(c, tz), c["at"], c) for c in checkins if not c.get("deleted")),
        key=lambda item: item[1],
    )
    extra = [d for d in imported or [] if today is None or d["date"] <= today]
    if today is not None:
        dated = [item for item in dated if item[0] <= today]
    if not dated and not extra:
        return DailyRows(dates=[])
    known = [item[0] for item in dated] + [d["date"] for d in extra]
    first = min(known)
    last = max(today or first, max(known))
    dates = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    index = [(day - first).days for day, _, _ in dated]
    records = [record for _, _, record in dated]
    columns = _fold_all(index, records, len(dates))
    _fill_imported(columns, first, extra, len(dates))
    return DailyRows(dates=dates, columns=columns)


def _fill_imported(columns: dict[str, np.ndarray], first: date, days: list[dict], n: int) -> None:
    """Imported values into the days and fields no check-in filled (typed values win)."""
    for day in days:
        i = (day["date"] - first).days
        for name, value in day.items():
            if name in ("date", "sources") or not isinstance(value, (int, float)) or isinstance(value, bool):
                continue
            column = columns.setdefault(name, np.full(n, np.nan))
            if np.isnan(column[i]):
                column[i] = float(value)


def _fold(days: list[int], values: list[float], n: int, how: str) -> np.ndarray:
    """Fold (day, value) pairs into one value per day: sum, mean, max or last."""
    days_a = np.asarray(days, dtype=int)
    values_a = np.asarray(values, dtype=float)
    counts = np.bincount(days_a, minlength=n)
    out = np.full(n, np.nan)
    seen = counts > 0
    if how in ("sum", "mean"):
        totals = np.bincount(days_a, values_a, minlength=n)[seen]
        out[seen] = totals if how == "sum" else totals / counts[seen]
    elif how == "max":
        top = np.full(n, -np.inf)
        np.maximum.at(top, days_a, values_a)
        out[seen] = top[seen]
    else:  # last: values arrive in time order, so keep each day's final one
        unique, first = np.unique(days_a[::-1], return_index=True)
        out[unique] = values_a[::-1][first]
    return out


def _fold_all(index: list[int], records: list[dict], n: int) -> dict[str, np.ndarray]:
    numeric = ("pain",) + SUMMED + LAST + AVERAGED + MAXIMUM
    days: dict[str, list[int]] = {name: [] for name in numeric}
    values: dict[str, list[float]] = {name: [] for name in numeric}
    for i, record in zip(index, records):
        for name in numeric:
            value = record.get(name)
            if value is not None:
                days[name].append(i)
                values[name].append(value)
    out = {"checkins": np.bincount(np.asarray(index, dtype=int), minlength=n).astype(float)}
    plan = [("pain", "mean", "pain_mean"), ("pain", "max", "pain_max")]
    plan += [(f, "sum", f) for f in SUMMED] + [(f, "last", f) for f in LAST]
    plan += [(f, "mean", f) for f in AVERAGED] + [(f, "max", f) for f in MAXIMUM]
    for name, how, column in plan:
        if days[name]:
            out[column] = _fold(days[name], values[name], n, how)
    # A check-in that does not mention a flare says the day was not one;
    # a missing late_meal says nothing.
    out["flare"] = _fold(index, [1.0 if r.get("flare") else 0.0 for r in records], n, "max")
    late = [(i, 1.0 if r["late_meal"] else 0.0) for i, r in zip(index, records)
            if r.get("late_meal") is not None]
    if late:
        out["late_meal"] = _fold([i for i, _ in late], [v for _, v in late], n, "max")
    custom = [(i, f"custom.{k}", float(v)) for i, r in zip(index, records)
              for k, v in (r.get("custom") or {}).items() if v is not None]
    for name in sorted({c[1] for c in custom}):
        chosen = [(i, v) for i, k, v in custom if k == name]
        out[name] = _fold([i for i, _ in chosen], [v for _, v in chosen], n, "mean")
    return out
