// @ts-check
/**
 * Insights › Calendar: a month of days, each a button showing its pain colour and a flare
 * mark; tapping a day opens that day's details (its check-ins, pain, load), with a way to
 * edit each check-in. Below, a longer stretch at a glance.
 */
import { h } from '../ui/dom.js';
import { liveFigure } from '../ui/live-chart.js';
import { shortDate } from '../domain/charts.js';
import { heatmapChart, HEATMAP_LEGEND } from '../domain/heatmap.js';
import { monthGrid, nextMonth, previousMonth } from '../domain/calendar.js';
import { checkinDate, rangeFor } from '../domain/insights.js';
import { labelOf } from '../domain/vocabulary.js';
import { localCheckins } from '../insights-data.js';

/**
 * @typedef {{range: string, month?: string, day?: string}} CalendarState
 */

/**
 * @param {any} v  the insights view data (days, load, today)
 * @param {any} ctx
 * @param {CalendarState} state
 * @param {() => void} redraw
 * @param {(state: any, redraw: () => void) => HTMLElement} rangePicker
 */
export async function calendarScreen(v, ctx, state, redraw, rangePicker) {
  const month = state.month ?? v.today.slice(0, 7);
  const weeks = monthGrid(month, v.days, v.today, v.first);
  // The stretch starts at the first check-in at the earliest: the weeks before it drawn as
  // "no check-in" outlines told a person three days in that they had missed 88 of 91 days.
  const range = rangeFor(/** @type {any} */ (state.range), v.today, v.first);
  const { from, to } = { ...range, from: v.first && v.first > range.from ? v.first : range.from };
  /** @type {HTMLElement[]} */
  const out = [
    h('h2', { text: 'Calendar of pain' }),
    monthHeader(month, v.today, (m) => { state.month = m; state.day = undefined; redraw(); }),
    monthTable(weeks, state.day, (d) => { state.day = d; redraw(); }),
    h('p', { class: 'muted', text: 'A stronger colour is more pain; a ring marks a flare; a dashed outline is a day without a check-in. Tap a day to see it.' }),
  ];
  if (state.day) out.push(await dayDetails(state.day, v, ctx));
  out.push(h('h2', { text: 'At a glance' }), rangePicker(state, redraw),
    liveFigure((size) => heatmapChart(v.days, { from, to, ...size }), {
      legend: HEATMAP_LEGEND, cls: 'heatmap-box',
      caption: 'Each square is a day, Monday at the top; empty outlines are days without a check-in.' }));
  return out;
}

/**
 * "December 2026" with buttons to the months before and after (none past this month).
 * @param {string} month @param {string} today @param {(m: string) => void} go
 */
function monthHeader(month, today, go) {
  const title = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1));
  const before = previousMonth(month);
  const after = nextMonth(month);
  return h('div', { class: 'month-head' },
    h('button', { type: 'button', class: 'btn btn-small btn-quiet', text: '‹', 'aria-label': 'Month before', onclick: () => go(before) }),
    h('h3', { 'aria-live': 'polite', text: title }),
    h('button', { type: 'button', class: 'btn btn-small btn-quiet', text: '›', 'aria-label': 'Month after',
      disabled: after > today.slice(0, 7), onclick: () => go(after) }));
}

/**
 * The month as a table of day buttons.
 * @param {(import('../domain/calendar.js').CalendarDay | null)[][]} weeks
 * @param {string | undefined} selected
 * @param {(date: string) => void} pick
 */
function monthTable(weeks, selected, pick) {
  // One letter a column ("M T W…", as phone calendars do): short names ("Wed") broke in two
  // at 200% text. The full name is what a screen reader says.
  const narrow = new Intl.DateTimeFormat(undefined, { weekday: 'narrow', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(undefined, { weekday: 'long', timeZone: 'UTC' });
  const head = h('tr', {}, ...[0, 1, 2, 3, 4, 5, 6].map((i) => { // 1 Jan 2024 was a Monday
    const day = Date.UTC(2024, 0, 1 + i);
    return h('th', { scope: 'col', abbr: long.format(day) },
      h('span', { 'aria-hidden': 'true', text: narrow.format(day) }), h('span', { class: 'visually-hidden', text: long.format(day) }));
  }));
  const rows = weeks.map((week) => h('tr', {}, ...week.map((d) => h('td', {}, d ? dayButton(d, d.date === selected, pick) : null))));
  return h('table', { class: 'month' }, h('thead', {}, head), h('tbody', {}, ...rows));
}

/**
 * @param {import('../domain/calendar.js').CalendarDay} d
 * @param {boolean} selected
 * @param {(date: string) => void} pick
 */
function dayButton(d, selected, pick) {
  // A day still to come, or one before the first check-in, is not a missed check-in: no
  // outline of an empty day, nothing to tap (a new account's month was all dashed outlines).
  if (d.future || d.before) {
    return h('span', { class: 'day future' }, h('span', { 'aria-hidden': 'true', text: String(d.day) }),
      h('span', { class: 'visually-hidden', text: `${shortDate(d.date, { weekday: true })}: ${d.future ? 'still to come' : 'before your first check-in'}` }));
  }
  const none = d.today ? 'today, no check-in yet' : 'no check-in';
  const what = [d.value === null ? none : `pain ${d.value.toFixed(1)}`, d.flare ? 'flare' : ''].filter(Boolean).join(', ');
  return h('button', { type: 'button', class: `day level-${d.level < 0 ? 'none' : d.level}${d.flare ? ' flare' : ''}${d.today ? ' today' : ''}`,
    'aria-label': `${shortDate(d.date, { weekday: true })}: ${what}`, 'aria-pressed': String(selected),
    onclick: () => pick(d.date) }, h('span', { text: String(d.day) }), d.flare ? h('span', { class: 'flare-mark', 'aria-hidden': 'true' }) : null);
}

/**
 * One day: pain, flare, load, and each check-in with a link to edit it.
 * @param {string} day @param {any} v @param {any} ctx
 */
async function dayDetails(day, v, ctx) {
  const checkins = (await localCheckins(ctx)).filter((c) => checkinDate(c) === day)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const summary = v.days.find((/** @type {any} */ d) => d.date === day);
  const load = (v.load ?? []).find((/** @type {any} */ d) => d.date === day);
  const facts = [
    summary?.pain_mean != null ? `Pain ${summary.pain_mean.toFixed(1)} on average${summary.pain_max != null && checkins.length > 1 ? `, highest ${summary.pain_max}` : ''}.` : '',
    summary?.flare ? 'You marked a flare.' : '',
    typeof load?.score === 'number' ? `Load ${Math.round(load.score)} of 100.` : '',
  ].filter(Boolean).join(' ');
  return h('section', { class: 'card day-details', 'aria-labelledby': 'day-title' },
    h('h3', { id: 'day-title', text: shortDate(day, { weekday: true, year: true }) }),
    h('p', { text: facts || 'No check-in this day.' }),
    checkins.length ? h('ul', { class: 'day-checkins' }, ...checkins.map((c) => h('li', {},
      h('span', { text: `${new Date(c.at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })} — ${describe(c)}` }),
      h('a', { href: `#/checkin/${encodeURIComponent(c.id)}`, class: 'btn btn-small btn-quiet', text: 'Edit', 'aria-label': `Edit the check-in at ${new Date(c.at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}` })))) : null);
}

/** A check-in in a few words. @param {any} c */
function describe(c) {
  const parts = [c.pain != null ? `pain ${c.pain}` : 'no pain rating'];
  if (c.flare) parts.push('flare');
  if (c.locations?.length) parts.push(c.locations.map(labelOf).join(', '));
  if (c.sleep_hours != null) parts.push(`slept ${c.sleep_hours} h`);
  if (c.stress != null) parts.push(`stress ${c.stress}`);
  if (c.activity_minutes != null) parts.push(`${c.activity_minutes} min active`);
  return parts.join(' · ');
}
