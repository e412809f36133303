// @ts-check
/**
 * #/import: bring sleep and activity in from a phone's or watch's health export.
 * Choose the file, watch it upload (resuming by itself after a dropped connection) and
 * be read, see what it added; undo any import later. Network work is in health-upload.js.
 */
import { h, toast, dayLabel } from '../ui/dom.js';
import { ensureImportStyles } from '../ui/import-styles.js';
import { SOURCES, progressOf, summaryText, sameFile, formatBytes } from '../domain/health-import.js';
import { uploadExport, pendingUpload, forgetUpload } from '../health-upload.js';
import { ApiError } from '../api.js';

/** @typedef {import('../domain/health-import.js').ImportRecord} ImportRecord */

/** @param {HTMLElement} root @param {import('../app.js').AppContext} ctx */
export function render(root, ctx) {
  ensureImportStyles();
  const view = new ImportView(ctx);
  root.append(view.build());
  view.refresh();
  return () => view.stop();
}

class ImportView {
  /** @param {import('../app.js').AppContext} ctx */
  constructor(ctx) {
    this.ctx = ctx;
    this.abort = new AbortController();
    this.input = /** @type {HTMLInputElement} */ (h('input', { type: 'file', id: 'import-file',
      accept: '.zip,.xml,.json,.csv,.db,application/zip,text/xml', onchange: () => this.chosen() }));
    this.button = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'btn btn-primary btn-big', text: 'Import', disabled: true }));
    this.progress = /** @type {HTMLProgressElement} */ (h('progress', { max: 1, value: 0, hidden: true, 'aria-label': 'Import progress' }));
    this.status = h('p', { class: 'import-status', role: 'status', 'aria-live': 'polite' });
    this.result = h('div', { class: 'import-result' });
    this.resume = h('p', { class: 'lead', hidden: true });
    this.list = h('ul', { class: 'import-list' });
    this.busy = false;
  }

  build() {
    const form = h('form', { class: 'card', onsubmit: (/** @type {Event} */ e) => { e.preventDefault(); this.start(); } },
      h('h2', { text: 'Import a file' }), this.resume,
      h('label', { for: 'import-file', class: 'file-label', text: 'Choose the export file (.zip, .xml, .json or .csv)' }),
      this.input, this.button, this.progress, this.status, this.result);
    return h('section', { class: 'health-import' },
      h('h1', { text: 'Import from a phone or watch' }),
      h('p', { class: 'lead', text: 'Bring in the sleep, steps and activity your phone or watch already recorded — a year or more in one go. Anything you type in a check-in still counts first.' }),
      howTo(), form,
      h('section', { class: 'card' }, h('h2', { text: 'Your imports' }), this.list));
  }

  stop() { this.abort.abort(); }

  /** Show past imports, and offer to continue an upload that was interrupted. */
  async refresh() {
    /** @type {ImportRecord[]} */
    let imports = [];
    try {
      imports = await this.ctx.api('/api/imports');
    } catch (err) {
      this.list.replaceChildren(h('li', { class: 'muted', text: err instanceof ApiError && err.status === 0
        ? 'Your imports show here when you are online.' : String(/** @type {Error} */ (err).message) }));
      return;
    }
    this.list.replaceChildren(...(imports.length ? imports.map((r) => this.item(r))
      : [h('li', { class: 'muted', text: 'Nothing imported yet.' })]));
    const pending = await pendingUpload();
    const open = imports.find((r) => r.id === pending?.id && r.state === 'uploading');
    this.resume.hidden = !open || this.busy;
    if (open) this.resume.textContent = `The upload of ${open.filename} stopped at ${progressOf(open).text.replace('Uploading ', '')}. Choose the same file to carry on from there.`;
  }

  /** @param {ImportRecord} record */
  item(record) {
    const when = record.created_at ? dayLabel(record.created_at.slice(0, 10)) : '';
    const actions = h('div', { class: 'actions' });
    if (record.state === 'done' && !record.summary?.duplicate_of) {
      actions.append(h('button', { type: 'button', class: 'btn btn-small', text: 'Undo this import',
        onclick: () => this.undo(record) }));
    }
    if (['failed', 'undone', 'uploading'].includes(record.state) || record.summary?.duplicate_of) {
      actions.append(h('button', { type: 'button', class: 'btn btn-small btn-quiet',
        text: record.state === 'uploading' ? 'Cancel upload' : 'Remove from list', onclick: () => this.remove(record) }));
    }
    const text = record.state === 'uploading' || record.state === 'processing' ? progressOf(record).text : summaryText(record, dayLabel);
    return h('li', { 'data-id': record.id, 'data-state': record.state },
      h('div', { class: 'import-name', text: `${record.filename} · ${when}` }),
      h('p', { class: record.state === 'failed' ? 'form-error' : '', text }), actions);
  }

  async chosen() {
    const file = this.input.files?.[0];
    this.button.disabled = !file || this.busy;
    this.result.replaceChildren();
    if (file) this.status.textContent = `${file.name} — ${formatBytes(file.size)}`;
  }

  async start() {
    const file = this.input.files?.[0];
    if (!file || this.busy) return;
    this.busy = true;
    this.button.disabled = true;
    this.resume.hidden = true;
    this.progress.hidden = false;
    const pending = await pendingUpload();
    try {
      const record = await uploadExport(file, {
        progress: (r) => this.show(r),
        connection: (lost) => { if (lost) this.status.textContent = 'The connection dropped — the upload carries on by itself when it is back.'; },
        signal: this.abort.signal,
      }, sameFile(pending, file) ? pending?.id : undefined);
      this.done(record);
    } catch (err) {
      this.failed(err);
    } finally {
      this.busy = false;
      this.button.disabled = !this.input.files?.[0];
      this.refresh();
    }
  }

  /** @param {ImportRecord} record */
  show(record) {
    const { text, fraction } = progressOf(record);
    if (fraction === null) return;
    this.progress.value = fraction;
    this.status.textContent = text;
  }

  /** @param {ImportRecord} record */
  done(record) {
    this.progress.value = 1;
    this.status.textContent = 'Done.';
    this.result.replaceChildren(h('p', { class: 'lead', text: summaryText(record, dayLabel) }),
      h('p', { class: 'muted', text: 'Your check-ins show these values, and your patterns include them from now on.' }));
    this.ctx.sync();  // bring the imported days to this device
  }

  /** @param {unknown} err */
  failed(err) {
    this.progress.hidden = true;
    this.status.textContent = '';
    if (this.abort.signal.aborted) return;
    const message = err instanceof Error ? err.message : String(err);
    this.result.replaceChildren(h('p', { class: 'form-error', role: 'alert', text: message }),
      h('p', { class: 'muted', text: 'Nothing from this file was saved.' }));
  }

  /** @param {ImportRecord} record */
  async undo(record) {
    if (!confirm(`Undo the import of ${record.filename}? Everything it added is taken back; your own check-ins stay as they are.`)) return;
    try {
      await this.ctx.api(`/api/imports/${record.id}/undo`, { method: 'POST' });
      toast('Import undone.');
      this.ctx.sync();
    } catch (err) {
      toast(/** @type {Error} */ (err).message, { kind: 'error' });
    }
    this.refresh();
  }

  /** @param {ImportRecord} record */
  async remove(record) {
    try {
      await this.ctx.api(`/api/imports/${record.id}`, { method: 'DELETE' });
      if (record.state === 'uploading') await forgetUpload();
    } catch (err) {
      toast(/** @type {Error} */ (err).message, { kind: 'error' });
    }
    this.refresh();
  }
}

/** "How to export", one folding section per phone or watch. */
function howTo() {
  return h('section', { class: 'card how-list' }, h('h2', { text: 'How to export' }),
    h('p', { class: 'muted', text: 'Each service makes the file for you; choose it below as it comes — there is no need to unzip it.' }),
    ...SOURCES.map((s) => h('details', {}, h('summary', { text: `${s.name} — ${s.file}` }),
      h('ol', {}, ...s.how.map((step) => h('li', { text: step }))))));
}
