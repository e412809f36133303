"""Score what the engine told issue 10's patients (tests/analysis/patients.py) against what
was planted: recall per kind of effect, false causal claims, and claims to null patients."""
from __future__ import annotations

from dataclasses import dataclass, field

from server.analysis import analyse
from server.analysis.patterns import LESS_IS_NOTABLE

from .patients import Planted, patient

DERIVED = {"acwr": "activity_minutes", "activity_spike": "activity_minutes"}


def more_way(p: dict) -> str:
    """The pattern's direction for *more* of its (single) factor."""
    if p["kind"] == "lagged" and p["factors"][0] in LESS_IS_NOTABLE:
        return {"worse": "better", "better": "worse"}[p["direction"]]
    return p["direction"]


def _pair_way(name: str) -> str:
    return "better" if name == "sleep_hours" else "worse"


def cause_is_true(p: dict, plan: Planted) -> bool:
    """Whether a "cause" claim is true in the planted world (a planted cause in its
    direction, a pair member's own real effect, the planted pair itself, or the warning
    sign's factor, which really does move before flares)."""
    names = [DERIVED.get(n, n) for n in p["factors"]]
    if p["kind"] == "combination":
        return plan.pair is not None and sorted(names) == sorted(plan.pair) and p["direction"] == "worse"
    name, way = names[0], more_way(p)
    if name in plan.causes and plan.causes[name][1] == way:
        return True
    if plan.pair and name in plan.pair and way == _pair_way(name):
        return True
    if plan.sign and name == plan.sign[0]:
        return way == ("worse" if plan.sign[1] == "higher" else "better")
    return False


def found_cause(patterns: list[dict], name: str, way: str) -> bool:
    return any(p["kind"] in ("lagged", "threshold") and p["claim"] == "cause"
               and DERIVED.get(p["factors"][0], p["factors"][0]) == name and more_way(p) == way
               for p in patterns)


def found_pair(patterns: list[dict], pair) -> bool:
    return pair is not None and any(p["kind"] == "combination" and sorted(p["factors"]) == sorted(pair)
               and p["direction"] == "worse" for p in patterns)


def found_sign(patterns: list[dict], sign) -> bool:
    name, way = sign
    return any(p["kind"] == "precursor" and p["factors"] == [name]
               and p["direction"] == ("worse" if way == "higher" else "better") for p in patterns)


@dataclass
class Tally:
    planted: int = 0
    null: int = 0
    causes: int = 0
    causes_found: int = 0
    pairs_found: int = 0
    signs_found: int = 0
    false_causal: int = 0
    false_pairs: int = 0          # of which pairs (a combination that was not planted)
    null_with_cause: int = 0
    null_with_sign: int = 0
    driven_told: int = 0
    forecast_shown: dict = field(default_factory=lambda: {True: 0, False: 0})
    wins: dict = field(default_factory=dict)

    @property
    def cause_recall(self) -> float:
        return self.causes_found / max(self.causes, 1)

    @property
    def pair_recall(self) -> float:
        return self.pairs_found / max(self.planted, 1)

    @property
    def sign_recall(self) -> float:
        return self.signs_found / max(self.planted, 1)

    @property
    def false_per_planted(self) -> float:
        return self.false_causal / max(self.planted, 1)

    @property
    def null_cause_rate(self) -> float:
        return self.null_with_cause / max(self.null, 1)


def table_row(label: str, t: Tally) -> str:
    """One markdown row of the issue-10 accuracy table in bench/README.md."""
    patients = t.planted + t.null
    cells = [label, f"{t.planted}/{t.null}",
             f"{t.cause_recall:.0%} ({t.causes_found}/{t.causes})" if t.planted else "–",
             f"{t.pair_recall:.0%}" if t.planted else "–",
             f"{t.sign_recall:.0%}" if t.planted else "–",
             f"{t.false_per_planted:.2f}" if t.planted else "–",
             f"{t.null_cause_rate:.0%}" if t.null else "–",
             f"{t.driven_told}/{patients}" if t.driven_told or "drives" in label else "–",
             f"{t.forecast_shown[True]}/{t.planted} · {t.forecast_shown[False]}/{t.null}"]
    cells += [f"{t.wins.get(name, 0)}/{patients}" for name in ("base_rate", "persistence", "pain")]
    return "| " + " | ".join(cells) + " |"


TABLE_HEADER = (
    "| patients | planted/null | lag 1–3 causes found | pair found | warning sign found "
    "| false causal claims per planted patient | null patients with a causal claim "
    "| told the pain-driven factor is a cause | forecast shown (planted · null) "
    "| forecast beats base rate | beats \"flare today\" | beats today's+yesterday's pain |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def tally(planted_seeds, null_seeds, days: int = 365, **kw) -> Tally:
    """Analyse planted and null patients of ``days`` days and count what was found and claimed."""
    t = Tally()
    for seed, planted in [(s, True) for s in planted_seeds] + [(s, False) for s in null_seeds]:
        pt = patient(seed, days, planted=planted, **kw)
        result = analyse(pt.checkins, pt.zone, pt.today)
        patterns = [p.to_dict() for p in result.patterns]
        causal = [p for p in patterns if p["claim"] == "cause"]
        driven = pt.planted.driven
        t.driven_told += bool(driven) and any(
            driven in p["factors"] and driven not in pt.planted.causes for p in causal)
        q = result.forecast.quality
        t.forecast_shown[planted] += result.forecast.risk is not None
        for name, w in q.get("wins", {}).items():
            t.wins.setdefault(name, 0)
            t.wins[name] += w["auc"] and w["brier"]
        if planted:
            t.planted += 1
            t.causes += len(pt.planted.causes)
            t.causes_found += sum(found_cause(patterns, n, way)
                                  for n, (_, way) in pt.planted.causes.items())
            t.pairs_found += found_pair(patterns, pt.planted.pair)
            t.signs_found += found_sign(patterns, pt.planted.sign)
            false = [p for p in causal if not cause_is_true(p, pt.planted)]
            t.false_causal += len(false)
            t.false_pairs += sum(p["kind"] == "combination" for p in false)
        else:
            t.null += 1
            t.null_with_cause += bool(causal)
            t.null_with_sign += any(p["kind"] == "precursor" and p["factors"] != ["pain"]
                                    for p in patterns)
    return t
