// @ts-check
/**
 * Check-in: pain scale + flare + Save is a whole check-in (three taps); everything else sits
 * in collapsible sections ordered by the morning/evening preset. "#/checkin/<id>" edits one.
 */
import { h, toast, shortDateTime } from '../ui/dom.js';
import { scaleField, numberField, chipsField, boolField, textField, medsField, trackersField } from '../ui/fields.js';
import { FIELDS, orderedSections, filledSections, PRESETS, validateCheckin, compact, withClearedFields, sameAsYesterday, knownTrackers, lastToday } from '../domain/checkin.js';
import { PAIN_QUALITIES, ACTIVITIES, RED_FLAGS } from '../domain/vocabulary.js';
import { isoWithOffset, presetFor, localDate } from '../domain/time.js';
import { dayNotes } from '../domain/health-import.js';
import { ensureImportStyles } from '../ui/import-styles.js';
import { urgentMessage } from './redflags.js';
import '../ui/body-map.js';

/** @typedef {import('../ui/fields.js').Control} Control */

/**
 * Controls for every field but pain and flare, built from the person's history.
 * @param {{data: Record<string, any>}[]} history
 * @param {string[]} [medicines] generic names offered as suggestions (free text is allowed too)
 * @returns {Record<string, Control>}
 */
function fieldControls(history, medicines = []) {
  const medNames = [...new Set([...history.flatMap((r) => (r.data.medications ?? []).map((/** @type {any} */ m) => m.name)), ...medicines])];
  const map = /** @type {any} */ (h('ew-body-map', {}));
  return {
    locations: { el: map, get: () => (map.value.length ? map.value : undefined), set: (v) => { map.value = v ?? []; } },
    qualities: chipsField('How the pain feels', PAIN_QUALITIES),
    sleep_hours: numberField('Hours slept', { max: FIELDS.sleep_hours.max, step: 0.5, integer: false }),
    sleep_quality: scaleField('Sleep quality', { low: 'very poor', high: 'excellent' }),
    night_wakings: numberField('Times woken in the night', { max: FIELDS.night_wakings.max }),
    stress: scaleField('Stress', { low: 'calm', high: 'extreme' }),
    mood: scaleField('Mood', { low: 'very low', high: 'very good' }),
    energy: scaleField('Energy', { low: 'exhausted', high: 'full' }),
    activity_minutes: numberField('Physical activity', { max: FIELDS.activity_minutes.max, step: 5, unit: 'minutes' }),
    activity_effort: scaleField('How hard it felt', { low: 'very light', high: 'maximal' }),
    activities: chipsField('What you did', ACTIVITIES),
    rest_breaks: numberField('Rest breaks taken', { max: FIELDS.rest_breaks.max }),
    nsaid_doses: numberField('NSAID doses (ibuprofen, naproxen, …)', { max: FIELDS.nsaid_doses.max }),
    medications: medsField(medNames),
    meal_regularity: scaleField('How regular were meal times', { low: 'chaotic', high: 'very regular' }),
    late_meal: boolField('Ate within 2 hours of bed'),
    alcohol_units: numberField('Alcohol', { max: FIELDS.alcohol_units.max, step: 0.5, integer: false, unit: 'units' }),
    breathing_minutes: numberField('Slow breathing', { max: FIELDS.breathing_minutes.max, step: 5, unit: 'minutes' }),
    mindfulness_minutes: numberField('Mindfulness', { max: FIELDS.mindfulness_minutes.max, step: 5, unit: 'minutes' }),
    custom: trackersField(knownTrackers(history)),
    red_flags: chipsField('Tick any that apply now', RED_FLAGS.map((f) => f.key),
      (k) => RED_FLAGS.find((f) => f.key === k)?.label ?? k, true),
    notes: textField('Anything else worth remembering about today', /** @type {number} */ (FIELDS.notes.max)),
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
 * When, for back-dating: a date field and a time field side by side, wrapping to two rows with
 * large text (one datetime-local field was cut off at 200% text). Both empty means "now"; one
 * filled takes the other from now (a date alone keeps the time of day, a time alone is today).
 * An untouched pair means "keep the stored time" (the fields have minute precision, the stored
 * time may not).
 * @returns {Control}
 */
function whenField() {
  const date = /** @type {HTMLInputElement} */ (h('input', { id: 'checkin-date', type: 'date' }));
  const time = /** @type {HTMLInputElement} */ (h('input', { id: 'checkin-time', type: 'time' }));
  const el = h('fieldset', { class: 'plain when' }, h('legend', { class: 'field-label', text: 'When (leave empty for now)' }),
    h('div', { class: 'when-fields' },
      h('label', { class: 'field' }, h('span', { text: 'Date' }), date),
      h('label', { class: 'field' }, h('span', { text: 'Time' }), time)));
  let shown = '';
  const typed = () => (date.value || time.value ? `${date.value || localDate(new Date())}T${time.value || isoWithOffset(new Date()).slice(11, 16)}` : '');
  return {
    el,
    get: () => (typed() && typed() !== shown ? isoWithOffset(new Date(typed())) : undefined),
    set: (v) => {
      shown = v ? isoWithOffset(new Date(v)).slice(0, 16) : '';
      [date.value, time.value] = shown ? shown.split('T') : ['', ''];
    },
  };
}

/**
 * Collapsible sections in the person's order (or the preset's); the preset's own start open.
 * @param {'morning'|'evening'} preset
 * @param {Record<string, Control>} controls
 * @param {Record<string, HTMLElement>} extra  elements appended to a section by key
 * @param {string[] | null} chosen  the sections the person chose to show, in order
 * @param {string[]} filled  sections an edited check-in has values in (shown even if hidden)
 */
function sectionElements(preset, controls, extra, chosen, filled) {
  return orderedSections(preset, chosen, filled).map((s) => {
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

/** The check-in form: quick part, sections, save. One instance per visit of the view. */
class CheckinForm {
  /** @param {import('../app.js').AppContext} ctx @param {string | undefined} editId */
  constructor(ctx, editId) {
    this.ctx = ctx;
    this.editId = editId;
    /** @type {'morning'|'evening'} */
    this.preset = presetFor(new Date());
    this.alive = true;
    /** @type {Record<string, any> | undefined} the stored version being edited */
    this.original = undefined;
    /** @type {Record<string, Control>} */
    this.controls = fieldControls([]);
    /** @type {{details: HTMLElement, paintCount: () => void}[]} */
    this.sections = [];
    this.pain = scaleField('Pain right now, 0 no pain to 10 worst imaginable', { low: 'no pain', high: 'worst', variant: 'pain' });
    this.flare = flareToggle();
    this.when = whenField();
    this.heading = h('h1', { id: 'checkin-title', text: editId ? 'Edit check-in' : 'How is your pain right now?' });
    /** "Checked in today at 08:12": the fields empty again after a save, so say it went through. */
    this.lastNote = h('p', { class: 'last-checkin', hidden: true });
    this.urgent = h('div', { class: 'urgent-slot' });        // after saving a flagged check-in
    this.urgentInline = h('div', { class: 'urgent-slot' });  // the moment a flag is ticked
    /** Interaction notes a medicine named here would bring, the moment it is named (offline too). */
    this.medNotes = h('div', { class: 'check-notes', 'aria-live': 'polite' });
    this.medCheck = 0;
    this.errorBox = h('div', { class: 'form-error', role: 'alert', hidden: true });
    this.sectionsBox = h('div', { class: 'sections' });
    /** What a phone or watch recorded for this day, shown in its section with its source. */
    this.imported = { sleep: h('p', { class: 'imported-note', hidden: true }), activity: h('p', { class: 'imported-note', hidden: true }) };
    this.saveButton = h('button', { type: 'submit', class: 'btn btn-primary btn-big', text: editId ? 'Save changes' : 'Save check-in' });
    this.copyButton = h('button', { type: 'button', class: 'btn btn-small btn-quiet', text: 'Same as yesterday', hidden: true, onclick: () => this.copyYesterday() });
    /** @type {{data: Record<string, any>}[]} */
    this.history = [];
    this.presetButtons = /** @type {const} */ (['morning', 'evening']).map((p) =>
      h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-preset': p, text: p === 'morning' ? 'Morning' : 'Evening',
        'aria-pressed': String(p === this.preset), onclick: () => this.usePreset(p) }));
  }

  /** The whole form element. */
  build() {
    // "Saved today at …" under the scale, not between it and the question: there, on the
    // day's second check-in at 200% text on a 320 px phone, it pushed the scale's last rows
    // under the save bar (nothing but the question and the note on the first screen).
    const quick = h('div', { class: 'quick' }, this.heading,
      // The way to the warning signs is the header's "Red flags" (index.html): here, below the
      // scale, it was off the first screen at 200% text on a 320 px phone.
      this.pain.el, this.editId ? null : this.lastNote, this.flare.el,
      // Morning/evening only decide which sections below start open: beside them, not above
      // the pain question (at 200% text they pushed the scale a third of a screen down).
      this.editId ? null : h('div', { class: 'presets', role: 'group', 'aria-label': 'Check-in preset' }, ...this.presetButtons),
      this.editId ? null : h('div', { class: 'row' }, this.copyButton));
    const form = h('form', { class: 'checkin', novalidate: true, 'aria-labelledby': 'checkin-title',
      onsubmit: (/** @type {Event} */ e) => { e.preventDefault(); this.save(); } },
    // After saving a flagged check-in its urgent-care message comes first: below the scale's
    // card it was a screen down at 200% text on a 320 px phone, under "Check-in saved.".
    this.urgent, quick, this.errorBox, this.sectionsBox, h('div', { class: 'save-bar' }, this.saveButton));
    form.addEventListener('change', (e) => this.onChange(e));
    form.addEventListener('input', (e) => { if (/** @type {HTMLElement} */ (e.target).closest('[data-section="meds"]')) this.checkMeds(); });
    form.addEventListener('click', (e) => { if (/** @type {HTMLElement} */ (e.target).closest('[data-section="meds"] button')) setTimeout(() => this.checkMeds()); });
    this.layout();
    return form;
  }

  /** (Re)build the sections in preset order, keeping the ones the person opened open. */
  layout() {
    const open = new Set(this.sections.filter((s) => s.details.hasAttribute('open')).map((s) => s.details.dataset.section));
    this.sections = sectionElements(this.preset, this.controls, { notes: this.when.el, red_flags: this.urgentInline, meds: this.medNotes,
      sleep: this.imported.sleep, activity: this.imported.activity,
      'red_flags:before': h('p', { class: 'muted', text: 'Signs that need a doctor rather than tracking. Ticking one shows what to do.' }) },
    this.ctx.user?.checkin_sections ?? null, this.original ? filledSections(this.original) : []);
    for (const s of this.sections) if (open.has(s.details.dataset.section)) s.details.setAttribute('open', '');
    const focused = this.sectionsBox.contains(document.activeElement) ? /** @type {HTMLElement} */ (document.activeElement) : null;
    this.sectionsBox.replaceChildren(...this.sections.map((s) => s.details));
    if (focused?.isConnected) focused.focus({ preventScroll: true }); // moved, not replaced: keep the place
    this.paintCounts();
  }

  paintCounts() { this.sections.forEach((s) => s.paintCount()); }

  /** @param {'morning'|'evening'} p */
  usePreset(p) {
    this.preset = p;
    for (const b of this.presetButtons) b.setAttribute('aria-pressed', String(b.dataset.preset === p));
    this.sections = []; // the preset decides which sections start open
    this.layout();
  }

  /** A ticked red flag shows the urgent-care message at once, right where it was ticked. @param {Event} e */
  onChange(e) {
    if (!/** @type {HTMLElement} */ (e.target).closest('[data-section="red_flags"]')) return;
    this.showUrgent();
    if (this.controls.red_flags.get()) this.urgentInline.scrollIntoView({ block: 'nearest' });
  }

  /**
   * The interaction checker on what this check-in names (medicines, NSAID doses) beside the
   * protocol, the other check-ins of the last 30 days and the conditions: the notes it would
   * add, shown under the medicines. Never blocks saving.
   */
  async checkMeds() {
    const seq = ++this.medCheck;
    const [{ safetyFindings, findingsNew, checkinFacts, conditionsOf }, { findingCard }] =
      await Promise.all([import('../domain/safety.js'), import('../ui/finding-card.js')]);
    const [items, conditionRecords] = await Promise.all([this.ctx.records('protocol_item'), this.ctx.records('health_conditions')]);
    const dayOf = (/** @type {string} */ iso) => localDate(new Date(iso));
    const others = checkinFacts(this.history.filter((r) => /** @type {any} */ (r).id !== this.editId), dayOf);
    const today = localDate(new Date());
    const at = this.when.get() ?? this.original?.at;
    const draft = { date: at ? dayOf(at) : today, medications: this.controls.medications.get() ?? [], nsaid_doses: this.controls.nsaid_doses.get() ?? 0 };
    const have = conditionsOf(/** @type {any} */ (conditionRecords));
    const found = findingsNew(safetyFindings(items, others, have, today), safetyFindings(items, [...others, draft], have, today));
    if (seq !== this.medCheck || !this.alive) return; // a later keystroke won
    this.medNotes.replaceChildren(...(found.length ? [h('p', { class: 'check-intro', text: 'About what you named here, beside what else you take. Saving is fine; please talk it over with your prescriber or pharmacist.' }), ...found.map((f) => findingCard(f, 'h2'))] : [])); // the check-in's only heading above is its h1
  }

  showUrgent() {
    const flags = this.controls.red_flags.get();
    this.urgentInline.replaceChildren(...(flags ? [urgentMessage(flags)] : []));
    if (flags) this.urgent.replaceChildren();
  }

  /** @param {Record<string, any>} data */
  fill(data) {
    this.pain.set(data.pain);
    this.flare.set(data.flare);
    for (const [k, c] of Object.entries(this.controls)) c.set(data[k]);
    this.paintCounts();
    this.showUrgent();
    this.checkMeds();
  }

  /** The data to save: filled fields only, plus nulls for fields an edit emptied. */
  collect() {
    /** @type {Record<string, any>} */
    const data = { at: this.when.get() ?? this.original?.at ?? isoWithOffset(new Date()), pain: this.pain.get(), flare: this.flare.get() };
    for (const [k, c] of Object.entries(this.controls)) data[k] = c.get();
    const filled = compact(data);
    return this.original ? withClearedFields(this.original, filled) : filled;
  }

  /** The fields of the sections on screen: "Same as yesterday" fills only what the person sees. */
  shownFields() {
    const keys = new Set(this.sections.map((s) => s.details.dataset.section));
    return orderedSections(this.preset, this.ctx.user?.checkin_sections ?? null).filter((s) => keys.has(s.key)).flatMap((s) => s.fields);
  }

  /** Yesterday's routine values (the local day before today), never a check-in from earlier today. */
  yesterday() {
    return sameAsYesterday(this.history, localDate(new Date()), this.shownFields());
  }

  copyYesterday() {
    const copy = this.yesterday();
    if (!copy) return toast('There is no check-in from yesterday to copy.', { kind: 'warn' });
    for (const [k, v] of Object.entries(copy.values)) this.controls[k]?.set(v);
    this.paintCounts();
    toast(`Filled in from yesterday, ${shortDateTime(copy.from)}. Now choose today's pain.`);
  }

  /** @param {Record<string, string[]>} errors */
  showErrors(errors) {
    const lines = Object.entries(errors).map(([f, msgs]) => `${f.replace(/_/g, ' ')}: ${msgs.join(' ')}`);
    this.errorBox.replaceChildren(h('strong', { text: 'Please check: ' }), ...lines.map((l) => h('div', { text: l })));
    this.errorBox.hidden = false;
  }

  async save() {
    const data = this.collect();
    const errors = validateCheckin(data);
    if (Object.keys(errors).length) return this.showErrors(errors);
    if (Object.keys(data).length === 1) return toast('Choose your pain level (or fill in any section) first.', { kind: 'warn' });
    this.errorBox.hidden = true;
    if (!(await this.store(data))) return;
    const offline = navigator.onLine === false ? ' on this device — it will sync when you are online' : '';
    const flags = /** @type {string[] | undefined} */ (data.red_flags);
    // With a warning sign, what to do is the answer (the "saved" toast sat over its heading);
    // "Saved today at …" under the question below it says the check-in is kept.
    if (!flags || this.editId) toast(`Check-in saved${offline}.`);
    if (this.editId) return this.ctx.navigate('#/history');
    await this.refreshHistory();
    this.fill({});
    this.when.set(undefined);
    this.urgent.replaceChildren(...(flags ? [urgentMessage(flags)] : []));
    window.scrollTo({ top: 0 });
  }

  /** Save locally (the outbox sends it later); false, with a message, if the device refused. @param {object} data */
  async store(data) {
    this.saveButton.setAttribute('disabled', '');
    try {
      await this.ctx.save('checkin', data, this.editId);
      return true;
    } catch (err) {
      toast(`Could not save on this device: ${err instanceof Error ? err.message : err}`, { kind: 'error', ms: 8000 });
      return false;
    } finally {
      this.saveButton.removeAttribute('disabled');
    }
  }

  /** Re-read the check-ins (after a save, or a sync from another device) for "Same as yesterday". */
  async refreshHistory() {
    this.history = await this.ctx.records('checkin');
    this.copyButton.hidden = !this.yesterday();
    this.showLast();
  }

  /** Today's newest check-in, under the heading, with the way to it. */
  showLast() {
    const last = lastToday(this.history, localDate(new Date()));
    this.lastNote.hidden = !last;
    if (!last) return;
    const time = new Date(last.at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    this.lastNote.replaceChildren(h('span', { text: `Saved today at ${time}${last.pain === null ? '' : `, pain ${last.pain}`}.` }),
      h('a', { href: '#/history', text: 'See your check-ins' }));
  }

  /**
   * Say what a phone or watch recorded for the check-in's day (today for a new one), and
   * where it came from; a value typed in the check-in is named as the one that counts.
   * @param {Record<string, any>} [data]  the check-in being edited
   */
  async showImported(data) {
    const day = localDate(data?.at ? new Date(data.at) : new Date());
    const found = (await this.ctx.records('health_day')).find((r) => r.data.date === day);
    const notes = dayNotes(found?.data, data ?? {});
    for (const key of /** @type {const} */ (['sleep', 'activity'])) {
      this.imported[key].textContent = notes[key] ?? '';
      this.imported[key].hidden = !notes[key];
    }
  }

  /** Controls that know the history (medication names, trackers), then the entry being edited. */
  async load() {
    // The medicine list loads beside the history, off the start-up path (the form is usable before).
    const [history, { MEDICINE_NAMES }] = await Promise.all([this.ctx.records('checkin'), import('../domain/substances.js')]);
    if (!this.alive) return;
    this.history = history;
    // Only the history-aware controls are new; the rest (and anything already typed or
    // focused in them) stay as they are, since a person may have started before this loaded.
    const known = fieldControls(history, MEDICINE_NAMES);
    for (const key of /** @type {const} */ (['medications', 'custom'])) {
      const typed = this.controls[key].get();
      if (typed !== undefined) known[key].set(typed);
      this.controls[key] = known[key];
    }
    this.layout();
    this.copyButton.hidden = !this.yesterday();
    this.showLast();
    if (!this.editId) return this.showImported();
    const rec = await this.ctx.record('checkin', this.editId);
    if (!this.alive) return;
    if (!rec || rec.deleted) {
      this.heading.textContent = 'This check-in no longer exists';
      return;
    }
    this.original = rec.data;
    this.layout(); // sections this check-in has values in show, even if the person hid them
    this.fill(rec.data);
    this.when.set(rec.data.at);
    await this.showImported(rec.data);
  }
}

/** @param {HTMLElement} root @param {import('../app.js').AppContext} ctx */
export function render(root, ctx) {
  ensureImportStyles();
  const form = new CheckinForm(ctx, ctx.params[0]);
  root.append(form.build());
  performance.mark('checkin-interactive'); // bench/pwa.py: offline reload -> usable pain scale
  form.load();
  const off = ctx.on('records-changed', ({ types }) => {
    if (types.includes('checkin')) form.refreshHistory();
    if (types.includes('health_day')) form.showImported(form.original); // imported days arrive by sync
  });
  return () => { form.alive = false; off(); };
}
