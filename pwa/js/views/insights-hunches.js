// @ts-check
/**
 * "Your hunches" on Insights › Patterns: the person names a factor, or two that act together,
 * and the way they think it moves their pain; the server tests each alone on their own days
 * (GET/POST/DELETE /api/hunches, docs/insights.md) and writes every sentence. The last answer
 * is kept on the device, so offline the list still shows (read-only).
 */
import { h } from '../ui/dom.js';
import { getMeta, setMeta } from '../store.js';

const CACHE_KEY = 'hunches_cache';
const OFFLINE = 'Offline — showing your hunches as last checked. Adding or deleting one needs a connection.';

/**
 * The card; it loads itself and keeps its own state across the screen's redraws (the caller
 * keeps the one node and puts it back each time).
 * @param {any} ctx  the view context (ctx.api)
 * @returns {HTMLElement}
 */
export function hunchesCard(ctx) {
  const list = h('ul', { class: 'hunch-list' });
  const status = h('p', { class: 'hunch-status', role: 'status' });
  const first = /** @type {HTMLSelectElement} */ (h('select', { id: 'hunch-first', name: 'first' }));
  const second = /** @type {HTMLSelectElement} */ (h('select', { id: 'hunch-second', name: 'second' }));
  let direction = 'worse';
  const ways = [['worse', 'Worse'], ['better', 'Better']].map(([key, label]) =>
    h('button', { type: 'button', class: 'seg', 'aria-pressed': String(key === direction), text: label,
      onclick: () => { direction = key; ways.forEach((b, i) => b.setAttribute('aria-pressed', String(i === (key === 'worse' ? 0 : 1)))); } }));
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', text: 'Test this hunch' });
  const form = /** @type {HTMLFormElement} */ (h('form', { class: 'hunch-form', 'aria-labelledby': 'hunch-form-title' },
    h('h3', { id: 'hunch-form-title', text: 'Name a hunch' }),
    h('label', { class: 'field', for: 'hunch-first' }, h('span', { text: 'What do you suspect?' }), first),
    h('label', { class: 'field', for: 'hunch-second' }, h('span', { text: 'Only together with (optional)' }), second),
    h('div', { class: 'field' }, h('span', { class: 'field-label', id: 'hunch-way', text: 'In the days after, it makes my pain' }),
      h('div', { class: 'range-picker', role: 'group', 'aria-labelledby': 'hunch-way' }, ...ways)),
    submit));
  const card = h('section', { class: 'card hunches', 'aria-labelledby': 'hunches-title' },
    h('h2', { id: 'hunches-title', text: 'Your hunches' }),
    h('p', { class: 'muted', text: 'Do you suspect something, or two things that are fine alone but not together? Name it, and your own days are checked for that one thing alone.' }),
    list, status, form,
    h('details', { class: 'method' }, h('summary', { text: 'How a hunch is checked' }),
      h('p', { class: 'muted', text: 'Each hunch is one test, fixed before it is run: for one thing, your pain on the three days after it (for a night\'s sleep, from the day it ends), for two things together, the day after; allowing for the days\' pain before, against your own days moved round the calendar, which also pays for looking at three days. "Your data agree" means a link this strong in the way you named would come up by chance less than 1 time in 20. If the hunch came from these same days, that is partly reading them twice: the days since you named it are checked again on their own. A link is not proof of cause.' })));

  let data = /** @type {any} */ (null);
  let online = false;

  const fill = () => {
    const choices = data?.choices ?? [];
    const keep = [first.value, second.value];
    first.replaceChildren(...choices.map((/** @type {any} */ c) => h('option', { value: c.factor, text: c.label })));
    second.replaceChildren(h('option', { value: '', text: 'Nothing else' }),
      ...choices.map((/** @type {any} */ c) => h('option', { value: c.factor, text: c.label })));
    if (keep[0]) first.value = keep[0];
    second.value = keep[1] || '';
    const full = (data?.hunches?.length ?? 0) >= (data?.max_hunches ?? 5);
    form.hidden = !online || !choices.length || full;
    list.replaceChildren(...(data?.hunches ?? []).map(item));
    if (online && !choices.length) status.textContent = 'Log a few check-ins first: hunches are picked from the things you log.';
    else if (online && full) status.textContent = `You are testing ${data.max_hunches} hunches, the most at once. Delete one to name another.`;
  };

  /** @param {any} hunch */
  const item = (hunch) => {
    const [a, b] = hunch.labels;
    // Only the first letter goes small: "together with more NSAID doses than usual", not "nsaid".
    const title = `${a}${b ? ` together with ${b.charAt(0).toLowerCase()}${b.slice(1)}` : ''} makes my pain ${hunch.direction}`;
    const remove = h('button', { type: 'button', class: 'btn btn-quiet', text: 'Delete', 'aria-label': `Delete the hunch: ${title}`,
      disabled: !online, onclick: async () => {
        try {
          await ctx.api(`/api/hunches/${hunch.id}`, { method: 'DELETE' });
          status.textContent = 'Hunch deleted.';
          await load();
        } catch (e) { status.textContent = /** @type {any} */ (e).status === 0 ? OFFLINE : /** @type {any} */ (e).message; }
      } });
    return h('li', { class: `hunch hunch-${hunch.result.status}` },
      h('h3', { text: title }),
      h('p', { class: 'hunch-result', text: hunch.result.text }),
      hunch.result.since_named ? h('p', { class: 'muted hunch-since', text: hunch.result.since_named.text }) : null,
      remove);
  };

  const load = async () => {
    try {
      data = await ctx.api('/api/hunches');
      online = true;
      await setMeta(CACHE_KEY, data).catch(() => undefined);
    } catch (e) {
      online = false;
      data = data ?? await getMeta(CACHE_KEY).catch(() => undefined);
      status.textContent = data ? OFFLINE : 'Your hunches need a connection to be checked.';
    }
    fill();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const factors = [first.value, second.value].filter(Boolean);
    if (factors.length === 2 && factors[0] === factors[1]) { status.textContent = 'Pick two different things, or nothing for the second.'; return; }
    submit.setAttribute('disabled', '');
    status.textContent = 'Checking your days…';
    try {
      await ctx.api('/api/hunches', { method: 'POST', body: { factors, direction } });
      second.value = '';
      status.textContent = 'Hunch added. Its result is in the list above.';
      await load();
    } catch (e) {
      status.textContent = /** @type {any} */ (e).status === 0 ? OFFLINE : /** @type {any} */ (e).message;
    } finally { submit.removeAttribute('disabled'); }
  });

  load();
  return card;
}
