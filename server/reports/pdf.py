"""The clinician PDF: one or two A4 pages from a `Summary`, legible when printed in black and white.

Meaning is carried by line styles, markers and words; grey only repeats it.
"""

from __future__ import annotations

import io
from datetime import date, datetime

from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

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


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "body",
        parent=base["BodyText"],
        fontName="Helvetica",
        fontSize=8.5,
        leading=10.5,
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
            spaceBefore=6,
            spaceAfter=2,
        ),
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=9.5, spaceAfter=0),
        "small": ParagraphStyle("small", parent=body, fontSize=7.5, leading=9, textColor=DARK),
    }


def _fmt(v, digits: int = 1, dash: str = "-") -> str:
    if v is None:
        return dash
    return f"{v:.{digits}f}" if isinstance(v, float) else str(v)


def _d(day: date) -> str:
    return day.strftime("%d %b %Y").lstrip("0")


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
    days: list[dict], width: float = WIDTH, height: float = 130, unit: str = "daily"
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


def _pain_block(s: Summary, st) -> list:
    p = s.pain
    trend = ""
    if p.get("first_14") is not None and p.get("last_14") is not None:
        change = p["last_14"] - p["first_14"]
        word = "lower" if change < -0.5 else "higher" if change > 0.5 else "about the same"
        trend = (
            f" Last 14 days {_fmt(p['last_14'])} vs first 14 days {_fmt(p['first_14'])} ({word})."
        )
    text = (
        f"Pain rated on <b>{p['days_recorded']}</b> of {p['period_days']} days. Daily mean pain (0-10 NRS): "
        f"mean <b>{_fmt(p['mean'])}</b>, median {_fmt(p['median'])}, highest single rating {_fmt(p['max'], 0)}. "
        f"Flare days: <b>{p['flare_days']}</b>.{trend}"
    )
    # Past about four months a day is under a millimetre wide: weeks read better.
    chart = (
        trend_chart(s.days) if len(s.days) <= 120 else trend_chart(weekly(s.days), unit="weekly")
    )
    return [Paragraph("Pain over the period", st["h"]), Paragraph(text, st["body"]), chart]


def _peg_block(s: Summary, st) -> list:
    if not s.peg3:
        return [
            Paragraph("PEG-3 (weekly)", st["h"]),
            Paragraph("No PEG-3 answered in this period.", st["body"]),
        ]
    rows = [["Week of", "Pain", "Enjoyment", "Activity", "Score"]] + [
        [
            p["week_start"].strftime("%d %b").lstrip("0"),
            p["pain"],
            p["enjoyment"],
            p["activity"],
            _fmt(p["score"]),
        ]
        for p in s.peg3[-8:]
    ]
    table = _table(rows, [40, 28, 44, 38, 30])
    side = Table([[table, peg_chart(s.peg3)]], colWidths=[190, WIDTH - 190], hAlign="LEFT")
    side.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    note = "PEG-3 (Krebs 2009): average pain and interference with enjoyment of life and with general activity over the past week, 0-10 each; score = mean."
    return [Paragraph("PEG-3 (weekly)", st["h"]), side, Paragraph(note, st["small"])]


def _flares_block(s: Summary, st) -> list:
    if not s.flares:
        text = "No flares logged."
    else:
        shown = s.flares[-30:]
        text = ", ".join(d.strftime("%d %b %Y").lstrip("0") for d in shown)
        if len(s.flares) > len(shown):
            text = f"Most recent {len(shown)}: {text}; and {len(s.flares) - len(shown)} earlier."
    return [Paragraph(f"Flares ({len(s.flares)} days)", st["h"]), Paragraph(text, st["body"])]


def _patterns_block(s: Summary, st) -> list:
    out = [Paragraph("Personal patterns found", st["h"])]
    if not s.patterns:
        return out + [
            Paragraph("None passed the evidence threshold in the data so far.", st["body"])
        ]
    for p in s.patterns:
        lag = "same day" if not p.get("lag_days") else f"lag {p['lag_days']} d"
        evidence = f"{_effect_words(p)}, {lag}, n = {p['n']} days, FDR q {_q(p['q_value'])}"
        out.append(
            Paragraph(
                f"<b>{_esc(p['summary'])}</b> <font size=7.5>[{p['kind']}; {evidence}]</font>",
                st["body"],
            )
        )
    out.append(
        Paragraph(
            "Within-person associations from self-reports, adjusted for autocorrelation and multiple testing; not proof of cause.",
            st["small"],
        )
    )
    return out


def _effect_words(p: dict) -> str:
    """The effect in its own unit: odds ratio for flares, pain points, or the factor's unit (precursors).

    The engine gives effect and interval the same way round as the summary beside them.
    """
    ci = f"95% CI {p['ci_low']:.2f} to {p['ci_high']:.2f}"
    if p.get("outcome") == "flare" and p.get("kind") != "precursor":
        return f"flare odds ratio {p['effect']:.2f} ({ci})"
    if p.get("kind") == "precursor":
        return f"difference before flares {p['effect']:+.2f} ({ci})"
    return f"pain {p['effect']:+.2f} points ({ci})"


def _q(q: float) -> str:
    return "< 0.001" if q < 0.001 else f"= {q:.3f}"


def _esc(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _contributors_block(s: Summary, st) -> list:
    if not s.contributors:
        return [
            Paragraph("Inflammation-load contributors", st["h"]),
            Paragraph("No load figures for this period.", st["body"]),
        ]
    top = s.contributors[0][1] or 1
    rows = [["Contributor", "Mean points / day", ""]] + [
        [CONTRIBUTOR_LABELS.get(name, name.replace("_", " ").capitalize()), _fmt(v), _bar(v / top)]
        for name, v in s.contributors[:8]
    ]
    return [
        Paragraph("Inflammation-load contributors (period mean)", st["h"]),
        _table(rows, [150, 80, 130]),
    ]


def _bar(frac: float, width: float = 120, height: float = 7) -> Drawing:
    d = Drawing(width, height)
    d.add(
        Rect(
            0,
            0,
            max(0.5, frac * width),
            height,
            fillColor=DARK,
            strokeColor=colors.black,
            strokeWidth=0.3,
        )
    )
    return d


def _meds_block(s: Summary, st) -> list:
    out = [
        Paragraph("Medication and NSAID use", st["h"]),
        Paragraph(
            f"NSAIDs: <b>{s.nsaid.get('doses', 0)}</b> doses on <b>{s.nsaid.get('days', 0)}</b> of {s.pain['period_days']} days.",
            st["body"],
        ),
    ]
    if s.medications:
        rows = [["Medication / supplement", "Days", "Doses", "Mean dose (mg)"]] + [
            [_esc(m["name"]), m["days"], m["doses"], _fmt(m["mean_mg"], 0)]
            for m in s.medications[:10]
        ]
        out.append(_table(rows, [160, 40, 40, 80]))
    return out


def _practices_block(s: Summary, st) -> list:
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
        items = "; ".join(_protocol_line(item) for item in s.protocol[:12])
        out.append(Paragraph(f"Protocol: {_esc(items)}.", st["body"]))
    if len(out) == 1:
        out.append(Paragraph("None logged.", st["body"]))
    return out


def _safety_block(s: Summary, st) -> list:
    """The interaction checker's notes on the current protocol, most serious first."""
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


def _protocol_line(item: dict) -> str:
    """ "PEA 600 mg (prescription) - from 2026-03-03 until 2026-04-01" from a protocol_item record."""
    dose = (
        f" {item['dose']:g} {item.get('unit') or ''}".rstrip()
        if isinstance(item.get("dose"), (int, float))
        else ""
    )
    rx = " (prescription)" if item.get("prescription") else ""
    when = f" - from {item['start']}" if item.get("start") else ""
    until = f" until {item['stop']}" if item.get("stop") else ""
    return f"{item.get('name', 'Protocol item')}{dose}{rx}{when}{until}"


def _labs_block(s: Summary, st) -> list:
    out = [Paragraph("Lab results against target bands", st["h"])]
    if not s.labs:
        return out + [Paragraph("No lab results entered.", st["body"])]
    mark = {
        "above": "ABOVE",
        "below": "BELOW",
        "within": "within",
        "no target": "-",
        "not comparable": "unit?",
    }
    rows = [["Test", "Date", "Result", "Lab range", "", "Optimal [H]", ""]]
    for r in _latest_per_test(s.labs)[:10]:
        ref = _band_text(*r["reference"], r["unit"]) if r["reference"] else "-"
        opt = _band_text(*r["optimal"]) if r["optimal"] else "-"
        rows.append(
            [
                Paragraph(_esc(r["name"]), st["cell"]),
                r["date"].isoformat() if r["date"] else "-",
                f"{r['value']:g} {r['unit']}",
                ref,
                mark[r["reference_status"]] if r["reference"] else "",
                opt,
                mark[r["optimal_status"]] if r["optimal"] else "",
            ]
        )
    out.append(_table(rows, [115, 52, 70, 62, 40, 75, 40]))
    out.append(
        Paragraph(
            "Lab range: as printed on the person's lab report. Optimal [H]: the functional-medicine targets of "
            "W. Le, PA-C (HW functional medicine), narrower than laboratory reference ranges.",
            st["small"],
        )
    )
    return out


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
        dates = ", ".join(d.isoformat() for d in days[-12:])
        more = f" and {len(days) - 12} earlier" if len(days) > 12 else ""
        n = f"{len(days)} day{'s' if len(days) != 1 else ''}"
        out.append(Paragraph(f"<b>{_esc(flag)}</b> - {n}: {dates}{more}", st["body"]))
    return out


def clinician_pdf(summary: Summary, *, generated_at: datetime, person: str | None = None) -> bytes:
    """The report as PDF bytes (A4, aimed at one or two pages)."""
    st = _styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title="Emberwise clinician report",
        author="Emberwise",
    )
    who = f" for {_esc(person)}" if person else ""
    story = [
        Paragraph(f"Emberwise pain report{who}", st["title"]),
        Paragraph(
            f"Period {_d(summary.start)} to {_d(summary.end)} - generated {generated_at:%Y-%m-%d %H:%M} UTC. "
            "Self-reported daily check-ins; a tracking summary, not a diagnosis.",
            st["small"],
        ),
        *_red_flags_block(summary, st),
        *_pain_block(summary, st),
        *_peg_block(summary, st),
        *_flares_block(summary, st),
        *_patterns_block(summary, st),
        KeepTogether(_contributors_block(summary, st)),
        *_meds_block(summary, st),
        *_practices_block(summary, st),
        *_safety_block(summary, st),
        KeepTogether(_labs_block(summary, st)),
        Spacer(1, 4),
        Paragraph("Made by Emberwise from the person's own records.", st["small"]),
    ]
    doc.build(story, onLaterPages=_page_number, onFirstPage=_page_number)
    return buf.getvalue()


def _page_number(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 7)
    canvas.drawRightString(A4[0] - 15 * mm, 7 * mm, f"page {doc.page}")
    canvas.restoreState()
