// @ts-check
/** #/peg3: the weekly PEG-3 — three 0–10 questions, offered once a week — and its chart. */
import { h, toast } from '../ui/dom.js';
import { liveFigure } from '../ui/live-chart.js';
import { scaleField } from '../ui/fields.js';
import { weeklyChart, shortDate } from '../domain/charts.js';
import { PEG_QUESTIONS, weekStart, pegScore, pegSeries } from '../domain/peg3.js';
import { addDays } from '../domain/scales.js';
import { chartSpan } from '../domain/insights.js';
import { ensureStyles, today } from '../insights-data.js';

/** Our choice: the weekly chart is at least four weeks wide. */
const PEG_CHART_DAYS = 28;

/**
 * @param {HTMLElement} root
 * @param {any} ctx
 */
export function render(root, ctx) {
  ensureStyles();
  const section = h('section', { class: 'peg3' }, h('h1', { text: 'Weekly check: PEG-3' }));
  root.append(section);
  const draw = async () => {
    const recs = await ctx.records('peg3');
    const week = weekStart(today());
    const mine = recs.find((/** @type {any} */ r) => r.data?.week_start === week);
    section.replaceChildren(section.firstChild ?? '', ...formPart(ctx, week, mine, draw), ...chartPart(recs.map((/** @type {any} */ r) => r.data)));
  };
  draw();
  const off = ctx.on('records-changed', (/** @type {any} */ d) => { if (d?.types?.includes('peg3')) draw(); });
  return off;
}

/**
 * The questions for this week, prefilled when already answered (answers can be changed).
 * @param {any} ctx
 * @param {string} week
 * @param {any} existing  this week's record, if any
 * @param {() => void} redraw
 */
function formPart(ctx, week, existing, redraw) {
  const fields = PEG_QUESTIONS.map(([key, question, low, high]) => {
    const f = scaleField(question, { low, high });
    if (existing) f.set(existing.data[key]);
    return /** @type {const} */ ([key, f]);
  });
  const msg = h('p', { class: 'form-error', role: 'alert' });
  const save = async (/** @type {Event} */ e) => {
    e.preventDefault();
    const data = { week_start: week, ...Object.fromEntries(fields.map(([k, f]) => [k, f.get()])) };
    if (pegScore(data) === null) { msg.textContent = 'Please answer all three questions.'; return; }
    await ctx.save('peg3', data, existing?.id);
    toast(`Saved — this week's score is ${pegScore(data)?.toFixed(1)}.`);
    redraw();
  };
  const intro = existing
    ? `You answered for the week of ${shortDate(week)} (score ${pegScore(existing.data)?.toFixed(1)}). You can change the answers until Sunday; the next one opens on ${shortDate(addDays(week, 7))}.`
    : `Once a week, about the past seven days (week of ${shortDate(week)}).`;
  const what = 'PEG stands for Pain, Enjoyment of life and General activity: three questions, 0 to 10, about how much pain there was and how much it got in the way. Its score, the mean of the three, is one doctors know (Krebs 2009), so it is a good number to bring to an appointment.';
  return [h('p', { class: 'lead', text: intro }), h('p', { class: 'explain', text: what }),
    h('form', { class: 'peg-form', onsubmit: save }, ...fields.map(([, f]) => f.el), msg,
      h('button', { type: 'submit', class: 'btn btn-primary', text: existing ? 'Update answers' : 'Save this week' }))];
}

/**
 * The weekly score chart and a table of past weeks.
 * @param {any[]} entries
 */
function chartPart(entries) {
  const series = pegSeries(entries.filter((e) => e?.week_start));
  if (!series.length) return [h('p', { class: 'muted', text: 'Your weekly scores will be charted here.' })];
  // From the first answer's week (twelve weeks back ran from September for a December
  // start), at least four weeks wide so one answer reads as the start of a series.
  const last = series[series.length - 1];
  const { from, to } = chartSpan({ from: series[0].week_start, to: addDays(last.week_start, 6) },
    undefined, PEG_CHART_DAYS);
  const points = series.map((s) => ({ date: s.week_start, value: /** @type {number} */ (s.score) }));
  const fig = liveFigure((size) => weeklyChart(points, { from, to, title: 'PEG-3 score by week', ...size }),
    { caption: 'Score = mean of the three answers, 0–10; lower is better. A gap means a week was skipped.' });
  // One line per week, not a five-column table: a list reflows at 200% text on a 320 px
  // screen, where the table scrolled sideways (WCAG 1.4.10, tests/e2e/test_reflow.py).
  const weeks = series.slice(-8).reverse().map((s) => h('li', {},
    h('strong', { text: `Week of ${shortDate(s.week_start)}: score ${s.score?.toFixed(1) ?? '–'}` }),
    // The two answers are how much pain got in the way: "enjoyment 7" read as a good week.
    h('span', { class: 'muted', text: ` — pain ${s.pain}; in the way of enjoyment ${s.enjoyment}, of activity ${s.activity}` })));
  return [h('h2', { text: 'Your weekly scores' }), fig, h('ul', { class: 'peg-weeks' }, ...weeks)];
}
