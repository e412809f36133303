// @ts-check
/** Settings card "Your data": the ways to the report, exports and the warning signs, findable from one place. */
import { h } from '../ui/dom.js';

const LINKS = [
  ['#/import', 'Import sleep and activity from a phone or watch'],
  ['#/reports', 'Clinician report, export and import'],
  ['#/peg3', 'Weekly PEG-3 questions'],
  ['#/redflags', 'Warning signs that need a doctor'],
];

/** @param {HTMLElement} root */
export function render(root) {
  root.append(h('ul', { class: 'link-list' },
    ...LINKS.map(([href, text]) => h('li', {}, h('a', { href, text })))));
}
