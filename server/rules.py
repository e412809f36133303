"""The shared rule tables: JSON files in pwa/js/domain/rules/ that the PWA imports directly.

Each rule both the server and the offline app need (safety and interactions, pacing,
titration, lab units, templates) is written once, as data, in that folder; a small
evaluator in each language reads it, and tests/vectors/ holds the cases both run.
See docs/clinical-safety.md for what each file holds and where each figure comes from.
"""

import json
import math
from functools import cache
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parent.parent / "pwa" / "js" / "domain" / "rules"


@cache
def rule_table(name: str) -> dict:
    """The parsed contents of rules/<name>.json; raises FileNotFoundError for an unknown table."""
    return json.loads((RULES_DIR / f"{name}.json").read_text(encoding="utf-8"))


def number_text(x: float) -> str:
    """A figure as a person reads it: rounded to one decimal (halves up), no trailing ".0"."""
    value = math.floor(x * 10 + 0.5) / 10
    return str(int(value)) if value == int(value) else str(value)


def fill(text: str, values: dict) -> str:
    """`text` with each {name} replaced by its value (numbers through number_text)."""
    for name, value in values.items():
        shown = (
            number_text(value)
            if isinstance(value, (int, float)) and not isinstance(value, bool)
            else str(value)
        )
        text = text.replace("{" + name + "}", shown)
    return text
