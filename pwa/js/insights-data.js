// @ts-check
/**
 * Data for the insights, PEG-3 and reports views: fetches the insights, keeps the last
 * answer in IndexedDB (meta store) so the screens work offline. Views call these; they never
 * touch IndexedDB themselves (files are downloaded with `ctx.download`).
 */
import { getMeta, setMeta } from './store.js';
import { addDays } from './domain/scales.js';
import { dailyPain } from './domain/insights.js';

const CACHE_KEY = 'insights_cache';

/** @typedef {{fetched_at: string, from: string, to: string, load: any[], patterns: any, forecast: any, overview: any, updating?: boolean}} InsightsCache */

/** Header the insights routes set while newer check-ins are still being analysed (docs/insights.md). */
const UPDATING = 'X-Analysis-Updating';

/**
 * Today's date on this device, as YYYY-MM-DD.
 * @param {Date} [now]
 */
export function today(now = new Date()) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The local check-ins as plain check-in objects (id + data).
 * @param {any} ctx
 */
export async function localCheckins(ctx) {
  const recs = await ctx.records('checkin');
  return recs.map((/** @type {any} */ r) => ({ ...r.data, id: r.id }));
}

/** @returns {Promise<InsightsCache | undefined>} */
export const cachedInsights = () => getMeta(CACHE_KEY).catch(() => undefined);

/**
 * Fetches load (from the first local check-in, at least a year back), patterns, forecast and
 * the overview (takeaway and grouped patterns);
 * stores what arrived. Parts that fail keep their cached value. Rejects only when nothing
 * could be fetched at all. `updating` is true when the server sent its stored analysis while
 * a newer one (with the latest check-ins) is being computed.
 * @param {any} ctx
 * @param {string} first  first day with a local check-in
 * @returns {Promise<InsightsCache>}
 */
export async function refreshInsights(ctx, first) {
  const to = today();
  const yearBack = addDays(to, -364);
  const from = first && first < yearBack ? first : yearBack;
  let updating = false;
  const opts = { onHeaders: (/** @type {Headers} */ hd) => { if (hd.get(UPDATING) === 'true') updating = true; } };
  const [load, patterns, forecast, overview] = await Promise.allSettled([
    ctx.api(`/api/insights/load?from=${from}&to=${to}`, opts),
    ctx.api('/api/insights/patterns', opts),
    ctx.api('/api/insights/forecast', opts),
    ctx.api('/api/insights/overview', opts),
  ]);
  if ([load, patterns, forecast, overview].every((r) => r.status === 'rejected')) throw /** @type {any} */ (load).reason;
  const old = (await cachedInsights()) || /** @type {any} */ ({});
  const value = (/** @type {PromiseSettledResult<any>} */ r, /** @type {any} */ fallback) => (r.status === 'fulfilled' ? r.value : fallback);
  const loadValue = value(load, old.load);
  const fresh = {
    fetched_at: new Date().toISOString(), from, to,
    load: Array.isArray(loadValue) ? loadValue : loadValue?.days ?? [],
    patterns: value(patterns, old.patterns), forecast: value(forecast, old.forecast),
    overview: value(overview, old.overview), updating,
  };
  await setMeta(CACHE_KEY, fresh);
  return fresh;
}

/**
 * Daily pain from local check-ins, and the first day with one.
 * @param {any} ctx
 */
export async function painDays(ctx) {
  const days = dailyPain(await localCheckins(ctx));
  return { days, first: days[0]?.date };
}

let stylesAdded = false;

/** Adds the insights stylesheet once (a <link>, so the CSP needs no inline styles). */
export function ensureStyles() {
  if (stylesAdded || document.querySelector('link[data-insights]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/css/insights.css';
  link.dataset.insights = '';
  document.head.append(link);
  stylesAdded = true;
}
