"""The Insights first screen, built in one place for every client: one takeaway for the week,
and the patterns grouped by topic with one plain statement per factor.

Pure: it reads the patterns response, the load days and the last week's daily values, and
returns plain dicts (the body of GET /api/insights/overview). Wording rules, in
docs/insights.md: headlines carry no statistics; a pattern whose ``claim`` is "together"
(a same-day link that pain itself may drive) is never told as a cause; cut points of one
factor are told from the same side, mildest first, so two findings never read as a
contradiction; clinical words are explained where they appear.
"""

from __future__ import annotations

from datetime import date, timedelta

from server.analysis.change import clear_change
from server.analysis.wording import COUNT_WORDS as WORDS
from server.analysis.engine import SPARSE_NOTE, SPARSE_SHARE
from server.insights.factors import (
    EXPLAIN,
    FACTORS,
    PRACTICES,
    TOPICS,
    WHEN_WORSE,
    factor_info,
)
from server.insights.findings import (
    CAUSE,
    TOGETHER,
    Finding,
    claim_and_condition,
    finding,
)

# ---------------------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------------------


def before_flare(days: int) -> str:
    """ "In the day before a flare", "In the 3 days before a flare" (a precursor's window)."""
    return (
        "In the day before a flare"
        if days <= 1
        else f"In the {WORDS.get(days, days)} days before a flare"
    )


def number(value: float) -> str:
    """7, 7.5, 51 — no trailing .0, at most one decimal."""
    return f"{round(value, 1):g}"


def timing(lag: int, night: bool = False, span: tuple[int, int] | None = None) -> str:
    """When the pain came, counted from the day — or, for a night, from the night: a night is
    kept on the day it ends, so lag 0 is "the day after" it and lag 1 "two days after".
    ``span``: the pattern's lag_range; wider than the lag (gaps in the person's check-ins
    left its neighbours unobserved), the timing is that range, never one day."""
    if span and span[0] != span[1]:
        return _timing_range(span, night)
    if night:
        return "the day after" if lag == 0 else f"{WORDS.get(lag + 1, lag + 1)} days after"
    if lag == 0:
        return "on the same day"
    if lag == 1:
        return "the next day"
    return f"{WORDS.get(lag, lag)} days later"


def _timing_range(span: tuple[int, int], night: bool) -> str:
    """ "one to three days later", "two to four days after" (a night), "on the same day or
    the next"."""
    first, last = span
    if night:
        return f"{WORDS.get(first + 1, first + 1)} to {WORDS.get(last + 1, last + 1)} days after"
    if first == 0:
        return "on the same day or the next" if last == 1 else \
            f"on the same day or up to {WORDS.get(last, last)} days later"
    return f"{WORDS.get(first, first)} to {WORDS.get(last, last)} days later"


def is_night(name: str) -> bool:
    return factor_info(name).night


def timings(lags, night: bool = False) -> str:
    """ "on the same day", or "on the same day and two days later" for several lags; a lag
    may be a (first, last) range (see ``timing``)."""
    ordered = sorted({tuple(x) if isinstance(x, (list, tuple)) else (x, x) for x in lags})
    parts = [timing(first, night, (first, last)) for first, last in ordered]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def outcome_words(outcomes: set[str], more: bool) -> str:
    words = {
        "pain": "more pain" if more else "less pain",
        "flare": "more flares" if more else "fewer flares",
    }
    return " and ".join(words[o] for o in ("pain", "flare") if o in outcomes)


def outcomes_when(when: dict[str, list], more: bool, night: bool) -> str:
    """ "more pain and more flares the next day" when both came on the same days, else each
    with its own days: "more pain the next day and more flares three days later" ("more pain
    and more flares the next day and three days later" claimed flares the next day that no
    finding showed). ``when``: outcome -> its lags or (first, last) lag ranges."""
    told = [o for o in ("pain", "flare") if o in when]
    spans = [sorted(_as_spans(when[o])) for o in told]
    if all(x == spans[0] for x in spans):
        return f"{outcome_words(set(told), more)} {timings(spans[0], night)}"
    return " and ".join(f"{outcome_words({o}, more)} {timings(x, night)}"
                        for o, x in zip(told, spans))


def _as_spans(lags) -> set[tuple[int, int]]:
    return {tuple(x) if isinstance(x, (list, tuple)) else (x, x) for x in lags}


def verb(claims: set[str]) -> str:
    """ "were followed by" only when every finding is a "cause" claim; else "went with"."""
    return "were followed by" if claims == {CAUSE} else "went with"


def cut_phrase(f: Finding) -> str | None:
    """The notable side's days in the factor's unit ("nights of 7.1 hours or less")."""
    info = factor_info(f.factor)
    if f.cut is None:
        return info.any_high or (info.high if info.notable == "high" else info.low)
    high_side = f.op in (">", ">=")
    if high_side and info.any_high and f.cut == (1 if f.factor == "acwr" else 0):
        return info.any_high
    template = info.cut_high if high_side else info.cut_low
    unit = info.unit[0] if number(f.cut) == "1" else info.unit[1]
    return template.format(v=number(f.cut), u=unit, pct=f"{round(f.cut * 100)}%")


def size_phrase(f: Finding) -> str:
    """ "about 0.6 points more pain", "more flares" — flare odds stay behind the details."""
    if f.outcome == "flare":
        return "more flares" if f.more else "fewer flares"
    way = "more" if f.more else "less"
    points = "point" if round(f.size, 1) == 1 else "points"
    return f"about {number(f.size)} {points} {way} pain"


def side_phrase(name: str) -> str:
    info = factor_info(name)
    return info.low if info.notable == "low" else info.high


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# ---------------------------------------------------------------------------------------
# Statements per factor, groups per topic
# ---------------------------------------------------------------------------------------


def factor_statement(name: str, findings: list[Finding]) -> dict:
    """One plain statement for every finding about one factor, cut points merged.

    Findings that agree (all "more pain" on the notable side, or all "less") read as one
    sentence with a line per cut point, mildest first. Findings that disagree are said to
    disagree, with no conclusion drawn.
    """
    lagged = [f for f in findings if f.kind != "precursor"]
    precursors = [f for f in findings if f.kind == "precursor"]
    ways = {f.more for f in lagged}
    statement = {
        "factor": name,
        "claim": CAUSE if lagged and all(f.claim == CAUSE for f in lagged) else TOGETHER,
        "patterns": [f.index for f in findings],
        "explain": EXPLAIN.get(name),
        "lag_days": sorted({f.lag for f in lagged}),
        "lag_ranges": [list(r) for r in sorted({f.span for f in lagged})],
        "outcomes": sorted({f.outcome for f in lagged}),
    }
    if len(ways) > 1:
        statement.update(
            direction="mixed",
            text=(
                f"{capital(_plain(name))}: the signs point both ways — some days with more "
                "went with "
                "more pain, others with less — so we are not drawing a conclusion yet."
            ),
            details=_details(lagged),
        )
        return statement
    if lagged:
        more = ways.pop()
        when = {o: sorted({f.span for f in lagged if f.outcome == o})
                for o in {f.outcome for f in lagged}}
        statement.update(
            direction="worse" if more else "better",
            text=(
                f"{capital(side_phrase(name))} {verb({f.claim for f in lagged})} "
                f"{outcomes_when(when, more, is_night(name))}."
            ),
            when=when,
            details=_details(lagged) + [_precursor_detail(f) for f in precursors],
        )
        if more and name in WHEN_WORSE:
            statement["explain"] = " ".join(filter(None, [statement["explain"], WHEN_WORSE[name]]))
        return statement
    statement.update(
        direction="early_sign",
        text=(
            f"{capital(_sign_side(name, precursors))} often came in the days before a flare — "
            "an early sign "
            "to watch, not a cause."
        ),
        details=[_precursor_detail(f) for f in precursors],
    )
    return statement


def _sign_side(name: str, precursors: list[Finding]) -> str:
    """The side the factor was on before flares ("low-energy days"), whichever way that was."""
    info = factor_info(name)
    return info.high if precursors and precursors[0].more else info.low


def _plain(name: str) -> str:
    info = factor_info(name)
    return {"sleep": "sleep", "activity": "activity"}.get(info.topic, side_phrase(name))


def _mildest_first(findings: list[Finding]) -> list[Finding]:
    """Cut points from the mildest to the most extreme on the notable side."""
    low = factor_info(findings[0].factor).notable == "low" if findings else False
    return sorted(
        findings,
        key=lambda f: (
            f.cut is None,
            -(f.cut or 0) if low else (f.cut or 0),
            f.lag,
            f.outcome != "pain",
        ),
    )


def _details(findings: list[Finding]) -> list[str]:
    """One line per cut point, mildest first; two estimates for the same days become a range.

    Cut points that tell the same thing (pain, same delay, same way) are one sentence, the
    mildest first: "Nights of 7.1 hours or less: about 0.6 points more pain the day after,
    and about 1.1 points more after nights of 5.3 hours or less." As two lines they read
    as two findings that seemed to overlap.
    """
    lines: dict[tuple, list[Finding]] = {}
    for f in _mildest_first(findings):
        lines.setdefault((cut_phrase(f), f.outcome, f.span, f.more), []).append(f)
    told: dict[tuple, str] = {}
    for (_, outcome, lag, more), same in lines.items():
        key = (outcome, lag, more) if outcome == "pain" else (id(same),)
        told[key] = f"{told[key][:-1]}, and {_deeper(same)}" if key in told else _detail(same)
    return list(told.values())


def _deeper(same: list[Finding]) -> str:
    """A further cut point told onto the mildest one's sentence:
    "about 1.1 points more after nights of 5.3 hours or less."."""
    return f"{_size(same).removesuffix(' pain')} after {cut_phrase(same[0])}."


def _size(same: list[Finding]) -> str:
    f = same[0]
    low, high = min(x.size for x in same), max(x.size for x in same)
    if f.outcome == "pain" and number(low) != number(high):
        return f"about {number(low)} to {number(high)} points {'more' if f.more else 'less'} pain"
    return size_phrase(f)


def _detail(same: list[Finding]) -> str:
    f = same[0]
    return f"{capital(cut_phrase(f))}: {_size(same)} {timing(f.lag, is_night(f.factor), f.span)}."


def _precursor_detail(f: Finding) -> str:
    """ "In the three days before a flare: energy about 2 points lower than on other days"."""
    info = factor_info(f.factor)
    lower = not f.more
    if info.unit == ("", ""):
        way = "less" if lower else "more"
        return f"{before_flare(f.lag)}: {info.name_plural or info.name} {way} often than on other days."
    if info.unit[0] == "×":
        return f"{before_flare(f.lag)}: {info.name} {'lower' if lower else 'higher'} than on other days."
    unit = info.unit[0] if number(f.size) == "1" else info.unit[1]
    way = (
        ("lower" if lower else "higher")
        if unit in ("point", "points")
        else ("less" if lower else "more")
    )
    return f"{before_flare(f.lag)}: {info.name} about {number(f.size)} {unit} {way} than on other days."


def pair_statement(index: int, p: dict) -> dict:
    """A combination: two factors' notable ends on the same day, beyond each alone."""
    claim, _ = claim_and_condition(p)
    a, b = (side_phrase(n) for n in p["factors"])
    more = p["direction"] == "worse"
    way = "more pain" if more else "less pain"
    lag = int(p.get("lag_days") or 0)
    doing = verb({claim})
    return {
        "factor": "+".join(p["factors"]),
        "claim": claim,
        "patterns": [index],
        "explain": None,
        "direction": "worse" if more else "better",
        "lag_days": [lag],
        "outcomes": [p["outcome"]],
        "text": f"{capital(a)} together with {b} {doing} {way} {timing(lag)} than either alone.",
        "details": [
            f"About {number(abs(p['effect']))} points {'more' if more else 'less'} pain than "
            f"the two apart would explain."
        ],
    }


def topic_of(p: dict) -> str:
    return "pairs" if p["kind"] == "combination" else factor_info(p["factors"][0]).topic


def groups(patterns: list[dict]) -> list[dict]:
    """Patterns grouped by topic, strongest topic first, one statement per factor inside."""
    by_topic: dict[str, dict[str, list]] = {}
    for i, p in enumerate(patterns):
        if p["kind"] == "combination":
            by_topic.setdefault("pairs", {})[f"pair{i}"] = [(i, p)]
        else:
            by_topic.setdefault(topic_of(p), {}).setdefault(p["factors"][0], []).append((i, p))
    out = [_group(topic, factors) for topic, factors in by_topic.items()]
    order = list(TOPICS)
    return sorted(out, key=lambda g: (g["strength"], order.index(g["key"])))


def _group(topic: str, factors: dict[str, list]) -> dict:
    statements = []
    for name, items in factors.items():
        if topic == "pairs":
            statements.append(pair_statement(*items[0]))
        else:
            statements.append(factor_statement(name, [finding(i, p) for i, p in items]))
    # What happens after a factor leads; early signs of a flare follow.
    statements.sort(key=lambda st: (st["direction"] == "early_sign", st["patterns"][0]))
    title, practice = TOPICS[topic]
    qs = [p.get("q_value", 1.0) for items in factors.values() for _, p in items]
    sizes = [abs(p["effect"]) for items in factors.values() for _, p in items]
    headline = _headline(statements)
    joined = _joinable(statements)
    for st in statements:
        st["in_headline"] = st["text"] == headline or any(s is st for s in joined)
    for st in statements:
        st.pop("when", None)  # outcome -> days, for the headline only (the API has outcomes, lag_ranges)
    return {
        "key": topic,
        "title": title,
        "headline": headline,
        "claim": CAUSE if all(s["claim"] == CAUSE for s in statements) else TOGETHER,
        "statements": statements,
        "practice": PRACTICES.get(practice) if practice and any(
            practice_fits(topic, st["direction"]) for st in statements) else None,
        "patterns": sorted(i for s in statements for i in s["patterns"]),
        "strength": (round(min(qs), 4), -max(sizes)),
    }


#: Topics whose notable side is the helpful one (days with rest breaks, with slow breathing):
#: their practice does more of it. Every other topic's practice does less of its notable side
#: (short nights, busy days, stress).
HELPFUL_SIDE = {"rest", "practice"}


def practice_fits(topic: str, direction: str) -> bool:
    """Whether the topic's practice pushes the way this person's finding says helps.

    "Short nights were followed by less pain … Bedtime routine may help" (a null patient's
    chance finding) offered a practice the finding itself argues against: for 4 of the 9 null
    patients whose takeaway was a pattern (tests/analysis/patients.py, 100 each of 120 days,
    a year, and a year every other day).
    """
    if direction not in ("worse", "better"):
        return False
    return (direction == "better") == (topic in HELPFUL_SIDE)


#: A topic's notable side in a few words, for a headline over three or more factors.
TOPIC_SUBJECTS = {
    "sleep": "short, poor or broken nights",
    "activity": "busier, harder days",
    "stress": "stressful, low days",
    "practice": "days with breathing or mindfulness",
    "meals": "irregular or late meals",
}


def _joinable(statements: list[dict]) -> list[dict]:
    """The statements a headline can join: all but early signs, when they point one way and
    share an outcome (a joined headline claims for each factor only what its own statement
    says; see ``_headline``)."""
    told = [s for s in statements if s["direction"] != "early_sign" and "+" not in s["factor"]]
    ways = {s["direction"] for s in told}
    shared = set.intersection(*(set(s.get("when") or ()) for s in told)) if told else set()
    return told if len(told) > 1 and len(ways) == 1 and ways <= {"worse", "better"} and shared \
        else []


def _subjects(statements: list[dict]) -> str:
    """ "short nights and broken nights"; the topic's few words ("short, poor or broken
    nights") only when every factor of the topic is among them — "busier, harder days"
    over three activity findings without effort named hard days nobody found."""
    topic = factor_info(statements[0]["factor"]).topic
    every = {name for name, f in FACTORS.items() if f.topic == topic}
    if topic in TOPIC_SUBJECTS and len(statements) > 2 and {s["factor"] for s in statements} == every:
        return TOPIC_SUBJECTS[topic]
    return join([side_phrase(s["factor"]) for s in statements])


def _headline(statements: list[dict]) -> str:
    """The topic in one sentence: the factors joined when they all point the same way.

    It claims for every factor in it only what that factor's own statement says: the
    outcomes they share, and their common timing — or, when their timings differ, the span
    that holds them all ("one to three days later"). Joining each one's outcomes and days
    ("Low-energy days and stressful days were followed by more pain and more flares the next
    day, two days later and three days later" over low energy at three days, pain only) told
    each factor of flares and days it never showed.
    """
    joinable = _joinable(statements)
    if not joinable:
        return next((s for s in statements if s["direction"] != "early_sign"), statements[0])[
            "text"
        ]
    statements, ways = joinable, {joinable[0]["direction"]}
    shared = set.intersection(*(set(s["when"]) for s in statements))
    said = [{o: sorted(_as_spans(s["when"][o])) for o in shared} for s in statements]
    night = is_night(statements[0]["factor"])  # a topic's factors are all nights or none
    more = ways == {"worse"}
    if all(x == said[0] for x in said):
        told = outcomes_when(said[0], more, night)
    else:
        every = {span for x in said for spans in x.values() for span in spans}
        span = (min(a for a, _ in every), max(b for _, b in every))
        told = f"{outcome_words(shared, more)} {timing(span[0], night, span)}"
    return f"{capital(_subjects(statements))} {verb({s['claim'] for s in statements})} {told}."


# ---------------------------------------------------------------------------------------
# This week, and the one takeaway
# ---------------------------------------------------------------------------------------


def holds(term: dict, values: dict) -> bool | None:
    """Whether one day's values meet a condition term (None when the day lacks the factor)."""
    value = values.get(term["factor"])
    if value is None or term.get("value") is None:
        return None
    cut, op = term["value"], term["op"]
    return {
        ">": value > cut,
        ">=": value >= cut,
        "<": value < cut,
        "<=": value <= cut,
        "==": value == cut,
        "!=": value != cut,
    }[op]


def _term(f: Finding) -> dict:
    return {"factor": f.factor, "op": f.op or "==", "value": f.cut if f.op else 1.0}


def notable_days(f: Finding, days: list[dict]) -> int:
    """How many of the given days were on the finding's notable side."""
    return sum(1 for d in days if holds(_term(f), d) is True)


def logged_days(f: Finding, days: list[dict]) -> int:
    """How many of the given days have the finding's factor at all: a day without it is
    neither on the notable side nor off it."""
    return sum(1 for d in days if holds(_term(f), d) is not None)


def week_summary(load: list[dict], today: date) -> dict:
    """Days checked in, mean pain and flare days this week (the last 7 days) and the week before."""

    def pains(first: date, last: date) -> tuple[list[float], int]:
        inside = [d for d in load if first.isoformat() <= d["date"] <= last.isoformat()]
        return ([d["pain_mean"] for d in inside if d.get("pain_mean") is not None],
                sum(1 for d in inside if d.get("flare")))

    def window(values: list[float], flares: int) -> dict:
        return {
            "days": len(values),
            "pain_mean": round(sum(values) / len(values), 1) if values else None,
            "flare_days": flares,
        }

    this_pains, this_flares = pains(today - timedelta(days=6), today)
    before_pains, before_flares = pains(today - timedelta(days=13), today - timedelta(days=7))
    this, before = window(this_pains, this_flares), window(before_pains, before_flares)
    return {
        "from": (today - timedelta(days=6)).isoformat(),
        "to": today.isoformat(),
        **this,
        "previous": before,
        "text": _week_text(this, before, clear_change(this_pains, before_pains)),
    }


def _week_text(this: dict, before: dict, change: int | None) -> str:
    n = this["days"]
    if n == 0:
        return "No check-ins in the last seven days yet."
    # One day has a pain, not an average ("averaged 6 over 1 day" on a person's first day).
    text = (f"This week: pain {number(this['pain_mean'])} on the one day with a check-in" if n == 1
            else f"This week: pain averaged {number(this['pain_mean'])} over {n} days with a check-in")
    if change == 0:
        text += f"; no clear change from the week before ({number(before['pain_mean'])})"
    elif change:
        text += (f"; {'lower' if change < 0 else 'higher'} than the week before "
                 f"({number(before['pain_mean'])})")
    flares = this["flare_days"]
    text += f". {flares} flare day{'s' if flares != 1 else ''}." if flares else "."
    return text


def takeaway(patterns_resp: dict, topic_groups: list[dict], recent: list[dict]) -> dict:
    """The one thing worth knowing this week, with one practice to try and where the evidence is.

    Among topics with a practice, the one whose notable side came up most this week wins
    (weighted by its effect); with patterns but none came up, the strongest topic, said
    as a thing that went well. Without patterns: how many more days are needed, or that
    nothing stands out, and a practice worth doing meanwhile.
    """
    status = patterns_resp.get("status")
    if not topic_groups:
        return _waiting(patterns_resp) if status != "no_patterns" else _nothing_yet(patterns_resp)
    patterns = patterns_resp["patterns"]
    scored = []
    for g in topic_groups:
        for s in g["statements"]:
            if s["direction"] not in ("worse", "better") or "+" in s["factor"]:
                continue
            fs = [
                finding(i, patterns[i]) for i in s["patterns"] if patterns[i]["kind"] != "precursor"
            ]
            harmful = [f for f in fs if f.more]
            known = max((logged_days(f, recent) for f in fs), default=0)
            count = max((notable_days(f, recent) for f in harmful), default=0)
            if not harmful:  # a helpful notable side: the harmful days are the logged ones
                # without it (a day with no check-in was not a day "without slow breathing")
                count = max((logged_days(f, recent) - notable_days(f, recent) for f in fs),
                            default=0)
            weight = max(f.size if f.outcome == "pain" else 1.0 for f in fs)
            scored.append(
                (count * weight, g["practice"] is not None, -g["strength"][0], g, s,
                 (count, known))
            )
    if not scored:
        # only early signs or pairs: nothing to count this week, but "no pattern passed our
        # evidence bar" would deny the ones listed right below it
        return _listed_takeaway(topic_groups[0])
    _, _, _, group, statement, (count, known) = max(scored, key=lambda t: t[:3])
    return _pattern_takeaway(group, statement, count, known, len(recent))


def _pattern_takeaway(group: dict, statement: dict, count: int, known: int, days: int) -> dict:
    """``count`` of the ``known`` days (those of the last ``days`` with the factor logged)
    were on the harmful side ("2 of the 4 days logged in the last 7 days"). Out of all the
    days, "2 of the last 7" for someone who logged 4 of them counted the other 3 as days
    without; "without slow breathing", it counted days with no check-in as days without
    the practice."""
    practice = group["practice"] if practice_fits(group["key"], statement["direction"]) else None
    together = statement["claim"] == TOGETHER
    if practice is None:
        suggestion = (
            "Worth talking over with your clinician — the report under Insights "
            "gathers it on one page."
        )
    elif together:
        suggestion = (
            f"We cannot tell yet which comes first. {practice['title']} is a gentle thing "
            "to try either way."
        )
    else:
        suggestion = f"{practice['title']} may help. {practice['why']}"
    side = side_phrase(statement["factor"])
    of = f"the last {days} days" if known == days else f"the {known} days logged in the last {days} days"
    if not known:
        recent_line = f"Not logged in the last {days} days."
    elif statement["direction"] == "better":
        recent_line = (
            f"{count} of {of} {'was' if count == 1 else 'were'} without "
            f"{side.replace('days with ', '')}."
            if count
            else f"You kept it up this week — {side} on all of {of}."
        )
    else:
        recent_line = (
            f"{capital(side)}: {count} of {of}."
            if count
            else f"None of {of} were {side} — worth keeping it that way."
        )
    return {
        "kind": "pattern",
        "topic": group["key"],
        "claim": statement["claim"],
        "headline": statement["text"],
        "recent": recent_line if days else None,
        "suggestion": suggestion,
        "practice": practice,
        "evidence_href": f"#/insights/patterns/{group['key']}",
        "explain": statement["explain"],
    }


def _listed_takeaway(group: dict) -> dict:
    """The strongest topic when none of its statements is about days to count this week (an
    early sign of flares, a pair): its headline, with no count and no practice tied to it."""
    return {
        "kind": "pattern",
        "topic": group["key"],
        "claim": group["claim"],
        "headline": group["headline"],
        "recent": None,
        "suggestion": "Worth talking over with your clinician — the report under Insights "
        "gathers it on one page.",
        "practice": None,
        "evidence_href": f"#/insights/patterns/{group['key']}",
        "explain": None,
    }


def _waiting(resp: dict) -> dict:
    need = int(resp.get("days_needed") or 0)
    have = int(resp.get("data_days") or 0)
    days = "day" if need == 1 else "days"
    return {
        "kind": "collecting",
        "topic": None,
        "claim": None,
        "headline": f"No patterns yet — {need} more {days} of check-ins.",
        "recent": f"{have} day{'s' if have != 1 else ''} so far. A daily check-in is the one thing "
        "that makes your patterns appear sooner.",
        "suggestion": "While the days add up, slow breathing takes a few minutes and calms "
        "the nervous system.",
        "practice": PRACTICES["breathing"],
        "evidence_href": None,
        "explain": None,
    }


def _nothing_yet(resp: dict) -> dict:
    have = int(resp.get("data_days") or 0)
    recent = "That is a real answer: no pattern passed our evidence bar."
    share = resp.get("logged_share")
    if share is not None and share < SPARSE_SHARE:
        # "effects can show as the days add up" is not true for someone with gaps: a next-day
        # effect is seen only on pairs of days (docs/analysis.md, "Sparse loggers")
        recent += SPARSE_NOTE.format(share=share, pairs=int(resp.get("next_day_pairs") or 0))
    else:
        recent += " Keep checking in — effects can show as the days add up."
    return {
        "kind": "no_patterns",
        "topic": None,
        "claim": None,
        "headline": f"Nothing stands out yet from {have} days of check-ins.",
        "recent": recent,
        "suggestion": "Meanwhile, slow breathing is a gentle daily practice.",
        "practice": PRACTICES["breathing"],
        "evidence_href": None,
        "explain": None,
    }


def overview(patterns_resp: dict, load: list[dict], recent: list[dict], today: date) -> dict:
    """The body of GET /api/insights/overview.

    ``recent`` holds the last seven days' values by factor name ({"sleep_hours": 6.5, ...}),
    newest last; ``load`` the load days (for this week's pain).
    """
    topic_groups = groups(patterns_resp.get("patterns") or [])
    return {
        "takeaway": takeaway(patterns_resp, topic_groups, recent),
        "week": week_summary(load, today),
        "groups": [{k: v for k, v in g.items() if k != "strength"} for g in topic_groups],
        "data_days": int(patterns_resp.get("data_days") or 0),
        "days_needed": int(patterns_resp.get("days_needed") or 0),
        "status": patterns_resp.get("status", "collecting"),
    }
