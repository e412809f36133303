"""Benchmark: the engine's accuracy on synthetic patients with 90, 180 and 365 days of data.

Planted patients carry a delayed effect, a threshold, a protective factor, a
precursor and a combination, plus reverse-causal NSAIDs; null patients carry no
effect (see tests/analysis/synthetic.py). Prints the accuracy table.
Run: .venv/bin/python bench/accuracy.py [--write] [--planted N] [--null N]
         [--rows 0,3,4]   (issue 10's rows only, by index in SECOND_ROWS; no first table, no --write)
"""
import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from readme_section import write_block  # noqa: E402
from tests.analysis.evaluation import TABLE_HEADER, evaluate, table_row  # noqa: E402
from tests.analysis import scoring  # noqa: E402

#: Issue 10's rows: (label, days, keyword arguments of tests/analysis/patients.patient).
SECOND_ROWS = (
    ("daily, 1 year", 365, {}),
    ("daily, 2 years", 730, {}),
    ("daily, half a year (as many check-ins as every other day for a year)", 182, {}),
    ("every other day, 1 year", 365, {"logging": "alternate"}),
    ("every other day, 1 year, effects ×1.6", 365, {"logging": "alternate", "size": 1.6}),
    ("pain drives same-day stress", 365, {"driven": "stress"}),
    ("pain drives same-day activity", 365, {"driven": "activity_minutes"}),
)
SECOND_NOTES = """\
Issue 10's own generator (tests/analysis/patients.py, new seeds and effect sizes): per planted
patient three lagged causes at lags 1, 2 and 3 drawn from stress, sleep, activity, breathing
and alcohol (0.30–0.45 pain points per SD), a pair drawn from four (1.4–1.9 points, next day),
and a warning sign drawn from six factors (1.3 SD in the 3 days before a flare starts).
"Found" means a "cause" claim on the factor in the planted direction (any lag), the pair as a
combination, the sign as a precursor. False causal claims: "cause" claims on anything not
planted. Pain-driven rows: the day's pain pushes stress or activity, which has no effect of its
own; the column counts patients told that factor is a cause. Forecast columns: patients whose
forecast beat that baseline on both AUC and Brier (rolling origin, same days), and patients
shown a figure (only when it beats all three with at least 10 flare windows).
What the sparse rows can reach is worked out in docs/analysis.md ("Sparse loggers"): an
every-other-day year has the check-ins of a daily half year and fewer next-day pairs
(the half-year row bounds it), and about 3 days a year on which a pair is notable and the
next day has a check-in (15 are needed). Their lags 1–3 are tested against pain at the
first check-in that many days later or after (docs/analysis.md, "Pain at the next check-in").
"""

NOTES = """\
Detection counts a planted effect found when a pattern names its factor with the right
direction (delayed: stress → pain, lag 1; threshold: activity above the personal cut → pain,
lag 2; protective: breathing → lower pain, lag 1; precursor: energy lower before flares;
combination: late meal with alcohol). "Right peak lag" is the worst of the three lagged
effects. False claims are scored strictly: any claim on a factor nothing was planted in
(including mood, which the generator makes a proxy of stress) is false. The forecast
figures are rolling-origin (never a random split); the AUC is averaged over patients with
at least 10 flare windows scored; "beats baseline" means better AUC and Brier than each of the
base rate, "flare today" and a logistic model of today's and yesterday's pain, with at least 10
flare windows scored (only then is a figure shown). Null patients have few flares and
nothing to learn, and the forecast says so (it should not beat the baselines there). At
90 days nothing is claimed because patterns need 90 days with pain recorded: the 90-day
row shows the engine staying silent rather than guessing. A flare counts as a new onset
after a recorded flare-free day, or after a flare-free day and one unrecorded day (never
after a recorded flare and a gap, which may be one flare running through it); precursors
need 8 onsets.
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--planted", type=int, default=40)
    parser.add_argument("--null", type=int, default=60)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--rows", help="comma-separated indices of SECOND_ROWS to run alone")
    args = parser.parse_args()
    if args.rows:
        only_rows(args, [SECOND_ROWS[int(i)] for i in args.rows.split(",")])
        return
    rows = []
    start = time.perf_counter()
    for days in (90, 180, 365):
        scores = evaluate(days, range(args.planted), range(1000, 1000 + args.null))
        rows.append(table_row(scores))
        print(rows[-1], flush=True)
    table = TABLE_HEADER + "\n" + "\n".join(rows)
    second = [scoring.TABLE_HEADER]
    for label, days, kw in SECOND_ROWS:
        tally = scoring.tally(range(args.planted), range(2000, 2000 + args.null), days, **kw)
        second.append(scoring.table_row(label, tally))
        print(second[-1], flush=True)
    print(f"\n{table}\n\n" + "\n".join(second) + f"\n\n({time.perf_counter() - start:.0f} s)")
    if args.write:
        write_block("analysis-accuracy", "### Accuracy on synthetic patients\n\n" + table
                    + "\n\n" + NOTES + "\n#### Issue 10: sparse logging, pain-driven factors, "
                    "two years, the forecast against each baseline\n\n" + "\n".join(second)
                    + "\n\n" + SECOND_NOTES)


def only_rows(args, chosen) -> None:
    """Some of issue 10's rows with the table's seeds, printed (a partial table is never
    written: bench/README.md is edited by hand from it)."""
    start = time.perf_counter()
    print(scoring.TABLE_HEADER, flush=True)
    for label, days, kw in chosen:
        tally = scoring.tally(range(args.planted), range(2000, 2000 + args.null), days, **kw)
        print(scoring.table_row(label, tally), flush=True)
    print(f"({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
