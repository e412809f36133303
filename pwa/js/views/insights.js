// @ts-check
/**
 * #/insights[/screen]: what is going on, at a glance. Screens: overview (timeline + today's
 * load), calendar, patterns, forecast, practices. Draws from the last synced results kept
 * on the device, then refreshes when online.
 */
import { h } from '../ui/dom.js';
import { timelineChart, contributorsChart, comparisonGlyph, humanise, shortDate, timelineLegend } from '../domain/charts.js';
import { liveFigure } from '../ui/live-chart.js';
import { calendarScreen } from './insights-calendar.js';
import { RANGES, checkinDate, rangeFor, timelineDays, loadSentence, forecastQuality, calibrationLines, beforeAfter, withWithout, periodLine, MIN_SIDE_DAYS, compareTakeaway, usualLoad, usualWait } from '../domain/insights.js';
import { pegOffered } from '../domain/peg3.js';
import { cachedInsights, refreshInsights, painDays, today, ensureStyles, localCheckins } from '../insights-data.js';
import { takeawayCard, groupCard, howMuchNote } from './insights-lead.js';
import { hunchesCard } from './insights-hunches.js';
import { keepViewState } from '../ui/redraw-state.js';

const UPDATE_POLL_MS = 20000;
const UPDATE_POLLS = 6;

const SCREENS = /** @type {const} */ ([['overview', 'Overview'], ['calendar', 'Calendar'], ['patterns', 'Patterns'], ['forecast', 'Forecast'], ['practices', 'What helps']]);

/**
 * @param {HTMLElement} root
 * @param {any} ctx
 */
export function render(root, ctx) {
  ensureStyles();
  const screen = SCREENS.some(([k]) => k === ctx.params[0]) ? ctx.params[0] : 'overview';
  const status = h('p', { class: 'insights-status', role: 'status' });
  const body = h('div', { class: 'insights-body' }, h('p', { class: 'loading', text: 'Loading your insights…' }));
  // The first screen opens on its one takeaway, above the sub-screens' links.
  const lead = h('div', { class: 'insights-lead' });
  root.append(h('section', { class: 'insights' },
    h('h1', { text: 'Insights' }), lead,
    h('nav', { class: 'subtabs', 'aria-label': 'Insights screens' }, ...SCREENS.map(([k, label]) =>
      h('a', { href: `#/insights/${k}`, class: 'subtab', 'aria-current': k === screen ? 'page' : null, text: label }))),
    status, body,
    h('nav', { class: 'insights-links', 'aria-label': 'More' },
      h('a', { href: '#/peg3', text: 'Weekly PEG-3: three questions about your week' }),
      h('a', { href: '#/reports', text: 'Reports for your clinician & export' }))));
  /** @type {{range: import('../domain/insights.js').RangeKey, hunches?: HTMLElement}} */
  const state = { range: screen === 'calendar' ? '3m' : '4w' };
  let alive = true;
  let data = /** @type {any} */ (null);

  let drawn = 0;
  let scrolled = false;
  // The body is aria-busy while the first load or a draw is under way: a screen reader
  // waits for the finished screen, and so can a test.
  let pending = 0;
  const busy = (/** @type {number} */ change) => {
    pending += change;
    if (pending > 0) body.setAttribute('aria-busy', 'true'); else body.removeAttribute('aria-busy');
  };
  const draw = async () => {
    if (!alive) return;
    busy(1);
    try { await paint(); } finally { busy(-1); }
  };
  const paint = async () => {
    // Draws overlap (a range tap while the sync's answer is drawn): only the newest one
    // paints, so an older picture never lands on top of a newer one.
    const seq = ++drawn;
    const { days, first } = await painDays(ctx);
    const view = { ...data, days: timelineDays(data?.load ?? [], days), first, today: today(), topic: ctx.params[1] };
    const leadNodes = screen === 'overview' ? await overviewLead(view, ctx) : null;
    const nodes = await SCREEN_VIEWS[screen](view, ctx, state, draw);
    if (!alive || seq !== drawn) return;
    // A redraw after a sync keeps what the person opened and where their focus was.
    const restore = keepViewState(root);
    if (leadNodes) lead.replaceChildren(...leadNodes);
    body.replaceChildren(...nodes);
    restore();
    // Land on the topic once; a later redraw must not pull the page back to it.
    const topic = view.topic && !scrolled ? document.getElementById(`topic-${view.topic}`) : null;
    if (topic) { topic.scrollIntoView({ block: 'start' }); scrolled = true; }
  };
  const note = (/** @type {any} */ cache, /** @type {string} */ extra = '') => {
    status.textContent = cache ? `Results from ${new Date(cache.fetched_at).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}${extra}` : extra;
  };

  // While the server is still working the newest check-ins in, say so and ask again a few
  // times (its scheduler picks the work up within a minute or two).
  let timer = 0;
  const followUpdate = (/** @type {number} */ triesLeft) => {
    if (!alive || !data?.updating) return;
    note(data, ' — updating with your newest check-ins; this screen refreshes itself.');
    if (triesLeft <= 0) { note(data, ' — your newest check-ins are still being worked in; look again in a few minutes.'); return; }
    timer = window.setTimeout(async () => {
      try {
        data = await refreshInsights(ctx, (await painDays(ctx)).first);
        note(data);
        await draw();
      } catch { /* offline for now: the next visit asks again */ }
      followUpdate(triesLeft - 1);
    }, UPDATE_POLL_MS);
  };

  busy(1);
  (async () => {
    try {
      data = await cachedInsights();
      if (data) { note(data); await draw(); }
      try {
        await ctx.sync();
        data = await refreshInsights(ctx, (await painDays(ctx)).first);
        note(data);
      } catch {
        note(data, data ? ' — offline, showing the last synced results.' : 'Offline — your insights appear after the first sync.');
      }
      await draw();
    } finally { busy(-1); }
    followUpdate(UPDATE_POLLS);
  })();
  return () => { alive = false; clearTimeout(timer); };
}

/** @typedef {{days: any[], load: any[], patterns: any, forecast: any, overview: any, first?: string, today: string, topic?: string}} ViewData */

/**
 * The top of the first screen: the week's takeaway, this week in one line, and the weekly
 * PEG-3 once the person has a week of check-ins to answer it about.
 * @param {ViewData} v
 * @param {any} ctx
 */
async function overviewLead(v, ctx) {
  const out = [];
  if (v.overview?.takeaway) out.push(takeawayCard(v.overview.takeaway));
  else out.push(h('p', { class: 'empty-state', text: 'Your takeaway for the week appears after the first sync.' }));
  if (v.overview?.week?.text) out.push(h('p', { class: 'week-line', text: v.overview.week.text }));
  const peg = (await ctx.records('peg3')).map((/** @type {any} */ r) => r.data);
  if (pegOffered(peg, v.today, v.first)) {
    out.push(h('a', { href: '#/peg3', class: 'banner' },
      h('strong', { text: 'Your weekly PEG-3 is ready. ' }),
      h('span', { text: 'Three questions about last week: your pain, and how much it got in the way of enjoyment and activity. Under a minute.' })));
  }
  return out;
}

/**
 * The range buttons; pressing one redraws.
 * @param {{range: string}} state
 * @param {() => void} redraw
 */
function rangePicker(state, redraw) {
  return h('div', { class: 'range-picker', role: 'group', 'aria-label': 'Time range' }, ...RANGES.map(([k, label]) =>
    h('button', { type: 'button', class: 'seg', 'aria-pressed': String(state.range === k), text: label,
      onclick: () => { state.range = /** @type {any} */ (k); redraw(); } })));
}

/** @type {Record<string, (v: ViewData, ctx: any, state: any, redraw: () => void) => Promise<Node[]>>} */
const SCREEN_VIEWS = {
  async overview(v, ctx, state, redraw) {
    const { from, to } = rangeFor(state.range, v.today, v.first);
    // The newest scored day, or the newest day still waiting for the person's own baseline.
    const latest = [...(v.load || [])].reverse().find((d) => typeof d.score === 'number' || (d.days_needed ?? 0) > 0);
    const isToday = latest?.date === v.today;
    const out = [];
    // Before the first pain rating an empty chart (axes, a legend, dates) was all a new
    // person saw here: say what will appear instead.
    const chart = v.first
      ? [rangePicker(state, redraw), liveFigure((size) => timelineChart({ days: v.days, from, to, ...size }), { legend: timelineLegend(v.days, from, to), caption: periodLine(v.days, from, to) })]
      : [h('p', { class: 'empty-state', text: 'Your pain, day by day, is drawn here from your first check-in on.' })];
    out.push(
      h('h2', { text: 'Pain and load' }), ...chart,
      h('h2', { text: latest && !isToday ? `Load on ${shortDate(latest.date)}` : "Today's load" }),
      h('p', { class: 'lead', text: latest ? loadSentence(latest, usualLoad(v.load || [], latest.date), usualWait(v.load || [], latest.date)).replace("Today's load", isToday ? "Today's load" : 'The load') : loadSentence(undefined) }),
    );
    const contributors = latest?.contributors || {};
    if (contributorsChart(contributors)) {
      // Clinical words explained where they appear.
      const swings = (contributors.acute_chronic ?? 0) > 0 ? ' Activity swings: your past week\'s activity against your usual four weeks (clinicians call this the acute:chronic workload ratio, ACWR).' : '';
      out.push(liveFigure((size) => contributorsChart(contributors, size),
        { caption: `Points each contributor adds to the load (0–100).${swings} Sources: inflammation-load framework, Analgesia 2026.` }));
    }
    return out;
  },

  async calendar(v, ctx, state, redraw) {
    return calendarScreen(v, ctx, state, redraw, rangePicker);
  },

  async patterns(v, ctx, state) {
    const out = [h('h2', { text: 'Your patterns' })];
    // One hunches card per visit, put back on each redraw: it loads itself and keeps what the
    // person was typing (a redraw after a sync must not reset the form).
    state.hunches ??= hunchesCard(ctx);
    const ov = v.overview;
    if (!ov) return [...out, h('p', { class: 'empty-state', text: 'Your patterns appear after the first sync.' }), state.hunches];
    if (!ov.groups.length) return [...out, h('p', { class: 'empty-state', text: `${ov.takeaway.headline} ${ov.takeaway.recent ?? ''}` }), state.hunches];
    out.push(h('p', { class: 'muted', text: `From ${ov.data_days} days of your check-ins, grouped by topic. Each held up when tested against chance; most are links in your own data, not proof of cause.` }));
    const patterns = v.patterns?.patterns ?? [];
    return [...out, ...ov.groups.map((/** @type {any} */ g) => groupCard(g, patterns, g.key === v.topic)), state.hunches];
  },

  async forecast(v) {
    const f = v.forecast;
    // A figure only when the server found it better than "tomorrow is like today" (docs/analysis.md §4).
    const calibration = calibrationLines(f?.quality);
    const checked = calibration.length ? [h('h3', { text: 'How its past forecasts turned out' }), h('ul', { class: 'calibration' }, ...calibration.map((text) => h('li', { text })))] : [];
    if (!f || typeof f.risk !== 'number') {
      // No figure: say what the person can do, and keep the track record of forecasts they
      // never saw behind a disclosure (a list of percentages read as a forecast after all).
      return [h('h2', { text: 'Flare forecast' }),
        h('p', { class: 'empty-state', text: f?.message || 'No forecast yet — it needs a few weeks of check-ins with some flares marked.' }),
        h('p', { class: 'forecast-help', text: 'What helps it learn: on a day a flare starts, switch on “This is a flare” in your check-in.' }),
        ...(calibration.length ? [h('details', { class: 'forecast-record' }, h('summary', { text: 'How its past forecasts turned out' }),
          h('ul', { class: 'calibration' }, ...calibration.map((text) => h('li', { text }))))] : [])];
    }
    const pct = Math.round(f.risk * 100);
    return [
      h('h2', { text: 'Flare forecast' }),
      h('p', { class: 'big-figure' }, h('strong', { text: `${pct}%` }), h('span', { text: ` chance of a flare in the next ${f.horizon_hours ?? 24} hours` })),
      h('p', { class: 'quality', text: forecastQuality(f.quality) }),
      ...(f.drivers?.length ? [h('h3', { text: 'What moves it today' }), h('ul', { class: 'drivers' }, ...f.drivers.map(driverItem))] : []),
      ...checked,
      h('p', { class: 'muted', text: 'A forecast is a hint for planning a lighter day, not a verdict. Red-flag symptoms always need medical care.' }),
    ];
  },

  async practices(v, ctx) {
    const days = v.days;
    /** @type {HTMLElement[]} */
    const intro = [h('h2', { text: 'Practices and protocol against pain' }),
      h('p', { text: 'How your pain went after you started something, and on the days after a practice. Other things changed too, so these are hints, not proof.' }),
      h('details', { class: 'method' }, h('summary', { text: 'How these are worked out' }),
        h('p', { class: 'muted', text: `Each comparison needs ${MIN_SIDE_DAYS} days with a pain rating on each side (for a practice, days followed by a check-in the next day). After starting an item, your pain is set against the way it was already going in the four weeks before. After days with a practice, the next day's pain is compared, allowing for that day's pain, so a practice done on bad days is not blamed for them. Your pain has good and bad runs anyway, so each change is also measured at other dates, when you started nothing (or with the practice days moved round the calendar): a change is told only if at most 1 in 20 of those gave one as large, and it is at least half a point. With several cards, one of them can still be chance.` }))];
    /** @type {HTMLElement[]} */
    const out = [];
    const items = (await ctx.records('protocol_item')).map((/** @type {any} */ r) => r.data).filter((/** @type {any} */ d) => d?.start);
    for (const item of items) {
      const c = beforeAfter(days, item.start, 28);
      out.push(compareCard(`${item.name}${item.dose ? ` ${item.dose}${item.unit ?? ''}` : ''}`, `Started ${shortDate(item.start)}; the 4 weeks before and after`, c, ['before', 'after'], 'started'));
    }
    const checkins = await localCheckins(ctx);
    const did = (/** @type {(c: any) => boolean} */ f) => {
      const dates = new Set(checkins.filter(f).map(checkinDate));
      return (/** @type {string} */ d) => dates.has(d);
    };
    const practices = [
      ['Slow breathing', (/** @type {any} */ c) => (c.breathing_minutes || 0) > 0],
      ['Mindfulness', (/** @type {any} */ c) => (c.mindfulness_minutes || 0) > 0],
      ['Rest breaks', (/** @type {any} */ c) => (c.rest_breaks || 0) > 0],
      ...[...new Set(checkins.flatMap((c) => c.activities || []))].slice(0, 4)
        .map((a) => [humanise(a), (/** @type {any} */ c) => (c.activities || []).includes(a), true]),
    ];
    const howMuch = howMuchNote(v.overview);
    for (const [name, f, moving] of /** @type {[string, (c: any) => boolean, boolean?][]} */ (practices)) {
      const c = withWithout(days, did(f));
      if (c.diff === null) continue;
      const card = compareCard(name, 'Pain the day after, with it and without it', c, ['without', 'with'], 'practice');
      // A walk that went with less pain beside "more than 51 minutes, more pain": say how both hold.
      if (moving && howMuch && (c.after.mean ?? 0) <= (c.before.mean ?? 0)) card.append(h('p', { class: 'explain how-much', text: howMuch }));
      out.push(card);
    }
    // No card yet (a new account): say what makes them appear rather than leave the method alone on the screen.
    if (!out.length) return [intro[0], h('p', { class: 'empty-state', text: `Log practices in your check-ins or add protocol items, and comparisons appear here once there are ${MIN_SIDE_DAYS} days with a pain rating before and after you start something, or ${MIN_SIDE_DAYS} days with a practice and ${MIN_SIDE_DAYS} without, each followed by a check-in the next day.` })];
    return [...intro, ...out];
  },
};

/**
 * @param {any} d  a forecast driver: a string or {name|factor, ...}
 */
function driverItem(d) {
  if (typeof d === 'string') return h('li', { text: humanise(d) });
  const name = humanise(d.factor ?? d.name ?? 'factor');
  const dir = typeof d.contribution === 'number' ? (d.contribution > 0 ? ' raises it' : ' lowers it') : '';
  return h('li', { text: `${name}${dir}` });
}

/**
 * One comparison: a plain sentence first (compareTakeaway), then the averages it rests on.
 * @param {string} title
 * @param {string} how
 * @param {ReturnType<typeof beforeAfter>} c
 * @param {[string, string]} labels
 * @param {'started' | 'practice'} kind
 */
function compareCard(title, how, c, labels, kind) {
  // The plain averages, which the sentence adjusts ("How these are worked out" says how).
  const numbers = c.diff === null ? null : `Average pain ${labels[0]}: ${c.before.mean?.toFixed(1)} on ${c.before.n} days; ${labels[1]}: ${c.after.mean?.toFixed(1)} on ${c.after.n} days.`;
  return h('article', { class: 'card compare' }, h('h3', { text: title }), h('p', { class: 'compare-takeaway', text: compareTakeaway(c, kind) }),
    h('p', { class: 'muted', text: how }),
    liveFigure((size) => comparisonGlyph(c.before.mean, c.after.mean, { labels, ...size })), numbers ? h('p', { class: 'muted', text: numbers }) : null);
}
