"""The JSON depth count (done without parsing) agrees with the real depth of any JSON,
whatever its strings hold: brackets, quotes, backslashes, escapes."""
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from server.common.json_body import MAX_DEPTH, lone_surrogate_path, too_deep

TRICKY = st.text(alphabet='[]{}"\\\\/ axé😀\n\t', max_size=12)
SCALARS = st.none() | st.booleans() | st.integers() | TRICKY


def depth(value) -> int:
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    return 0


def nest(value, levels: int):
    for level in range(levels):
        value = [value] if level % 2 else {"k[\\\"": value}
    return value


@settings(max_examples=300, deadline=None, derandomize=True)
@given(value=st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(TRICKY, inner, max_size=3), max_leaves=20),
       extra=st.integers(0, 40), ascii_only=st.booleans())
def test_depth_is_counted_exactly(value, extra, ascii_only):
    value = nest(value, extra)
    raw = json.dumps(value, ensure_ascii=ascii_only).encode()
    assert too_deep(raw) == (depth(value) > MAX_DEPTH)


def test_lone_surrogates_are_found_with_their_path():
    assert lone_surrogate_path(json.loads('{"a": [1, {"b\\ud800": 2}]}')) == "a.1"
    assert lone_surrogate_path(json.loads('{"a": ["ok", "x\\udc00"]}')) == "a.1"
    assert lone_surrogate_path(json.loads('{"a": "\\ud83d\\ude00"}')) is None
