"""Protocol templates from rules/templates.json: doses exactly as the source gives them.

These are starting points the person (or their clinician) may pick; the app never
applies them by itself. `dose_text` is the source's wording; the numbers beside it are
the same figures split out for the form, None where the source gives no dose.
"""

from __future__ import annotations

from functools import cache

from server.rules import rule_table

TABLE = rule_table("templates")


@cache
def _by_key() -> dict[str, dict]:
    return {t["key"]: t for t in TABLE["templates"]}


def template(key: str) -> dict:
    """The template with this key, as stored; raises KeyError."""
    return _by_key()[key]


def template_or_none(key: str | None) -> dict | None:
    """The template with this key, or None for no key or an unknown one."""
    return _by_key().get(key) if key else None


def templates_json() -> list[dict]:
    """All templates for the API, in table order, with their source and evidence grade spelt out."""
    return [
        t
        | {
            "source": TABLE["sources"][t["source"]],
            "evidence": t["evidence"] | {"label": TABLE["grades"][t["evidence"]["grade"]]},
        }
        for t in TABLE["templates"]
    ]
