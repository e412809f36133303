"""Recognising named medicines and supplements in free text, from rules/substances.json.

A name matches a substance when one of its terms appears as whole words after both are
lower-cased, letters and digits written together are parted ("LDN4.5mg" reads "ldn 4 5 mg",
as a person typing a dose on a phone often leaves no space) and every run of other
characters becomes one space ("Warfarin 5mg" matches "warfarin"; "Magnesium glycinate" does
not match "b6"). The PWA's substances.js does the same.
"""

from __future__ import annotations

import re
from functools import cache

from server.rules import rule_table


def words(text: str) -> str:
    """`text` lower-cased, letters and digits parted where they touch, each run of characters
    other than a-z and 0-9 one space, padded."""
    parted = re.sub(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])", " ", (text or "").lower())
    return " " + re.sub(r"[^a-z0-9]+", " ", parted).strip() + " "


@cache
def _terms() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(
        (s["key"], tuple(words(t) for t in s["match"]))
        for s in rule_table("substances")["substances"]
    )


@cache
def substance(key: str) -> dict:
    """The table entry of one substance; raises KeyError."""
    return next(s for s in rule_table("substances")["substances"] if s["key"] == key)


def substances_in(name: str) -> list[str]:
    """Keys of every substance named in `name`, in table order (empty for unknown names)."""
    padded = words(name)
    return [key for key, terms in _terms() if any(t in padded for t in terms)]


def classes_of(keys) -> set[str]:
    """Every class the given substances belong to."""
    return {c for key in keys for c in substance(key)["classes"]}


def rxnorm_of(name: str) -> list[tuple[str, str]]:
    """(RxNorm code, generic name) of each coded substance named in `name`."""
    return [
        (substance(k)["rxnorm"], substance(k)["name"])
        for k in substances_in(name)
        if substance(k)["rxnorm"]
    ]
