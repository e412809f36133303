"""Lab catalogue: conversions, bands and what a person sees for a result."""
import math

import pytest

from server.protocol import labs
from server.protocol.labs import Band, UnitError, assess, convert


def test_vitamin_d_nmol_to_ng_uses_factor_2_496():
    assert convert("vitamin_d", 124.8, "nmol/L", "ng/mL") == pytest.approx(50.0)
    assert convert("vitamin_d", 70, "ng/mL", "nmol/L") == pytest.approx(174.72)


def test_hba1c_percent_to_mmol_mol_and_back():
    assert convert("hba1c", 5.5, "%", "mmol/mol") == pytest.approx((5.5 - 2.15) * 10.929)
    assert convert("hba1c", 36.6, "mmol/mol", "%") == pytest.approx(36.6 / 10.929 + 2.15)
    assert convert("hba1c", convert("hba1c", 6.1, "%", "mmol/mol"), "mmol/mol", "%") == pytest.approx(6.1)


def test_magnesium_and_thyroid_si_factors():
    assert convert("magnesium_rbc", 2.0, "mmol/L", "mg/dL") == pytest.approx(4.861)
    assert convert("free_t4", 12.87, "pmol/L", "ng/dL") == pytest.approx(1.0)
    assert convert("b12", 400, "pg/mL", "pmol/L") == pytest.approx(295.1, abs=0.1)


def test_no_conversion_without_a_standard_factor():
    with pytest.raises(UnitError):
        convert("fasting_insulin", 40, "pmol/L", "mIU/L")
    with pytest.raises(UnitError):
        convert("custom", 1, "a", "b")
    assert convert("custom", 3, "x", "x") == 3


def test_below_target_is_exclusive():
    band = labs.CATALOGUE["hs_crp"].optimal
    assert band.position(0.99) == "within"
    assert band.position(1.0) == "above"


def test_vitamin_d_in_nmol_compared_with_optimal_in_ng():
    a = assess("vitamin_d", 100, "nmol/L", reference=Band(75, 250, "nmol/L"))
    assert a.reference == "within"  # the lab calls it normal
    assert a.optimal == "below"  # 100 nmol/L is 40 ng/mL, under 50
    assert a.optimal_band.source == labs.SOURCE_H


def test_reference_range_in_another_unit_is_converted():
    a = assess("hba1c", 40, "mmol/mol", reference=Band(4.0, 5.6, "%"))
    assert a.reference == "above"  # 40 mmol/mol = 5.81 %


def test_tests_without_target_have_no_optimal_position():
    a = assess("esr", 12, "mm/h")
    assert a.optimal is None and a.reference is None


def test_catalogue_targets_match_facts():
    c = labs.CATALOGUE
    assert (c["vitamin_d"].optimal.low, c["vitamin_d"].optimal.high) == (50, 70)
    assert (c["magnesium_rbc"].optimal.low, c["magnesium_rbc"].optimal.high) == (5.5, 6.5)
    assert (c["omega3_index"].optimal.low, c["omega3_index"].optimal.high) == (8, 12)
    assert c["fasting_insulin"].optimal.high == 7 and c["hba1c"].optimal.high == 5.5
    assert c["hs_crp"].loinc == "30522-7" and c["vitamin_d"].loinc == "1989-3"
    assert c["hba1c"].loinc == "4548-4"


def test_every_optimal_band_names_its_source_and_uses_the_canonical_unit():
    for t in labs.CATALOGUE.values():
        if t.panel:
            assert not t.units and t.optimal is None and t.markers, t.key  # no target the source does not give
            continue
        assert t.units[t.unit] == (1.0, 0.0)
        if t.optimal:
            assert t.optimal.source and t.optimal.unit == t.unit
            assert "functional-medicine" in t.optimal.label.lower() or "functional medicine" in t.optimal.label.lower()


def test_the_seed_lab_map_is_in_the_catalogue():
    assert {"hs_crp", "esr", "vitamin_d", "magnesium_rbc", "b12", "mma", "fasting_insulin", "hba1c", "tsh",
            "free_t4", "free_t3", "omega3_index", "ana", "dutch", "gi_map", "oat", "cytokines"} <= set(labs.CATALOGUE)
    assert "Quinolinic acid" in labs.CATALOGUE["oat"].markers


def test_catalogue_json_lists_custom_last_and_is_finite():
    data = labs.catalogue_json()
    assert data[-1]["key"] == "custom"
    for entry in data:
        for f, o in entry.get("factors", {}).values():
            assert math.isfinite(f) and math.isfinite(o)
