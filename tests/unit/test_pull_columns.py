"""A pulled JSON column read on SQLite as one parse of all its values gives each record
exactly what reading it value by value gives, NULLs in place."""
import json

from server.sync.service import _JsonText, _processed


def test_a_json_column_parsed_at_once_matches_value_by_value():
    values = ('["lower_back"]', None, '{"a": 1.5, "b": [null, "x,y]"]}', '"t"', None, "3", "[]")
    assert _processed(_JsonText(json.loads), values) == [None if v is None else json.loads(v) for v in values]
    assert _processed(_JsonText(json.loads), (None, None)) == [None, None]


def test_values_that_are_not_all_text_are_read_one_by_one():
    read = _JsonText(lambda v: v if isinstance(v, int) else json.loads(v))
    assert _processed(read, ('[1]', 5, None)) == [[1], 5, None]
