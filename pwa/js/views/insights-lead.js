// @ts-check
/**
 * The parts of Insights built from GET /api/insights/overview: the one takeaway for the week
 * (top of the first screen) and the patterns grouped by topic. The server writes every
 * sentence (server/insights/overview.py); this module only lays them out, and keeps the
 * statistics behind "Why we believe this".
 */
import { h } from '../ui/dom.js';
import { liveFigure } from '../ui/live-chart.js';
import { effectGlyph } from '../domain/charts.js';
import { whyWeBelieve, nullEffect } from '../domain/insights.js';

/**
 * @typedef {{key: string, title: string, href: string, why: string}} Practice
 * @typedef {{kind: string, topic: string|null, claim: string|null, headline: string, recent: string|null,
 *   suggestion: string, practice: Practice|null, evidence_href: string|null, explain: string|null}} Takeaway
 * @typedef {{factor: string, claim: string, direction: string, text: string, details: string[],
 *   explain: string|null, patterns: number[], in_headline: boolean}} Statement
 * @typedef {{key: string, title: string, headline: string, claim: string, statements: Statement[],
 *   practice: Practice|null, patterns: number[]}} Group
 */

/**
 * The takeaway card: the sentence, how often it came up this week, one practice to open,
 * and the way to the evidence.
 * @param {Takeaway} t
 */
export function takeawayCard(t) {
  return h('section', { class: `takeaway takeaway-${t.kind}`, 'aria-labelledby': 'takeaway-title' },
    h('p', { class: 'takeaway-label', id: 'takeaway-title', text: t.kind === 'pattern' ? 'This week, one thing worth knowing' : 'Where you are' }),
    h('p', { class: 'takeaway-headline', text: t.headline }),
    t.recent ? h('p', { class: 'takeaway-recent', text: t.recent }) : null,
    t.explain ? h('p', { class: 'explain', text: t.explain }) : null,
    h('p', { text: t.suggestion }),
    h('div', { class: 'row' },
      t.practice ? h('a', { class: 'btn btn-primary', href: t.practice.href, text: `Open ${t.practice.title.toLowerCase()}` }) : null,
      t.evidence_href ? h('a', { class: 'btn btn-quiet', href: t.evidence_href, text: 'See the evidence' }) : null));
}

/**
 * Under an activity on "What helps" that went with less pain, when Patterns says more activity
 * went with more pain: how both hold (how much in a day, against whether at all). Null when
 * Patterns says no such thing.
 * @param {{groups?: Group[]} | undefined} overview
 * @returns {string | null}
 */
export function howMuchNote(overview) {
  const busy = overview?.groups?.flatMap((g) => g.statements).find((s) => s.factor === 'activity_minutes' && s.direction === 'worse');
  if (!busy?.details.length) return null;
  const cut = busy.details[0].split(':')[0].toLowerCase();
  return `Patterns says ${cut} ${busy.claim === 'cause' ? 'were followed by' : 'went with'} more pain. ` +
    'That is about how much in a day; this is about doing it at all. Both hold: move most days, in amounts you can keep up.';
}

/**
 * One card per topic: its headline, one statement per factor with a line per cut point,
 * the practice, and the evidence behind it folded away.
 * @param {Group} g
 * @param {any[]} patterns  the /patterns list the statements point into
 * @param {boolean} open  unfold the evidence (the takeaway's "See the evidence" lands here)
 */
export function groupCard(g, patterns, open) {
  return h('article', { class: `card pattern-group claim-${g.claim}`, id: `topic-${g.key}`, 'data-topic': g.key },
    h('h3', { text: g.title }),
    h('p', { class: 'group-headline', text: g.headline }),
    h('ul', { class: 'statements' }, ...g.statements.map((s) => statementItem(s, s.in_headline))),
    g.claim === 'together' ? h('p', { class: 'muted', text: 'These came on the same days as the pain. Pain can cause them too, so they are not told as causes.' }) : null,
    g.practice ? h('p', {}, h('a', { class: 'nav-link', href: g.practice.href, text: `Try: ${g.practice.title}` }), ` — ${g.practice.why}`) : null,
    h('details', { open },
      h('summary', { text: 'Why we believe this' }),
      ...g.patterns.map((i) => patterns[i]).filter(Boolean).map(evidence)));
}

/**
 * One factor: its sentence (unless the headline said it), a line per cut point, and any
 * clinical word explained.
 * @param {Statement} s
 * @param {boolean} quiet  leave the sentence out
 */
function statementItem(s, quiet) {
  return h('li', { class: `statement statement-${s.direction}` },
    quiet ? null : h('p', { class: 'statement-text', text: s.text }),
    s.details.length ? h('ul', { class: 'details' }, ...s.details.map((d) => h('li', { text: d }))) : null,
    s.explain ? h('p', { class: 'explain', text: s.explain }) : null);
}

/**
 * One pattern's evidence: the analysis's own sentence, the estimate with its likely range,
 * and the plain-language reasons.
 * @param {any} p  a pattern from /api/insights/patterns
 */
function evidence(p) {
  const nullValue = nullEffect(p);
  const fig = liveFigure((size) => effectGlyph(p, { nullValue, ...size }), { caption: nullValue === 1
    ? 'The bar is the likely range of how much the odds of a flare change; the dashed line is "no difference".'
    : 'The bar is the likely range of the effect in points of pain; the dashed line is "no difference".' });
  return h('div', { class: 'evidence' },
    h('p', { class: 'evidence-summary', text: p.summary }),
    fig,
    h('ul', {}, ...whyWeBelieve(p).map((t) => h('li', { text: t }))));
}
