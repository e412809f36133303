// @ts-check
/** #/practices — one tap to every guided practice, the protocol, labs and the warning signs. */
import { h } from '../ui/dom.js';

const CARDS = [
  { href: '#/breathing', title: 'Slow breathing', text: 'A few minutes with a longer out-breath to calm the nervous system.' },
  { href: '#/bedtime', title: 'Bedtime routine', text: 'Wind down, tick off your checklist, keep a steady bedtime.' },
  { href: '#/pacing', title: 'Movement pacing', text: 'Today\'s activity budget and a warning before a boom day.' },
  { href: '#/laterality', title: 'Left or right?', text: 'Retrain the brain\'s body map with hand and foot pictures.' },
  { href: '#/lessons', title: 'Understanding pain', text: 'Six short cards on how long-lasting pain works.' },
  { href: '#/protocol', title: 'My protocol', text: 'What you take, today\'s doses, and safety notes.' },
  { href: '#/labs', title: 'Lab results', text: 'Your results against your lab\'s range and optimal targets.' },
];

export function render(root) {
  root.append(h('section', { class: 'view view-practices' },
    h('h1', { text: 'Practices' }),
    h('ul', { class: 'practice-grid' }, ...CARDS.map((c) => h('li', {},
      h('a', { class: 'practice-card', href: c.href }, h('strong', { text: c.title }), h('span', { text: c.text }))))),
    h('a', { class: 'practice-card practice-urgent', href: '#/redflags' },
      h('strong', { text: 'Warning signs — when to get help' }),
      h('span', { text: 'Numbness in the saddle area, new bladder or bowel problems, worsening weakness, fever with back pain, sudden severe pain, pain after an injury.' }))));
}
