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
  root.append(h('section', { class: 'view view-practices' },
    h('h1', { text: 'Practices' }),
    h('ul', { class: 'practice-grid' }, ...CARDS.map((c) => h('li', {},
      h('a', { class: 'practice-card', href: c.href }, h('strong', { text: c.title }), h('span', { text: c.text }))))),
    h('a', { class: 'practice-card practice-urgent', href: '#/redflags' },
      h('strong', { text: 'Warning signs — when to get help' }),
      h('span', { text: 'Numbness in the saddle area, new bladder or bowel problems, worsening weakness, fever with back pain, sudden severe pain — and signs to see a doctor about soon.' }))));
}
