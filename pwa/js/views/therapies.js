// @ts-check
/** #/therapies — therapies to ask a professional about: MBSR, somatic experiencing, EMDR. */
import { h } from '../ui/dom.js';
import { REFERRALS } from '../domain/guides.js';
import { GRADES } from '../domain/protocol.js';

export function render(root) {
  root.append(h('section', { class: 'view view-therapies' },
    h('h1', { text: 'Therapies to ask about' }),
    h('p', { class: 'lead', text: 'These are taught or given by trained professionals, not done in an app. If one sounds right for you, ask your doctor or pain team for a referral.' }),
    ...REFERRALS.map((r) => h('article', { class: 'card referral', 'data-key': r.key },
      h('h2', { text: r.title }),
      h('p', { text: r.what }),
      h('p', { text: r.helps }),
      h('p', { class: 'evidence', 'data-grade': r.grade }, h('strong', { text: `Evidence: ${GRADES[r.grade]}. ` }), r.evidence),
      h('p', {}, h('strong', { text: 'How to find it: ' }), r.find),
      h('p', { class: 'source', text: `Named by: ${r.source}.` })))));
}
