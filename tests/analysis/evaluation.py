"""Run the analysis over many synthetic patients and score what it claimed against the truth."""
from __future__ import annotations

from dataclasses import dataclass, field

from server.analysis import analyse
from server.analysis.flare_forecast import MIN_EVAL_EVENTS

from .synthetic import (
    EFFECT_LAGS,
    claim_is_true,
    is_reverse_causal_claim,
    more_direction,
    synthetic_patient,
)

#: Planted effect -> (pattern kinds that count, factor, outcome, direction, planted lag).
DETECTIONS = {
    "delayed": (("lagged", "threshold"), "stress", "pain", "worse", EFFECT_LAGS["stress"]),
    "threshold": (("threshold",), "activity_minutes", "pain", "worse",
                  EFFECT_LAGS["activity_minutes"]),
    "protective": (("lagged", "threshold"), "breathing_minutes", "pain", "better",
                   EFFECT_LAGS["breathing_minutes"]),
    "precursor": (("precursor",), "energy", "flare", "better", None),
    "combination": (("combination",), None, "pain", "worse", 1),
}
CAUSAL_KINDS = ("lagged", "threshold", "combination")


@dataclass
class Scores:
    """Counts over a batch of patients; the rates are properties."""

    days: int
    planted: int = 0
    null: int = 0
    detected: dict = field(default_factory=lambda: {k: 0 for k in DETECTIONS})
    right_lag: dict = field(default_factory=lambda: {k: 0 for k in DETECTIONS})
    threshold_close: int = 0
    null_with_claim: int = 0
    null_with_precursor: int = 0
    claims: int = 0
    false_claims: int = 0
    reverse_causal: int = 0
    forecast_auc: dict = field(default_factory=lambda: {True: [], False: []})
    forecast_beats: dict = field(default_factory=lambda: {True: 0, False: 0})

    def rate(self, effect: str) -> float:
        return self.detected[effect] / max(self.planted, 1)

    def lag_rate(self, effect: str) -> float:
        return self.right_lag[effect] / max(self.detected[effect], 1)

    @property
    def threshold_close_rate(self) -> float:
        return self.threshold_close / max(self.detected["threshold"], 1)

    @property
    def null_claim_rate(self) -> float:
        return self.null_with_claim / max(self.null, 1)

    @property
    def null_precursor_rate(self) -> float:
        return self.null_with_precursor / max(self.null, 1)

    @property
    def false_claim_rate(self) -> float:
        return self.false_claims / max(self.claims, 1)


def _matches(pattern: dict, kinds, factor, outcome, direction) -> bool:
    if pattern["kind"] not in kinds or more_direction(pattern) != direction:
        return False
    if pattern["outcome"] != outcome:
        return False
    if factor is None:
        return sorted(pattern["factors"]) == ["alcohol_units", "late_meal"]
    return pattern["factors"] == [factor]


def _score_planted(scores: Scores, patterns: list[dict], cut: float) -> None:
    for effect, (kinds, factor, outcome, direction, lag) in DETECTIONS.items():
        hits = [p for p in patterns if _matches(p, kinds, factor, outcome, direction)]
        if not hits:
            continue
        scores.detected[effect] += 1
        # the peak lag of the strongest (first-listed, lowest q) matching claim
        if lag is None or hits[0]["lag_days"] == lag:
            scores.right_lag[effect] += 1
        if effect == "threshold":
            value = hits[0]["threshold"]["value"]
            scores.threshold_close += abs(value - cut) <= 0.15 * cut


def evaluate(days: int, planted_seeds, null_seeds, nsaid_delay: int = 0) -> Scores:
    """Analyse planted and null patients of ``days`` days and score every claim."""
    scores = Scores(days=days)
    for seed, planted in [(s, True) for s in planted_seeds] + [(s, False) for s in null_seeds]:
        patient = synthetic_patient(seed, days, planted, nsaid_delay=nsaid_delay)
        result = analyse(patient.checkins, patient.zone, patient.today)
        patterns = [p.to_dict() for p in result.patterns]
        scores.claims += len(patterns)
        scores.false_claims += sum(not claim_is_true(p, patient.truth) for p in patterns)
        scores.reverse_causal += sum(is_reverse_causal_claim(p) for p in patterns)
        quality = result.forecast.quality
        if quality["auc"] is not None and quality["events"] >= MIN_EVAL_EVENTS:
            scores.forecast_auc[planted].append(quality["auc"])
        scores.forecast_beats[planted] += bool(quality["beats_baseline"])
        if planted:
            scores.planted += 1
            _score_planted(scores, patterns, patient.truth.threshold)
        else:
            scores.null += 1
            scores.null_with_claim += any(p["kind"] in CAUSAL_KINDS for p in patterns)
            scores.null_with_precursor += any(p["kind"] == "precursor" for p in patterns)
    return scores


def table_row(s: Scores) -> str:
    """One markdown table row of the accuracy table."""
    aucs = [f"{sum(v) / len(v):.2f}" if v else "–"
            for v in (s.forecast_auc[True], s.forecast_auc[False])]
    cells = [f"{s.days}", f"{s.planted}/{s.null}"]
    cells += [f"{s.rate(k):.0%}" for k in ("delayed", "threshold", "protective", "precursor",
                                          "combination")]
    lagged = [s.lag_rate(k) for k in ("delayed", "threshold", "protective") if s.detected[k]]
    cells += [f"{min(lagged):.0%}" if lagged else "–",
              f"{s.threshold_close_rate:.0%}" if s.detected["threshold"] else "–",
              f"{s.null_claim_rate:.0%}",
              f"{s.null_precursor_rate:.0%}",
              f"{s.false_claim_rate:.1%} ({s.false_claims}/{s.claims})" if s.claims else "– (0/0)",
              f"{s.reverse_causal}",
              " / ".join(aucs),
              f"{s.forecast_beats[True] / max(s.planted, 1):.0%} / "
              f"{s.forecast_beats[False] / max(s.null, 1):.0%}"]
    return "| " + " | ".join(cells) + " |"


TABLE_HEADER = (
    "| days | patients planted/null | delayed found | threshold found | protective found "
    "| precursor found | combination found | right peak lag (worst effect) | threshold within 15% "
    "| null patients with a causal claim | null patients with a precursor claim | false claims "
    "| NSAID claimed as cause "
    "| forecast AUC, mean (planted / null) | forecast beats baseline (planted / null) |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)
