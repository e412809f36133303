"""Benchmark: the full analysis (load, patterns with permutations, forecast) on one core.

Prints the time for one person with 5 years of daily check-ins (target < 1 s), a
breakdown by part, and the nightly batch rate in persons per minute for people
with one year and with five years of data, projected to 100,000 persons.
Times are CPU seconds of this process (one core: affinity and BLAS threads are
pinned), so other work on a shared machine does not inflate them; the wall time
and the machine's load average are printed beside them.
Run: .venv/bin/python bench/analysis.py [--write]   (--write updates bench/README.md)
"""
import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"   # one core: set before numpy loads its BLAS

import platform  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from readme_section import write_block  # noqa: E402
from server.analysis import analyse, daily_rows, forecast, load_scores  # noqa: E402
from server.analysis import patterns as pt  # noqa: E402
from tests.analysis.synthetic import synthetic_patient  # noqa: E402

PERSONS = 100_000


def timed(func, *args, repeat=5, clock=time.process_time):
    """Median CPU time in seconds over ``repeat`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = clock()
        result = func(*args)
        times.append(clock() - start)
    return statistics.median(times), result


def breakdown(patient) -> dict:
    rows_t, rows = timed(daily_rows, patient.checkins, patient.zone, patient.today)
    load_t, load = timed(load_scores, rows)
    parts = {"daily rows": rows_t, "load": load_t}
    parts["forecast"] = timed(forecast, rows, load)[0]
    data_t, data = timed(pt.pattern_data, rows, load)
    parts["pattern setup"] = data_t
    for func in (pt.lagged_effects, pt.threshold_effects, pt.combination_effects,
                 pt.precursor_signs):
        parts[func.__name__] = timed(func, data)[0]
    return parts


def batch_rate(days: int, people: int = 12) -> float:
    """Persons per minute for people with ``days`` of data (generation not timed)."""
    patients = [synthetic_patient(5000 + i, days, planted=i % 2 == 0) for i in range(people)]
    start = time.process_time()
    for p in patients:
        analyse(p.checkins, p.zone, p.today)
    return people / (time.process_time() - start) * 60


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    five_years = synthetic_patient(42, 5 * 365)
    analyse(five_years.checkins, five_years.zone, five_years.today)  # warm up
    full, _ = timed(analyse, five_years.checkins, five_years.zone, five_years.today)
    wall, _ = timed(analyse, five_years.checkins, five_years.zone, five_years.today,
                    clock=time.perf_counter)
    parts = breakdown(five_years)
    rates = {days: batch_rate(days) for days in (365, 5 * 365)}
    lines = [
        f"Machine: {platform.processor() or platform.machine()}, Python "
        f"{platform.python_version()}, one core (affinity and BLAS threads pinned to 1).",
        "",
        f"- Full analysis, one person, 5 years of daily check-ins ({len(five_years.checkins)} "
        f"check-ins): **{full * 1000:.0f} ms CPU** (median of 5; target < 1 s); wall "
        f"{wall * 1000:.0f} ms at load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores",
        "  - " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in parts.items()),
    ]
    for days, rate in rates.items():
        hours = PERSONS / rate / 60
        lines.append(f"- Nightly batch, {days // 365} year(s) of data each: "
                     f"**{rate:.0f} persons/min** per core → 100,000 persons in "
                     f"{hours:.1f} h on one core, {hours / 8 * 60:.0f} min on 8 cores "
                     "(the per-person analysis is pure, so it maps over any worker pool)")
    lines += ["", "Times are CPU seconds of the analysis alone (reading check-ins from the "
              "database is not included); on a shared machine the wall time is longer by "
              "however much other work takes the core. "
              "Run: `.venv/bin/python bench/analysis.py --write`."]
    text = "\n".join(lines)
    print(text)
    if "--write" in sys.argv:
        write_block("analysis-speed", "### Speed\n\n" + text)


if __name__ == "__main__":
    main()
