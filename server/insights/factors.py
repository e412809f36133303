"""How each factor and topic is told on the Insights screen: plain phrases for each side of a
factor, its cut points in its own unit, the practice that fits a topic, and clinical words
explained. Data, read by server/insights/overview.py and findings.py."""

from __future__ import annotations

from dataclasses import dataclass, replace

#: Practices the app guides, with the screen that opens each.
PRACTICES = {
    "bedtime": {
        "key": "bedtime",
        "title": "Bedtime routine",
        "href": "#/bedtime",
        "why": "A steady wind-down and bedtime protect sleep, and sleep and pain feed each other.",
    },
    "pacing": {
        "key": "pacing",
        "title": "Movement pacing",
        "href": "#/pacing",
        "why": "Steady amounts of activity, raised slowly, avoid the boom-and-bust "
        "that is often followed by a flare.",
    },
    "breathing": {
        "key": "breathing",
        "title": "Slow breathing",
        "href": "#/breathing",
        "why": "A few minutes of slow breathing with a longer out-breath calm the nervous system.",
    },
}

#: Topic key -> (title, practice key or None). Order is the tie-breaker between topics.
TOPICS = {
    "sleep": ("Sleep", "bedtime"),
    "activity": ("Activity", "pacing"),
    "rest": ("Rest breaks", "pacing"),
    "stress": ("Stress and mood", "breathing"),
    "practice": ("Breathing and mindfulness", "breathing"),
    "meals": ("Meals", "bedtime"),
    "alcohol": ("Alcohol", None),
    "nsaid": ("NSAIDs", None),
    "pain": ("Pain itself", None),
    "custom": ("Your own trackers", None),
    "pairs": ("Two things at once", None),
}


@dataclass(frozen=True)
class Factor:
    """How a factor is told: its topic, the side worth naming ("low" sleep, "high" stress),
    the plain phrase for each side (plural: they name days), how its cut points read, and
    its plain name and unit for "before a flare" lines."""

    topic: str
    notable: str  # "low" or "high"
    low: str  # "short nights"
    high: str  # "long nights"
    cut_low: str = "{v} or less"  # the days at or below a cut; {u}: the unit, singular or plural
    cut_high: str = "more than {v}"
    any_high: str = ""  # the days above a cut at zero ("days with any alcohol")
    name: str = ""  # "energy"
    unit: tuple[str, str] = ("point", "points")
    name_plural: str = ""  # for a yes/no factor: "late meals"
    # A night is kept on the day it ends (docs/insights.md), so its lag 0 is the day after
    # the night: told from the night ("the day after"), never "on the same day".
    night: bool = False


def _rating(topic, notable, low, high, name):
    return Factor(
        topic,
        notable,
        low,
        high,
        f"{name} rated {{v}} or less (of 10)",
        f"{name} rated above {{v}} (of 10)",
        name=name,
    )


FACTORS = {
    "sleep_hours": Factor(
        "sleep",
        "low",
        "short nights",
        "long nights",
        "nights of {v} {u} or less",
        "nights of more than {v} {u}",
        name="sleep",
        unit=("hour", "hours"),
        night=True,
    ),
    "sleep_quality": replace(_rating(
        "sleep", "low", "nights of poor sleep", "nights of good sleep", "sleep"
    ), night=True),
    "night_wakings": Factor(
        "sleep",
        "high",
        "unbroken nights",
        "broken nights",
        "nights with {v} {u} or fewer",
        "nights with more than {v} {u}",
        "nights with any waking",
        name="night wakings",
        unit=("waking", "wakings"),
        night=True,
    ),
    "activity_minutes": Factor(
        "activity",
        "high",
        "quiet days",
        "busy days",
        "days with {v} {u} of activity or less",
        "days with more than {v} {u} of activity",
        "days with any activity",
        name="activity",
        unit=("minute", "minutes"),
    ),
    "activity_effort": _rating("activity", "high", "easy days", "days of hard effort", "effort"),
    "acwr": Factor(
        "activity",
        "high",
        "weeks like your usual",
        "weeks busier than your usual",
        "weeks at {v} times your usual activity or less",
        "weeks at more than {v} times your usual activity",
        "weeks busier than your usual",
        name="activity against your usual",
        unit=("×", "×"),
    ),
    "activity_spike": Factor(
        "activity",
        "high",
        "quieter days than lately",
        "big days for you lately",
        "days with up to {pct} of your longest recent day's activity",
        "days with more than {pct} of your longest recent day's activity",
        name="activity against your longest recent day",
        unit=("×", "×"),
    ),
    "rest_breaks": Factor(
        "rest",
        "high",
        "days with few rest breaks",
        "days with rest breaks",
        "days with {v} {u} or fewer",
        "days with more than {v} {u}",
        "days with any rest break",
        name="rest breaks",
        unit=("rest break", "rest breaks"),
    ),
    "stress": _rating("stress", "high", "calm days", "stressful days", "stress"),
    "mood": _rating("stress", "low", "low-mood days", "good-mood days", "mood"),
    "energy": _rating("stress", "low", "low-energy days", "high-energy days", "energy"),
    "breathing_minutes": Factor(
        "practice",
        "high",
        "days without slow breathing",
        "days with slow breathing",
        "days with {v} {u} of slow breathing or less",
        "days with more than {v} {u} of slow breathing",
        "days with any slow breathing",
        name="slow breathing",
        unit=("minute", "minutes"),
    ),
    "mindfulness_minutes": Factor(
        "practice",
        "high",
        "days without mindfulness",
        "days with mindfulness",
        "days with {v} {u} of mindfulness or less",
        "days with more than {v} {u} of mindfulness",
        "days with any mindfulness",
        name="mindfulness",
        unit=("minute", "minutes"),
    ),
    "meal_regularity": _rating(
        "meals", "low", "days of irregular meals", "days of regular meals", "meal regularity"
    ),
    "late_meal": Factor(
        "meals",
        "high",
        "days without a late meal",
        "late meals",
        "days without a late meal",
        "days with a late meal",
        "days with a late meal",
        name="a late meal",
        unit=("", ""),
        name_plural="late meals",
    ),
    "alcohol_units": Factor(
        "alcohol",
        "high",
        "days without alcohol",
        "days with more alcohol",
        "days with {v} {u} of alcohol or less",
        "days with more than {v} {u} of alcohol",
        "days with any alcohol",
        name="alcohol",
        unit=("unit", "units"),
    ),
    "nsaid_doses": Factor(
        "nsaid",
        "high",
        "days without NSAIDs",
        "days with NSAIDs",
        "days with {v} {u} or fewer",
        "days with more than {v} {u}",
        "days with an NSAID",
        name="NSAID doses",
        unit=("NSAID dose", "NSAID doses"),
    ),
    "pain": _rating("pain", "high", "days of lower pain", "days of rising pain", "pain"),
}

#: Clinical words, explained wherever a statement uses them.
EXPLAIN = {
    "acwr": "“Usual” here is your activity over the past four weeks. Clinicians call this "
    "comparison the acute:chronic workload ratio (ACWR): above 1 means a busier week "
    "than usual.",
    "activity_spike": "Your “longest recent day” is your most active day in the 30 days before.",
    "nsaid_doses": "NSAIDs are anti-inflammatory painkillers such as ibuprofen or naproxen. "
    "Pain can lead to taking them, so this link may run either way.",
}

#: Said under a factor's statement when more of it went with more pain, where that seemed to
#: contradict another screen: "more than 51 minutes of activity, more pain" beside "What
#: helps" showing walking days with less pain.
WHEN_WORSE = {
    "activity_minutes": "This is about how much you did in a day, not whether you moved: "
    "a walk or other steady movement can still help (What helps compares those days). "
    "Build up slowly, in amounts you can keep up.",
}

def factor_info(name: str) -> Factor:
    """How a factor is told; a custom tracker ("custom.jaw_tension") reads as its own name."""
    if name in FACTORS:
        return FACTORS[name]
    plain = name.split(".", 1)[-1].replace("_", " ")
    return Factor(
        "custom",
        "high",
        f"days of low {plain}",
        f"days of high {plain}",
        f"{plain} of {{v}} or less",
        f"{plain} above {{v}}",
        name=plain,
    )
