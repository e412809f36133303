// @ts-check
/** #/practices — one tap to every guided practice, the protocol, labs and the warning signs. */
import { h } from '../ui/dom.js';

const CARDS = [
  { href: '#/breathing', title: 'Slow breathing', text: 'A few minutes with a longer out-breath to calm the nervous system.' },
  { href: '#/vagal', title: 'Calm the nervous system', text: 'Humming, gargling, cool water on the face, singing: short guided practices.' },
  { href: '#/bedtime', title: 'Bedtime routine', text: 'Wind down, tick off your checklist, keep a steady bedtime.' },
  { href: '#/stopbang', title: 'Sleep apnoea check', text: 'Eight questions (STOP-Bang): is a sleep study worth asking about?' },
  { href: '#/pacing', title: 'Movement pacing', text: 'Today\'s activity budget and a warning before a boom day.' },
  { href: '#/laterality', title: 'Left or right?', text: 'Graded motor imagery, stage 1: hand and foot pictures.' },
  { href: '#/imagery', title: 'Imagined movements', text: 'Stage 2: imagine moving into a position, without moving.' },
  { href: '#/mirror', title: 'Mirror therapy', text: 'Stage 3: watch the pain-free side move in a mirror.' },
  { href: '#/lessons', title: 'Understanding pain', text: 'Six short cards on how long-lasting pain works.' },
  { href: '#/therapies', title: 'Therapies to ask about', text: 'MBSR, somatic experiencing and EMDR: what they are and how to find them.' },
  { href: '#/protocol', title: 'My protocol', text: 'What you take, today\'s doses, and interaction and safety notes.' },
  { href: '#/labs', title: 'Lab results', text: 'Your results against your lab\'s range and a functional-medicine target.' },
];

export function render(root) {
  // The warning signs first: a card under the twelve practices, they were about 5,500 px down
  // at 200% text on a 320 px phone. One line like the check-in's header link, so the practices
  // still start on the first screen; the signs themselves are listed on the page it opens.
  root.append(h('section', { class: 'view view-practices' },
    h('h1', { text: 'Practices' }),
    h('p', {}, h('a', { class: 'urgent-link', href: '#/redflags', text: 'Warning signs: when to get help' })),
    h('ul', { class: 'practice-grid' }, ...CARDS.map((c) => h('li', {},
      h('a', { class: 'practice-card', href: c.href }, h('strong', { text: c.title }), h('span', { text: c.text })))))));
}
