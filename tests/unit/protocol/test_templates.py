"""Protocol templates carry the source's doses unchanged, a source, an evidence grade and,
where it matters, whether a dose is of the compound or the element."""
from server.protocol.substances import substance
from server.protocol.templates import TABLE, template, templates_json
from server.protocol.titration import TitrationPlan

# The seed protocol, whole: every item of W. Le's supplement and sleep protocol.
SEED = {"pea", "omega3", "curcumin", "spm", "nac", "ldn", "mg_threonate", "benfotiamine",
        "methylcobalamin", "p5p", "ala", "lions_mane", "alcar", "mg_glycinate", "l_theanine", "melatonin"}


def test_the_seed_protocol_is_there_whole():
    assert SEED <= {t["key"] for t in TABLE["templates"]}
    assert all(template(k)["source"] == "H" for k in SEED)


def test_doses_as_given():
    assert template("pea")["dose_text"] == "600 mg, 2–3×/day"
    assert template("ldn")["dose_text"] == "1.5–4.5 mg at bedtime" and template("ldn")["prescription"]
    assert template("p5p")["dose_low"] == 50 and "100 mg" in template("p5p")["note"]
    assert template("mg_glycinate")["timing"] == "bedtime"


def test_magnesium_says_compound_or_elemental():
    assert template("mg_threonate")["basis"] == "compound" and "144 mg" in template("mg_threonate")["basis_note"]
    glycinate = template("mg_glycinate")
    assert glycinate["basis"] is None  # the source does not say: the form asks
    assert "350 mg" in glycinate["basis_note"] and "elemental" in glycinate["basis_note"]


def test_ldn_template_titration_is_a_valid_plan():
    plan = TitrationPlan.from_dict(template("ldn")["titration"])
    assert (plan.start, plan.step, plan.every_days, plan.limit) == (1.5, 0.5, 7, 4.5)


def test_no_invented_dose_where_the_source_gives_none():
    assert template("vitamin_d")["dose_low"] is None and template("spm")["dose_low"] is None
    assert template("vitamin_d")["source"] == "own"


def test_every_template_names_its_source_grade_and_substance():
    for t in TABLE["templates"]:
        assert t["source"] in TABLE["sources"], t["key"]
        assert t["evidence"]["grade"] in TABLE["grades"] and t["evidence"]["text"], t["key"]
        assert substance(t["substance"]), t["key"]
        if t["dose_low"] is not None:
            assert t["dose_low"] <= t["dose_high"] and t["unit"], t["key"]
    api = templates_json()
    assert len({t["key"] for t in api}) == len(api)
    assert all(t["source"].startswith(("W. Le", "Emberwise")) and t["evidence"]["label"] for t in api)
