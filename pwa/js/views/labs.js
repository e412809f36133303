// @ts-check
/** #/labs — lab results against the lab's own range and the optimal band, charted with pain. */
import { dayLabel, h, toast } from '../ui/dom.js';
import { localDate } from '../domain/time.js';
import { CATALOGUE, OPTIMAL, labTest, assess, bandText, series, convert } from '../domain/labs.js';
import { lineChart, legend } from '../ui/chart.js';

const WORDS = { below: 'below', within: 'within', above: 'above' };
const num = (x) => String(Math.round(x * 100) / 100);

/** Pain mean per local day from check-ins, for the shared timeline. */
function painByDay(checkins) {
  const days = {};
  for (const c of checkins) {
    if (typeof c.data.pain !== 'number') continue;
    const d = localDate(new Date(c.data.at));
    (days[d] ??= []).push(c.data.pain);
  }
  return Object.entries(days).map(([date, xs]) => ({ date, value: xs.reduce((a, b) => a + b, 0) / xs.length }));
}

export function render(root, ctx) {
  const list = h('div', { class: 'lab-list' });
  const foot = h('div', {});
  const form = labForm(ctx, () => draw());
  const howToRead = h('details', { class: 'how-to-read' }, h('summary', { text: 'How to read this' }),
    h('p', { text: 'Keep your results in one place and see them over time. Each result is shown against two ranges, kept apart: your lab\'s reference range, as printed on your report, and — where there is one — a narrower functional-medicine target from one practitioner (W. Le, PA-C). That target is one view, not a diagnosis: talk results over with your clinician.' }));
  // With results: the results first, how to read them one tap away under them (at 200% text
  // the explanation above them filled the first screen and more), then the form; adding a
  // result is rare (a test every few months), reading them is why the screen is opened.
  // Without any: nothing to read, so "Add a result" comes first (its first field was below the
  // first screen at 200% text on a 320x640 phone). The form never moves: only the list above
  // it fills, so the focus stays on "Save result" after the first one. docs/pwa.md, "Lab results".
  root.append(h('section', { class: 'view view-labs' },
    h('h1', { text: 'Lab results' }),
    list, form, foot));

  async function draw() {
    const results = (await ctx.records('lab_result')).map((r) => ({ id: r.id, ...r.data }));
    const pain = painByDay(await ctx.records('checkin'));
    if (!results.length) { list.replaceChildren(); foot.replaceChildren(howToRead); return; }
    const keys = [...new Set(results.map((r) => (r.test === 'custom' || labTest(r.test)?.panel ? `${r.test}:${r.name}` : r.test)))];
    list.replaceChildren(...keys.map((k) => testCard(ctx, k, results, pain, draw)), howToRead);
  }
  draw();
}

function testCard(ctx, groupKey, results, pain, redraw) {
  const [key, customName] = groupKey.split(/:(.*)/s);
  const named = key === 'custom' || !!labTest(key)?.panel;
  const own = results.filter((r) => r.test === key && (!named || r.name === customName))
    .sort((a, b) => b.date.localeCompare(a.date));
  const latest = own[0];
  const t = labTest(key);
  const a = assess(latest);
  const name = key === 'custom' ? customName : t?.panel ? `${customName} (${t.name.replace(/, one marker$/, '')})` : t?.name ?? key;
  const bands = h('div', { class: 'bands' },
    bandBox('Your lab\'s reference range', latest.ref_low ?? null, latest.ref_high ?? null, latest.unit, a.reference, 'Entered from your report', 'band-ref'),
    a.optimalBand
      ? bandBox(OPTIMAL.label, a.optimalBand.low, a.optimalBand.high, a.optimalBand.unit, a.optimal,
        `${a.inOptimalUnit !== null && a.optimalBand.unit !== latest.unit ? `Your result is ${num(a.inOptimalUnit)} ${a.optimalBand.unit}. ` : ''}${OPTIMAL.caution} Source: ${a.optimalBand.source}`, 'band-opt', a.optimalBand)
      : h('div', { class: 'band band-none' }, h('h4', { text: 'Functional-medicine target' }), h('p', { class: 'muted', text: 'Our source gives no target for this test: read it against your lab\'s range.' })));

  const unit = a.optimalBand?.unit ?? latest.unit;
  const pts = named ? own.map((r) => ({ date: r.date, value: r.value })) : series(own, key, unit);
  const dates = [...pts.map((p) => p.date)].sort();
  const from = dates[0];
  const to = localDate(new Date()) > dates[dates.length - 1] ? localDate(new Date()) : dates[dates.length - 1];
  const painPts = pain.filter((p) => p.date >= from && p.date <= to);
  const refLow = latest.ref_low ?? null, refHigh = latest.ref_high ?? null;
  const conv = (v) => (v === null ? null : named ? v : convert(key, v, latest.unit, unit));
  const chart = lineChart({ title: `${name} over time, with daily pain`, from, to,
    series: [{ points: pts, cls: 's-main', label: name }, { points: painPts, cls: 's-pain', label: 'Pain', axis: 'right' }],
    bands: [
      ...(a.optimalBand ? [{ low: a.optimalBand.low, high: a.optimalBand.high, cls: 'band-opt-fill', label: 'Functional-medicine target' }] : []),
      ...(refLow !== null || refHigh !== null ? [{ low: conv(refLow), high: conv(refHigh), cls: 'band-ref-fill', label: 'Lab range' }] : []),
    ] });

  return h('article', { class: 'card lab-card', 'data-test': key },
    h('h2', { text: name }),
    h('p', { class: 'lab-value' }, h('strong', { text: `${num(latest.value)} ${latest.unit}` }), ` on ${dayLabel(latest.date)}`),
    t?.note ? h('p', { class: 'muted', text: t.note }) : null,
    bands, chart,
    // The legend names only what the chart actually draws.
    legend([{ cls: 's-main', label: `${name} (${unit})` },
      ...(painPts.length ? [{ cls: 's-pain', label: 'Daily pain 0–10 (right axis)' }] : []),
      ...(a.optimalBand ? [{ cls: 'band-opt-fill', label: 'Functional-medicine target (W. Le)' }] : []),
      ...(refLow !== null || refHigh !== null ? [{ cls: 'band-ref-fill', label: 'Your lab\'s range' }] : [])]),
    // Codes (LOINC) are for clinicians' systems: they travel in the FHIR export, not on this screen.
    h('details', {}, h('summary', { text: `${own.length === 1 ? 'This result' : `All ${own.length} results`}: list and delete` }),
      h('ul', { class: 'plain' }, ...own.map((r) => h('li', {}, `${dayLabel(r.date)}: ${num(r.value)} ${r.unit} `,
        h('button', { type: 'button', class: 'btn btn-small btn-quiet', text: 'Delete', onclick: async () => { await ctx.remove('lab_result', r.id); redraw(); } }))))));
}

function bandBox(title, low, high, unit, pos, note, cls, band) {
  const text = band ? bandText(band) : bandText({ low, high, unit });
  return h('div', { class: `band ${cls}`, 'data-position': pos ?? 'none' },
    h('h4', { text: title }),
    text ? h('p', { class: 'band-range', text }) : h('p', { class: 'muted', text: 'Not entered' }),
    pos ? h('p', { class: `band-pos pos-${pos}`, text: `Your result is ${WORDS[pos]} this range` }) : null,
    h('p', { class: 'source', text: note }));
}

function labForm(ctx, saved) {
  const test = h('select', { name: 'test', required: true }, ...CATALOGUE.map((t) => h('option', { value: t.key, text: t.name })));
  const unit = h('select', { name: 'unit' });
  const customUnit = h('input', { type: 'text', name: 'custom_unit', placeholder: 'unit', maxlength: 20 });
  const customName = h('input', { type: 'text', name: 'custom_name', placeholder: 'Test name', maxlength: 80 });
  const markers = h('datalist', { id: 'lab-markers' });
  const nameLabel = h('span', { text: 'Test name' });
  const customRow = h('div', { class: 'row', hidden: true },
    h('label', { class: 'field' }, nameLabel, customName), markers,
    h('label', { class: 'field' }, h('span', { text: 'Unit (as on your report)' }), customUnit));
  const value = h('input', { name: 'value', type: 'number', step: 'any', required: true, inputmode: 'decimal' });
  const date = h('input', { name: 'date', type: 'date', required: true, value: localDate(new Date()) });
  const refLow = h('input', { name: 'ref_low', type: 'number', step: 'any', inputmode: 'decimal' });
  const refHigh = h('input', { name: 'ref_high', type: 'number', step: 'any', inputmode: 'decimal' });
  const error = h('p', { class: 'form-error', role: 'alert' });

  const named = () => test.value === 'custom' || !!labTest(test.value)?.panel;
  const syncUnits = () => {
    const t = labTest(test.value);
    customRow.hidden = !named();
    nameLabel.textContent = t?.panel ? 'Marker (pick or type as on your report)' : 'Test name';
    customName.setAttribute('list', t?.panel ? 'lab-markers' : '');
    markers.replaceChildren(...(t?.markers ?? []).map((m) => h('option', { value: m })));
    unit.closest?.('label')?.toggleAttribute('hidden', named());
    unit.replaceChildren(...(t?.units ?? []).map((u) => h('option', { value: u, text: u })));
  };
  test.addEventListener('change', syncUnits);

  const form = h('form', { class: 'card lab-form', novalidate: true },
    h('h2', { text: 'Add a result' }),
    h('label', { class: 'field' }, h('span', { text: 'Test' }), test),
    customRow,
    h('div', { class: 'row' },
      h('label', { class: 'field' }, h('span', { text: 'Value' }), value),
      h('label', { class: 'field' }, h('span', { text: 'Unit' }), unit)),
    h('label', { class: 'field' }, h('span', { text: 'Date of the test' }), date),
    h('fieldset', {}, h('legend', { text: 'Reference range on your report (optional)' }),
      h('div', { class: 'row' },
        h('label', { class: 'field' }, h('span', { text: 'From' }), refLow),
        h('label', { class: 'field' }, h('span', { text: 'To' }), refHigh))),
    error,
    h('button', { type: 'submit', class: 'btn btn-primary', text: 'Save result' }));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const isCustom = named();
    const v = Number(value.value);
    const n = (el) => (el.value === '' ? null : Number(el.value));
    const problems = [];
    if (value.value === '' || !Number.isFinite(v)) problems.push('Enter the value as a number.');
    if (!date.value) problems.push('Enter the date of the test.');
    if (isCustom && !customName.value.trim()) problems.push(labTest(test.value)?.panel ? 'Name the marker.' : 'Give the test a name.');
    const lo = n(refLow), hi = n(refHigh);
    if (lo !== null && hi !== null && lo > hi) problems.push('The range\'s "from" is above its "to".');
    error.textContent = problems.join(' ');
    if (problems.length) return;
    const data = { test: test.value, value: v, unit: isCustom ? customUnit.value.trim() : unit.value, date: date.value, ref_low: lo, ref_high: hi };
    if (isCustom) data.name = customName.value.trim();
    await ctx.save('lab_result', data);
    toast('Result saved.');
    value.value = ''; refLow.value = ''; refHigh.value = '';
    saved();
  });
  syncUnits();
  return form;
}
