"""Benchmark: hunches the person names, tested alone (server/analysis/patterns/hunches.py).

Issue 10's generator (tests/analysis/patients.py) with seeds no other bench or test uses
(30 000 on). Rows: planted patients naming their planted pair; the same patients naming a
pair that was not planted; null patients naming a random pair; and single factors: planted
patients naming their next-day cause, null patients naming a random factor. "Agree" is the
result a person would read as "your data agree".
Run: .venv/bin/python bench/hunches.py [--patients N] [--days 365] [--logging alternate] [--write]
(``--logging alternate``: about every other day, as issue 10's sparse loggers; written to its
own block.)
"""
import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from readme_section import write_block  # noqa: E402
from server.analysis import hunch_results  # noqa: E402
from tests.analysis.patients import LAGGED_POOL, PAIR_POOL, patient  # noqa: E402

SEEDS = 30_000
HEADER = ("| days | hunch named | patients | \"your data agree\" | not seen | not enough days |\n"
          "|---|---|---|---|---|---|")


NOTES = """\
Issue 10's generator (tests/analysis/patients.py), seeds 30 000– (planted) and 35 000– (null),
used by no other bench or test. Each person names every hunch in the row's group; each is one
test (server/analysis/patterns/hunches.py): the pair's "both" term on top of each factor's own
notable days, against pain the next day; or a single factor's notable days against pain on
each of the three days after (from the day a night ends, for sleep alone), the largest
judged against the same maximum at every shift; pain before controlled, p <= 0.05 one-sided in the named direction
against the person's own circular shifts. "Wrong pair": a pair from the generator's pool other
than the planted one (it may share one factor with it). "Planted next-day cause": the lag-1
cause (a straight-line effect of the factor) named as its notable end. "Random single factor"
in planted patients may be one of their three planted causes (at lags 1-3). "Not enough
days": fewer than 15 days with both (or with the factor) followed by a check-in, or as many
without. Hunches are not part of the pattern search's false-discovery control: each is a
separate, pre-registered test, so about 1 in 20 chance hunches is agreed with, by design.
"""


def _named(p, rng) -> dict[str, tuple[list[str], str]]:
    """The hunches each kind of person names: (factors, direction)."""
    wrong = [pair for pair in PAIR_POOL if pair != p.planted.pair]
    cause = next((name for name, (lag, _) in p.planted.causes.items() if lag == 1), None)
    named = {"wrong pair": (list(wrong[int(rng.integers(len(wrong)))]), "worse")}
    if p.planted.pair:
        named["planted pair"] = (list(p.planted.pair), "worse")
    if cause is not None:
        named["planted next-day cause"] = ([str(cause)], _toward_pain(str(cause)))
    single = sorted(LAGGED_POOL)[int(rng.integers(len(LAGGED_POOL)))]
    named["random single factor"] = ([single], _toward_pain(single))
    return named


def _toward_pain(name: str) -> str:
    """The direction a person would name: the notable end (short sleep, more breathing)
    makes pain worse where more of it does, or less is notable and less sleep hurts."""
    more = LAGGED_POOL[name]
    return "worse" if (more == "worse") != (name == "sleep_hours") else "better"


def run(patients: int, days: int, logging: str = "daily") -> dict[tuple[str, str], dict[str, int]]:
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for group, planted, offset in (("planted", True, 0), ("null", False, 5_000)):
        for seed in range(SEEDS + offset, SEEDS + offset + patients):
            p = patient(seed, days, planted=planted, logging=logging)
            rng = np.random.default_rng(seed)
            named = _named(p, rng)
            results = hunch_results(p.checkins, p.zone, p.today,
                                    [{"factors": f, "direction": d} for f, d in named.values()])
            for label, result in zip(named, results):
                if group == "null" and label == "wrong pair":
                    label = "random pair"
                tally = counts.setdefault((group, label), {"n": 0, "agree": 0, "not_seen": 0,
                                                           "not_enough": 0})
                tally["n"] += 1
                tally[result.status] += 1
    return counts


def table(counts, days: int) -> str:
    lines = [HEADER]
    for (group, label), t in counts.items():
        n = t["n"]
        lines.append(f"| {days} | {group}: {label} | {n} | {t['agree'] / n:.0%} ({t['agree']}/{n})"
                     f" | {t['not_seen']} | {t['not_enough']} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=100)
    parser.add_argument("--days", type=int, nargs="+", default=[365])
    parser.add_argument("--logging", choices=["daily", "alternate"], default="daily")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    start = time.perf_counter()
    tables = [table(run(args.patients, days, args.logging), days) for days in args.days]
    body = "\n".join([tables[0]] + [t.split("\n", 2)[2] for t in tables[1:]])
    print(body + f"\n\n({time.perf_counter() - start:.0f} s)")
    if args.write and args.logging == "alternate":
        write_block("hunches-alternate", "### Hunches named by every-other-day loggers (issue 10, "
                    "item 3)\n\n" + body + "\n\nThe same people, hunches and seeds as above, "
                    "checking in about every other day (tests/analysis/patients.py, "
                    "logging=\"alternate\").")
    elif args.write:
        write_block("hunches", "### Hunches the person names (issue 10, item 4)\n\n" + body
                    + "\n\n" + NOTES)


if __name__ == "__main__":
    main()
