"""Limits every JSON body meets before a schema sees it: nesting depth, valid Unicode and
integers Python will read.

Python's JSON parser recurses once per level, so a body nested 100,000 deep ends in a
RecursionError; JSON may spell a lone UTF-16 surrogate ("\\ud800") that no database
can store as UTF-8; and an integer literal longer than Python's int-conversion limit
(4,300 digits, a guard against quadratic parsing) makes the parser raise ValueError.
All are refused here with a 422 (docs/security.md, "Limits").
"""
import json
import re
import sys

import numpy as np
from flask import request
from flask_smorest import abort

# The deepest body the API takes is a sync change holding a check-in's medications
# (about 6 levels); 32 leaves room for any record type without inviting deep recursion.
MAX_DEPTH = 32

_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# bytes.translate tables: [ and { become +1, ] and } become -1 (as int8), all else 0.
_STEPS = bytes(1 if b in b"[{" else 255 if b in b"]}" else 0 for b in range(256))
_STRUCTURAL = bytes(1 if b in b'[]{}"' else 0 for b in range(256))
_STEP_VALUES = np.frombuffer(_STEPS, dtype=np.int8)
_DIGITS = bytes(ord("0") if b in b"0123456789" else ord(" ") for b in range(256))

NUMBER_MESSAGE = "Contains a number with too many digits."
DEPTH_MESSAGE = f"The JSON is nested more than {MAX_DEPTH} levels deep."
SURROGATE_MESSAGE = ("Contains a broken character (a lone UTF-16 surrogate such as \\ud800). "
                     "Send valid Unicode text.")


def too_deep(raw: bytes) -> bool:
    """True when the JSON text `raw` nests arrays/objects more than MAX_DEPTH levels.

    Counted without parsing (parsing is what deep recursion breaks), in numpy passes over
    the structural bytes only, so even a hostile 4 MiB body costs little: brackets outside
    strings add +1 ([ {) or -1 (] }), and the running sum is the depth. Malformed text is
    left for the parser to refuse.
    """
    if raw.count(b"[") + raw.count(b"{") <= MAX_DEPTH:
        return False
    # Where the brackets and quotes are: a tenth of a sync body's bytes, so the running
    # sums below cost a tenth of running them over every byte.
    where = np.flatnonzero(np.frombuffer(raw.translate(_STRUCTURAL), dtype=np.uint8))
    found = np.frombuffer(raw, dtype=np.uint8)[where]
    quotes = (found == ord('"')).view(np.uint8)
    if b"\\" in raw:
        quotes = quotes.copy()
        quotes[np.isin(where, _escaped(raw))] = 0
    inside = np.bitwise_xor.accumulate(quotes)  # 1 from a string's opening quote
    steps = _STEP_VALUES[found]
    return int(np.cumsum(steps * (1 - inside).view(np.int8), dtype=np.int32).max()) > MAX_DEPTH


def _escaped(raw: bytes) -> np.ndarray:
    """Positions of the bytes right after an odd run of backslashes: escaped, part of a
    string (a quote there does not open or close one)."""
    slashes = np.flatnonzero(np.frombuffer(raw, dtype=np.uint8) == ord("\\"))
    breaks = np.flatnonzero(np.diff(slashes) != 1)
    starts = slashes[np.concatenate(([0], breaks + 1))]
    ends = slashes[np.concatenate((breaks, [len(slashes) - 1]))]
    return ends[(ends - starts) % 2 == 0] + 1  # an odd run escapes the next byte


def lone_surrogate_path(value, path: str = "") -> str | None:
    """The dotted path ("notes", "changes.0.data.notes") of the first string or key in the
    parsed JSON `value` holding a lone surrogate, or None. Iterative: depth is not trusted."""
    stack = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            if _LONE_SURROGATE.search(item):
                return where or "_body"
        elif isinstance(item, dict):
            for key, child in item.items():
                child_path = f"{where}.{key}" if where else key
                if _LONE_SURROGATE.search(key):
                    return where or "_body"
                stack.append((child_path, child))
        elif isinstance(item, list):
            stack.extend((f"{where}.{i}" if where else str(i), child) for i, child in enumerate(item))
    return None


def _too_many_digits(raw: bytes) -> bool:
    """True when `raw` holds an integer literal the JSON parser refuses to convert
    (ValueError, which would otherwise surface as a 500). A long digit run inside a string
    is harmless: only the parser can tell the two apart, so it is asked when a run is seen."""
    limit = sys.get_int_max_str_digits()
    # Digits mapped to "0" and all else to a space, then a plain substring search for a run
    # longer than the limit: ten times faster than the regex on a 300 kB sync body.
    if not limit or len(raw) <= limit or b"0" * (limit + 1) not in raw.translate(_DIGITS):
        return False
    try:
        json.loads(raw)
    except ValueError as error:
        return "integer string conversion" in str(error)
    return False


def problem(raw: bytes) -> dict | None:
    """{field: [message]} when JSON text `raw` breaks a limit, else None (also for text
    that is not JSON at all: the parser that reads it answers that with a 400)."""
    if too_deep(raw):
        return {"_body": [DEPTH_MESSAGE]}
    if _too_many_digits(raw):
        return {"_body": [NUMBER_MESSAGE]}
    if not _SURROGATE_ESCAPE.search(raw):  # the only way JSON can carry a surrogate
        return None
    try:
        path = lone_surrogate_path(json.loads(raw))
    except ValueError:
        return None
    return {path: [SURROGATE_MESSAGE]} if path else None


class JsonLimitError(ValueError):
    """JSON text that parses but breaks a limit of this module."""


def loads(text: str):
    """json.loads for JSON carried inside a form field, under the same limits. Raises
    JsonLimitError (with a plain message) or ValueError when `text` is not acceptable."""
    found = problem(text.encode("utf-8", "surrogatepass"))
    if found:
        raise JsonLimitError(next(iter(found.values()))[0])
    return json.loads(text)


NO_CHANGES = "Send the changes as a JSON object."


def check_json_body() -> None:
    """before_request hook: answer 422 when a JSON request body breaks a limit, or when a
    PUT or PATCH has no body at all (every one here documents a required body)."""
    changes = request.method in ("PUT", "PATCH")
    if request.routing_exception is not None or not (request.is_json or changes):
        return  # a 404 or 405, which routing answers first, or an upload left to its route
    raw = request.get_data(cache=True)
    if changes and not raw:
        abort(422, message=NO_CHANGES, errors={"_body": [NO_CHANGES]})
    found = problem(raw) if raw and request.is_json else None
    if found:
        abort(422, message=next(iter(found.values()))[0], errors=found)
