"""The fixed vocabularies (body regions, pain qualities, red flags, activities, and the names of
the load's contributors).

The single source is pwa/js/domain/vocabulary.json, which the PWA imports directly, so
the server and the app can never disagree about what a region or a red flag is called.
"""
import json
from functools import cache
from pathlib import Path

VOCABULARY_FILE = Path(__file__).resolve().parent.parent / "pwa" / "js" / "domain" / "vocabulary.json"


@cache
def vocabulary() -> dict:
    return json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))


def keys(kind: str) -> frozenset[str]:
    """The allowed keys of one vocabulary, e.g. keys("red_flags")."""
    return frozenset(item["key"] for item in vocabulary()[kind])


BODY_REGIONS = keys("body_regions")
PAIN_QUALITIES = keys("pain_qualities")
RED_FLAGS = keys("red_flags")
ACTIVITIES = keys("activities")


def contributor_label(key: str, clinical: bool = False) -> str:
    """The words for one of the load's contributors (server/analysis/load.py CAPS); with
    ``clinical``, the clinician's term where one is given ("Post-exertion")."""
    for item in vocabulary()["load_contributors"]:
        if item["key"] == key:
            return item.get("clinical", item["label"]) if clinical else item["label"]
    return key.replace("_", " ").capitalize()
