// @ts-check
/**
 * Form controls for record fields. Each returns {el, get, set}: `get()` is the value to save
 * (undefined when empty), `set(v)` shows a stored value. Used by the check-in view and others.
 */
import { h } from './dom.js';
import { labelOf } from '../domain/vocabulary.js';
import { trackerKey } from '../domain/checkin.js';
import './scale.js';

/** @typedef {{el: HTMLElement, get: () => any, set: (v: any) => void}} Control */

let uid = 0;
const nextId = (/** @type {string} */ p) => `${p}-${++uid}`;

/**
 * A 0–10 scale.
 * @param {string} label
 * @param {{low?: string, high?: string, variant?: string}} [o]
 * @returns {Control}
 */
export function scaleField(label, o = {}) {
  const scale = /** @type {any} */ (h('ew-scale', { label, low: o.low, high: o.high, variant: o.variant }));
  const el = h('div', { class: 'field' }, o.variant === 'pain' ? null : h('span', { class: 'field-label', text: label, 'aria-hidden': 'true' }), scale);
  return { el, get: () => scale.value ?? undefined, set: (v) => { scale.value = v ?? null; } };
}

/**
 * A number with − and + buttons (big targets; typing works too).
 * @param {string} label
 * @param {{min?: number, max?: number, step?: number, unit?: string, integer?: boolean}} [o]
 * @returns {Control}
 */
export function numberField(label, { min = 0, max, step = 1, unit = '', integer = true } = {}) {
  const id = nextId('num');
  const input = /** @type {HTMLInputElement} */ (h('input', { id, type: 'number', inputmode: integer ? 'numeric' : 'decimal',
    min: String(min), max: max === undefined ? undefined : String(max), step: String(integer ? Math.max(1, step) : 'any') }));
  const bump = (/** @type {number} */ dir) => {
    const cur = input.value === '' ? min : Number(input.value);
    let next = Math.max(min, cur + dir * step);
    if (max !== undefined) next = Math.min(max, next);
    input.value = String(Math.round(next * 100) / 100);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const el = h('div', { class: 'field' },
    h('label', { class: 'field-label', for: id, text: unit ? `${label} (${unit})` : label }),
    h('div', { class: 'stepper' },
      h('button', { type: 'button', text: '−', 'aria-label': `Less ${label.toLowerCase()}`, onclick: () => bump(-1) }),
      input,
      h('button', { type: 'button', text: '+', 'aria-label': `More ${label.toLowerCase()}`, onclick: () => bump(1) })));
  return {
    el,
    get: () => (input.value === '' ? undefined : Number(input.value)),
    set: (v) => { input.value = v === undefined || v === null ? '' : String(v); },
  };
}

/**
 * Several choices as toggle chips (checkboxes).
 * @param {string} legend
 * @param {string[]} keys
 * @param {(key: string) => string} [label]
 * @param {boolean} [stacked]  one full-width row per choice (long labels)
 * @returns {Control}
 */
export function chipsField(legend, keys, label = labelOf, stacked = false) {
  const boxes = keys.map((k) => /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', value: k })));
  const el = h('fieldset', { class: `field plain${stacked ? ' stack' : ''}` }, h('legend', { class: 'field-label', text: legend }),
    h('div', { class: 'chips' }, ...boxes.map((b) => h('label', { class: 'chip' }, b, h('span', { text: label(b.value) })))));
  return {
    el,
    get: () => { const v = boxes.filter((b) => b.checked).map((b) => b.value); return v.length ? v : undefined; },
    set: (v) => { const on = new Set(v ?? []); for (const b of boxes) b.checked = on.has(b.value); },
  };
}

/**
 * One yes/no checkbox.
 * @param {string} label
 * @returns {Control}
 */
export function boolField(label) {
  const box = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox' }));
  const el = h('div', { class: 'field chips' }, h('label', { class: 'chip' }, box, h('span', { text: label })));
  return { el, get: () => (box.checked ? true : undefined), set: (v) => { box.checked = Boolean(v); } };
}

/**
 * Free text.
 * @param {string} label
 * @param {number} maxLength
 * @returns {Control}
 */
export function textField(label, maxLength) {
  const id = nextId('text');
  const area = /** @type {HTMLTextAreaElement} */ (h('textarea', { id, maxlength: String(maxLength), rows: '3' }));
  const el = h('div', { class: 'field' }, h('label', { class: 'field-label', for: id, text: label }), area);
  return { el, get: () => area.value.trim() || undefined, set: (v) => { area.value = v ?? ''; } };
}

/**
 * Medications taken: rows of name + dose in mg, with add and remove.
 * @param {string[]} knownNames  suggestions from earlier check-ins
 * @returns {Control}
 */
export function medsField(knownNames) {
  const listId = nextId('meds');
  const rows = h('div', {});
  const add = (/** @type {{name?: string, dose_mg?: number}} */ m = {}) => {
    const name = /** @type {HTMLInputElement} */ (h('input', { type: 'text', list: listId, 'aria-label': 'Medication or supplement', placeholder: 'Name', value: m.name ?? '' }));
    const dose = /** @type {HTMLInputElement} */ (h('input', { type: 'number', inputmode: 'decimal', min: '0', step: 'any', 'aria-label': 'Dose in mg', placeholder: 'mg', value: m.dose_mg ?? '' }));
    const row = h('div', { class: 'med-row' }, name, dose,
      h('button', { type: 'button', class: 'btn btn-small btn-quiet', text: '×', 'aria-label': 'Remove this medication', onclick: () => row.remove() }));
    rows.append(row);
    return name;
  };
  const el = h('div', { class: 'field' },
    h('span', { class: 'field-label', text: 'Other medications and supplements' }),
    h('datalist', { id: listId }, ...knownNames.map((n) => h('option', { value: n }))),
    rows,
    h('button', { type: 'button', class: 'btn btn-small btn-quiet', text: '+ Add medication', onclick: () => add().focus() }));
  return {
    el,
    get: () => {
      const meds = [...rows.children].map((r) => {
        const [name, dose] = /** @type {HTMLInputElement[]} */ ([...r.querySelectorAll('input')]);
        return { name: name.value.trim(), dose_mg: dose.value === '' ? undefined : Number(dose.value) };
      }).filter((m) => m.name).map((m) => (m.dose_mg === undefined ? { name: m.name } : m));
      return meds.length ? meds : undefined;
    },
    set: (v) => { rows.replaceChildren(); for (const m of v ?? []) add(m); },
  };
}

/**
 * The person's own trackers: a number per name; names used before are offered again.
 * @param {string[]} knownKeys
 * @returns {Control}
 */
export function trackersField(knownKeys) {
  /** @type {Map<string, Control>} */
  const controls = new Map();
  const list = h('div', {});
  const addTracker = (/** @type {string} */ key) => {
    if (!key || controls.has(key)) return controls.get(key);
    const c = numberField(labelOf(key), { integer: false, min: 0 });
    controls.set(key, c);
    list.append(c.el);
    return c;
  };
  knownKeys.forEach(addTracker);
  const nameId = nextId('tracker');
  const name = /** @type {HTMLInputElement} */ (h('input', { id: nameId, type: 'text', maxlength: '40', placeholder: 'e.g. jaw tension' }));
  const el = h('div', {},
    h('p', { class: 'muted', text: 'Track anything else as a number — your own scale.' }),
    list,
    h('label', { class: 'field-label', for: nameId, text: 'New tracker name' }),
    h('div', { class: 'row' }, h('div', { class: 'grow' }, name),
      h('button', { type: 'button', class: 'btn btn-small', text: 'Add', onclick: () => {
        const key = trackerKey(name.value);
        if (!key) return name.setCustomValidity('Use letters or digits, starting with a letter.'), name.reportValidity();
        name.setCustomValidity('');
        addTracker(key)?.el.querySelector('input')?.focus();
        name.value = '';
      } })));
  return {
    el,
    get: () => {
      const out = Object.fromEntries([...controls].map(([k, c]) => [k, c.get()]).filter(([, v]) => v !== undefined));
      return Object.keys(out).length ? out : undefined;
    },
    set: (v) => {
      for (const c of controls.values()) c.set(undefined);
      for (const [k, n] of Object.entries(v ?? {})) addTracker(k)?.set(n);
    },
  };
}
