// @ts-check
/**
 * Check-in: pain scale + flare + Save is a whole check-in (three taps); everything else sits
 * in collapsible sections ordered by the morning/evening preset. "#/checkin/<id>" edits one.
 */
import { h, toast, shortDateTime } from '../ui/dom.js';
import { scaleField, numberField, chipsField, boolField, textField, medsField, trackersField } from '../ui/fields.js';
import { orderedSections, PRESETS, validateCheckin, compact, withClearedFields, sameAsLast, knownTrackers, newestFirst } from '../domain/checkin.js';
import { PAIN_QUALITIES, ACTIVITIES, RED_FLAGS } from '../domain/vocabulary.js';
import { isoWithOffset, presetFor } from '../domain/time.js';
import { urgentMessage } from './redflags.js';
import '../ui/body-map.js';

/** @typedef {import('../ui/fields.js').Control} Control */

/**
 * Controls for every field but pain and flare, built from the person's history.
 * @param {{data: Record<string, any>}[]} history
 * @returns {Record<string, Control>}
 */
function fieldControls(history) {
  const medNames = [...new Set(history.flatMap((r) => (r.data.medications ?? []).map((/** @type {any} */ m) => m.name)))];
  const map = /** @type {any} */ (h('ew-body-map', {}));
  return {
    locations: { el: map, get: () => (map.value.length ? map.value : undefined), set: (v) => { map.value = v ?? []; } },
    qualities: chipsField('How the pain feels', PAIN_QUALITIES),
    sleep_hours: numberField('Hours slept', { max: 24, step: 0.5, integer: false }),
    sleep_quality: scaleField('Sleep quality', { low: 'very poor', high: 'excellent' }),
    night_wakings: numberField('Times woken in the night'),
    stress: scaleField('Stress', { low: 'calm', high: 'extreme' }),
    mood: scaleField('Mood', { low: 'very low', high: 'very good' }),
    energy: scaleField('Energy', { low: 'exhausted', high: 'full' }),
    activity_minutes: numberField('Physical activity', { step: 5, unit: 'minutes' }),
    activity_effort: scaleField('How hard it felt', { low: 'very light', high: 'maximal' }),
    activities: chipsField('What you did', ACTIVITIES),
    rest_breaks: numberField('Rest breaks taken'),
    nsaid_doses: numberField('NSAID doses (ibuprofen, naproxen, …)'),
    medications: medsField(medNames),
    meal_regularity: scaleField('How regular were meal times', { low: 'chaotic', high: 'very regular' }),
    late_meal: boolField('Ate within 2 hours of bed'),
    alcohol_units: numberField('Alcohol', { step: 0.5, integer: false, unit: 'units' }),
    breathing_minutes: numberField('Slow breathing', { step: 5, unit: 'minutes' }),
    mindfulness_minutes: numberField('Mindfulness', { step: 5, unit: 'minutes' }),
    custom: trackersField(knownTrackers(history)),
    red_flags: chipsField('Tick any that apply now', RED_FLAGS.map((f) => f.key),
      (k) => RED_FLAGS.find((f) => f.key === k)?.label ?? k, true),
    notes: textField('Notes', 2000),
  };
}

/**
 * The flare toggle: a big switch button.
 * @returns {Control}
 */
function flareToggle() {
  const b = h('button', { type: 'button', class: 'toggle', 'aria-pressed': 'false',
    onclick: () => b.setAttribute('aria-pressed', String(b.getAttribute('aria-pressed') !== 'true')) },
  h('span', { text: 'This is a flare' }), h('span', { class: 'switch', 'aria-hidden': 'true' }));
  return { el: b, get: () => b.getAttribute('aria-pressed') === 'true' || undefined, set: (v) => b.setAttribute('aria-pressed', String(Boolean(v))) };
}

/**
 * A datetime-local input for back-dating; empty means "now".
 * @returns {Control}
 */
function whenField() {
  const input = /** @type {HTMLInputElement} */ (h('input', { id: 'checkin-at', type: 'datetime-local' }));
  const el = h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'checkin-at', text: 'When (leave empty for now)' }), input);
  return {
    el,
    get: () => (input.value ? isoWithOffset(new Date(input.value)) : undefined),
    set: (v) => { input.value = v ? isoWithOffset(new Date(v)).slice(0, 16) : ''; },
  };
}

/**
 * Collapsible sections in preset order; the preset's own sections start open.
 * @param {'morning'|'evening'} preset
 * @param {Record<string, Control>} controls
 * @param {Record<string, HTMLElement>} extra  elements appended to a section by key
 */
function sectionElements(preset, controls, extra) {
  return orderedSections(preset).map((s) => {
    const count = h('span', { class: 'section-count' });
    const details = h('details', { class: 'section', 'data-section': s.key, open: PRESETS[preset].includes(s.key) },
      h('summary', {}, h('span', { text: s.title }), count),
      h('div', { class: 'section-body' }, extra[`${s.key}:before`] ?? null, ...s.fields.map((f) => controls[f].el), extra[s.key] ?? null));
    const paintCount = () => {
      const n = s.fields.filter((f) => controls[f].get() !== undefined).length;
      count.textContent = n ? `${n} filled` : '';
    };
    details.addEventListener('input', paintCount);
    details.addEventListener('change', paintCount);
    details.addEventListener('click', () => setTimeout(paintCount));
    return { details, paintCount };
  });
}

/** @param {import('../app.js').AppContext} ctx @param {HTMLElement} root */
export function render(root, ctx) {
  const editId = ctx.params[0];
  let preset = presetFor(new Date());
  let alive = true;
  /** @type {Record<string, any> | undefined} */
  let original;

  const pain = scaleField('Pain right now, 0 no pain to 10 worst imaginable', { low: 'no pain', high: 'worst', variant: 'pain' });
  const flare = flareToggle();
  const when = whenField();
  const heading = h('h1', { id: 'checkin-title', text: editId ? 'Edit check-in' : 'How is your pain right now?' });
  const urgent = h('div', { class: 'urgent-slot' });        // after saving a flagged check-in
  const urgentInline = h('div', { class: 'urgent-slot' });  // the moment a flag is ticked
  const errorBox = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const sectionsBox = h('div', { class: 'sections' });
  const presetButtons = /** @type {const} */ (['morning', 'evening']).map((p) =>
    h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-preset': p, text: p === 'morning' ? 'Morning' : 'Evening',
      'aria-pressed': String(p === preset), onclick: () => usePreset(p) }));
  const sameButton = h('button', { type: 'button', class: 'btn btn-small btn-quiet', text: 'Same as yesterday', onclick: () => copyLast() });
  const saveButton = h('button', { type: 'submit', class: 'btn btn-primary btn-big', text: editId ? 'Save changes' : 'Save check-in' });

  /** @type {Record<string, Control>} */
  let controls = fieldControls([]);
  /** @type {{details: HTMLElement, paintCount: () => void}[]} */
  let sections = [];

  const form = h('form', { class: 'checkin', novalidate: true, 'aria-labelledby': 'checkin-title', onsubmit: (/** @type {Event} */ e) => { e.preventDefault(); save(); } },
    h('div', { class: 'quick' }, heading,
      editId ? null : h('div', { class: 'presets', role: 'group', 'aria-label': 'Check-in preset' }, ...presetButtons),
      pain.el, flare.el, editId ? null : h('div', { class: 'row' }, sameButton)),
    urgent, errorBox, sectionsBox,
    h('div', { class: 'save-bar' }, saveButton));
  root.append(form);

  function layout() {
    const open = new Set(sections.filter((s) => s.details.hasAttribute('open')).map((s) => s.details.dataset.section));
    sections = sectionElements(preset, controls, { notes: when.el, red_flags: urgentInline, 'red_flags:before': h('p', { class: 'muted', text: 'Signs that need a doctor soon. Ticking one shows what to do.' }) });
    for (const s of sections) if (open.has(s.details.dataset.section)) s.details.setAttribute('open', '');
    sectionsBox.replaceChildren(...sections.map((s) => s.details));
    sections.forEach((s) => s.paintCount());
  }

  /** @param {'morning'|'evening'} p */
  function usePreset(p) {
    preset = p;
    for (const b of presetButtons) b.setAttribute('aria-pressed', String(b.dataset.preset === p));
    sections = [];
    layout();
  }

  function showUrgent() {
    const flags = controls.red_flags.get();
    urgentInline.replaceChildren(...(flags ? [urgentMessage(flags)] : []));
    if (flags) urgent.replaceChildren();
  }
  form.addEventListener('change', (e) => {
    if (!/** @type {HTMLElement} */ (e.target).closest('[data-section="red_flags"]')) return;
    showUrgent();
    if (controls.red_flags.get()) urgentInline.scrollIntoView({ block: 'nearest' });
  });

  /** @param {Record<string, any>} data */
  function fill(data) {
    pain.set(data.pain);
    flare.set(data.flare);
    for (const [k, c] of Object.entries(controls)) c.set(data[k]);
    sections.forEach((s) => s.paintCount());
    showUrgent();
  }

  function collect() {
    /** @type {Record<string, any>} */
    const data = { at: when.get() ?? original?.at ?? isoWithOffset(new Date()), pain: pain.get(), flare: flare.get() };
    for (const [k, c] of Object.entries(controls)) data[k] = c.get();
    const filled = compact(data);
    return original ? withClearedFields(original, filled) : filled;
  }

  async function copyLast() {
    const history = newestFirst(await ctx.records('checkin'));
    const values = sameAsLast(history);
    if (!values) return toast('Nothing to copy yet — this is your first check-in.', { kind: 'warn' });
    for (const [k, v] of Object.entries(values)) controls[k]?.set(v);
    sections.forEach((s) => s.paintCount());
    toast(`Filled in from ${shortDateTime(history[0].data.at)}. Now choose today's pain.`);
  }

  /** @param {Record<string, string[]>} errors */
  function showErrors(errors) {
    const lines = Object.entries(errors).map(([f, msgs]) => `${f.replace(/_/g, ' ')}: ${msgs.join(' ')}`);
    errorBox.replaceChildren(h('strong', { text: 'Please check: ' }), ...lines.map((l) => h('div', { text: l })));
    errorBox.hidden = false;
  }

  async function save() {
    const data = collect();
    const errors = validateCheckin(data);
    if (Object.keys(errors).length) return showErrors(errors);
    if (Object.keys(data).length === 1) {
      return toast('Choose your pain level (or fill in any section) first.', { kind: 'warn' });
    }
    errorBox.hidden = true;
    saveButton.setAttribute('disabled', '');
    try {
      await ctx.save('checkin', data, editId);
    } catch (err) {
      toast(`Could not save on this device: ${err instanceof Error ? err.message : err}`, { kind: 'error', ms: 8000 });
      return;
    } finally {
      saveButton.removeAttribute('disabled');
    }
    const offline = navigator.onLine === false ? ' on this device — it will sync when you are online' : '';
    toast(`Check-in saved${offline}.`);
    if (editId) return ctx.navigate('#/history');
    const flagged = data.red_flags;
    fill({});
    when.set(undefined);
    urgent.replaceChildren(...(flagged ? [urgentMessage(flagged)] : []));
    window.scrollTo({ top: 0 });
  }

  async function load() {
    const history = await ctx.records('checkin');
    if (!alive) return;
    controls = fieldControls(history);
    layout();
    if (!editId) return;
    const rec = await ctx.record('checkin', editId);
    if (!alive) return;
    if (!rec || rec.deleted) {
      heading.textContent = 'This check-in no longer exists';
      return;
    }
    original = rec.data;
    fill(rec.data);
    when.set(rec.data.at);
  }

  layout();
  performance.mark('checkin-interactive'); // bench/pwa.py: offline reload -> usable pain scale
  load();
  return () => { alive = false; };
}
