// @ts-check
/**
 * Reminders: breathing practice, bedtime routine, daily check-in and protocol items, each
 * in the person's own time zone; plus quiet hours. Rules are synced records
 * (ctx.save('reminder_rule', …)), so they can be edited offline.
 */
import { h, toast } from '../ui/dom.js';
import { KINDS, KIND_LABELS, defaultRule, describeRule } from '../domain/reminder-rules.js';
import { ruleEditor } from './reminder-editor.js';

const HINTS = {
  breathing: 'Short slow-breathing sessions at set times. Skipped during quiet hours.',
  bedtime: 'A nudge to start your bedtime routine. Sent even in quiet hours.',
  checkin: 'A daily prompt to check in. During quiet hours it waits until they end.',
  protocol: 'A prompt for an item on your protocol. During quiet hours it waits until they end.',
};

/** @param {HTMLElement} root @param {import('../app.js').AppContext} ctx */
export function render(root, ctx) {
  const lists = Object.fromEntries(KINDS.map((k) => [k, h('div', { class: 'rule-list' })]));
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  root.append(
    h('h1', { text: 'Reminders' }),
    h('p', { class: 'muted', text: `Times are in your own time zone${zone ? ` (${zone} on this device)` : ''}, and follow daylight-saving changes.` }),
    ...KINDS.map((kind) => kindCard(kind, lists[kind], ctx, () => refresh())),
    quietHoursCard(ctx),
  );
  const refresh = () => ctx.records('reminder_rule').then((records) => paintLists(lists, records, ctx, refresh));
  refresh();
  return ctx.on('records-changed', ({ types }) => { if (!types?.length || types.includes('reminder_rule')) refresh(); });
}

/**
 * @param {string} kind @param {HTMLElement} list @param {import('../app.js').AppContext} ctx
 * @param {() => void} refresh
 */
function kindCard(kind, list, ctx, refresh) {
  const add = () => {
    list.querySelector(':scope > p.muted')?.remove();
    list.prepend(ruleEditor(defaultRule(/** @type {any} */ (kind)), undefined, ctx, refresh));
  };
  return h('section', { class: 'card', 'aria-labelledby': `rem-${kind}` },
    h('h2', { id: `rem-${kind}`, text: KIND_LABELS[kind] }),
    h('p', { class: 'muted', text: HINTS[kind] }),
    list,
    h('button', { type: 'button', class: 'btn btn-quiet', text: `Add ${KIND_LABELS[kind].toLowerCase()} reminder`, onclick: add }));
}

/**
 * @param {Record<string, HTMLElement>} lists
 * @param {import('../outbox.js').LocalRecord[]} records
 * @param {import('../app.js').AppContext} ctx
 * @param {() => void} refresh
 */
function paintLists(lists, records, ctx, refresh) {
  for (const [kind, list] of Object.entries(lists)) {
    if (list.querySelector('form')) continue; // never wipe a form being edited
    const mine = records.filter((r) => r.data?.kind === kind);
    list.replaceChildren(...(mine.length ? mine.map((r) => ruleSummary(r, ctx, refresh)) : [h('p', { class: 'muted', text: 'None yet.' })]));
  }
}

/**
 * @param {import('../outbox.js').LocalRecord} record @param {import('../app.js').AppContext} ctx
 * @param {() => void} refresh
 */
function ruleSummary(record, ctx, refresh) {
  const row = h('div', { class: 'entry' });
  const edit = () => row.replaceWith(ruleEditor(/** @type {any} */ (record.data), record.id, ctx, refresh));
  const title = record.data.label || KIND_LABELS[record.data.kind];
  row.append(
    h('div', { class: 'entry-head' }, h('strong', { text: title }),
      record.state !== 'synced' ? h('span', { class: `state state-${record.state}`, text: record.state === 'pending' ? 'waiting to sync' : 'not accepted' }) : null),
    h('p', { class: 'entry-body', text: describeRule(/** @type {any} */ (record.data)) }),
    h('button', { type: 'button', class: 'btn btn-small', text: 'Edit', onclick: edit }));
  return row;
}

/** @param {import('../app.js').AppContext} ctx */
function quietHoursCard(ctx) {
  const start = /** @type {HTMLInputElement} */ (h('input', { type: 'time', id: 'quiet-start', required: true }));
  const end = /** @type {HTMLInputElement} */ (h('input', { type: 'time', id: 'quiet-end', required: true }));
  const note = h('p', { class: 'muted', role: 'status' });
  // The stored hours arrive after the card is drawn: each must not overwrite a field the
  // person has already typed in (a save would send the old hours back), yet must still
  // fill the other one (a save would otherwise send an empty time and be refused).
  const typed = new Set();
  for (const input of [start, end]) input.addEventListener('input', () => typed.add(input));
  const fill = (/** @type {HTMLInputElement} */ input, /** @type {string} */ value) => { if (!typed.has(input)) input.value = value; };
  const loaded = ctx.api('/api/alerts/settings').then((s) => { fill(start, s.quiet_start); fill(end, s.quiet_end); })
    .catch(() => { note.textContent = 'Quiet hours can be changed when you are online.'; });
  const save = async () => {
    try {
      await loaded; // a tap before the stored hours arrived would send an empty "Until"
      await ctx.api('/api/alerts/settings', { method: 'PUT', body: { quiet_start: start.value, quiet_end: end.value } });
      toast('Quiet hours saved.');
    } catch (error) {
      toast(/** @type {any} */ (error).status === 0 ? 'You are offline: quiet hours were not saved.' : 'Quiet hours were not saved.', { kind: 'warn' });
    }
  };
  return h('section', { class: 'card', 'aria-labelledby': 'rem-quiet' },
    h('h2', { id: 'rem-quiet', text: 'Quiet hours' }),
    h('p', { class: 'muted', text: 'No breathing prompts or alerts between these times; check-in and protocol reminders wait until the end. Same start and end means no quiet hours.' }),
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'quiet-start', text: 'From' }), start),
      h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'quiet-end', text: 'Until' }), end)),
    h('button', { type: 'button', class: 'btn', text: 'Save quiet hours', onclick: save }), note);
}
