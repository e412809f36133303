// @ts-check
/**
 * Breathing pacer timing: which phase a session is in at time t. Pure, no DOM.
 * The default (4 s in, 7 s out) and the rule that the out-breath is longer are W. Le's
 * ("about 4 s in, 7–8 s out"); the ranges offered are Emberwise's own choice.
 */

export const LIMITS = Object.freeze({ inhale: [3, 6], exhale: [4, 10] });
export const DEFAULT_PATTERN = Object.freeze({ inhale: 4, exhale: 7 });
export const SESSION_MINUTES = Object.freeze([1, 3, 5, 10]);

/**
 * @typedef {{inhale: number, exhale: number}} Pattern  seconds in and out
 * @typedef {{phase: 'in'|'out'|'done', cycle: number, inPhase: number,
 *            remaining: number, count: number, progress: number}} PhaseState
 */

/**
 * Check a pattern against the allowed ranges (3–6 s in, 4–10 s out, the out-breath longer).
 * @param {Pattern} p
 * @returns {string[]} plain-language problems; empty when fine
 */
export function patternProblems(p) {
  const out = [];
  const [il, ih] = LIMITS.inhale;
  const [el, eh] = LIMITS.exhale;
  if (!(p.inhale >= il && p.inhale <= ih)) out.push(`Breathe in for ${il} to ${ih} seconds.`);
  if (!(p.exhale >= el && p.exhale <= eh)) out.push(`Breathe out for ${el} to ${eh} seconds.`);
  if (!(p.exhale > p.inhale)) out.push('Let the out-breath be longer than the in-breath: that is what calms the nervous system.');
  return out;
}

/** @param {Pattern} p @returns {number} seconds per breath */
export function cycleSeconds(p) {
  return p.inhale + p.exhale;
}

/**
 * Whole breaths that fit a session of `minutes` (at least one), so a session never
 * stops mid-breath.
 * @param {Pattern} p @param {number} minutes
 */
export function sessionCycles(p, minutes) {
  return Math.max(1, Math.round((minutes * 60) / cycleSeconds(p)));
}

/** @param {Pattern} p @param {number} minutes @returns {number} seconds */
export function sessionSeconds(p, minutes) {
  return sessionCycles(p, minutes) * cycleSeconds(p);
}

/**
 * The phase at `t` seconds into a session of `totalSeconds`.
 * `count` is the whole second shown to the person (1, 2, 3 … within a phase);
 * `progress` runs 0→1 through the phase, for the animated shape.
 * @param {Pattern} p @param {number} t @param {number} totalSeconds
 * @returns {PhaseState}
 */
export function phaseAt(p, t, totalSeconds) {
  if (t >= totalSeconds) return { phase: 'done', cycle: Math.round(totalSeconds / cycleSeconds(p)), inPhase: 0, remaining: 0, count: 0, progress: 1 };
  const c = cycleSeconds(p);
  const time = Math.max(0, t);
  const cycle = Math.floor(time / c);
  const within = time - cycle * c;
  const inhaling = within < p.inhale;
  const length = inhaling ? p.inhale : p.exhale;
  const inPhase = inhaling ? within : within - p.inhale;
  return {
    phase: inhaling ? 'in' : 'out', cycle, inPhase,
    remaining: length - inPhase,
    count: Math.floor(inPhase) + 1,
    progress: inPhase / length,
  };
}

/**
 * Minutes to log for `seconds` of practice: rounded, at least 1 once 30 s were done.
 * @param {number} seconds @returns {number}
 */
export function minutesToLog(seconds) {
  if (!(seconds >= 30)) return 0;
  return Math.max(1, Math.round(seconds / 60));
}
