// @ts-check
/** #/protocol — what the person takes, today's doses with one-tap logging, and safety notes. */
import { h, toast } from '../ui/dom.js';
import { isoWithOffset, localDate } from '../domain/time.js';
import { TEMPLATES, dueOn, medicationEntry, itemFromTemplate, doseToday, painBeforeAfter } from '../domain/protocol.js';
import { safetyFindings, nsaidByDay } from '../domain/safety.js';

const dayOf = (iso) => localDate(new Date(iso));

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
  const safety = h('div', { class: 'safety' });
  const today = h('div', { class: 'protocol-today' });
  const items = h('div', { class: 'protocol-items' });
  const editor = h('div', { class: 'protocol-editor' });
  root.append(h('section', { class: 'view view-protocol' },
    h('h1', { text: 'My protocol' }),
    h('p', { class: 'lead', text: 'The supplements, medicines and practices you have chosen, with your clinician where needed. Tap "Taken" to log a dose; it goes into your check-ins so you can see later whether it helps.' }),
    safety, today, items, editor));

  async function draw() {
    const now = localDate(new Date());
    const records = await ctx.records('protocol_item');
    const checkins = await ctx.records('checkin');
    drawSafety(safety, safetyFindings(records, nsaidByDay(checkins, dayOf), now));
    drawToday(today, ctx, dueOn(records, now), takenToday(checkins, now), draw);
    drawItems(items, ctx, records, now, (rec) => openEditor(rec), checkins);
    if (!editor.firstChild) editor.replaceChildren(addButtons());
  }

  function addButtons() {
    const pick = h('select', { 'aria-label': 'Start from a template' },
      h('option', { value: '', text: 'Start from a template…' }),
      ...TEMPLATES.map((t) => h('option', { value: t.key, text: `${t.name} — ${t.dose_text}` })));
    return h('div', { class: 'card' }, h('h2', { text: 'Add an item' }),
      h('label', { class: 'field' }, h('span', { text: 'Template (doses as the source gives them)' }), pick),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn btn-primary', text: 'Add', onclick: () => {
          const t = TEMPLATES.find((x) => x.key === pick.value);
          openEditor(null, t ? itemFromTemplate(t) : null, t);
        } })));
  }

  function openEditor(rec, data = null, template = null) {
    const t = template ?? TEMPLATES.find((x) => x.key === rec?.data.template);
    editor.replaceChildren(itemForm(rec?.data ?? data ?? {}, t, async (out) => {
      await ctx.save('protocol_item', out, rec?.id);
      toast('Saved.');
      editor.replaceChildren(addButtons());
      draw();
    }, () => { editor.replaceChildren(addButtons()); }));
    editor.scrollIntoView?.({ block: 'start' });
  }

  draw();
  return ctx.on?.('records-changed', ({ types }) => { if (types?.some((x) => x === 'protocol_item' || x === 'checkin')) draw(); });
}

function drawSafety(el, findings) {
  el.replaceChildren(...findings.map((f) => h('div', { class: `notice notice-${f.severity}`, role: 'note', 'data-kind': f.kind },
    h('p', { text: f.message }), f.source ? h('p', { class: 'source', text: `Source: ${f.source}` }) : null)));
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

function drawItems(el, ctx, records, today, edit, checkins) {
  if (!records.length) {
    el.replaceChildren(h('p', { class: 'muted', text: 'Nothing here yet. Add what you take, optionally starting from a template.' }));
    return;
  }
  el.replaceChildren(h('h2', { text: 'Items' }), ...records.map((r) => {
    const d = r.data;
    const t = TEMPLATES.find((x) => x.key === d.template);
    const dose = doseToday(d, today);
    const plan = d.titration ? `Titration: ${d.titration.start} ${d.unit ?? ''}, +${d.titration.step} every ${d.titration.every_days} days up to ${d.titration.max}. ` : '';
    return h('article', { class: 'card protocol-item' },
      h('h3', { text: d.name }),
      h('p', { text: `${amount(dose, d.unit)} · ${(d.times ?? []).join(', ') || 'no set time'}${d.start ? ` · from ${d.start}` : ''}${d.stop ? ` to ${d.stop}` : ''}` }),
      plan ? h('p', { class: 'muted', text: plan }) : null,
      d.prescription ? h('p', { class: 'muted', text: `Prescription · prescriber: ${d.prescriber || 'not noted'}` }) : null,
      d.start ? comparison(painBeforeAfter(checkins, d.start, dayOf, today)) : null,
      t ? h('p', { class: 'source', text: `Source dose: ${t.dose_text}${t.evidence ? ` (${t.evidence})` : ''}. ${t.note} ${t.source ? `Source: ${t.source}.` : ''}` }) : null,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn btn-small', text: 'Edit', onclick: () => edit(r) }),
        h('button', { type: 'button', class: 'btn btn-small btn-quiet', text: 'Remove', onclick: () => ctx.remove('protocol_item', r.id) })));
  }));
}

/** "600 mg", or a plain "dose not set" instead of a bare "— mg". */
function amount(dose, unit) {
  return dose === null || dose === undefined ? 'dose not set' : `${dose} ${unit ?? ''}`.trim();
}

/** Pain in the four weeks before the start and since, said plainly (not a proof of effect). */
function comparison({ before, after }) {
  const side = (x) => (x ? `${x.mean} (${x.days} days)` : 'not enough check-ins yet');
  return h('p', { class: 'muted before-after' },
    `Average pain, 4 weeks before starting: ${side(before)} · since starting: ${side(after)}. A change can have other causes too.`);
}

function itemForm(d, t, onSave, onCancel) {
  const f = (name, attrs = {}) => h('input', { type: 'text', name, ...attrs });
  const name = f('name', { value: d.name ?? '', required: true, maxlength: 120 });
  const dose = f('dose', { type: 'number', step: 'any', min: 0, value: d.dose ?? '', inputmode: 'decimal' });
  const unit = f('unit', { value: d.unit ?? 'mg', maxlength: 20 });
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
  const error = h('p', { class: 'form-error', role: 'alert' });
  const field = (label, input) => h('label', { class: 'field' }, h('span', { text: label }), input);

  const form = h('form', { class: 'card item-form', novalidate: true },
    h('h2', { text: d.name ? `Edit ${d.name}` : 'New item' }),
    t ? h('p', { class: 'notice notice-note', text: `The source gives: ${t.dose_text}${t.evidence ? ` (${t.evidence})` : ''}. ${t.note} Choose your own dose, with your clinician where needed. ${t.source ? `Source: ${t.source}.` : ''}` }) : null,
    field('Name', name), h('div', { class: 'row' }, field('Dose', dose), field('Unit', unit)),
    field('Times of day (comma-separated, 24 h)', times),
    h('div', { class: 'row' }, field('Start date', start), field('Stop date (optional)', stop)),
    h('label', { class: 'check' }, rx, h('span', { text: 'Prescription medicine' })), field('Prescriber', prescriber),
    h('fieldset', {}, h('legend', { text: 'Titration plan (optional)' }),
      h('label', { class: 'check' }, useTit, h('span', { text: 'Change the dose step by step' })),
      h('div', { class: 'row' }, field('Start dose', tStart), field('Step', tStep)),
      h('div', { class: 'row' }, field('Every … days', tEvery), field('Up to', tMax))),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary', text: 'Save' }),
      h('button', { type: 'button', class: 'btn btn-quiet', text: 'Cancel', onclick: onCancel })));

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const num = (el) => (el.value === '' ? null : Number(el.value));
    const timeList = times.value.split(',').map((x) => x.trim()).filter(Boolean);
    const problems = [];
    if (!name.value.trim()) problems.push('Give it a name.');
    if (timeList.some((x) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(x))) problems.push('Write times like 08:00 or 21:30.');
    if (stop.value && start.value && stop.value < start.value) problems.push('The stop date is before the start date.');
    let titration = null;
    if (useTit.checked) {
      titration = { start: num(tStart), step: num(tStep), every_days: num(tEvery), max: num(tMax) };
      const ok = titration.start > 0 && titration.max > 0 && titration.step && Number.isInteger(titration.every_days) && titration.every_days >= 1
        && (titration.max - titration.start) * titration.step >= 0;
      if (!ok) problems.push('The titration plan needs a start dose, a step towards the final dose, a whole number of days and the final dose.');
      if (!start.value) problems.push('A titration plan needs a start date.');
    }
    error.textContent = problems.join(' ');
    if (problems.length) return;
    onSave({
      name: name.value.trim(), dose: num(dose), unit: unit.value.trim() || null, times: timeList,
      start: start.value || null, stop: stop.value || null, prescription: rx.checked,
      prescriber: prescriber.value.trim(), titration, template: d.template ?? null, timing: d.timing ?? (timeList.some((x) => x >= '18:00') ? 'bedtime' : 'any'),
    });
  });
  return form;
}
