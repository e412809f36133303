// @ts-check
/** The form for one reminder rule: times (or bedtime), days, on/off; saved as a synced record. */
import { h, toast } from '../ui/dom.js';
import { LIMITS, WEEKDAYS, normalizeRule, validateRule } from '../domain/reminder-rules.js';

let uid = 0;

/**
 * @param {import('../domain/reminder-rules.js').ReminderRuleData} rule
 * @param {string | undefined} id  undefined for a new rule
 * @param {import('../app.js').AppContext} ctx
 * @param {() => void} onClose  called after save, delete or cancel (the list repaints)
 */
export function ruleEditor(rule, id, ctx, onClose) {
  const n = ++uid;
  const draft = structuredClone(rule);
  const errors = h('p', { class: 'field-error', role: 'alert' });
  const form = h('form', { class: 'entry', 'aria-label': 'Reminder' });
  const times = rule.kind === 'bedtime' ? bedtimeFields(draft, n) : timeList(draft, n);
  const repaintTimes = () => /** @type {any} */ (times).repaint?.();
  const enabled = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: `rem-on-${n}`, checked: draft.enabled !== false }));
  // Only a protocol reminder has a label; append() would print a null as the text "null".
  if (rule.kind === 'protocol') form.append(labelField(draft, n, ctx, repaintTimes));
  form.append(
    times, dayChips(draft, n),
    h('label', { class: 'row', for: `rem-on-${n}` }, enabled, h('span', { text: 'Reminder on' })),
    errors,
    h('div', { class: 'row' },
      h('button', { type: 'submit', class: 'btn btn-primary', text: 'Save' }),
      id ? h('button', { type: 'button', class: 'btn btn-danger', text: 'Delete', onclick: () => remove(id, ctx, close) }) : null,
      h('button', { type: 'button', class: 'btn btn-quiet', text: 'Cancel', onclick: () => close() })));
  const close = () => { form.remove(); onClose(); };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    draft.enabled = enabled.checked;
    const problems = validateRule(draft);
    if ((draft.weekdays ?? []).length === 0) problems.weekdays = ['Choose at least one day.'];
    errors.textContent = Object.values(problems).flat().join(' ');
    if (errors.textContent) return;
    await ctx.save('reminder_rule', normalizeRule(draft), id);
    toast('Reminder saved. It syncs as soon as you are online.');
    close();
  });
  return form;
}

/** @param {string} id @param {import('../app.js').AppContext} ctx @param {() => void} close */
async function remove(id, ctx, close) {
  if (!confirm('Delete this reminder?')) return;
  await ctx.remove('reminder_rule', id);
  close();
}

/**
 * "What for": free text, or one of the person's protocol items (which brings its name and times).
 * @param {any} draft @param {number} n @param {import('../app.js').AppContext} ctx @param {() => void} repaintTimes
 */
function labelField(draft, n, ctx, repaintTimes) {
  const input = /** @type {HTMLInputElement} */ (h('input', { id: `rem-label-${n}`, maxlength: '80', value: draft.label ?? '',
    placeholder: 'e.g. Vitamin D with breakfast' }));
  input.addEventListener('input', () => { draft.label = input.value; });
  const pick = /** @type {HTMLSelectElement} */ (h('select', { id: `rem-item-${n}` }, h('option', { value: '', text: 'Not linked to an item' })));
  ctx.records('protocol_item').then((items) => {
    for (const item of items) pick.append(h('option', { value: item.id, text: item.data.name, selected: item.id === draft.protocol_item_id }));
    pick.onchange = () => {
      const item = items.find((i) => i.id === pick.value);
      draft.protocol_item_id = item ? item.id : null;
      if (!item) return;
      input.value = draft.label = String(item.data.name).slice(0, 80);
      if (item.data.times?.length) { draft.times = [...item.data.times]; repaintTimes(); }
    };
  });
  return h('div', { class: 'stack' },
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: `rem-item-${n}`, text: 'Protocol item' }), pick),
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: `rem-label-${n}`, text: 'What for' }), input));
}

/** @param {any} draft @param {number} n */
function timeList(draft, n) {
  const box = h('fieldset', { class: 'field reminder-times' }, h('legend', { class: 'field-label', text: 'Times' }));
  const paint = () => {
    box.replaceChildren(box.firstChild ?? '');
    draft.times.forEach((/** @type {string} */ t, /** @type {number} */ i) => {
      const input = /** @type {HTMLInputElement} */ (h('input', { type: 'time', value: t, 'aria-label': `Time ${i + 1}`, required: true }));
      input.addEventListener('change', () => { draft.times[i] = input.value; });
      const drop = () => { draft.times.splice(i, 1); paint(); };
      box.append(h('div', { class: 'row' }, input, h('button', { type: 'button', class: 'btn btn-small', text: 'Remove', 'aria-label': `Remove time ${i + 1}`, onclick: drop })));
    });
    const add = () => { draft.times.push('12:00'); paint(); };
    box.append(h('button', { type: 'button', class: 'btn btn-small', id: `rem-add-${n}`, text: 'Add a time', onclick: add, disabled: draft.times.length >= LIMITS.max_times }));
  };
  draft.times = draft.times ?? [];
  paint();
  return Object.assign(box, { repaint: paint });
}

/** @param {any} draft @param {number} n */
function bedtimeFields(draft, n) {
  const bed = /** @type {HTMLInputElement} */ (h('input', { type: 'time', id: `rem-bed-${n}`, value: draft.bedtime ?? '22:30', required: true }));
  const before = /** @type {HTMLInputElement} */ (h('input', { type: 'number', id: `rem-before-${n}`, min: String(LIMITS.minutes_before.min), max: String(LIMITS.minutes_before.max), step: '5',
    inputmode: 'numeric', value: String(draft.minutes_before ?? 30) }));
  bed.addEventListener('change', () => { draft.bedtime = bed.value; });
  before.addEventListener('input', () => { draft.minutes_before = Number(before.value); });
  return h('div', { class: 'row' },
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: `rem-bed-${n}`, text: 'Target bedtime' }), bed),
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: `rem-before-${n}`, text: 'Remind me (minutes before)' }), before));
}

/**
 * Day chips. While editing, `weekdays` lists every chosen day (all seven for "every day"),
 * so unticking every chip is an error rather than silently meaning "every day".
 * @param {any} draft @param {number} n
 */
function dayChips(draft, n) {
  draft.weekdays = draft.weekdays?.length ? [...draft.weekdays] : WEEKDAYS.map(([d]) => d);
  const chips = WEEKDAYS.map(([day, name]) => {
    const box = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', checked: draft.weekdays.includes(day) }));
    box.addEventListener('change', () => {
      draft.weekdays = box.checked ? [...draft.weekdays, day] : draft.weekdays.filter((/** @type {number} */ d) => d !== day);
    });
    return h('label', { class: 'chip' }, box, h('span', { text: String(name) }));
  });
  return h('fieldset', { class: 'field', id: `rem-days-${n}` }, h('legend', { class: 'field-label', text: 'Days' }), h('div', { class: 'chips' }, ...chips));
}
