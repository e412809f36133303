"""The check-in limits the PWA enforces offline are the server's, figure for figure.

pwa/js/domain/checkin.js (FIELDS, CUSTOM_KEY) validates a check-in before it joins the outbox,
and the form's inputs take their max from it; server/checkins/schemas.py is what the server
accepts. If they drift, either the PWA queues a check-in the server will refuse (it then sits
in the outbox, rejected) or it refuses one the server would take. Here both are read (the
JavaScript in a node subprocess) and compared field by field: kind, min, max, list lengths,
allowed choices, medication and tracker limits.
"""
import json
import math
import subprocess
from pathlib import Path

from marshmallow import fields, validate

from server.checkins.schemas import CUSTOM_KEY, CheckInFieldsSchema, MedicationSchema
from server.common.schema import FiniteFloat, StrictBool, StrictInt, Text
from tests.node import require_node

ROOT = Path(__file__).resolve().parents[2]

DUMP_JS = """
import { FIELDS, CUSTOM_KEY } from 'CHECKIN';
const out = Object.fromEntries(Object.entries(FIELDS).map(([k, s]) => [k, { ...s, allowed: s.allowed && [...s.allowed].sort() }]));
console.log(JSON.stringify({ fields: out, custom_key: CUSTOM_KEY.source }));
"""


def js_limits(tmp_path: Path) -> dict:
    script = tmp_path / "dump.mjs"
    script.write_text(DUMP_JS.replace("CHECKIN", (ROOT / "pwa/js/domain/checkin.js").as_uri()))
    out = subprocess.run([require_node(), str(script)], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(out.stdout)


def validator(field: fields.Field, kind: type):
    found = [v for v in (field.validators or []) if isinstance(v, kind)]
    return found[0] if found else None


def number_spec(field: fields.Field, kind: str) -> dict:
    r = validator(field, validate.Range)
    spec = {"kind": kind}
    if r is not None and r.min is not None:
        spec["min"] = r.min
    if r is not None and r.max is not None:
        spec["max"] = r.max
    return spec


def length_max(field: fields.Field):
    v = validator(field, validate.Length)
    return None if v is None else v.max


def server_spec(field: fields.Field) -> dict:
    """The server's limits for one field, in the shape of the PWA's FieldSpec."""
    if isinstance(field, StrictInt):
        return number_spec(field, "int")
    if isinstance(field, FiniteFloat):
        return number_spec(field, "number")
    if isinstance(field, StrictBool):
        return {"kind": "bool"}
    if isinstance(field, fields.List) and isinstance(field.inner, fields.Nested):
        meds = MedicationSchema().fields
        return {"kind": "meds", "max": length_max(field), "nameMax": length_max(meds["name"]),
                "doseMax": validator(meds["dose_mg"], validate.Range).max}
    if isinstance(field, fields.List):
        return {"kind": "list", "max": length_max(field),
                "allowed": sorted(validator(field.inner, validate.OneOf).choices)}
    if isinstance(field, fields.Dict):
        return {"kind": "custom", "max": length_max(field),
                "valueMax": validator(field.value_field, validate.Range).max}
    if isinstance(field, Text):
        return {"kind": "text", "max": length_max(field)}
    raise AssertionError(f"no comparison written for {type(field).__name__}")


def test_the_pwa_and_the_server_accept_the_same_check_in_fields(tmp_path):
    js = js_limits(tmp_path)["fields"]
    server = {name: f for name, f in CheckInFieldsSchema().fields.items() if name != "at"}
    assert set(js) == set(server), "a field one side knows and the other does not"
    for name, field in server.items():
        expect = server_spec(field)
        got = {k: v for k, v in js[name].items() if k in expect}
        assert got == expect, f"{name}: the PWA has {js[name]}, the server {expect}"


def test_tracker_limits_agree(tmp_path):
    js = js_limits(tmp_path)
    low = validator(CheckInFieldsSchema().fields["custom"].value_field, validate.Range).min
    assert math.isclose(-low, js["fields"]["custom"]["valueMax"]), "tracker values are bounded symmetrically"
    assert js["custom_key"] == CUSTOM_KEY.pattern
