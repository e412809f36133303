"""Protocol templates carry the source's doses unchanged."""
from server.protocol.templates import TEMPLATES, template, templates_json
from server.protocol.titration import TitrationPlan


def test_doses_as_given():
    assert template("pea").dose_text == "600 mg, 2–3×/day"
    assert template("ldn").dose_text == "1.5–4.5 mg at bedtime" and template("ldn").prescription
    assert template("p5p").dose_low == 50 and "100 mg" in template("p5p").note
    assert template("mg_glycinate").timing == "bedtime"


def test_ldn_template_titration_is_a_valid_plan():
    plan = TitrationPlan.from_dict(template("ldn").titration)
    assert (plan.start, plan.step, plan.every_days, plan.limit) == (1.5, 0.5, 7, 4.5)


def test_no_invented_dose_where_the_source_gives_none():
    assert template("vitamin_d").dose_low is None and template("spm").dose_low is None


def test_every_template_with_a_dose_names_its_source_and_has_ordered_range():
    for t in TEMPLATES:
        if t.dose_low is not None:
            assert t.source and t.dose_low <= t.dose_high and t.unit
    assert len({t["key"] for t in templates_json()}) == len(TEMPLATES)
