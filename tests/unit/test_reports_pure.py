"""Pure report modules: summary figures, PDF text, FHIR validity, CSV round trip and import rules."""

from __future__ import annotations

import io
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).parent))
import report_fixtures as fx

from server.reports import csv_io
from server.reports.fhir import fhir_bundle
from server.reports.pdf import clinician_pdf
from server.reports.summary import clinician_summary

NOW = datetime(2026, 11, 21, 21, 0, tzinfo=UTC)


def summary():
    return clinician_summary(
        checkins=fx.checkins(),
        start=fx.START,
        end=fx.END,
        load_days=fx.load_days(),
        patterns=fx.PATTERNS,
        peg3=fx.PEG3,
        labs=fx.LABS,
        red_flag_labels={"saddle_numbness": "Saddle numbness"},
    )


def test_summary_counts_days_flares_and_nsaids():
    s = summary()
    assert s.pain["period_days"] == 60
    assert s.pain["days_recorded"] == 53  # every 9th day has no check-in
    assert len(s.flares) == s.pain["flare_days"] == 4
    assert s.nsaid == {"doses": 11, "days": 11}
    assert s.red_flags == [(date(2026, 9, 21), ["Saddle numbness"])]
    assert s.contributors[0][0] == "sleep"
    # 77.5 nmol/L is 31 ng/mL: inside the lab's range, below the optimal band once converted.
    assert [(lab["reference_status"], lab["optimal_status"]) for lab in s.labs] == [
        ("no target", "above"),
        ("within", "below"),
        ("no target", "within"),
    ]


def test_pdf_opens_with_its_sections_and_at_most_two_pages():
    reader = PdfReader(io.BytesIO(clinician_pdf(summary(), generated_at=NOW)))
    assert 1 <= len(reader.pages) <= 2
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for needle in (
        "Emberwise pain report",
        "1 Sep 2026 to 30 Oct 2026",
        "Red flags logged",
        "Saddle numbness",
        "PEG-3",
        "Flare days (4)",
        "After nights under 6 hours",
        # a short-sleep pattern's effect is shown the way its summary reads, never turned
        "pain +1.30 points (95% CI 0.60 to 2.00)",
        "FDR q = 0.012",
        "NSAIDs: 11 doses",
        "PEA",
        "hs-CRP",
        "ABOVE",
        "Slow breathing",
    ):
        assert needle in text, needle


def test_pdf_for_an_empty_period_says_so_instead_of_failing():
    s = clinician_summary(checkins=[], start=date(2026, 1, 1), end=date(2026, 1, 7))
    text = PdfReader(io.BytesIO(clinician_pdf(s, generated_at=NOW))).pages[0].extract_text()
    assert "Pain rated on 0 of 7 days" in text
    assert "None logged in this period" in text


def test_fhir_bundle_validates_and_uses_loinc():
    from fhir.resources.R4B.bundle import Bundle

    peg = [{**p, "id": f"peg-{i}"} for i, p in enumerate(fx.PEG3)]
    data = fhir_bundle(user_id=1, checkins=fx.checkins(), peg3=peg, labs=fx.LABS, generated_at=NOW)
    bundle = Bundle.model_validate(data)
    assert bundle.type == "collection"
    codes = [e.resource.code.coding[0].code for e in bundle.entry[1:] if e.resource.code.coding]
    assert codes.count("72514-3") == 106
    assert codes.count("91148-7") == len(peg)
    assert {"30522-7", "1989-3", "4548-4"} <= set(codes)
    panel = next(
        e.resource for e in bundle.entry[1:] if e.resource.code.coding[0].code == "91148-7"
    )
    assert [c.code.coding[0].code for c in panel.component] == [
        "75893-8",
        "91145-3",
        "91146-1",
        "91147-9",
    ]
    assert panel.component[3].valueQuantity.value == pytest.approx((6 + 7 + 5) / 3, abs=0.01)


def test_csv_round_trip_keeps_every_field():
    original = fx.checkins()
    header, rows = csv_io.read_csv(csv_io.export_csv(original).encode())
    assert header == csv_io.EXPORT_COLUMNS
    plan = csv_io.plan_import(header, rows, csv_io.suggest_mapping(header), "UTC")
    assert plan.rejected == []
    back = {c["id"]: c for _, c in plan.good}
    for c in original:
        got = back[c["id"]]
        for field in csv_io.IMPORTABLE:
            want = c.get(field)
            if want in (None, [], {}):
                assert got.get(field) in (None, [], {}), field
            else:
                assert got[field] == want, (field, got[field], want)


def test_formula_like_notes_are_guarded_in_export_and_restored_on_import():
    c = {
        "id": "00000000-0000-4000-8000-000000000001",
        "at": NOW,
        "notes": '=HYPERLINK("x")',
        "medications": [{"name": "-weird", "dose_mg": 5}],
    }
    text = csv_io.export_csv([c])
    assert ",'=HYPERLINK" in text.replace('"', "")
    header, rows = csv_io.read_csv(text)
    ((_, got),) = csv_io.plan_import(header, rows, csv_io.suggest_mapping(header), "UTC").good
    assert got["notes"] == c["notes"] and got["medications"] == c["medications"]


def test_import_with_mapping_validates_each_row_and_reports_lines():
    text = (
        "When;Pain level;Slept;Comment;Flare?\n"
        "2026-03-01;4;7,5;ok;no\n"
        "2026-03-02 21:30;11;6;too high;yes\n"
        "not a date;3;;;\n"
        ";;;;\n"
        "2026-03-03T08:00:00+02:00;2.5;25;;maybe\n"
    )
    header, rows = csv_io.read_csv(text)
    mapping = csv_io.suggest_mapping(header)
    assert (
        mapping["at"] == "When"
        and mapping["pain"] == "Pain level"
        and mapping["notes"] == "Comment"
    )
    mapping.update(sleep_hours="Slept", flare="Flare?")
    plan = csv_io.plan_import(header, rows, mapping, "Europe/Berlin")
    assert [n for n, _ in plan.good] == [2]
    first = plan.good[0][1]
    assert first["at"] == datetime(2026, 3, 1, 11, 0, tzinfo=UTC)  # noon in Berlin
    assert first["sleep_hours"] == 7.5 and first["flare"] is False
    rejected = {r["row"]: r["errors"] for r in plan.rejected}
    assert set(rejected) == {3, 4, 6}
    assert "pain" in rejected[3] and "at" in rejected[4]
    assert set(rejected[6]) == {"pain", "sleep_hours", "flare"}


def test_row_ids_are_deterministic_per_person_and_content():
    row = {"at": datetime(2026, 3, 1, 12, tzinfo=UTC), "pain": 4}
    assert csv_io.row_id(dict(row), 1) == csv_io.row_id(dict(row), 1)
    assert csv_io.row_id(dict(row), 1) != csv_io.row_id(dict(row), 2)
    assert csv_io.row_id({**row, "pain": 5}, 1) != csv_io.row_id(row, 1)
    assert csv_io.row_id({**row, "id": "00000000-0000-4000-8000-000000000009"}, 1).endswith("9")


def test_mapping_errors_name_the_field():
    errors = csv_io.mapping_errors({"pain": "Nope", "bogus": "When"}, ["When", "Pain"])
    assert set(errors) == {"pain", "bogus", "at"}


def test_unreadable_files_raise_csv_error():
    with pytest.raises(csv_io.CsvError):
        csv_io.read_csv(b"\xff\xfe\x00garbage")
    with pytest.raises(csv_io.CsvError):
        csv_io.read_csv("")


def test_unreadable_cells_get_plain_messages():
    _, errors = csv_io.parse_row({"at": "2026-01-01", "pain": "lots", "id": "row-7"}, "UTC")
    assert errors["pain"] == ["Not a number."]
    assert errors["id"][0].startswith("Not a UUID")


def test_vocabulary_rejects_unknown_regions():
    _, errors = csv_io.parse_row(
        {"at": "2026-01-01", "locations": "low_back;moon"}, "UTC", {"locations": {"low_back"}}
    )
    assert errors == {"locations": ["Not on the list: moon."]}


def test_three_busy_years_still_fit_two_pages():
    """Every section at its fullest: daily flares and red flags, many meds, labs and items."""
    start, end = date(2024, 1, 1), date(2026, 12, 31)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    checkins = [
        {
            "id": str(i),
            "at": datetime(d.year, d.month, d.day, 9, tzinfo=UTC),
            "pain": i % 11,
            "flare": i % 9 == 0,
            "nsaid_doses": i % 3,
            "medications": [
                {"name": f"Medication number {k}", "dose_mg": 100 * k} for k in range(i % 13)
            ],
            "red_flags": ["saddle_numbness", "fever_with_back_pain"] if i % 20 == 0 else [],
            "activities": ["walking", "yoga", "swimming", "gardening", "cycling"][: i % 6],
        }
        for i, d in enumerate(days)
    ]
    s = clinician_summary(
        checkins=checkins,
        start=start,
        end=end,
        patterns=fx.PATTERNS * 5,
        load_days=[
            {"date": d.isoformat(), "score": 40, "contributors": {c: 3 for c in "abcdefghij"}}
            for d in days
        ],
        peg3=[
            {
                "week_start": (start + timedelta(weeks=w)).isoformat(),
                "pain": 5,
                "enjoyment": 5,
                "activity": 5,
            }
            for w in range(150)
        ],
        labs=[
            {"test": t, "value": 3, "unit": u, "date": f"2026-0{m}-01"}
            for t, u in (("hs_crp", "mg/L"), ("esr", "mm/h"), ("b12", "pg/mL"))
            for m in range(1, 6)
        ],
        protocol=[
            {"name": f"Item {k}", "dose": 5, "unit": "mg", "start": "2025-01-01"} for k in range(12)
        ],
    )
    reader = PdfReader(io.BytesIO(clinician_pdf(s, generated_at=NOW)))
    assert len(reader.pages) <= 2
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "pain, weekly mean" in text  # three years are drawn by week
    assert "and 43 earlier" in text  # 55 red-flag days: the latest 12 dates, then a count


def test_pdf_evidence_names_a_sparse_loggers_next_check_in_and_its_range():
    """A pattern about pain at the next check-in (docs/analysis.md "Pain at the next
    check-in") is told as that, over its range of days, never as one day."""
    from server.reports.pdf import _evidence

    p = {"kind": "lagged", "factors": ["stress"], "outcome": "pain", "lag_days": 1,
         "lag_range": [1, 3], "lag_exact": False, "timing": "next_check_in", "claim": "cause",
         "direction": "worse", "effect": 0.8, "ci_low": 0.2, "ci_high": 1.4, "q_value": 0.01,
         "n": 170, "summary": "", "condition": {"all": []}}
    said = _evidence(p)
    assert said.startswith("followed at the next check-in, 1 to 3 days later;"), said
    assert "followed at the first check-in 2+ days later, 1 to 4 days later" in _evidence(
        {**p, "lag_days": 2, "lag_range": [1, 4]})
    # a night counted from the night, as the summary beside it ("two to four days after")
    night = _evidence({**p, "factors": ["sleep_hours"], "direction": "better"})
    assert night.startswith("pain at the first check-in 2+ days after the night, 2 to 4 days "
                            "after it;"), night


def test_the_report_names_a_fortnight_change_only_when_the_days_can_tell_it_apart():
    """First vs last fortnight, as the app's week line: "(higher)" for any half point was
    said of the usual ups and downs."""
    from datetime import date, timedelta

    from server.reports.summary import pain_summary

    start = date(2026, 9, 1)
    noisy = [3, 6, 2, 5, 4, 1, 6, 3, 5, 2, 6, 4, 3, 5]  # mean 3.9
    later = [v + 0.6 for v in noisy[::-1]]                  # mean 4.5: within the spread
    values = noisy + [4.0] * 14 + later
    days = [{"date": start + timedelta(days=i), "pain_mean": v, "flare": False}
            for i, v in enumerate(values)]
    summary = pain_summary(days, start, start + timedelta(days=len(values) - 1))
    assert summary["change_14"] == 0
    clear = pain_summary([{**d, "pain_mean": d["pain_mean"] + (3 if i >= 28 else 0)}
                          for i, d in enumerate(days)], start, days[-1]["date"])
    assert clear["change_14"] == 1

