// @ts-check
/**
 * #/protocol — what the person takes, today's doses with one-tap logging, the health
 * conditions the safety notes need, and the interaction and safety notes themselves: on the
 * screen, and again inside the form while an item is being added or changed. Never blocking.
 */
import { h, toast } from '../ui/dom.js';
import { isHHMM, isoWithOffset, localDate } from '../domain/time.js';
import { TEMPLATES, GRADES, TEMPLATE_SOURCES, dueOn, medicationEntry, itemFromTemplate, doseToday, painBeforeAfter, planProblems, templateOf } from '../domain/protocol.js';
import { TABLE, CONDITIONS, safetyFindings, findingsAdded, checkinFacts, conditionsOf, itemSubstances } from '../domain/safety.js';
import { MEDICINE_NAMES } from '../domain/substances.js';
import { findingCard } from '../ui/finding-card.js';
import { keepViewState } from '../ui/redraw-state.js';
import { shortDate } from '../domain/charts.js';
import { beforeAfter, compareTakeaway, dailyPain } from '../domain/insights.js';

const dayOf = (iso) => localDate(new Date(iso));
const NEW_ID = 'new-item';

/** Medication names logged today, with counts, from check-ins. */
function takenToday(checkins, today) {
  const counts = {};
  for (const c of checkins) {
    if (dayOf(c.data.at) !== today) continue;
    for (const m of c.data.medications ?? []) counts[m.name] = (counts[m.name] ?? 0) + 1;
  }
  return counts;
}

export function render(root, ctx) {
  const summary = h('div', { class: 'safety-summary' });
  const safety = h('section', { class: 'safety', 'aria-labelledby': 'safety-title' });
  const conditions = h('div', { class: 'conditions' });
  const today = h('div', { class: 'protocol-today' });
  const items = h('div', { class: 'protocol-items' });
  const editor = h('div', { class: 'protocol-editor' });
  // What to take today first, under a one-line safety summary that says when a note needs
  // attention and leads to the notes; the notes themselves follow in full, never folded
  // (at 200% text they put "Today" about 4,400 px down). With nothing added yet there is no
  // dose and no note: "Add an item" comes first (placeEditor). docs/pwa.md, "My protocol".
  const title = h('h1', { text: 'My protocol' });
  root.append(h('section', { class: 'view view-protocol' },
    title, summary, today, safety, conditions,
    h('p', { class: 'lead', text: 'The supplements, medicines and practices you have chosen, with your prescriber where needed. "Taken" logs a dose in your check-ins, so you can see later whether it helps.' }),
    items, editor));

  /**
   * "Add an item" under the title while nothing is added (at the page's foot it was about
   * 2,900 px down at 200% text on a 320x640 phone), after the items once there are some.
   * Moved only when its place changes, inside a draw that keeps the focus.
   * @param {boolean} hasItems
   */
  function placeEditor(hasItems) {
    const after = hasItems ? items : title;
    if (after.nextElementSibling !== editor) after.after(editor);
  }

  /** Everything the checker reads, fresh from this device. */
  async function inputs() {
    const records = await ctx.records('protocol_item');
    const checkins = await ctx.records('checkin');
    const conditionRecords = await ctx.records('health_conditions');
    return { records, checkins, conditionRecords, facts: checkinFacts(checkins, dayOf), have: conditionsOf(conditionRecords) };
  }

  // Ticks changed here and not saved yet (condition key → ticked): every sync redraws this
  // screen, and a redraw from the stored conditions alone dropped them.
  const unsaved = new Map();
  let drawn = 0;

  async function draw() {
    const now = localDate(new Date());
    const seq = ++drawn;
    const { records, checkins, conditionRecords, facts, have } = await inputs();
    if (seq !== drawn) return; // a newer draw is under way: its picture wins
    // What the person opened and where their focus was survive the redraw too.
    const restore = keepViewState(root);
    const findings = safetyFindings(records, facts, have, now);
    drawSafety(safety, findings, records);
    drawSummary(summary, findings, safety);
    drawConditions(conditions, have, unsaved, async (next) => {
      const [newest, ...others] = conditionRecords;
      await ctx.save('health_conditions', { conditions: next }, newest?.id);
      unsaved.clear();
      for (const extra of others) await ctx.remove('health_conditions', extra.id); // two devices made one each
      toast('Saved. The safety notes now take this into account.');
      draw();
    });
    drawToday(today, ctx, dueOn(records, now), takenToday(checkins, now), draw);
    drawItems(items, ctx, records, now, (rec) => openEditor(rec), checkins);
    placeEditor(records.length > 0);
    if (!editor.firstChild) editor.replaceChildren(addButtons());
    restore();
  }

  function addButtons() {
    const hint = h('p', { class: 'muted', id: 'template-hint', text: 'Doses as the source gives them. Leave it empty to write your own.' });
    const pick = h('select', { 'aria-describedby': 'template-hint' },
      h('option', { value: '', text: 'Start from a template…' }),
      ...TEMPLATES.map((t) => h('option', { value: t.key, text: `${t.name} — ${t.dose_text}` })));
    // The hint under its field: above it, its three lines put the field below the first screen
    // of a new account at 200% text on a 320x640 phone.
    return h('div', { class: 'card' }, h('h2', { text: 'Add an item' }),
      h('label', { class: 'field' }, h('span', { text: 'Template' }), pick), hint,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn btn-primary', text: 'Add', onclick: () => {
          const t = TEMPLATES.find((x) => x.key === pick.value);
          openEditor(null, t ? itemFromTemplate(t) : null, t);
        } })));
  }

  /** Findings this draft would bring, computed on this device (works offline). */
  async function checkDraft(id, draft) {
    const now = localDate(new Date());
    const { records, facts, have } = await inputs();
    const before = safetyFindings(records, facts, have, now);
    const after = safetyFindings([...records.filter((r) => r.id !== id), { id, data: draft }], facts, have, now);
    return findingsAdded(before, after, id);
  }

  /**
   * @param {any} rec  the stored record being edited, or null for a new item
   * @param {Partial<import('../domain/protocol.js').ProtocolItem> | null} [data]  a new item's first values
   * @param {import('../domain/protocol.js').Template | null} [template]
   */
  function openEditor(rec, data = null, template = null) {
    const t = template ?? templateOf(rec?.data.template);
    editor.replaceChildren(itemForm(rec?.data ?? data ?? {}, t, (draft) => checkDraft(rec?.id ?? NEW_ID, draft), async (out) => {
      await ctx.save('protocol_item', out, rec?.id);
      toast('Saved.');
      editor.replaceChildren(addButtons());
      draw();
    }, () => { editor.replaceChildren(addButtons()); }));
    editor.scrollIntoView?.({ block: 'start' });
  }

  draw();
  return ctx.on?.('records-changed', ({ types }) => {
    if (types?.some((x) => ['protocol_item', 'checkin', 'health_conditions'].includes(x))) draw();
  });
}

/**
 * The safety notes in one line above "Today": how many, and the way to them ("3 safety notes
 * — read them"), coloured and marked "!" by the most serious ("avoid" or "caution" is what
 * needs attention; its label is said to screen readers). Short: at 200% text on a 360 px
 * phone a line naming each severity took eight lines and pushed "Today" off the first screen.
 * Empty while nothing is taken.
 * @param {HTMLElement} el @param {import('../domain/safety.js').Finding[]} findings @param {HTMLElement} notes
 */
function drawSummary(el, findings, notes) {
  const worst = findings[0]?.severity;  // most serious first
  el.dataset.severity = worst ?? 'none';
  if (!worst) { el.replaceChildren(); return; }
  const read = h('button', { type: 'button', class: 'link-button', text: findings.length === 1 ? 'read it' : 'read them',
    onclick: () => {
      notes.scrollIntoView({ block: 'start' });
      /** @type {HTMLElement | null} */ (notes.querySelector('h2'))?.focus({ preventScroll: true });
    } });
  el.replaceChildren(h('p', {}, h('strong', { text: `${findings.length === 1 ? 'One safety note' : `${findings.length} safety notes`}` }),
    h('span', { class: 'visually-hidden', text: ` (the most serious: ${TABLE.severities[worst].label})` }), ' — ', read));
}

function drawSafety(el, findings, records) {
  const intro = findings.length
    ? `${findings.length === 1 ? 'One note' : `${findings.length} notes`} about what you take. None of them stops you; please talk them over with your prescriber or pharmacist.`
    : records.length ? 'No interaction or safety notes for what you take and the conditions you noted.' : 'Safety notes appear here as you add what you take.';
  el.replaceChildren(h('h2', { id: 'safety-title', tabindex: '-1', text: 'Safety notes' }), h('p', { class: 'muted', text: intro }),
    ...findings.map((f) => findingCard(f)),
    h('p', { class: 'source', text: `${TABLE.limits} Medicines named in your check-ins over the last ${TABLE.checkin_days} days count too.` }));
}

/**
 * The health-conditions form, ticked as stored except where the person changed a tick and
 * has not saved it yet.
 * @param {HTMLElement} el
 * @param {string[]} have  the stored conditions
 * @param {Map<string, boolean>} unsaved  ticks changed and not saved; kept up to date here
 * @param {(next: string[]) => void} save
 */
function drawConditions(el, have, unsaved, save) {
  const boxes = CONDITIONS.map((c) => h('input', { type: 'checkbox', name: 'condition', value: c.key,
    checked: unsaved.get(c.key) ?? have.includes(c.key),
    onchange: (/** @type {Event} */ e) => {
      const ticked = /** @type {HTMLInputElement} */ (e.target).checked;
      if (ticked === have.includes(c.key)) unsaved.delete(c.key); else unsaved.set(c.key, ticked);
    } }));
  const ticked = CONDITIONS.filter((c) => have.includes(c.key)).map((c) => c.label);
  const form = h('form', { class: 'conditions-form' },
    h('p', { class: 'muted', text: 'Tick any that apply: kidney disease, diabetes, pregnancy and some medicines change which combinations are safe. What you tick stays with your account, is included in your export and is erased with it.' }),
    h('ul', { class: 'plain' }, ...CONDITIONS.map((c, i) => h('li', {}, h('label', { class: 'check' }, boxes[i], h('span', { text: c.label }))))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn', text: 'Save conditions' })));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save(boxes.filter((b) => b.checked).map((b) => b.value));
  });
  el.replaceChildren(h('details', { class: 'card', id: 'health-conditions' },
    h('summary', {}, h('strong', { text: 'Health conditions the safety notes should know' }),
      h('span', { class: 'muted', text: ` · ${ticked.length ? ticked.join('; ') : 'none ticked'}` })), form));
}

function drawToday(el, ctx, rows, taken, redraw) {
  if (!rows.length) { el.replaceChildren(); return; }
  const seen = {};
  el.replaceChildren(h('h2', { text: 'Today' }), h('ul', { class: 'plain dose-list' }, ...rows.map((r) => {
    seen[r.item.name] = (seen[r.item.name] ?? 0) + 1;
    const done = seen[r.item.name] <= (taken[r.item.name] ?? 0);
    const dose = r.dose === null || r.dose === undefined ? '' : ` ${r.dose} ${r.item.unit ?? ''}`;
    return h('li', { class: done ? 'dose done' : 'dose' },
      h('span', { class: 'dose-time', text: r.time || 'any time' }),
      h('span', { class: 'dose-name', text: `${r.item.name}${dose}` }),
      h('button', { type: 'button', class: 'btn btn-small', disabled: done, text: done ? 'Taken ✓' : 'Taken',
        onclick: async () => {
          await ctx.save('checkin', { at: isoWithOffset(new Date()), medications: [medicationEntry(r.item, r.dose ?? null)] });
          toast(`${r.item.name} logged.`);
          redraw();
        } }));
  })));
}

/** The template's figures with their source, evidence grade and compound/elemental note. */
function templateFacts(t) {
  return [
    h('p', { class: 'source', text: `The source gives: ${t.dose_text}. ${t.note} Source: ${TEMPLATE_SOURCES[t.source]}.` }),
    h('p', { class: 'source evidence', 'data-grade': t.evidence.grade, text: `Evidence: ${GRADES[t.evidence.grade]}. ${t.evidence.text}` }),
    t.basis_note ? h('p', { class: 'source basis-note', text: t.basis_note }) : null,
  ];
}

function drawItems(el, ctx, records, today, edit, checkins) {
  if (!records.length) { el.replaceChildren(); return; } // "Add an item" is at the top then
  const days = dailyPain(checkins.map((/** @type {any} */ c) => c.data));
  el.replaceChildren(h('h2', { text: 'Items' }), ...records.map((r) => {
    const d = r.data;
    const t = templateOf(d.template);
    const dose = doseToday(d, today);
    const plan = d.titration ? `Titration: ${d.titration.start} ${d.unit ?? ''}, +${d.titration.step} every ${d.titration.every_days} days up to ${d.titration.max}. ` : '';
    return h('article', { class: 'card protocol-item', 'data-id': r.id },
      h('h3', { text: d.name }),
      h('p', { text: `${amount(dose, d.unit, d.basis)} · ${(d.times ?? []).join(', ') || 'no set time'}${d.start ? ` · from ${shortDate(d.start, { year: true })}` : ''}${d.stop ? ` to ${shortDate(d.stop, { year: true })}` : ''}` }),
      plan ? h('p', { class: 'muted', text: plan }) : null,
      d.prescription ? h('p', { class: 'muted', text: `Prescription · prescriber: ${d.prescriber || 'not noted'}` }) : null,
      d.start ? comparison(painBeforeAfter(checkins, d.start, dayOf, today), beforeAfter(days, d.start, 28)) : null,
      ...(t ? templateFacts(t) : []),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn btn-small', text: 'Edit', onclick: () => edit(r) }),
        h('button', { type: 'button', class: 'btn btn-small btn-quiet', text: 'Remove', onclick: () => ctx.remove('protocol_item', r.id) })));
  }));
}

/** "600 mg", "200 mg elemental", or a plain "dose not set" instead of a bare "— mg". */
function amount(dose, unit, basis) {
  if (dose === null || dose === undefined) return 'dose not set';
  return `${dose} ${unit ?? ''}${basis === 'elemental' ? ' elemental' : basis === 'compound' ? ' (whole compound)' : ''}`.trim();
}

/**
 * Pain in the four weeks before the start and since, said plainly (not a proof of effect).
 * With enough days it leads with the sentence "What helps" shows for the item (allowing for
 * the way pain was already going): the raw averages alone had the two screens disagree
 * (4.0 then 4.1 here, "0.9 points lower than the way it was going" there).
 */
function comparison({ before, after }, adjusted) {
  const side = (x) => (x ? `${x.mean} (${x.days} days)` : 'not enough check-ins yet');
  const raw = `Average pain, 4 weeks before starting: ${side(before)} · since starting: ${side(after)}.`;
  if (adjusted.diff === null) return h('p', { class: 'muted before-after' }, `${raw} A change can have other causes too.`);
  return h('div', { class: 'before-after' }, h('p', { text: `${compareTakeaway(adjusted, 'started')} Other things changed too: a hint, not proof.` }),
    h('p', { class: 'muted' }, `${raw} `, h('a', { href: '#/insights/practices', text: 'What helps' })));
}

const NAMES_ID = 'protocol-names';

function itemForm(d, t, check, onSave, onCancel) {
  const f = (name, attrs = {}) => h('input', { type: 'text', name, ...attrs });
  const name = f('name', { value: d.name ?? '', required: true, maxlength: 120, list: NAMES_ID, autocomplete: 'off' });
  const names = h('datalist', { id: NAMES_ID }, ...[...TEMPLATES.map((x) => x.name), ...MEDICINE_NAMES].map((n) => h('option', { value: n })));
  const dose = f('dose', { type: 'number', step: 'any', min: 0, value: d.dose ?? '', inputmode: 'decimal' });
  const unit = f('unit', { value: d.unit ?? 'mg', maxlength: 20 });
  const basis = h('select', { name: 'basis' },
    h('option', { value: '', text: 'Not sure yet', selected: !d.basis }),
    h('option', { value: 'elemental', text: 'Elemental magnesium (what most labels state)', selected: d.basis === 'elemental' }),
    h('option', { value: 'compound', text: 'The whole compound (e.g. magnesium glycinate)', selected: d.basis === 'compound' }));
  const basisField = h('label', { class: 'field basis-field' }, h('span', { text: 'This dose is of' }), basis);
  const times = f('times', { value: (d.times ?? []).join(', '), placeholder: '08:00, 21:30' });
  const start = f('start', { type: 'date', value: d.start ?? '' });
  const stop = f('stop', { type: 'date', value: d.stop ?? '' });
  const rx = h('input', { type: 'checkbox', name: 'prescription', checked: !!d.prescription });
  const prescriber = f('prescriber', { value: d.prescriber ?? '', maxlength: 120 });
  const tit = d.titration ?? {};
  const useTit = h('input', { type: 'checkbox', name: 'titrate', checked: !!d.titration });
  const tStart = f('t_start', { type: 'number', step: 'any', value: tit.start ?? '' });
  const tStep = f('t_step', { type: 'number', step: 'any', value: tit.step ?? '' });
  const tEvery = f('t_every', { type: 'number', step: 1, min: 1, value: tit.every_days ?? '' });
  const tMax = f('t_max', { type: 'number', step: 'any', value: tit.max ?? '' });
  const notes = h('div', { class: 'check-notes', 'aria-live': 'polite' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const field = (label, input) => h('label', { class: 'field' }, h('span', { text: label }), input);
  const num = (el) => (el.value === '' ? null : Number(el.value));

  const form = h('form', { class: 'card item-form', novalidate: true },
    h('h2', { text: d.name ? `Edit ${d.name}` : 'New item' }),
    t ? h('div', { class: 'notice notice-note template-facts' }, ...templateFacts(t),
      h('p', { text: 'Choose your own dose, with your prescriber where needed.' })) : null,
    field('Name (pick from the list or type your own)', name), names,
    h('div', { class: 'row' }, field('Dose', dose), field('Unit', unit)), basisField,
    field('Times of day (comma-separated, 24 h)', times),
    h('div', { class: 'row' }, field('Start date', start), field('Stop date (optional)', stop)),
    h('label', { class: 'check' }, rx, h('span', { text: 'Prescription medicine' })), field('Prescriber', prescriber),
    h('fieldset', {}, h('legend', { text: 'Titration plan (optional)' }),
      h('label', { class: 'check' }, useTit, h('span', { text: 'Change the dose step by step' })),
      h('div', { class: 'row' }, field('Start dose', tStart), field('Step', tStep)),
      h('div', { class: 'row' }, field('Every … days', tEvery), field('Up to', tMax))),
    notes, // below the fields, so a note appearing never moves the field being typed in
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary', text: 'Save' }),
      h('button', { type: 'button', class: 'btn btn-quiet', text: 'Cancel', onclick: onCancel })));

  const isMagnesium = () => itemSubstances({ name: name.value, template: d.template }).includes('magnesium');
  const draft = () => {
    const timeList = times.value.split(',').map((x) => x.trim()).filter(Boolean);
    return {
      name: name.value.trim(), dose: num(dose), unit: unit.value.trim() || null,
      basis: isMagnesium() ? basis.value || null : null, times: timeList,
      start: start.value || null, stop: stop.value || null, prescription: rx.checked,
      prescriber: prescriber.value.trim(),
      titration: useTit.checked ? { start: num(tStart), step: num(tStep), every_days: num(tEvery), max: num(tMax) } : null,
      template: d.template ?? null, timing: d.timing ?? (timeList.some((x) => x >= '18:00') ? 'bedtime' : 'any'),
    };
  };

  let checking = 0;
  const recheck = async () => {
    const current = draft();
    basisField.hidden = !isMagnesium();
    const seq = ++checking;
    const usable = current.name && (!current.titration || (!planProblems(current.titration).length && current.start));
    const found = usable ? await check(current) : [];
    if (seq !== checking) return; // a later keystroke won
    notes.replaceChildren(...(found.length ? [h('p', { class: 'check-intro', text: 'Before you save: this would add the notes below. You can still save; please check with your prescriber.' }), ...found.map((f) => findingCard(f))] : []));
  };
  form.addEventListener('input', recheck);
  form.addEventListener('change', recheck);
  recheck();

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const out = draft();
    const problems = [];
    if (!out.name) problems.push('Give it a name.');
    if (out.times.some((x) => !isHHMM(x))) problems.push('Write times like 08:00 or 21:30.');
    if (out.stop && out.start && out.stop < out.start) problems.push('The stop date is before the start date.');
    if (out.titration) {
      problems.push(...planProblems(out.titration));
      if (!out.start) problems.push('A titration plan needs a start date.');
    }
    error.textContent = problems.join(' ');
    if (problems.length) return;
    onSave(out);
  });
  return form;
}
