"""Personal warning signs: the person's own patterns as rules on one day's data (pure, no DB).

Which patterns become signs (docs/reminders-and-alerts.md, "Personal warning signs"):
a pattern the analysis reports (it already passed the false-discovery control and the
honesty rules) whose ``claim`` is "cause" and whose days go with *more* pain or flares,
plus early signs of a flare (precursors). Never a same-day link (lag 0): pain itself may
drive those. ``claim`` and ``condition`` are read through
``server.insights.findings.claim_and_condition``, which also serves older stored results.

A sign watches one day's values. It fires once per crossing with the re-arm rule of
``server.alerts.rules.step``, with one addition: only a *finished* day (before today)
re-arms, because today's sums still grow (20 minutes of activity at noon may be 90 by
the evening). A crossing is worth a heads-up only while the day it speaks of is ahead.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from server.alerts.rules import RuleState
from server.analysis import wording
from server.analysis.patterns.combinations import notable_term
from server.insights.factors import PRACTICES, TOPICS, factor_info
from server.insights.findings import CAUSE, claim_and_condition

#: A precursor speaks of "the 1–3 days before a flare" (server/analysis precursor search).
PRECURSOR_WINDOW = 3
#: Days of history behind a cut the pattern left open (a combination's "top third").
CUT_HISTORY_DAYS = 180
#: Kinds a person can mute, by a short name (one line at 200 % text on a phone: the mute
#: switches sit side by side in the signs list) ...
KINDS = {
    "threshold": "Your own limits",
    "lagged": "After-effects",
    "combination": "Two things together",
    "precursor": "Early signs of a flare",
}
#: ... and what each means, told inside each sign's "Why we believe this".
KIND_ABOUT = {
    "threshold": "after days past a certain amount",
    "lagged": "more of something, more pain later",
    "combination": "two things on the same day",
    "precursor": "what tends to change in the days before a flare",
}
#: Plain suggestions by topic when the person's data names nothing that helped. Own choice,
#: after the practices the app guides (docs/practices.md). Each sentence speaks of its
#: topic's practice, which lives in server/insights/factors.py TOPICS (one home).
TOPIC_ADVICE = {
    "activity": "A lighter day and a rest break or two may soften it.",
    "rest": "A rest break or two may soften it.",
    "sleep": "Your bedtime routine tonight may help.",
    "meals": "Your bedtime routine tonight may help.",
    "stress": "A few minutes with the breathing pacer may help.",
}
#: For a topic without a sentence or a practice of its own (alcohol, your own trackers).
DEFAULT_ADVICE = ("A few minutes with the breathing pacer may help.", "breathing")
WORDS = wording.COUNT_WORDS


@dataclass(frozen=True)
class Sign:
    """One warning rule of one person.

    ``terms`` are the condition's terms with every cut known; ``lag`` is the first day
    the effect is expected after a crossing and ``window`` how many days it covers
    (1, or 3 for an early sign of a flare). ``n_days`` is how many days the pattern rests on.
    """

    key: str
    kind: str
    factors: tuple[str, ...]
    terms: tuple[dict, ...]
    outcome: str
    lag: int
    window: int
    effect: float
    ci_low: float
    ci_high: float
    n_days: int
    summary: str
    topic: str

    def to_dict(self) -> dict:
        return {"key": self.key, "kind": self.kind, "factors": list(self.factors),
                "condition": {"all": [dict(t) for t in self.terms]}, "outcome": self.outcome,
                "lag_days": self.lag, "window_days": self.window, "effect": self.effect,
                "ci_low": self.ci_low, "ci_high": self.ci_high, "n_days": self.n_days,
                "summary": self.summary, "topic": self.topic}

    @classmethod
    def from_dict(cls, d: dict) -> Sign:
        return cls(d["key"], d["kind"], tuple(d["factors"]), tuple(d["condition"]["all"]),
                   d["outcome"], d["lag_days"], d["window_days"], d["effect"], d["ci_low"],
                   d["ci_high"], d["n_days"], d["summary"], d["topic"])


@dataclass(frozen=True)
class Crossing:
    """A sign crossed on ``day``; the effect is expected from ``first`` to ``last``."""

    sign: Sign
    day: date
    first: date
    last: date


def sign_key(kind: str, factors, ops, outcome: str, lag: int) -> str:
    """A stable id for a sign: its shape, not its cut, so a cut that moves from 51 to 52
    minutes as data grows stays the same rule with the same track record."""
    text = "|".join([kind, ",".join(factors), ",".join(ops), outcome, str(lag)])
    return "w:" + hashlib.sha1(text.encode()).hexdigest()[:12]


def is_warning(p: dict) -> bool:
    """A reported pattern that warns: a cause going with more pain or flares, at a lag of
    a day or more, or an early sign of a flare (pain itself excepted: it is the outcome)."""
    if p.get("kind") == "precursor":
        return p.get("factors") != ["pain"]
    claim, _ = claim_and_condition(p)
    return claim == CAUSE and p.get("direction") == "worse" and int(p.get("lag_days") or 0) >= 1


def signs_from_patterns(patterns: list[dict], history: list[dict]) -> list[Sign]:
    """The person's warning signs from their reported patterns.

    ``history``: recent days' values (factor name -> value), used only to fill in a cut the
    pattern leaves open, the way the analysis defines the days it speaks of.
    """
    signs = {}
    for p in patterns:
        if not is_warning(p):
            continue
        terms = _terms(p, history)
        if terms is None:
            continue
        sign = _sign(p, terms)
        signs.setdefault(sign.key, sign)  # patterns come strongest first
    return list(signs.values())


def _sign(p: dict, terms: tuple[dict, ...]) -> Sign:
    precursor = p["kind"] == "precursor"
    # a timing the person's logging leaves open (lag_range [1, 3] for lag 2 every other day)
    # is watched over all its days: a warning for "2 days later" only would be a wrong claim
    first, last = p.get("lag_range") or (p["lag_days"], p["lag_days"])
    lag = 1 if precursor else int(first)
    ops = [t["op"] for t in terms]
    return Sign(
        key=sign_key(p["kind"], p["factors"], ops, p["outcome"], lag), kind=p["kind"],
        factors=tuple(p["factors"]), terms=terms, outcome=p["outcome"], lag=lag,
        window=PRECURSOR_WINDOW if precursor else int(last) - lag + 1, effect=float(p["effect"]),
        ci_low=float(p["ci_low"]), ci_high=float(p["ci_high"]), n_days=int(p.get("n") or 0),
        summary=p.get("summary", ""), topic=factor_info(p["factors"][0]).topic)


def _terms(p: dict, history: list[dict]) -> tuple[dict, ...] | None:
    """The condition's terms with every cut known: the analysis's own where it gives them,
    else filled in from the person's history the way the analysis defines the days."""
    _, condition = claim_and_condition(p)
    terms = []
    for term in condition.get("all", []):
        if term.get("value") is None:
            term = _precursor_term(p, history) if p["kind"] == "precursor" else _notable_cut(term, history)
        if term is None or term.get("op") not in (">", ">=", "<", "<=", "=="):
            return None
        terms.append({"factor": term["factor"], "op": term["op"], "value": float(term["value"])})
    return tuple(terms) or None


def _seen(name: str, history: list[dict]) -> list[float]:
    return sorted(d[name] for d in history[-CUT_HISTORY_DAYS:] if d.get(name) is not None)


def _quantile(values: list[float], q: float) -> float:
    pos = q * (len(values) - 1)
    low = int(pos)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (pos - low)


def _notable_cut(term: dict, history: list[dict]) -> dict | None:
    """A combination's open cut (older stored results had none): the notable end by the
    analysis's own rule (``notable_term``), on the person's recent days, so the sign watches
    the days the pair search compared."""
    seen = _seen(term["factor"], history)
    if len(seen) < 30:
        return None
    return notable_term(term["factor"], np.asarray(seen, dtype=float))


def _precursor_term(p: dict, history: list[dict]) -> dict | None:
    """An early sign's cut for older stored results without one: halfway from the person's
    usual value (median) toward the average before flares, as the analysis now gives it."""
    name, shift = p["factors"][0], float(p["effect"])
    seen = _seen(name, history)
    if len(seen) < 30 or shift == 0:
        return None
    if set(seen) <= {0.0, 1.0}:
        return {"factor": name, "op": "==", "value": 1.0 if shift > 0 else 0.0}
    return {"factor": name, "op": ">" if shift > 0 else "<",
            "value": round(_quantile(seen, 0.5) + shift / 2, 2)}


def holds(terms, values: dict) -> bool | None:
    """Whether one day's values meet every term; None when the day lacks a factor."""
    results = []
    for t in terms:
        value = values.get(t["factor"])
        if value is None:
            return None
        cut, op = t["value"], t["op"]
        results.append({">": value > cut, ">=": value >= cut, "<": value < cut,
                        "<=": value <= cut, "==": value == cut}[op])
    return all(results)


def walk(signs: list[Sign], days: dict[date, dict], states: dict[str, RuleState], today: date,
         start: date) -> tuple[list[Crossing], dict[str, RuleState]]:
    """Run every sign through the days from after its last change (not before ``start``) to
    ``today``; returns the crossings worth a heads-up and each sign's new state.

    A crossing is worth one when it is from today or yesterday (a late sync) and the first
    day it speaks of is today or later.
    """
    crossings, new_states = [], {}
    for sign in signs:
        state = states.get(sign.key) or RuleState()
        first = max(start, state.changed_on + timedelta(days=1)) if state.changed_on else start
        day = first
        while day <= today:
            state, crossing = _step(sign, state, holds(sign.terms, days.get(day, {})), day, today)
            if crossing is not None:
                crossings.append(crossing)
            day += timedelta(days=1)
        new_states[sign.key] = state
    return crossings, new_states


def _step(sign: Sign, state: RuleState, held: bool | None, day: date, today: date):
    if held is True and state.status == "armed":
        first = day + timedelta(days=sign.lag)
        last = first + timedelta(days=sign.window - 1)
        fresh = day >= today - timedelta(days=1) and last >= today
        return RuleState("fired", day), Crossing(sign, day, first, last) if fresh else None
    if held is False and state.status == "fired" and day < today:
        return RuleState("armed", day), None
    return state, None


# --- words ---------------------------------------------------------------------------------

def when_words(first: date, last: date, today: date) -> str:
    """ "tomorrow", "the day after tomorrow", "in the next three days" — from today."""
    if first != last:
        days = (last - today).days
        return "in the next day" if days <= 1 else f"in the next {WORDS.get(days, days)} days"
    ahead = (first - today).days
    return {0: "today", 1: "tomorrow", 2: "the day after tomorrow"}.get(ahead, f"in {ahead} days")


def _is_night(sign: Sign) -> bool:
    """A single-factor sign about last night (sleep hours, quality, wakings)."""
    return len(sign.factors) == 1 and factor_info(sign.factors[0]).night and sign.kind != "precursor"


def lag_words(sign: Sign) -> str:
    """When the effect comes after a day that crosses the sign, in plain words."""
    if sign.kind == "precursor":
        return f"a flare is more likely in the {WORDS.get(sign.window, sign.window)} days after such a day"
    last = sign.lag + sign.window - 1   # a window over 1 day: a timing told as a range
    if _is_night(sign):
        # A night is kept on the day it ends, and a sleep sign is told from the night, as
        # Patterns tells it (docs/insights.md): its lag 1 is "two days after such a night";
        # "the next day" read as the day right after the night, a day early.
        after = sign.lag + 1
        later = ("the day after such a night" if after == 1
                 else f"{WORDS.get(after, after)} days after such a night")
        if sign.window > 1:
            later = f"{WORDS.get(after, after)} to {WORDS.get(last + 1, last + 1)} days after such a night"
    elif sign.window > 1:
        later = f"{WORDS.get(sign.lag, sign.lag)} to {WORDS.get(last, last)} days later"
    else:
        later = "the next day" if sign.lag == 1 else f"{WORDS.get(sign.lag, sign.lag)} days later"
    return f"{'flares more likely' if sign.outcome == 'flare' else 'pain likely higher'} {later}"


def kind_words(kind: str) -> str:
    """A kind's name with what it means: "After-effects (more of something, more pain later)"."""
    return f"{KINDS.get(kind, kind)} ({KIND_ABOUT[kind]})" if kind in KIND_ABOUT else kind


def watch_words(sign: Sign) -> str:
    """What to watch for, naming the days as the pattern's summary does ("days with more
    than 51 minutes of activity", "nights of 6 hours' sleep or less"): with ``lag_words``,
    the one line the signs list shows for a sign before its evidence."""
    parts = [_term_days(t) for t in sign.terms]
    days = parts[0] + "".join(" and " + p.removeprefix("days ") for p in parts[1:])
    return wording.as_nights(days) if _is_night(sign) else days


def _term_days(term: dict) -> str:
    name, op, cut = term["factor"], term["op"], float(term["value"])
    if op == "==" and cut == 0:
        return f"days without {wording.label(name)[0]}"
    if op == "==" or (op == ">=" and cut == 1):  # a yes/no factor (phrasing._described_term)
        return wording.days_with(name)
    if op in ("<", "<="):
        return wording.days_at_most(name, cut)
    # a cut at zero reads "any" ("days with any alcohol"), as the summary says it
    return wording.days_above(name, cut, 0.0 if cut == 0 else float("-inf"))


def effect_words(sign: Sign) -> str:
    """The size with its interval, in plain words (no "CI")."""
    if sign.kind == "precursor":
        return f"seen before your flares over {sign.n_days} days of your data"
    if sign.outcome == "flare":
        # an odds ratio, not a risk ratio: "3.9 times as likely" overstated it (with flares on
        # 15 % of days, odds ×3.9 make a flare about 2.7 times as likely), so say "odds"
        if wording.wide_odds(sign.ci_low, sign.ci_high):  # too few flares for one figure
            return (f"the odds of a flare higher, probably between {wording.figure(sign.ci_low)} "
                    f"and {wording.figure(sign.ci_high)} times as high")
        return (f"the odds of a flare about {sign.effect:.1f} times as high, probably between "
                f"{sign.ci_low:.1f} and {sign.ci_high:.1f} times")
    return (f"pain about {abs(sign.effect):.1f} points higher on the 0–10 scale, probably "
            f"between {abs(sign.ci_low):.1f} and {abs(sign.ci_high):.1f}")


def title(crossing: Crossing, today: date, first: date | None = None, last: date | None = None) -> str:
    """The alert's headline; ``first``/``last`` widen it to a group's days."""
    when = when_words(first or crossing.first, last or crossing.last, today)
    if crossing.sign.kind == "precursor" or crossing.sign.outcome == "flare":
        return f"Heads-up: a flare is more likely {when}"
    return f"Heads-up: pain likely higher {when}"


def explanation(crossing: Crossing) -> str:
    """Why the alert came, as stored text: "From your own data: …", the day it crossed, when,
    how much (``explanation_parts`` in plain English, the days named)."""
    return plain_text(explanation_parts(crossing))


def explanation_parts(crossing: Crossing) -> list:
    """Why the alert came, with its days left as days: strings, and ``{"on": date}`` (a day
    the sentence starts with: "On Tue 1 Dec" / "Yesterday"), ``{"night_before": date}`` ("The
    night before Tue 1 Dec" / "Last night") and ``{"from": date, "to": date}`` (the days the
    effect is expected: "on Wed 2 Dec" / "tomorrow" / "between … and …").

    The text is stored and read later, when a "tomorrow" of the day it was sent points at the
    wrong day: the app words each day on the day it is read, in the person's locale and time
    zone (pwa/js/domain/day-words.js). It never leaves the app (a push carries fixed words
    only, server/push/payloads.py)."""
    sign = crossing.sign
    such = [{"on": crossing.day.isoformat()}, " you had such a day"]
    if _is_night(sign):
        # the crossing day's check-in told of the night before it (kept on the day it ends)
        such = [{"night_before": crossing.day.isoformat()}, " was such a night"]
    worse = "a flare is more likely" if sign.kind == "precursor" or sign.outcome == "flare" \
        else "pain is likely to be higher"
    return [f"From your own data: {_sentence(sign.summary)} ", *such, f", so {worse} ",
            {"from": crossing.first.isoformat(), "to": crossing.last.isoformat()},
            f" ({effect_words(sign)}; the pattern rests on {sign.n_days} days)."]


def plain_text(parts: list) -> str:
    """``explanation_parts`` with its days named in English ("On Tue 1 Dec"): the stored text,
    for a reader that does not word the days itself."""
    words = []
    for part in parts:
        if isinstance(part, str):
            words.append(part)
        elif "on" in part:
            words.append(f"On {day_name(date.fromisoformat(part['on']))}")
        elif "night_before" in part:
            words.append(f"The night before {day_name(date.fromisoformat(part['night_before']))}")
        else:
            words.append(days_words(date.fromisoformat(part["from"]), date.fromisoformat(part["to"])))
    return "".join(words)


def day_name(day: date) -> str:
    """ "Tue 1 Dec": the stored text's English name of a day (the app shows the day in the
    person's locale from ``explanation_parts``, pwa/js/domain/day-words.js)."""
    return f"{day:%a} {day.day} {day:%b}"


def days_words(first: date, last: date) -> str:
    """ "on Wed 2 Dec", or "between Wed 2 Dec and Fri 4 Dec" for a range of days."""
    if first == last:
        return f"on {day_name(first)}"
    return f"between {day_name(first)} and {day_name(last)}"


def read_day(day: date, today: date, past: bool = True) -> tuple[bool, str]:
    """ "today", "tomorrow", "yesterday" (unless not ``past``) for a day next to ``today``,
    else its name ("Wed 2 Dec"); and whether it was a near day. The app's dayWord
    (pwa/js/domain/day-words.js) in English, so the API says what the app shows."""
    near = {-1: "yesterday" if past else None, 0: "today", 1: "tomorrow"}.get((day - today).days)
    return (True, near) if near else (False, day_name(day))


def read_when(first: date, last: date, today: date) -> str:
    """When the effect is expected, read on ``today``: "tomorrow", "on Wed 2 Dec", "between
    today and Fri 4 Dec" (the app's whenWords). ``when_words`` counts from the send day, and a
    day already past came out as "in -2 days"."""
    near, words = read_day(first, today, past=False)
    if first == last:
        return words if near else f"on {words}"
    return f"between {words} and {read_day(last, today, past=False)[1]}"


def read_text(parts: list, today: date) -> str:
    """``explanation_parts`` worded on ``today``: "Yesterday you had such a day, so pain is
    likely to be higher today (…)" (the app's explanationText, in English)."""
    words = []
    for part in parts:
        if isinstance(part, str):
            words.append(part)
        elif "on" in part:
            near, day = read_day(date.fromisoformat(part["on"]), today)
            words.append(day.capitalize() if near else f"On {day}")
        elif "night_before" in part:
            night = date.fromisoformat(part["night_before"])
            words.append({0: "Last night", -1: "The night before last"}.get(
                (night - today).days, f"The night before {day_name(night)}"))
        else:
            words.append(read_when(date.fromisoformat(part["from"]), date.fromisoformat(part["to"]), today))
    return "".join(words)


def read_title(stored: str, first: date, last: date, today: date) -> str:
    """A personal alert's stored headline ("Heads-up: pain likely higher tomorrow", its
    "tomorrow" the day after it was sent) worded on ``today``, as ``title`` words it."""
    worse = "a flare is more likely" if "flare" in stored.lower() else "pain likely higher"
    return f"Heads-up: {worse} {read_when(first, last, today)}"


#: The stored explanations of personal alerts sent before their days were kept as days: the
#: day they crossed ("Today was such a day", later "On Tue 1 Dec you had such a day") and the
#: days they speak of ("tomorrow", later "on Wed 2 Dec"), as this module wrote them.
_DAY = r"[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}"
_STORED = re.compile(
    rf"(?P<such>(?:Today|Yesterday) was such a day|On {_DAY} you had such a day"
    rf"|(?P<night>Last night|The night before last|The night before {_DAY}) was such a night)"
    r", so (?P<worse>a flare is more likely|pain is likely to be higher) "
    rf"(?P<when>today|tomorrow|the day after tomorrow|in \d+ days|in the next day|in the next \w+ days"
    rf"|on {_DAY}|between {_DAY} and {_DAY}) \(")


def stored_parts(text: str, day: date, first: date | None, last: date | None) -> list | None:
    """An older stored explanation as ``explanation_parts``, its days taken from the alert's
    own columns (``day`` it crossed, ``first``..``last`` it speaks of) rather than from its
    words, whose "today" and "tomorrow" were the day it was sent; None when it is not one."""
    found = _STORED.search(text or "")
    if found is None or first is None:
        return None
    such = ([{"night_before": day.isoformat()}, " was such a night"] if found["night"]
            else [{"on": day.isoformat()}, " you had such a day"])
    return [text[:found.start()], *such, f", so {found['worse']} ",
            {"from": first.isoformat(), "to": (last or first).isoformat()}, text[found.end() - 2:]]


def term_words(term: dict) -> str:
    """One term in the person's units, as Patterns tells cuts ("days with more than 51 minutes
    of activity", "nights of 6 hours or less")."""
    info = factor_info(term["factor"])
    value = float(term["value"])
    shown = f"{round(value, 1):g}"
    template = info.cut_high if term["op"] in (">", ">=") else info.cut_low
    unit = info.unit[0] if shown == "1" else info.unit[1]
    return template.format(v=shown, u=unit, pct=f"{round(value * 100)}%")


def moved_line(fired: list[dict], now: list[dict]) -> str | None:
    """The words for a line that moved between an alert (``fired``: its terms then) and now
    (``now``: the sign's terms today), or None when every cut reads the same.

    A sign keeps its key when its cut moves (``sign_key``), and a cut is worked out again
    from all the person's days at each analysis (a lagged pattern's is the middle of their
    days; a threshold's the best-supported cut), so an alert sent at "more than 49 minutes"
    can sit beside Patterns' "more than 51 minutes" for the same sign. Both are honest
    figures for their time; the person is told which is which (docs/reminders-and-alerts.md).
    """
    before = {(t["factor"], t["op"]): t for t in fired if t.get("op") != "=="}
    moved = [(before[(t["factor"], t["op"])], t) for t in now if (t["factor"], t["op"]) in before]
    moved = [(then, t) for then, t in moved if term_words(then) != term_words(t)]
    if not moved:
        return None
    then = " and ".join(term_words(a) for a, _ in moved)
    current = " and ".join(term_words(b) for _, b in moved)
    return (f"When this was sent, this sign spoke of {then}. With your check-ins since, the "
            f"same sign speaks of {current}, as your warning signs and Patterns show: its line "
            "is worked out again from all your days, so it can move a little as they grow.")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(".") else text + "."


def suggestion(sign: Sign, patterns: list[dict]) -> dict:
    """What to try: the person's own "what helps" pattern nearest the sign's topic, and the
    practice that fits it (a lighter day, a rest break, the breathing pacer, bedtime)."""
    helps = [p for p in patterns if _helps(p)]
    helps.sort(key=lambda p: (factor_info(p["factors"][0]).topic != sign.topic, -abs(p["effect"])))
    text, practice_key = advice(sign.topic)
    helped = helps[0] if helps else None
    if helped is not None:
        practice_key = topic_practice(factor_info(helped["factors"][0]).topic) or practice_key
        text = f"What helped you before: {_sentence(helped['summary'])} {text}"
    return {"text": text, "practice": PRACTICES.get(practice_key)}


def topic_practice(topic: str) -> str | None:
    """The practice key that fits a topic (server/insights/factors.py TOPICS), if any."""
    return TOPICS.get(topic, (None, None))[1]


def advice(topic: str) -> tuple[str, str]:
    """The plain sentence and practice key for a sign's topic: its own sentence with its
    topic's practice, else the default (the breathing pacer)."""
    practice = topic_practice(topic)
    if topic in TOPIC_ADVICE and practice:
        return TOPIC_ADVICE[topic], practice
    return DEFAULT_ADVICE


def _helps(p: dict) -> bool:
    claim, _ = claim_and_condition(p)
    return claim == CAUSE and p.get("direction") == "better" and p.get("kind") != "precursor" \
        and int(p.get("lag_days") or 0) >= 1


# --- the track record ---------------------------------------------------------------------

#: Own choice: a worse day is a flare, or pain a point or more above the person's usual (the
#: median of the 28 days before). A warning "came true" when its window held one.
USUAL_DAYS = 28
WORSE_BY = 1.0
#: Below this many warnings whose days have passed, a record says too little to judge.
MIN_RECORD = 8


@dataclass(frozen=True)
class Record:
    """How often a rule's warned days were worse, against how often days are anyway."""

    warned: int
    came_true: int
    hit_rate: float | None
    base_rate: float | None
    retired: bool

    def to_dict(self) -> dict:
        return {"warned": self.warned, "came_true": self.came_true, "hit_rate": self.hit_rate,
                "base_rate": self.base_rate, "retired": self.retired, "words": self.words()}

    def words(self) -> str:
        if self.warned == 0:
            return "No warning from this rule has come due yet."
        base = "" if self.base_rate is None else (
            f", against {self.base_rate:.0%} of days anyway")
        text = f"Right {self.came_true} of {self.warned} times ({self.hit_rate:.0%}){base}."
        if self.retired:
            text += (" Retired: its warnings came true no more often than worse days come "
                     "anyway, so it no longer sends any.")
        elif self.warned < MIN_RECORD:
            text += " Too few yet to judge."
        return text


def worse_days(days: dict[date, dict]) -> dict[date, bool]:
    """Day -> whether it was worse (see WORSE_BY); days without pain are left out."""
    out = {}
    ordered = sorted(d for d, v in days.items() if v.get("pain_mean") is not None)
    for i, day in enumerate(ordered):
        v = days[day]
        past = [days[d]["pain_mean"] for d in ordered[max(0, i - USUAL_DAYS):i]
                if d >= day - timedelta(days=USUAL_DAYS)]
        usual = sorted(past)[len(past) // 2] if len(past) >= 7 else None
        flare = bool(v.get("flare"))
        out[day] = flare or (usual is not None and v["pain_mean"] >= usual + WORSE_BY)
    return out


def came_true(worse: dict[date, bool], first: date, last: date) -> bool | None:
    """Whether a window held a worse day; None when none of its days was recorded."""
    seen = [worse[d] for d in _dates(first, last) if d in worse]
    return any(seen) if seen else None


def base_rate(worse: dict[date, bool], window: int, start: date, end: date) -> float | None:
    """Share of windows of ``window`` days starting in [start, end] that held a worse day."""
    results = [came_true(worse, d, d + timedelta(days=window - 1)) for d in _dates(start, end)]
    known = [r for r in results if r is not None]
    return sum(known) / len(known) if len(known) >= 14 else None


def record(windows: list[tuple[date, date]], worse: dict[date, bool], window: int,
           today: date) -> Record:
    """A rule's record from its warnings' windows (first, last day): only windows that have
    passed count; the base rate is measured over the same stretch of days."""
    done = [came_true(worse, first, last) for first, last in windows if last < today]
    done = [d for d in done if d is not None]
    if not done:
        return Record(0, 0, None, None, False)
    start = min(first for first, _ in windows) - timedelta(days=60)
    base = base_rate(worse, window, start, today - timedelta(days=window))
    hits = sum(done)
    rate = hits / len(done)
    retired = base is not None and len(done) >= MIN_RECORD and rate <= base
    return Record(len(done), hits, round(rate, 3), None if base is None else round(base, 3), retired)


def _dates(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)
