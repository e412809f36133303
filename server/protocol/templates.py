"""Protocol templates: doses exactly as the source gives them, for the person to choose.

These are starting points the person (or their clinician) may pick; the app never
applies them by itself. `dose_text` is the source's wording; the numbers beside it
are the same figures split out for the form. Where the source gives no dose, the
numbers are None and the text says so.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from server.protocol.labs import SOURCE_H


@dataclass(frozen=True)
class ProtocolTemplate:
    key: str
    name: str
    dose_text: str
    dose_low: float | None
    dose_high: float | None
    unit: str | None
    per_day: str
    timing: str  # "any" | "bedtime"
    prescription: bool = False
    note: str = ""
    source: str = SOURCE_H
    evidence: str = ""
    titration: dict | None = None


def _t(key, name, dose_text, low, high, unit, per_day="once a day", timing="any", **kw):
    return ProtocolTemplate(key, name, dose_text, low, high, unit, per_day, timing, **kw)


TEMPLATES: tuple[ProtocolTemplate, ...] = (
    _t("pea", "PEA (palmitoylethanolamide)", "600 mg, 2–3×/day", 600, 600, "mg",
       per_day="2–3 times a day", evidence="Sciatica trial: Guida 2010"),
    _t("omega3", "Omega-3, EPA-dominant", "3–4 g/day", 3, 4, "g"),
    _t("curcumin", "Curcumin (absorbable form)", "1,000–2,000 mg/day", 1000, 2000, "mg"),
    _t("spm", "SPMs (specialised pro-resolving mediators)", "as labelled", None, None, None,
       note="No dose given by the source: follow the product label."),
    _t("nac", "NAC (N-acetylcysteine)", "1,200 mg/day", 1200, 1200, "mg"),
    _t("ldn", "Low-dose naltrexone", "1.5–4.5 mg at bedtime", 1.5, 4.5, "mg", timing="bedtime",
       prescription=True, evidence="Younger 2013",
       note="Prescription only. Start 1.5 mg, add 0.5 mg each week up to 4.5 mg.",
       titration={"start": 1.5, "step": 0.5, "every_days": 7, "max": 4.5}),
    _t("mg_threonate", "Magnesium L-threonate", "1–2 g/day (144 mg elemental per 2 g)", 1, 2, "g"),
    _t("benfotiamine", "Benfotiamine", "150–300 mg/day", 150, 300, "mg"),
    _t("methylcobalamin", "Methylcobalamin (B12)", "5,000 mcg sublingual", 5000, 5000, "mcg",
       note="Dissolved under the tongue."),
    _t("p5p", "P5P (vitamin B6)", "50 mg/day", 50, 50, "mg",
       note="Caution: more than 100 mg of B6 a day over the long term can cause nerve damage (neuropathy)."),
    _t("ala", "Alpha-lipoic acid", "600 mg/day", 600, 600, "mg", evidence="NATHAN trial"),
    _t("lions_mane", "Lion's mane", "1–2 g/day", 1, 2, "g"),
    _t("alcar", "Acetyl-L-carnitine", "1–2 g/day", 1, 2, "g", evidence="Sima 2011 meta-analysis"),
    _t("mg_glycinate", "Magnesium glycinate", "400–600 mg at bedtime", 400, 600, "mg",
       timing="bedtime", note="For sleep."),
    _t("l_theanine", "L-theanine", "200–400 mg", 200, 400, "mg", timing="bedtime", note="For sleep."),
    _t("melatonin", "Melatonin", "0.5–3 mg, start low", 0.5, 3, "mg", timing="bedtime",
       note="For sleep. Start with the lowest dose."),
    _t("vitamin_d", "Vitamin D", "no dose given by our sources", None, None, None,
       source="", note="Agree a dose with your clinician from your 25-OH vitamin D result."),
)


def templates_json() -> list[dict]:
    """All templates as JSON-ready dicts, in a stable order."""
    return [asdict(t) for t in TEMPLATES]


def template(key: str) -> ProtocolTemplate:
    """The template with this key; raises KeyError."""
    for t in TEMPLATES:
        if t.key == key:
            return t
    raise KeyError(key)
