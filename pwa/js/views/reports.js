// @ts-check
/**
 * #/reports: the clinician PDF for a chosen period, exports (CSV, FHIR, JSON) and CSV import
 * with a column-mapping step, a progress bar and a report of rejected rows.
 */
import { h, toast } from '../ui/dom.js';
import { addDays } from '../domain/scales.js';
import { csvBatches } from '../domain/csvsplit.js';
import { humanise } from '../domain/charts.js';
import { ensureStyles, today } from '../insights-data.js';

/**
 * @param {HTMLElement} root
 * @param {any} ctx
 */
export function render(root, ctx) {
  ensureStyles();
  root.append(h('section', { class: 'reports' },
    h('h1', { text: 'Reports and your data' }),
    pdfPart(ctx), exportPart(ctx), importPart(ctx)));
}

/**
 * @param {any} ctx
 * @param {string} path
 * @param {string} name
 * @param {HTMLButtonElement} button
 */
async function fetchFile(ctx, path, name, button) {
  button.disabled = true;
  const label = button.textContent;
  button.textContent = 'Preparing…';
  try {
    await ctx.download(path, name);
  } catch (e) {
    toast(/** @type {Error} */ (e).message, { kind: 'error' });
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

/** @param {any} ctx */
function pdfPart(ctx) {
  const to = today();
  const from = h('input', { type: 'date', id: 'report-from', value: addDays(to, -89), max: to, required: true });
  const until = h('input', { type: 'date', id: 'report-to', value: to, max: to, required: true });
  const go = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'btn btn-primary', text: 'Download clinician report (PDF)' }));
  const submit = (/** @type {Event} */ e) => {
    e.preventDefault();
    const f = /** @type {HTMLInputElement} */ (from).value;
    const t = /** @type {HTMLInputElement} */ (until).value;
    if (!f || !t || f > t) { toast('Choose a start date before the end date.', { kind: 'warn' }); return; }
    fetchFile(ctx, `/api/reports/clinician.pdf?from=${f}&to=${t}`, `emberwise-report-${f}-to-${t}.pdf`, go);
  };
  // The button first, for the last three months as they stand: at 200% text on a 390 px phone
  // the list of what is in the report and the dates put it two screens down.
  return h('form', { class: 'card', onsubmit: submit },
    h('h2', { text: 'For your clinician' }),
    h('p', { text: 'One page to hand your doctor.' }),
    go,
    h('p', { class: 'muted', text: 'For the last three months, unless you change the dates:' }),
    h('div', { class: 'date-row' }, h('label', { for: 'report-from', text: 'From' }), from, h('label', { for: 'report-to', text: 'To' }), until),
    h('details', { class: 'more-fields' }, h('summary', { text: 'What the report shows' }),
      h('p', { class: 'muted', text: 'Pain and its trend, where and how it hurts, sleep, PEG-3, flares, the patterns found with their evidence, medications and NSAIDs, practices, labs and any red flags. About three months fit one page; a year, two.' })),
    personPart(ctx));
}

/**
 * Name and date of birth on the report: optional, kept in the account, so a printed page
 * can be filed with the right person.
 * @param {any} ctx
 */
function personPart(ctx) {
  const name = /** @type {HTMLInputElement} */ (h('input', { type: 'text', id: 'report-name', autocomplete: 'name', maxlength: 120, value: ctx.user?.name ?? '' }));
  const born = /** @type {HTMLInputElement} */ (h('input', { type: 'date', id: 'report-born', autocomplete: 'bday', max: today(), value: ctx.user?.birth_date ?? '' }));
  const save = async () => {
    try {
      await ctx.updateAccount({ name: name.value.trim() || null, birth_date: born.value || null });
      toast('Saved. The next report shows them.');
    } catch (error) {
      const e = /** @type {any} */ (error);
      toast(e.status === 0 ? 'You are offline: not saved.' : `Not saved: ${Object.values(e.errors ?? {}).flat().join(' ') || e.message}`, { kind: 'warn' });
    }
  };
  return h('details', { class: 'more-fields' },
    h('summary', { text: 'Your name and date of birth on the report (optional)' }),
    h('label', { class: 'field' }, h('span', { text: 'Name' }), name),
    h('label', { class: 'field' }, h('span', { text: 'Date of birth' }), born),
    h('button', { type: 'button', class: 'btn', text: 'Save name and date of birth', onclick: save }));
}

/** @param {any} ctx */
function exportPart(ctx) {
  const stamp = today();
  const item = (/** @type {string} */ label, /** @type {string} */ hint, /** @type {string} */ path, /** @type {string} */ name) => {
    const b = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'btn', text: label }));
    b.addEventListener('click', () => fetchFile(ctx, path, name, b));
    return h('li', {}, b, h('span', { class: 'muted', text: hint }));
  };
  return h('section', { class: 'card' }, h('h2', { text: 'Export' }),
    h('ul', { class: 'export-list' },
      item('CSV', 'one row per check-in, for spreadsheets', '/api/export/csv', `emberwise-checkins-${stamp}.csv`),
      item('FHIR', 'observations for health-record systems', '/api/export/fhir', `emberwise-fhir-${stamp}.json`),
      item('JSON', 'everything Emberwise holds about you', '/api/account/export', `emberwise-export-${stamp}.json`)));
}

/**
 * @param {any} ctx
 */
function importPart(ctx) {
  const input = /** @type {HTMLInputElement} */ (h('input', { type: 'file', id: 'csv-file', accept: '.csv,text/csv' }));
  const stage = h('div', { class: 'import-stage' });
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    if (file.size > 20 * 1024 * 1024) { stage.replaceChildren(h('p', { class: 'form-error', text: 'That file is over 20 MB — split it and import the parts.' })); return; }
    const text = await file.text();
    stage.replaceChildren(h('p', { class: 'loading', text: 'Reading the columns…' }));
    try {
      // The header and a few rows are enough to map columns; the rows go later, in batches.
      const head = csvBatches(text, 20)[0]?.csv ?? text;
      const preview = await ctx.api('/api/import/csv/preview', { method: 'POST', body: { csv: head } });
      preview.rows = csvBatches(text, 500).reduce((n, b) => n + b.rows, 0);
      stage.replaceChildren(mappingForm(ctx, text, preview, stage));
    } catch (e) {
      stage.replaceChildren(h('p', { class: 'form-error', role: 'alert', text: /** @type {Error} */ (e).message }));
    }
  });
  return h('section', { class: 'card' }, h('h2', { text: 'Import a diary (CSV)' }),
    h('p', { class: 'muted', text: 'Bring your history from another app or a spreadsheet. You choose which column is which; importing the same file twice adds nothing.' }),
    h('label', { for: 'csv-file', class: 'file-label', text: 'Choose a CSV file' }), input, stage);
}

/**
 * One select per check-in field, preset with the server's guess, then the import button.
 * @param {any} ctx
 * @param {string} text
 * @param {{headers: string[], mapping: Record<string, string>, fields: string[], sample: string[][], rows: number}} preview
 * @param {HTMLElement} stage
 */
function mappingForm(ctx, text, preview, stage) {
  const selects = preview.fields.map((field) => {
    const sel = /** @type {HTMLSelectElement} */ (h('select', { id: `map-${field}`, 'data-field': field },
      h('option', { value: '', text: '— not imported —' }),
      ...preview.headers.map((hd) => h('option', { value: hd, text: hd, selected: preview.mapping[field] === hd }))));
    return h('div', { class: `map-row${field === 'at' ? ' required' : ''}` },
      h('label', { for: `map-${field}`, text: field === 'at' ? 'Date / time (required)' : humanise(field) }), sel);
  });
  const progress = /** @type {HTMLProgressElement} */ (h('progress', { max: 1, value: 0, hidden: true, 'aria-label': 'Import progress' }));
  const result = h('div', { class: 'import-result', 'aria-live': 'polite' });
  const go = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'btn btn-primary', text: `Import ${preview.rows} rows` }));
  const submit = async (/** @type {Event} */ e) => {
    e.preventDefault();
    const mapping = Object.fromEntries(selects.map((s) => s.querySelector('select')).filter((s) => s?.value).map((s) => [/** @type {any} */ (s).dataset.field, /** @type {any} */ (s).value]));
    if (!mapping.at) { result.replaceChildren(h('p', { class: 'form-error', text: 'Choose the column with the date or time.' })); return; }
    go.disabled = true;
    try {
      const totals = await runImport(ctx, text, mapping, progress);
      result.replaceChildren(...importReport(totals));
      ctx.sync();
    } catch (err) {
      result.replaceChildren(h('p', { class: 'form-error', role: 'alert', text: /** @type {Error} */ (err).message }));
    } finally {
      go.disabled = false;
    }
  };
  const sample = preview.sample.length ? h('div', { class: 'table-scroll' }, h('table', { class: 'data-table' },
    h('thead', {}, h('tr', {}, ...preview.headers.map((t) => h('th', { text: t })))),
    h('tbody', {}, ...preview.sample.map((row) => h('tr', {}, ...row.map((c) => h('td', { text: c }))))))) : '';
  // Fields the guess filled (and the required date) first; the rest wait behind "More fields".
  const shown = selects.filter((_, i) => preview.fields[i] === 'at' || preview.mapping[preview.fields[i]]);
  const hidden = selects.filter((row) => !shown.includes(row));
  const more = hidden.length ? h('details', { class: 'more-fields' }, h('summary', { text: `More fields (${hidden.length})` }), ...hidden) : '';
  return h('form', { class: 'mapping', onsubmit: submit },
    h('h3', { text: 'Which column is which?' }), sample, ...shown, more, go, progress, result);
}

/**
 * Sends the file in batches so the bar can move; sums the answers.
 * @param {any} ctx
 * @param {string} text
 * @param {Record<string, string>} mapping
 * @param {HTMLProgressElement} progress
 */
async function runImport(ctx, text, mapping, progress) {
  const batches = csvBatches(text, 500);
  const totals = { imported: 0, duplicates: 0, deleted: 0, rejected: /** @type {any[]} */ ([]) };
  progress.hidden = false;
  progress.max = Math.max(1, batches.length);
  progress.value = 0;
  for (const b of batches) {
    const r = await ctx.api('/api/import/csv', { method: 'POST', body: { csv: b.csv, mapping, first_line: b.first_line }, timeoutMs: 60000 });
    totals.imported += r.imported;
    totals.duplicates += r.duplicates;
    totals.deleted += r.deleted ?? 0;
    totals.rejected.push(...r.rejected);
    progress.value += 1;
  }
  return totals;
}

/**
 * @param {{imported: number, duplicates: number, deleted: number, rejected: {row: number, errors: Record<string, string[]>}[]}} t
 */
function importReport(t) {
  /** @type {HTMLElement[]} */
  const out = [h('p', { class: 'lead', text: `Imported ${t.imported} check-in${t.imported === 1 ? '' : 's'}; ${t.duplicates} already here; ${t.deleted ? `${t.deleted} you had deleted stay${t.deleted === 1 ? 's' : ''} deleted; ` : ''}${t.rejected.length} row${t.rejected.length === 1 ? '' : 's'} rejected.` })];
  if (t.rejected.length) {
    out.push(h('h4', { text: 'Rows not imported' }), h('ul', { class: 'rejected' }, ...t.rejected.slice(0, 200).map((r) =>
      h('li', { text: `Line ${r.row}: ${Object.entries(r.errors).map(([f, m]) => `${humanise(f)} — ${m.join(' ')}`).join('; ')}` }))));
    if (t.rejected.length > 200) out.push(h('p', { class: 'muted', text: `…and ${t.rejected.length - 200} more.` }));
  }
  return out;
}
