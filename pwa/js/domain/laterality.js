// @ts-check
/** Left/right judgement training: trial generation and scoring. Pure, no DOM. */

export const ROTATIONS = Object.freeze([0, 45, 90, 135, 180, 225, 270, 315]);
/**
 * Reference for healthy people. Not from our two main sources: Emberwise's own pick of the
 * NOI Group's published guidance for its left/right judgement training.
 */
export const REFERENCE = Object.freeze({
  accuracy: 0.8, medianMs: 2000,
  source: 'NOI Group (graded motor imagery) guidance for left/right judgement: healthy people get about 80% or more right, in about 1.6–2 s per hand picture. Emberwise\'s own choice of reference, not from our two main sources',
});

/**
 * @typedef {'hand'|'foot'} Part
 * @typedef {'left'|'right'} Side
 * @typedef {{part: Part, side: Side, rotation: number, view: 'back'|'palm'}} Trial
 *   view 'palm' means the palm of a hand or the sole of a foot.
 * @typedef {{trial: Trial, answer: Side, ms: number}} Response
 * @typedef {{n: number, correct: number, accuracy: number, medianMs: number|null}} Score
 */

/** Small seeded generator (mulberry32) so sessions are reproducible in tests. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Whether the drawing must be mirrored: the base drawings show the back of a LEFT
 * hand/foot; a right one, or the palm/sole of a left one, is its mirror image.
 * @param {Trial} t
 */
export function isMirrored(t) {
  return (t.side === 'right') !== (t.view === 'palm');
}

/**
 * `n` trials, half left and half right (odd n: one extra left), shuffled.
 * @param {{n?: number, parts?: Part[], rng?: () => number}} [opts]
 * @returns {Trial[]}
 */
export function makeTrials({ n = 20, parts = ['hand', 'foot'], rng = Math.random } = {}) {
  const pick = (xs) => xs[Math.floor(rng() * xs.length)];
  /** @type {Trial[]} */
  const trials = [];
  for (let i = 0; i < n; i += 1) {
    trials.push({ part: pick(parts), side: i % 2 === 0 ? 'left' : 'right', rotation: pick(ROTATIONS), view: pick(['back', 'palm']) });
  }
  for (let i = trials.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    [trials[i], trials[j]] = [trials[j], trials[i]];
  }
  return trials;
}

/** @param {number[]} xs @returns {number|null} */
export function median(xs) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** @param {Response[]} rs @returns {Score} */
function scoreOf(rs) {
  const correct = rs.filter((r) => r.answer === r.trial.side).length;
  return { n: rs.length, correct, accuracy: rs.length ? correct / rs.length : 0, medianMs: median(rs.map((r) => r.ms)) };
}

/**
 * Accuracy and median response time overall, per side (the side shown) and per part.
 * @param {Response[]} responses
 */
export function scoreSession(responses) {
  const by = (key, value) => scoreOf(responses.filter((r) => r.trial[key] === value));
  return {
    ...scoreOf(responses),
    bySide: { left: by('side', 'left'), right: by('side', 'right') },
    byPart: { hand: by('part', 'hand'), foot: by('part', 'foot') },
  };
}

/**
 * Whether a score reaches the healthy reference on accuracy and on speed.
 * @param {Score} s
 */
export function againstReference(s) {
  return {
    accuracy: s.n > 0 && s.accuracy >= REFERENCE.accuracy,
    speed: s.medianMs !== null && s.medianMs <= REFERENCE.medianMs,
  };
}
