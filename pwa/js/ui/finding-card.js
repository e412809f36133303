// @ts-check
/** One interaction or safety finding as a card, shared by the protocol screen and the check-in. */
import { h } from './dom.js';
import { TABLE } from '../domain/safety.js';

/**
 * How serious, what, why, what to do, who is involved, the source.
 * @param {import('../domain/safety.js').Finding} f
 * @param {'h2'|'h3'} [level]  the title's heading level where the card sits (no skipped levels)
 */
export function findingCard(f, level = 'h3') {
  return h('div', { class: `notice notice-${f.severity}`, role: 'note', 'data-kind': f.kind },
    h('p', { class: 'notice-badge', text: TABLE.severities[f.severity].label }),
    h(level, { class: 'notice-title', text: f.title }),
    h('p', { text: f.message }),
    h('p', {}, h('strong', { text: f.action })),
    f.involves.length ? h('p', { class: 'muted', text: `In your list: ${f.involves.join('; ')}` }) : null,
    h('p', { class: 'source', text: `Source: ${f.source}` }));
}
