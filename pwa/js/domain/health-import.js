// @ts-check
/**
 * Health imports, the words around them: progress, what an import added, and what a
 * phone or watch recorded for the day a check-in is about. Pure: no DOM, no network.
 * Names and how-to steps come from health-sources.json, which the server reads too.
 */
import data from './health-sources.json' with { type: 'json' };

/** @typedef {{key: string, name: string, file: string, how: string[]}} Source */
/** @typedef {{id: string, filename: string, size: number, received: number, chunk_size: number, state: string, phase: string|null, progress: number, sources: {key: string, name: string}[], summary: Record<string, any>|null, error: string|null, created_at: string, finished_at: string|null}} ImportRecord */
/** @typedef {{id: string, name: string, size: number, lastModified: number}} PendingUpload */

/** @type {Source[]} */
export const SOURCES = data.sources;
/** @type {Record<string, string>} */
export const SOURCE_NAMES = Object.fromEntries(SOURCES.map((s) => [s.key, s.name]));
/** @type {Record<string, string>} */
const FIELD_LABELS = Object.fromEntries(data.fields.map((f) => [f.key, f.label]));

/** "280 MB", "3.4 MB", "912 KB". @param {number} bytes */
export function formatBytes(bytes) {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(bytes >= 100 * 1024 ** 2 ? 0 : 1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** "7 h 15 min" from hours. @param {number} hours */
export function sleepLength(hours) {
  const minutes = Math.round(hours * 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/**
 * Where an import is, in words, and how far along (0–1) for a progress bar.
 * @param {ImportRecord} record
 * @returns {{text: string, fraction: number | null}}  null fraction: nothing to measure
 */
export function progressOf(record) {
  const pct = (/** @type {number} */ f) => `${Math.floor(f * 100)}%`;
  if (record.state === 'uploading') {
    const f = record.size ? record.received / record.size : 0;
    return { text: `Uploading ${pct(f)} — ${formatBytes(record.received)} of ${formatBytes(record.size)}`, fraction: f };
  }
  if (record.state === 'processing') {
    const words = { waiting: 'Waiting for another file to finish', checking: 'Checking the file',
      reading: 'Reading your data', saving: 'Saving' }[record.phase ?? 'waiting'] ?? 'Reading your data';
    return { text: `${words}… ${pct(record.progress)}`, fraction: record.progress };
  }
  return { text: '', fraction: null };
}

/**
 * What an import added, in one or two plain sentences.
 * @param {ImportRecord} record
 * @param {(day: string) => string} dayLabel  a local date "2026-03-27" as the person reads dates
 */
export function summaryText(record, dayLabel) {
  const s = record.summary ?? {};
  if (record.state === 'failed') return record.error ?? 'This file could not be read.';
  if (s.duplicate_of) return 'You had already imported this file, so nothing new was added.';
  const from = record.sources.map((x) => x.name).join(' and ') || 'the file';
  if (record.state === 'undone') return `Undone: the ${plural(s.days ?? 0, 'day')} this import added from ${from} were taken back.`;
  if (!s.days) return `Nothing in ${from} was new.`;
  const counts = Object.entries(s.fields ?? {}).map(([k, n]) => `${FIELD_LABELS[k] ?? k} (${n})`);
  const range = s.first_date === s.last_date ? dayLabel(s.first_date) : `${dayLabel(s.first_date)} to ${dayLabel(s.last_date)}`;
  const fresh = s.new || s.changed ? ` ${plural(s.new ?? 0, 'new day')}, ${s.changed ?? 0} updated.` : ' All of it was already here.';
  return `${plural(s.days, 'day')} from ${from}, ${range}: ${counts.join(', ')}.${fresh}`;
}

/** "3 days", "1 day". @param {number} n @param {string} word */
function plural(n, word) {
  return `${n.toLocaleString()} ${n === 1 ? word : `${word}s`}`;
}

/**
 * Plain lines about what a phone or watch recorded for one day, per check-in section,
 * saying where each value came from; a value the person typed is named as theirs.
 * @param {Record<string, any> | undefined} day  a health_day record's data
 * @param {Record<string, any>} typed  the check-in's own values (typed wins)
 * @returns {{sleep: string | null, activity: string | null}}
 */
export function dayNotes(day, typed = {}) {
  if (!day) return { sleep: null, activity: null };
  const from = (/** @type {string} */ field) => SOURCE_NAMES[day.sources?.[field]] ?? 'Your import';
  /** @type {string[]} */
  const sleep = [];
  if (day.sleep_hours != null) sleep.push(`${sleepLength(day.sleep_hours)} asleep`);
  if (day.night_wakings != null) sleep.push(`woke ${plural(day.night_wakings, 'time')}`);
  if (day.sleep_quality != null) sleep.push(`sleep score ${day.sleep_quality} of 10`);
  /** @type {string[]} */
  const active = [];
  if (day.activity_minutes != null) active.push(`${plural(day.activity_minutes, 'active minute')}`);
  if (day.steps != null) active.push(`${plural(day.steps, 'step')}`);
  return {
    sleep: sleep.length ? note(from('sleep_hours' in day ? 'sleep_hours' : 'night_wakings'), sleep, 'that night', SLEEP_FIELDS, day, typed) : null,
    activity: active.length ? note(from('activity_minutes' in day ? 'activity_minutes' : 'steps'), active, 'that day', ACTIVE_FIELDS, day, typed) : null,
  };
}

/** The fields a day's note covers, as the note names them when only some were typed. */
const SLEEP_FIELDS = /** @type {[string, string][]} */ ([['sleep_hours', 'hours asleep'], ['night_wakings', 'wakings'], ['sleep_quality', 'sleep score']]);
const ACTIVE_FIELDS = /** @type {[string, string][]} */ ([['activity_minutes', 'active minutes'], ['steps', 'steps']]);

/**
 * The note's sentence. A typed value replaces the imported one for its own field only (the
 * server merges field by field, docs/health-import.md), so a note says so field by field.
 * @param {string} source @param {string[]} parts @param {string} when
 * @param {[string, string][]} fields @param {Record<string, any>} day @param {Record<string, any>} typed
 */
function note(source, parts, when, fields, day, typed) {
  const recorded = `${source} recorded ${parts.join(', ')} ${when}.`;
  const imported = fields.filter(([k]) => day[k] != null);
  const mine = imported.filter(([k]) => typed[k] != null);
  if (!mine.length) return `${recorded} It counts unless you type your own.`;
  if (mine.length === imported.length) return `${recorded} What you typed is used instead.`;
  return `${recorded} What you typed for ${mine.map(([, label]) => label).join(' and ')} is used instead; the rest counts.`;
}

/**
 * Whether a chosen file is the one an interrupted upload was sending.
 * @param {PendingUpload | undefined} pending
 * @param {{name: string, size: number, lastModified: number}} file
 */
export function sameFile(pending, file) {
  return Boolean(pending) && pending?.name === file.name && pending?.size === file.size && pending?.lastModified === file.lastModified;
}
