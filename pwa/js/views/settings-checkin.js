// @ts-check
/** Settings section: which check-in sections show, in which order; the welcome tour again. */
import { h, toast } from '../ui/dom.js';
import { sectionPicker } from '../ui/section-picker.js';

/** @param {HTMLElement} root @param {import('../app.js').AppContext} ctx */
export function render(root, ctx) {
  let picker = sectionPicker(ctx.user?.checkin_sections);
  const holder = h('div', {}, picker.el);
  /** @param {string[] | null} sections @param {string} done */
  const store = async (sections, done) => {
    try {
      await ctx.updateAccount({ checkin_sections: sections });
      toast(done);
      return true;
    } catch (error) {
      toast(/** @type {any} */ (error).status === 0 ? 'You are offline: the layout was not saved.' : 'The layout could not be saved.', { kind: 'warn' });
      return false;
    }
  };
  const reset = async () => {
    if (!(await store(null, 'All sections are back, in the usual order.'))) return;
    picker = sectionPicker(null);
    holder.replaceChildren(picker.el);
  };
  root.append(
    h('p', { class: 'muted', text: 'Sections below the pain scale: untick the ones you do not use, and move the ones you use most to the top. Warning signs always stay.' }),
    holder,
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'btn btn-primary', text: 'Save layout', onclick: () => store(picker.get(), 'Your check-in layout is saved.') }),
      h('button', { type: 'button', class: 'btn btn-quiet', text: 'Show all, usual order', onclick: reset })),
    h('ul', { class: 'link-list' }, h('li', {}, h('a', { href: '#/welcome', text: 'Show the welcome tour again' }))));
}
