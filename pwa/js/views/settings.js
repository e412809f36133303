// @ts-check
/** Settings: one card per registered section (see settings-sections.js). */
import { h } from '../ui/dom.js';
import { SETTINGS_SECTIONS } from '../settings-sections.js';

/** @param {HTMLElement} root @param {import('../app.js').AppContext} ctx */
export function render(root, ctx) {
  root.append(h('h1', { text: 'Settings' }));
  /** @type {Function[]} */
  const cleanups = [];
  let alive = true;
  for (const section of SETTINGS_SECTIONS) {
    const body = h('div', {});
    root.append(h('section', { class: 'card', 'data-section': section.key, 'aria-labelledby': `settings-${section.key}` },
      h('h2', { id: `settings-${section.key}`, text: section.title }), body));
    section.load()
      .then((m) => { if (alive) { const c = m.render(body, ctx); if (typeof c === 'function') cleanups.push(c); } })
      .catch(() => body.append(h('p', { class: 'field-error', text: 'This section could not be loaded.' })));
  }
  return () => { alive = false; cleanups.forEach((c) => c()); };
}
