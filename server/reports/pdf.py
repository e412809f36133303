"""The clinician PDF from a `Summary`: one A4 page for about three months, two at most for a
year or more, legible when printed in black and white.

Meaning is carried by line styles, markers and words; grey only repeats it. Short sections
sit side by side; every heading stays with what follows it (never stranded at a page foot).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Table, TableStyle

from server.analysis import wording
from server.insights.findings import CAUSE, claim_and_condition
from server.protocol.titration import TitrationPlan, dose_on
from server.reports.summary import Summary, weekly

GREY = colors.Color(0.8, 0.8, 0.8)
DARK = colors.Color(0.35, 0.35, 0.35)
WIDTH = A4[0] - 30 * mm
# The load's contributor names (server/analysis/load.py) in words a clinician reads at a glance.
CONTRIBUTOR_LABELS = {
    "sleep": "Sleep",
    "stress": "Stress",
    "acute_chronic": "Activity swings (acute:chronic)",
    "activity_spike": "Activity spike",
    "post_exertion": "Post-exertion",
    "recovery_debt": "Recovery debt",
    "nsaid": "NSAID use",
    "meals": "Meal timing",
    "alcohol": "Alcohol",
}


@dataclass(frozen=True)
class Detail:
    """How many of the longer lists' entries the report prints in full. Whatever a level
    leaves out is still counted or named in a shorter form ("Also taken: …", "and 3 more")."""

    patterns: int
    medications: int
    places: int
    protocol: int
    compact: bool = False  # body text 7.5 pt instead of 8.5 (still legible printed), a lower
    # chart, and the safety notes across the page under the medicines (fewer lines than in a column)


# Tried in order until the report fits its page budget (clinician_pdf): a person who logs
# ten medicines, pain in many places and has five patterns must still get one page for
# three months. Safety notes, red flags and lab results are never shortened.
DETAILS = (Detail(5, 8, 10, 12), Detail(3, 5, 6, 8), Detail(2, 3, 4, 5), Detail(1, 2, 3, 3),
           Detail(1, 2, 3, 3, compact=True))
ONE_PAGE_DAYS = 92  # "about three months" (docs/reports.md); longer periods get two pages


def _styles(compact: bool = False) -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "body",
        parent=base["BodyText"],
        fontName="Helvetica",
        fontSize=7.5 if compact else 8.5,
        leading=9 if compact else 10.5,
        spaceAfter=1,
    )
    return {
        "title": ParagraphStyle(
            "title", parent=base["Title"], fontSize=15, leading=18, alignment=0, spaceAfter=2
        ),
        "h": ParagraphStyle(
            "h",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=10,
            leading=12,
            spaceBefore=4,
            spaceAfter=1.5,
            keepWithNext=1,  # a heading never ends a page alone
        ),
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=body.fontSize - 0.5, leading=body.leading - 1,
                               spaceAfter=0),
        "small": ParagraphStyle("small", parent=body, fontSize=7 if compact else 7.5, leading=8.5 if compact else 9,
                                textColor=DARK),
    }


def _fmt(v, digits: int = 1, dash: str = "-") -> str:
    if v is None:
        return dash
    return f"{v:.{digits}f}" if isinstance(v, float) else str(v)


def _d(day: date) -> str:
    return day.strftime("%d %b %Y").lstrip("0")


def _dm(day: date) -> str:
    return day.strftime("%d %b").lstrip("0")


def _days_counted(s: Summary) -> str:
    """Days counted, in words: "of 90 days" (the period), or "of the 3 days since the first
    check-in" when the person began inside the period: "3 of 90 days" read as someone who
    rarely logs, or rarely takes NSAIDs, when they had logged every day since they began."""
    n = s.pain["period_days"]
    if s.began and s.began > s.start:
        return f"of the {n} day{'s' if n != 1 else ''} since the first check-in"
    return f"of {n} days"


def _runs(points: list[tuple[int, float | None]]) -> list[list[tuple[int, float]]]:
    """Consecutive-index runs without missing values, so a line never bridges a gap."""
    runs, run, last = [], [], None
    for i, v in points:
        if v is None or (last is not None and i != last + 1):
            if run:
                runs.append(run)
            run = []
        if v is not None:
            run.append((i, v))
            last = i
    if run:
        runs.append(run)
    return runs


def trend_chart(
    days: list[dict], width: float = WIDTH, height: float = 92, unit: str = "daily"
) -> Drawing:
    """Pain mean (solid), max (dashed) over load (grey bars), flares as triangles; one point
    per entry of `days` (days, or weeks when `unit` is "weekly")."""
    d = Drawing(width, height)
    left, right, bottom, top = 24, 24, 30, 22
    n = max(1, len(days))
    step = (width - left - right) / n
    y = lambda v: bottom + v / 10 * (height - bottom - top)
    for v in (0, 5, 10):
        d.add(Line(left, y(v), width - right, y(v), strokeColor=GREY, strokeWidth=0.4))
        d.add(String(left - 4, y(v) - 3, str(v), fontSize=7, textAnchor="end"))
        d.add(String(width - right + 4, y(v) - 3, str(v * 10), fontSize=7))
    d.add(String(2, height - 7, "pain 0-10", fontSize=7))
    d.add(String(width - 2, height - 7, "load 0-100", fontSize=7, textAnchor="end"))
    for i, day in enumerate(days):
        if day.get("score") is not None:
            d.add(
                Rect(
                    left + i * step,
                    y(0),
                    max(step - 0.5, 0.3),
                    y(day["score"] / 10) - y(0),
                    fillColor=GREY,
                    strokeColor=None,
                )
            )
        if day.get("flare"):
            cx = left + (i + 0.5) * step
            d.add(
                Polygon(
                    [cx - 3, height - top + 10, cx + 3, height - top + 10, cx, height - top + 4],
                    fillColor=colors.black,
                    strokeColor=None,
                )
            )
    x = lambda i: left + (i + 0.5) * step
    for key, dash, w in (("pain_max", [3, 2], 0.8), ("pain_mean", None, 1.6)):
        for run in _runs([(i, day.get(key)) for i, day in enumerate(days)]):
            pts = [c for i, v in run for c in (x(i), y(v))]
            if len(run) == 1:
                pts += [pts[0] + 0.8, pts[1]]
            d.add(PolyLine(pts, strokeColor=colors.black, strokeWidth=w, strokeDashArray=dash))
    for i in sorted({0, n // 3, 2 * n // 3, n - 1}):
        if i < len(days):
            d.add(
                String(
                    x(i),
                    bottom - 10,
                    days[i]["date"].strftime("%d %b").lstrip("0"),
                    fontSize=7,
                    textAnchor="middle",
                )
            )
    _legend(d, left, 4, unit)
    return d


def _legend(d: Drawing, x0: float, y0: float, unit: str = "daily") -> None:
    d.add(Line(x0, y0 + 3, x0 + 16, y0 + 3, strokeWidth=1.6))
    d.add(String(x0 + 19, y0, f"pain, {unit} mean", fontSize=7))
    d.add(Line(x0 + 90, y0 + 3, x0 + 106, y0 + 3, strokeWidth=0.8, strokeDashArray=[3, 2]))
    d.add(String(x0 + 109, y0, f"pain, {unit} max", fontSize=7))
    d.add(Rect(x0 + 175, y0, 12, 7, fillColor=GREY, strokeColor=None))
    d.add(String(x0 + 190, y0, "inflammation load (0-100, right axis)", fontSize=7))
    d.add(
        Polygon(
            [x0 + 320, y0 + 7, x0 + 326, y0 + 7, x0 + 323, y0 + 1],
            fillColor=colors.black,
            strokeColor=None,
        )
    )
    d.add(String(x0 + 330, y0, "flare", fontSize=7))


def peg_chart(peg3: list[dict], width: float = 170, height: float = 70) -> Drawing:
    """PEG-3 weekly score, 0-10, as a line with square markers; a skipped week breaks the line."""
    d = Drawing(width, height)
    left, bottom, top = 18, 12, 6
    if not peg3:
        return d
    first = peg3[0]["week_start"]
    weeks = max(1, (peg3[-1]["week_start"] - first).days // 7 + 1)
    step = (width - left - 6) / weeks
    x = lambda w: left + (w + 0.5) * step
    y = lambda v: bottom + v / 10 * (height - bottom - top)
    for v in (0, 5, 10):
        d.add(Line(left, y(v), width - 6, y(v), strokeColor=GREY, strokeWidth=0.4))
        d.add(String(left - 3, y(v) - 3, str(v), fontSize=6.5, textAnchor="end"))
    idx = [((p["week_start"] - first).days // 7, p["score"]) for p in peg3]
    for run in _runs(idx):
        if len(run) > 1:
            d.add(PolyLine([c for w, v in run for c in (x(w), y(v))], strokeWidth=1.2))
    for w, v in idx:
        d.add(Rect(x(w) - 2, y(v) - 2, 4, 4, fillColor=colors.black, strokeColor=None))
    d.add(String(left, 0, f"weeks from {first.strftime('%d %b').lstrip('0')}", fontSize=6.5))
    return d


def _table(rows: list[list], widths: list[float], header: bool = True) -> Table:
    t = Table(rows, colWidths=widths, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ]
    if header:
        style += [
            ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ]
    t.setStyle(TableStyle(style))
    return t


def _pain_block(s: Summary, st, detail: Detail) -> list:
    p = s.pain
    trend = ""
    if p.get("first_14") is not None and p.get("last_14") is not None:
        # the app's week line's rule: a change only when the days can tell it apart
        word = {1: "higher", -1: "lower"}.get(p.get("change_14"), "no clear change")
        trend = (
            f" Last 14 days {_fmt(p['last_14'])} vs first 14 days {_fmt(p['first_14'])} ({word})."
        )
    text = (
        f"Pain rated on <b>{p['days_recorded']}</b> {_days_counted(s)}. Daily mean pain (0-10 NRS): "
        f"mean <b>{_fmt(p['mean'])}</b>, median {_fmt(p['median'])}, highest single rating {_fmt(p['max'], 0)}. "
        f"Flare days: <b>{p['flare_days']}</b>.{trend}"
    )
    # Past about four months a day is under a millimetre wide: weeks read better.
    height = 72 if detail.compact else 92
    chart = (
        trend_chart(s.days, height=height) if len(s.days) <= 120
        else trend_chart(weekly(s.days), height=height, unit="weekly")
    )
    return [KeepTogether([Paragraph("Pain over the period", st["h"]), Paragraph(text, st["body"]), chart,
                          *_flares_line(s, st), *_contributors_line(s, st)])]


def _peg_block(s: Summary, st) -> list:
    """The weekly PEG-3: the latest week's answers, the first and mean score, and the scores drawn."""
    note = Paragraph("PEG-3 (Krebs 2009): pain, and its interference with enjoyment of life and general "
                     "activity, over the week; 0-10 each, score = mean.", st["small"])
    if not s.peg3:
        return [Paragraph("PEG-3 (weekly)", st["h"]), Paragraph("No PEG-3 answered in this period.", st["body"]), note]
    last, first = s.peg3[-1], s.peg3[0]
    mean = sum(p["score"] for p in s.peg3) / len(s.peg3)
    text = (f"Answered for <b>{len(s.peg3)}</b> weeks. Latest (week of {_dm(last['week_start'])}): pain {last['pain']}, "
            f"enjoyment {last['enjoyment']}, activity {last['activity']} - score <b>{_fmt(last['score'])}</b>. "
            f"First {_fmt(first['score'])} (week of {_dm(first['week_start'])}); mean {_fmt(mean)}.")
    return [Paragraph("PEG-3 (weekly)", st["h"]), Paragraph(text, st["body"]),
            peg_chart(s.peg3, width=WIDTH / 2 - 14, height=46), note]


def _flares_line(s: Summary, st) -> list:
    """The flare days in one paragraph under the chart (the latest 30, then how many earlier)."""
    if not s.flares:
        return [Paragraph("<b>Flare days (0)</b>: none logged.", st["body"])]
    shown = s.flares[-30:]
    same_year = len({d.year for d in shown}) == 1
    text = ", ".join(_dm(d) if same_year else _d(d) for d in shown)
    if same_year:
        text += f" {shown[0].year}"
    if len(s.flares) > len(shown):
        text = f"most recent {len(shown)}: {text}; and {len(s.flares) - len(shown)} earlier"
    return [Paragraph(f"<b>Flare days ({len(s.flares)})</b>: {text}.", st["body"])]


def _patterns_block(s: Summary, st, detail: Detail) -> list:
    out = [Paragraph("Personal patterns found", st["h"])]
    if not s.patterns:
        return out + [
            Paragraph("None passed the evidence threshold in the data so far.", st["body"])
        ]
    for p in s.patterns[:detail.patterns]:
        out.append(Paragraph(
            f"<b>{_esc(p['summary'])}</b> <font size=7.5 color='#444444'>({_evidence(p)})</font>",
            st["body"]))
    if len(s.patterns) > detail.patterns:
        more = len(s.patterns) - detail.patterns
        out.append(Paragraph(f"{more} more pattern{'s' if more != 1 else ''} with weaker evidence "
                             "in the app's Insights.", st["body"]))
    out.append(
        Paragraph(
            "Found in all of the person's check-ins, not only this period (n: days the test rested on). "
            "Within-person associations in self-reports, tested against shifts of the person's own series, "
            "with false-discovery control; not proof of cause.",
            st["small"],
        )
    )
    return out


def _evidence(p: dict) -> str:
    """The pattern's statistics in one phrase, with its timing in words, never the engine's
    kind label: "followed 2 days later; pain +0.63 points (95% CI 0.47 to 0.78); FDR q = 0.001;
    n = 238 days". n is the number of days the test rested on (factor and pain both recorded at
    that spacing), over the person's whole history: a bare "238 days" under a 91-day report
    read as a count within the period."""
    claim, _ = claim_and_condition(p)
    lag = int(p.get("lag_days") or 0)
    if p.get("kind") == "precursor":
        timing = "in the 3 days before flares; an early sign, not a cause"
    elif claim == CAUSE and p.get("timing") == "next_check_in":
        # a sparse logger's day against their first check-in that many days later or after;
        # a night counted from the night, as its summary counts it
        first, last = p["lag_range"]
        if _from_night(p):
            timing = (f"pain at the first check-in {lag + 1}+ days after the night, "
                      f"{first + 1} to {last + 1} days after it")
        else:
            which = "the next check-in" if lag == 1 else f"the first check-in {lag}+ days later"
            timing = f"followed at {which}, {first} to {last} days later"
    elif claim == CAUSE and not p.get("lag_exact", True):
        # the person's logging left the days next to the lag unobserved (docs/analysis.md)
        first, last = p["lag_range"]
        timing = f"followed {first} to {last} days later (gaps in check-ins: not one day)"
    elif claim == CAUSE and _from_night(p):
        # a night is kept on the day it ends, so lag 0 is the day after it: "followed 0 days
        # later" beside "the day after" in the summary read as a contradiction
        timing = f"pain {wording.pain_day(p['factors'], lag)} the night"
    elif claim == CAUSE:
        timing = f"followed {lag} day{'s' if lag != 1 else ''} later"
    else:
        timing = "same day; association only" if lag == 0 else f"{lag} days later; association only"
    return f"{timing}; {_effect_words(p)}; FDR q {_q(p['q_value'])}; n = {p['n']} days"


def _from_night(p: dict) -> bool:
    """Whether a pattern counts its days from a night (the engine's ``counted_from``; results
    stored before it was sent say so by their factors alone)."""
    if "counted_from" in p:
        return p["counted_from"] == "night"
    return bool(p.get("factors")) and all(name in wording.NIGHT_FACTORS for name in p["factors"])


def _effect_words(p: dict) -> str:
    """The effect in its own unit: odds ratio for flares, pain points, or the factor's unit (precursors).

    The engine gives effect and interval the same way round as the summary beside them.
    """
    ci = f"95% CI {p['ci_low']:.2f} to {p['ci_high']:.2f}"
    if p.get("outcome") == "flare" and p.get("kind") != "precursor":
        # two significant figures: "23.05 (95% CI 1.75 to 302.85)" on a handful of flares
        # claimed a precision they cannot give (docs/analysis.md §3.3)
        f = wording.figure
        return (f"flare odds ratio {f(p['effect'])} "
                f"(95% CI {f(p['ci_low'])} to {f(p['ci_high'])})")
    if p.get("kind") == "precursor":
        return f"difference before flares {p['effect']:+.2f} ({ci})"
    return f"pain {p['effect']:+.2f} points ({ci})"


def _q(q: float) -> str:
    return "< 0.001" if q < 0.001 else f"= {q:.3f}"


def _esc(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _contributors_line(s: Summary, st) -> list:
    """The load's contributors in one line under the chart: mean points a day, largest first."""
    if not s.contributors:
        return []
    parts = ", ".join(
        f"{CONTRIBUTOR_LABELS.get(name, name.replace('_', ' ').capitalize())} <b>{_fmt(v)}</b>"
        for name, v in s.contributors[:9]
    )
    return [Paragraph(f"<b>Inflammation-load contributors</b> (period mean, points a day of 0-100, against "
                      f"the person's own 28-day baseline; each capped): {parts}.", st["body"])]


def _meds_block(s: Summary, st, detail: Detail) -> list:
    out = [
        Paragraph("Medication and NSAID use", st["h"]),
        Paragraph(
            f"NSAIDs: <b>{s.nsaid.get('doses', 0)}</b> doses on <b>{s.nsaid.get('days', 0)}</b> {_days_counted(s)}.",
            st["body"],
        ),
    ]
    if s.medications:
        shown = s.medications[:detail.medications]
        rows = [["Medication / supplement", "Days", "Doses", "Mean mg"]] + [
            [Paragraph(_esc(m["name"]), st["cell"]), m["days"], m["doses"], _fmt(m["mean_mg"], 0)]
            for m in shown
        ]
        out.append(_table(rows, [118, 30, 32, 40]))
        if len(s.medications) > len(shown):
            rest = ", ".join(_esc(m["name"]) for m in s.medications[len(shown):])
            out.append(Paragraph(f"Also taken: {rest}.", st["small"]))
    else:
        out.append(Paragraph("No other medications logged in check-ins.", st["body"]))
    return out


def _practices_block(s: Summary, st, detail: Detail) -> list:
    out = [Paragraph("Practices and protocol", st["h"])]
    if s.practices:
        out.append(
            Paragraph(
                "; ".join(
                    f"{p['name']}: {p['total']} {p['unit']}"
                    + (f" on {p['days']} days" if p.get("days") else "")
                    for p in s.practices
                )
                + ".",
                st["body"],
            )
        )
    if s.protocol:
        items = "; ".join(_protocol_line(item, s.end) for item in s.protocol[:detail.protocol])
        more = len(s.protocol) - detail.protocol
        items += f"; and {more} more" if more > 0 else ""
        out.append(Paragraph(f"Protocol: {_esc(items)}.", st["body"]))
    if len(out) == 1:
        out.append(Paragraph("None logged.", st["body"]))
    return out


def _safety_block(s: Summary, st) -> list:
    """The interaction checker's notes on the current protocol, most serious first (one line
    when there is nothing to note)."""
    if not s.safety and not s.conditions:
        return [Paragraph("<b>Interaction and safety notes</b>: none for the current protocol "
                          "(from Emberwise's rule table; not a complete interaction check).", st["body"])]
    out = [Paragraph("Interaction and safety notes", st["h"])]
    if s.conditions:
        out.append(Paragraph(f"Conditions noted by the person: {_esc('; '.join(s.conditions))}.", st["body"]))
    for f in s.safety:
        involves = f" ({_esc('; '.join(f['involves']))})" if f.get("involves") else ""
        out.append(Paragraph(f"<b>{_esc(f['title'])}</b>{involves}. {_esc(f['message'])} "
                             f"<i>Source: {_esc(f['source'])}.</i>", st["body"]))
    if not s.safety:
        out.append(Paragraph("No notes for the current protocol and the conditions noted.", st["body"]))
    out.append(Paragraph("From Emberwise's rule table: not a complete interaction check.", st["small"]))
    return out


def _latest_per_test(labs: list[dict]) -> list[dict]:
    """The newest result of each test (labs come newest first)."""
    seen, out = set(), []
    for r in labs:
        if r["name"] not in seen:
            seen.add(r["name"])
            out.append(r)
    return out


def _band_text(low, high, unit: str = "") -> str:
    text = (
        f"< {low if high is None else high:g}"
        if low is None
        else f"> {low:g}"
        if high is None
        else f"{low:g}-{high:g}"
    )
    return f"{text} {unit}".strip()


def _iso_words(value) -> str:
    """"2026-09-01" as "1 Sep 2026" (left as it is when it is not a date)."""
    try:
        return _d(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def _protocol_line(item: dict, on: date) -> str:
    """ "PEA 600 mg twice a day (1200 mg a day) - from 3 Mar 2026" from a protocol_item record:
    the dose, how often, the daily total where it differs, a titration with the dose it had
    reached on `on` (the end of the period), and who prescribed it, so a clinician need not
    ask what "1.5 g" meant."""
    unit = item.get("unit") or ""
    plan = item.get("titration") if item.get("start") else None
    dose = None if plan else item.get("dose")
    times = item.get("times") or []
    text = item.get("name", "Protocol item")
    if isinstance(dose, (int, float)):
        text += f" {dose:g} {unit}".rstrip()
        text += {"elemental": " elemental", "compound": " (whole compound)"}.get(item.get("basis"), "")
    if len(times) == 1:
        text += f" at {times[0]}"
    elif times:
        text += " twice a day" if len(times) == 2 else f" {len(times)} times a day"
        if isinstance(dose, (int, float)) and unit:
            text += f" ({dose * len(times):g} {unit} a day)"
    notes = []
    if plan:
        reached = dose_on(TitrationPlan.from_dict(plan), date.fromisoformat(item["start"]), on)
        notes.append(f"titrating {plan['start']:g} to {plan['max']:g} {unit}, {plan['step']:+g} every "
                     f"{plan['every_days']} days: {reached:g} {unit} on {_d(on)}")
    if item.get("prescription"):
        prescriber = (item.get("prescriber") or "").strip()
        notes.append(f"prescription, {prescriber}" if prescriber else "prescription, prescriber not noted")
    text += f" ({'; '.join(notes)})" if notes else ""
    text += f" - from {_iso_words(item['start'])}" if item.get("start") else ""
    return text + (f" until {_iso_words(item['stop'])}" if item.get("stop") else "")


def _labs_block(s: Summary, st, detail: Detail) -> list:
    out = [Paragraph("Lab results (latest of each test)", st["h"])]
    if not s.labs:
        return out + [Paragraph("No lab results entered.", st["body"])]
    mark = {
        "above": "ABOVE",
        "below": "BELOW",
        "within": "within",
        "no target": "-",
        "not comparable": "unit?",
    }
    rows = [
        ["", "", "", "Laboratory reference range", "", "Functional target [H] - not a lab range", ""],
        ["Test", "Date", "Result", "Range", "Result is", "Target", "Result is"],
    ]
    for r in _latest_per_test(s.labs)[:10]:
        ref = _band_text(*r["reference"], r["unit"]) if r["reference"] else "not entered"
        opt = _band_text(*r["optimal"]) if r["optimal"] else "none given"
        rows.append(
            [
                Paragraph(_esc(r["name"]), st["cell"]),
                _dm(r["date"]) + r["date"].strftime(" %Y") if r["date"] else "-",
                f"{r['value']:g} {r['unit']}",
                ref,
                mark[r["reference_status"]] if r["reference"] else "",
                opt,
                mark[r["optimal_status"]] if r["optimal"] else "",
            ]
        )
    table = Table(rows, colWidths=[118, 52, 62, 82, 42, 80, 42], hAlign="LEFT", repeatRows=2)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Helvetica", 7.5 if detail.compact else 8),
        ("FONT", (0, 0), (-1, 1), "Helvetica-Bold", 7.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("SPAN", (3, 0), (4, 0)),
        ("SPAN", (5, 0), (6, 0)),
        ("LINEBELOW", (0, 1), (-1, 1), 0.6, colors.black),
        # The two kinds of range never run together: a rule and a grey band set them apart.
        ("LINEBEFORE", (3, 0), (3, -1), 0.6, colors.black),
        ("LINEBEFORE", (5, 0), (5, -1), 1.4, colors.black),
        ("BACKGROUND", (5, 0), (6, -1), colors.Color(0.93, 0.93, 0.93)),
    ]))
    out.append(table)
    out.append(
        Paragraph(
            "Laboratory reference range: as printed on the person's lab report. Functional target [H]: the "
            "narrower functional-medicine targets of W. Le, PA-C, shown for context only; not a laboratory "
            "or guideline range.",
            st["small"],
        )
    )
    return [KeepTogether(out)]


def _where_block(s: Summary, st, detail: Detail) -> list:
    """Pain locations and qualities: how many days each was logged."""
    out = [Paragraph("Where and how it hurts", st["h"])]
    if not s.where and not s.qualities:
        return out + [Paragraph("No locations or qualities logged.", st["body"])]
    if s.where:
        text = ", ".join(f"{_esc(name)} {n}" for name, n in s.where[:detail.places])
        more = len(s.where) - detail.places
        text += f", and {more} more place{'s' if more != 1 else ''}" if more > 0 else ""
        out.append(Paragraph(f"<b>Where</b> (days logged): {text}.", st["body"]))
    if s.qualities:
        text = ", ".join(f"{_esc(name).lower()} {n}" for name, n in s.qualities[:detail.places])
        out.append(Paragraph(f"<b>Felt as</b> (days): {text}.", st["body"]))
    return out


def _sleep_block(s: Summary, st) -> list:
    out = [Paragraph("Sleep", st["h"])]
    z = s.sleep or {}
    if not z.get("nights"):
        return out + [Paragraph("No sleep logged.", st["body"])]
    text = (
        f"Logged on <b>{z['nights']}</b> nights: mean <b>{_fmt(z['mean_hours'])} h</b> "
        f"(median {_fmt(z['median_hours'])} h); under {z['short']:g} h on <b>{z['short_nights']}</b> nights."
    )
    if z.get("mean_quality") is not None:
        text += f" Sleep quality {_fmt(z['mean_quality'])}/10 on average."
    if z.get("mean_wakings") is not None:
        text += f" Night wakings {_fmt(z['mean_wakings'])} a night."
    return out + [Paragraph(text, st["body"])]


def _side_by_side(left: list, right: list) -> Table:
    """Two short sections in two columns (one unit: it never splits across pages)."""
    t = Table([[left, right]], colWidths=[WIDTH / 2 - 4, WIDTH / 2 + 4], hAlign="LEFT")
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, 0), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return t


def _red_flags_block(s: Summary, st) -> list:
    """One line per red flag: how many days, and the dates (the latest twelve)."""
    out = [Paragraph("Red flags logged", st["h"])]
    if not s.red_flags:
        return out + [Paragraph("None logged in this period.", st["body"])]
    by_flag: dict[str, list[date]] = {}
    for day, flags in s.red_flags:
        for flag in flags:
            by_flag.setdefault(flag, []).append(day)
    for flag, days in by_flag.items():
        dates = ", ".join(_d(d) for d in days[-12:])
        more = f" and {len(days) - 12} earlier" if len(days) > 12 else ""
        n = f"{len(days)} day{'s' if len(days) != 1 else ''}"
        out.append(Paragraph(f"<b>{_esc(flag)}</b> - {n}: {dates}{more}", st["body"]))
    return out


def _title(s: Summary, st, generated_at: datetime) -> list:
    """The person (name and date of birth when given), the period and what this is."""
    name = s.person.get("name")
    born = s.person.get("birth_date")
    who = f" for {_esc(name)}" if name else ""
    began = f"; first check-in {_d(s.began)}" if s.began and s.began > s.start else ""
    line = [f"Period {_d(s.start)} to {_d(s.end)} ({(s.end - s.start).days + 1} days{began})",
            f"generated {generated_at:%Y-%m-%d %H:%M} UTC"]
    if born:
        line.insert(0, f"Date of birth {_d(born)}")
    return [
        Paragraph(f"Emberwise pain report{who}", st["title"]),
        Paragraph(" - ".join(line) + ". Self-reported daily check-ins; a tracking summary, not a diagnosis.",
                  st["small"]),
    ]


def clinician_pdf(summary: Summary, *, generated_at: datetime) -> bytes:
    """The report as PDF bytes (A4): one page for a period of up to ONE_PAGE_DAYS, two for
    longer ones. The longer lists are shortened step by step (DETAILS) until it fits; if
    even the shortest form does not, that form is returned on however many pages it takes."""
    budget = 1 if (summary.end - summary.start).days + 1 <= ONE_PAGE_DAYS else 2
    for detail in DETAILS:
        pdf, pages = _render(summary, generated_at, detail)
        if pages <= budget:
            break
    return pdf


def _peg_meds_safety(s: Summary, st, detail: Detail) -> list:
    """PEG-3 beside the medicines, their safety notes under the medicines or, compact, below both."""
    if detail.compact and (s.safety or s.conditions):
        return [_side_by_side(_peg_block(s, st), _meds_block(s, st, detail)),
                KeepTogether(_safety_block(s, st))]
    return [_side_by_side(_peg_block(s, st), _meds_block(s, st, detail) + _safety_block(s, st))]


def _render(s: Summary, generated_at: datetime, detail: Detail) -> tuple[bytes, int]:
    """The PDF at one level of detail, and its number of pages."""
    st = _styles(detail.compact)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=11 * mm,
        bottomMargin=11 * mm,
        title="Emberwise clinician report",
        author="Emberwise",
    )
    story = [
        *_title(s, st, generated_at),
        KeepTogether(_red_flags_block(s, st)),
        *_pain_block(s, st, detail),
        _side_by_side(_where_block(s, st, detail), _sleep_block(s, st) + _practices_block(s, st, detail)),
        # Medication safety sits with the medications.
        *_peg_meds_safety(s, st, detail),
        *_patterns_block(s, st, detail),
        *_labs_block(s, st, detail),
    ]
    doc.build(story, onLaterPages=_page_number, onFirstPage=_page_number)
    return buf.getvalue(), doc.page


def _page_number(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 7)
    canvas.drawString(15 * mm, 7 * mm, "Made by Emberwise from the person's own records.")
    canvas.drawRightString(A4[0] - 15 * mm, 7 * mm, f"page {doc.page}")
    canvas.restoreState()
