"""The clinician PDF as a doctor receives it, read back page by page with pypdf: one page for
90 days, two at most for a year, no heading stranded at a page's foot, the person named, and
locations, qualities, named medications, sleep and labs (lab range apart from the target)."""

from __future__ import annotations

import io
import random
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader

from server.reports.pdf import clinician_pdf
from server.reports.service import vocabulary_labels
from server.reports.summary import clinician_summary

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
END = date(2026, 11, 30)
HEADINGS = (
    "Red flags logged",
    "Pain over the period",
    "Where and how it hurts",
    "Sleep",
    "PEG-3 (weekly)",
    "Personal patterns found",
    "Medication and NSAID use",
    "Practices and protocol",
    "Lab results",
)
REGIONS = ["lower_back", "left_knee", "neck", "right_hip", "left_shoulder"]
QUALITIES = ["aching", "burning", "stabbing", "tingling"]
MEDS = [("Paracetamol", 1000), ("PEA", 600), ("Magnesium glycinate", 300), ("Amitriptyline", 10)]


def rich_checkins(days: int, seed: int = 3) -> list[dict]:
    """A person who fills in everything: two check-ins a day, most days, with every field."""
    rnd = random.Random(seed)
    out = []
    for i in range(days):
        day = END - timedelta(days=days - 1 - i)
        if rnd.random() < 0.08:
            continue
        for hour in (8, 20):
            out.append(
                {
                    "id": f"{i}-{hour}",
                    "at": datetime(day.year, day.month, day.day, hour, tzinfo=UTC),
                    "pain": rnd.randint(2, 8),
                    "flare": hour == 20 and rnd.random() < 0.06,
                    "locations": rnd.sample(REGIONS, rnd.randint(1, 3)),
                    "qualities": rnd.sample(QUALITIES, rnd.randint(1, 2)),
                    "sleep_hours": round(rnd.uniform(4.5, 8.5) * 2) / 2 if hour == 8 else None,
                    "sleep_quality": rnd.randint(2, 9) if hour == 8 else None,
                    "night_wakings": rnd.randint(0, 4) if hour == 8 else None,
                    "stress": rnd.randint(1, 9),
                    "nsaid_doses": int(rnd.random() < 0.3),
                    "medications": [
                        {"name": n, "dose_mg": mg} for n, mg in MEDS if rnd.random() < 0.5
                    ],
                    "breathing_minutes": rnd.choice([0, 5, 10]),
                    "activities": rnd.sample(["walking", "yoga", "swimming"], 1),
                    "red_flags": ["fever_with_back_pain"] if i % 40 == 7 and hour == 8 else [],
                }
            )
    return out


SAFETY = [{"title": "Two serotonergic medicines", "involves": ["Amitriptyline", "Tramadol"],
           "message": "Together they can raise serotonin too far; ask the prescriber.",
           "source": "BNF interactions"}]


def rich_summary(days: int, safety=()):
    start = END - timedelta(days=days - 1)
    pattern = {
        "kind": "lagged",
        "factors": ["activity_minutes"],
        "outcome": "pain",
        "lag_days": 2,
        "direction": "worse",
        "threshold": None,
        "effect": 0.63,
        "ci_low": 0.47,
        "ci_high": 0.78,
        "q_value": 0.001,
        "n": 238,
        "summary": "After days with more than 50 minutes of activity, your pain 2 days later averaged 0.6 points higher than after other days.",
    }
    same_day = {
        **pattern,
        "factors": ["sleep_hours"],
        "lag_days": 0,
        "kind": "threshold",
        "direction": "better",
        "threshold": {"factor": "sleep_hours", "value": 5.3},
        "effect": -1.02,
        "ci_low": -1.35,
        "ci_high": -0.7,
        "summary": "On days with more than 5.3 hours' sleep, your pain averaged 1.0 points lower than on other days.",
    }
    return clinician_summary(
        checkins=rich_checkins(days),
        start=start,
        end=END,
        zone="UTC",
        load_days=[
            {
                "date": (start + timedelta(days=i)).isoformat(),
                "score": 30 + i % 40,
                "contributors": {
                    "sleep": 8,
                    "stress": 4,
                    "acute_chronic": 2,
                    "nsaid": 1,
                    "meals": 1,
                },
            }
            for i in range(days)
        ],
        patterns=[pattern, same_day]
        + [
            {
                **pattern,
                "factors": [f],
                "effect": 0.5 + k / 10,
                "summary": f"After days with more {f.replace('_', ' ')}, your pain 2 days later averaged more.",
            }
            for k, f in enumerate(("stress", "alcohol_units", "night_wakings"))
        ],
        peg3=[
            {
                "week_start": (
                    start - timedelta(days=start.weekday()) + timedelta(weeks=w)
                ).isoformat(),
                "pain": 6,
                "enjoyment": 5,
                "activity": 4,
            }
            for w in range(days // 7)
        ],
        labs=[
            {
                "test": "hs_crp",
                "value": 4.1,
                "unit": "mg/L",
                "date": "2026-11-02",
                "ref_low": 0,
                "ref_high": 5,
            },
            {
                "test": "vitamin_d",
                "value": 62,
                "unit": "nmol/L",
                "date": "2026-10-10",
                "ref_low": 50,
                "ref_high": 250,
            },
            {"test": "hba1c", "value": 5.6, "unit": "%", "date": "2026-10-10"},
        ],
        protocol=[
            {"name": "PEA", "dose": 600, "unit": "mg", "times": ["08:00", "20:00"], "start": "2026-09-01"},
            {"name": "Magnesium glycinate", "dose": 300, "unit": "mg", "basis": "elemental",
             "times": ["21:30"], "start": "2026-08-15"},
            {"name": "Low-dose naltrexone", "dose": None, "unit": "mg", "times": ["22:00"], "start": "2026-10-01",
             "prescription": True, "prescriber": "Dr Okafor",
             "titration": {"start": 1.5, "step": 0.5, "every_days": 7, "max": 4.5}},
        ],
        red_flag_labels=vocabulary_labels()["red_flags"],
        labels=vocabulary_labels(),
        person={"name": "Ada Lovelace", "birth_date": date(1985, 12, 10)},
        safety=list(safety), conditions=["Kidney disease"] if safety else [],
    )


def pages(days: int, safety=()) -> list[str]:
    reader = PdfReader(io.BytesIO(clinician_pdf(rich_summary(days, safety), generated_at=NOW)))
    return [p.extract_text() for p in reader.pages]


def content_lines(text: str) -> list[str]:
    """A page's lines without the page number."""
    footer = ("Made by Emberwise from the person's own records.",)
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip()
        and not re.fullmatch(r"page \d+", line.strip())
        and line.strip() not in footer
    ]


def stranded(texts: list[str]) -> list[str]:
    """Headings that end a page (nothing of their section follows on it)."""
    return [
        f"page {i + 1}: {lines[-1]}"
        for i, lines in enumerate(map(content_lines, texts))
        if lines and any(lines[-1].startswith(h) for h in HEADINGS)
    ]


def test_protocol_lines_say_how_often_the_daily_total_the_titrated_dose_and_the_prescriber():
    text = " ".join(" ".join(content_lines(t)) for t in pages(90))
    text = re.sub(r"\s+", " ", text)
    assert "PEA 600 mg twice a day (1200 mg a day) - from 1 Sep 2026" in text
    assert "Magnesium glycinate 300 mg elemental at 21:30" in text
    # Titrated from 1 Oct: +0.5 mg a week, so 4.5 mg (the top) by the report's end.
    assert ("Low-dose naltrexone at 22:00 (titrating 1.5 to 4.5 mg, +0.5 every 7 days: "
            f"4.5 mg on {END.day} {END:%b %Y}; prescription, Dr Okafor)") in text


def test_ninety_full_days_fit_one_page_with_every_section():
    texts = pages(90)
    assert len(texts) == 1
    text = " ".join(texts[0].split())
    for heading in HEADINGS:
        assert heading in text, heading
    assert stranded(texts) == []


@pytest.mark.parametrize("days", [365, 730])
def test_a_year_or_two_fit_two_pages_and_no_heading_is_stranded(days):
    texts = pages(days, SAFETY)  # interaction notes too: every section at its fullest
    assert "Two serotonergic medicines" in " ".join(" ".join(texts).split())
    assert len(texts) <= 2
    assert stranded(texts) == []
    # Each heading is followed on its own page by some of its section.
    for i, text in enumerate(texts):
        lines = content_lines(text)
        for j, line in enumerate(lines):
            if any(line.startswith(h) for h in HEADINGS):
                assert j + 1 < len(lines), f"page {i + 1}: {line} ends the page"


def test_the_person_locations_qualities_medications_and_sleep_are_on_the_page():
    text = " ".join(" ".join(pages(90)).split())
    assert "Emberwise pain report for Ada Lovelace" in text
    assert "Date of birth 10 Dec 1985" in text
    assert re.search(
        r"Where \(days logged\): (Lower back|Left knee|Neck|Right hip|Left shoulder) \d+", text
    )
    assert "Inflammation-load contributors" in text
    assert re.search(r"Felt as \(days\): (aching|burning|stabbing|tingling.*?) \d+", text)
    for name, _ in MEDS:
        assert name in text, name
    assert re.search(r"Logged on \d+ nights: mean \d\.\d h", text)
    assert re.search(r"under 6 h on \d+ nights", text)


def test_the_lab_table_keeps_the_labs_range_apart_from_the_functional_target():
    text = " ".join(" ".join(pages(90)).split())
    assert "Laboratory reference range" in text
    assert "Functional target [H] - not a lab range" in text
    # hs-CRP 4.1 mg/L: within the lab's 0-5, above the functional target.
    assert re.search(r"hs-CRP.*?4\.1 mg/L 0-5 mg/L within", text)


def test_patterns_say_when_and_how_sure_without_engine_labels():
    text = " ".join(" ".join(pages(90)).split())
    assert "[lagged" not in text and "lagged;" not in text and "threshold;" not in text
    assert (
        "followed 2 days later; pain +0.63 points (95% CI 0.47 to 0.78); FDR q = 0.001; n = 238 days"
        in text
    )
    # the patterns come from the whole history, which a clinician cannot guess from the period
    assert "Found in all of the person's check-ins, not only this period" in text
    assert "same day; association only; pain -1.02 points" in text


def test_without_a_name_the_report_still_reads_well():
    s = clinician_summary(
        checkins=rich_checkins(30),
        start=END - timedelta(days=29),
        end=END,
        labels=vocabulary_labels(),
    )
    text = PdfReader(io.BytesIO(clinician_pdf(s, generated_at=NOW))).pages[0].extract_text()
    first = content_lines(text)[0]
    assert first == "Emberwise pain report" and "Date of birth" not in text


MANY_MEDS = MEDS + [("Low-dose naltrexone", 4.5), ("Tramadol", 50), ("Omega-3", 3000), ("Curcumin", 1000),
                    ("Melatonin", 3), ("Pregabalin", 75)]
MANY_PLACES = REGIONS + ["right_shoulder", "upper_back", "left_hip", "right_knee", "head"]


def busy_summary(days: int = 90):
    """A person with ten medicines, pain in ten places, six labs, interaction notes, a long
    name and five patterns: the 90 days a pain clinic actually sees (before, such a report
    ran to two pages even with three labs)."""
    rnd = random.Random(11)
    checkins = rich_checkins(days, seed=5)
    for c in checkins:
        c["locations"] = rnd.sample(MANY_PLACES, rnd.randint(2, 5))
        c["medications"] = [{"name": n, "dose_mg": mg} for n, mg in MANY_MEDS if rnd.random() < 0.6]
    full = rich_summary(days, SAFETY)
    labs = [{"test": key, "value": 4.1, "unit": "mg/L", "date": "2026-11-02", "ref_low": 0, "ref_high": 5}
            for key in ("hs_crp", "vitamin_d", "hba1c", "ferritin", "b12", "tsh")]
    safety = SAFETY + [{"title": "Naltrexone with an opioid", "involves": ["Low-dose naltrexone", "Tramadol"],
                        "message": "Naltrexone blocks opioid pain relief and can bring on withdrawal.",
                        "source": "Naltrexone prescribing information"}]
    return clinician_summary(
        checkins=checkins, start=full.start, end=full.end, zone="UTC",
        load_days=[{"date": d["date"].isoformat() if hasattr(d["date"], "isoformat") else d["date"],
                    "score": 40, "contributors": {"sleep": 8}} for d in full.days],
        patterns=full.patterns, peg3=full.peg3, labs=labs,
        protocol=[{"name": n, "dose": mg, "unit": "mg", "start": "2026-09-01"} for n, mg in MANY_MEDS[:5]],
        red_flag_labels=vocabulary_labels()["red_flags"], labels=vocabulary_labels(),
        person={"name": "Ada Augusta King-Noel, Countess of Lovelace", "birth_date": date(1985, 12, 10)},
        safety=safety, conditions=["Kidney disease", "On opioids"])


def test_a_busy_ninety_days_still_fit_one_page_and_nothing_safety_related_is_dropped():
    texts = [p.extract_text() for p in PdfReader(io.BytesIO(clinician_pdf(busy_summary(), generated_at=NOW))).pages]
    assert len(texts) == 1, [t[-300:] for t in texts]
    text = " ".join(texts[0].split())
    for heading in HEADINGS:
        assert heading in text, heading
    for name, _ in MANY_MEDS:  # every medicine is named, in the table or under "Also taken"
        assert name in text, name
    for note in ("Two serotonergic medicines", "Naltrexone with an opioid", "Kidney disease; On opioids"):
        assert note in text, note
    for lab in ("hs-CRP", "Vitamin B12", "TSH"):
        assert lab in text, lab
    # What a shorter list leaves out is counted, never silently dropped.
    assert re.search(r"and \d+ more place", text)
    assert re.search(r"\d+ more patterns? with weaker evidence", text)


def test_a_night_pattern_is_timed_from_the_night_like_its_sentence():
    from server.reports.pdf import _evidence

    night = {"kind": "threshold", "factors": ["sleep_hours"], "outcome": "pain", "lag_days": 0,
             "claim": "cause", "condition": {"all": [{"factor": "sleep_hours", "op": ">",
                                                      "value": 5.3}]},
             "effect": -1.04, "ci_low": -1.73, "ci_high": -0.34, "q_value": 0.003, "n": 151,
             "summary": "After nights of more than 5.3 hours' sleep, your pain the day after "
                        "averaged 1.0 points lower than after other nights."}
    assert _evidence(night).startswith("pain the day after the night; pain -1.04 points")
    assert _evidence({**night, "lag_days": 1}).startswith("pain two days after the night;")
    # a day's factor keeps its count of days
    day = {**night, "factors": ["stress"], "lag_days": 2,
           "condition": {"all": [{"factor": "stress", "op": ">", "value": 6}]}}
    assert _evidence(day).startswith("followed 2 days later;")


def test_the_fortnight_comparison_says_no_clear_change_when_the_days_cannot_tell():
    summary = rich_summary(90)
    summary.pain.update(first_14=3.9, last_14=4.5, change_14=0)
    reader = PdfReader(io.BytesIO(clinician_pdf(summary, generated_at=NOW)))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Last 14 days 4.5 vs first 14 days 3.9 (no clear change)" in text


def test_a_flare_odds_ratio_is_given_to_two_significant_figures():
    """"Flare odds ratio 23.05 (95% CI 1.75 to 302.85)" on a handful of flares."""
    from server.reports.pdf import _effect_words

    flare = {"kind": "lagged", "outcome": "flare", "effect": 23.05, "ci_low": 1.75,
             "ci_high": 302.85}
    assert _effect_words(flare) == "flare odds ratio 23 (95% CI 1.8 to 300)"
