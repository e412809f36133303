"""The short way of loading a synced record (FastLoader) gives what `schema.load` gives:
the same data for every record that loads, the same error messages for every one that
does not. Sync validates every pushed record this way, so a difference would let a record
through that the schema refuses, or word its refusal differently from the OpenAPI contract."""
import random

import marshmallow as ma
import pytest

from server.checkins.schemas import CheckInDataSchema
from server.common.schema import FastLoader, StrictSchema
from server.record_types import register_record_types
from server.sync.registry import RECORD_TYPES
from tests.record_examples import VALID

register_record_types()

# A valid record of each type (the ones whose fields alone do not make one), so that
# one-field variants of it reach each field's own rules and some of them load.
EXAMPLES = {**VALID,
            "checkin": {"at": "2026-03-01T08:30:00+01:00", "pain": 4},
            "peg3": {"week_start": "2026-03-02", "pain": 3, "enjoyment": 4, "activity": 5},
            "reminder_rule": {"kind": "breathing", "times": ["19:00", "08:00"], "weekdays": [1, 3, 5]},
            "reminder_action": {"occurrence_id": "5b0c1a52-7d1c-4c39-9d55-0b1c55c5a001",
                                "action": "snooze", "at": "2026-06-03T00:02:00+00:00"}}

# Values of every JSON kind, and the in-range and out-of-range forms the record fields take.
CANDIDATES = [
    None, True, False, 0, 1, 3, 10, 11, -1, 2.5, 1e12, float("nan"), "", "x", "lower_back", "12:30",
    "25:00", "2026-03-01", "2026-02-30", "2026-03-01T08:30:00+01:00", "2026-03-01T08:30:00",
    "9999-01-01T00:00:00Z", "a\x00b", [], ["lower_back"], ["lower_back", "lower_back"], ["nope"], [1],
    {}, {"name": "ibuprofen", "dose_mg": 400}, {"sleep": 1.5}, {"Bad Key": 1}, [{"name": "x"}],
]


def outcome(load, data):
    try:
        return "loaded", load(data)
    except ma.ValidationError as exc:
        return "refused", exc.messages


def base_record(schema) -> dict:
    """A record holding the first value each required field takes, so that one-field variants
    of it reach the other fields' own rules rather than stopping at a missing field."""
    record = {}
    for name, field in schema.load_fields.items():
        if field.required:
            for value in CANDIDATES:
                try:
                    field.deserialize(value, name, {})
                except ma.ValidationError:
                    continue
                record[field.data_key or name] = value
                break
    return record


@pytest.mark.parametrize("name", sorted(RECORD_TYPES))
def test_every_record_type_loads_alike(name):
    schema = RECORD_TYPES[name].schema
    fast = FastLoader(schema).load
    base = EXAMPLES.get(name) or base_record(schema)
    assert outcome(schema.load, base)[0] == "loaded", base
    keys = [field.data_key or key for key, field in schema.load_fields.items()]
    samples = [base, {}, None, [], "text", {**base, "unknown": 1}]
    samples += [{k: v for k, v in base.items() if k != key} for key in base]  # a required field left out
    samples += [{**base, key: value} for key in keys for value in CANDIDATES]
    rng = random.Random(13)
    samples += [{**base, **{key: rng.choice(CANDIDATES) for key in rng.sample(keys, min(len(keys), 4))}}
                for _ in range(300)]
    loaded = 0
    for data in samples:
        expected = outcome(schema.load, data)
        assert outcome(fast, data) == expected, data
        loaded += expected[0] == "loaded"
    assert loaded >= 3, "too few samples load: the comparison would only cover refusals"


def test_a_full_check_in_loads_alike_and_in_schema_order():
    data = {"notes": "long day", "at": "2026-03-01T08:30:00+01:00", "pain": 6, "flare": True,
            "locations": ["lower_back", "neck"], "sleep_hours": 6.5, "custom": {"sleep": 1.5},
            "medications": [{"name": "ibuprofen", "dose_mg": 400}], "nsaid_doses": 1}
    schema = CheckInDataSchema()
    fast = FastLoader(schema).load(data)
    assert fast == schema.load(data)
    assert list(fast) == list(schema.load(data))


def test_schemas_with_hooks_or_defaults_keep_marshmallows_own_load():
    class Hooked(StrictSchema):
        a = ma.fields.Integer()

        @ma.post_load
        def double(self, data, **_kwargs):
            return {"a": data["a"] * 2}

    class Defaulted(StrictSchema):
        a = ma.fields.Integer(load_default=7)
        b = ma.fields.Integer(required=True)

    hooked = Hooked()
    assert FastLoader(hooked).load({"a": 2}) == {"a": 4}
    defaulted = FastLoader(Defaulted())
    assert defaulted.load({"b": 1}) == {"a": 7, "b": 1} == Defaulted().load({"b": 1})
    assert outcome(defaulted.load, {}) == ("refused", {"b": ["Missing data for required field."]})
