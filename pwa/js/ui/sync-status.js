// @ts-check
/**
 * <ew-sync-status>: the sync indicator — pending count, last successful sync, last error.
 * Set `.state` (a SyncState); tapping opens the details; "Sync now" fires "sync-request".
 */
import { h, shortDateTime } from './dom.js';

/** @typedef {import('../sync.js').SyncState} SyncState */

/** @param {SyncState} s */
function summary(s) {
  if (s.running) return { kind: 'busy', text: 'Syncing…' };
  if (s.pending > 0) return { kind: s.last_error ? 'warn' : 'busy', text: `${s.pending} waiting` };
  if (s.rejected > 0) return { kind: 'error', text: `${s.rejected} not accepted` };
  if (s.last_error) return s.last_error_kind === 'offline' ? { kind: 'idle', text: 'Offline' } : { kind: 'warn', text: 'Not synced' };
  return { kind: 'ok', text: s.last_success ? 'Synced' : 'Not synced yet' };
}

class SyncStatus extends HTMLElement {
  constructor() {
    super();
    /** @type {SyncState} */
    this._state = { pending: 0, rejected: 0, running: false, last_success: null, last_error: null };
    this.button = h('button', { type: 'button', class: 'sync-button', 'aria-expanded': 'false', 'aria-controls': 'sync-details',
      onclick: () => this.toggle() });
    this.panel = h('div', { id: 'sync-details', class: 'sync-details', hidden: true });
  }

  connectedCallback() {
    if (!this.button.isConnected) this.append(this.button, this.panel);
    this.paint();
  }

  /** @param {SyncState} value */
  set state(value) { this._state = value; this.paint(); }
  get state() { return this._state; }

  toggle(open = this.panel.hidden) {
    this.panel.hidden = !open;
    this.button.setAttribute('aria-expanded', String(open));
    if (!open) return;
    // Close on a tap elsewhere or Escape, like any popover.
    const close = (/** @type {Event} */ e) => {
      if (e instanceof KeyboardEvent ? e.key !== 'Escape' : this.contains(/** @type {Node} */ (e.target))) return;
      this.toggle(false);
      document.removeEventListener('click', close, true);
      document.removeEventListener('keydown', close, true);
    };
    document.addEventListener('click', close, true);
    document.addEventListener('keydown', close, true);
  }

  paint() {
    const s = this._state;
    const { kind, text } = summary(s);
    this.dataset.kind = kind;
    this.button.replaceChildren(h('span', { class: 'sync-dot', 'aria-hidden': 'true' }), h('span', { class: 'sync-text', text }));
    this.button.setAttribute('aria-label', `Sync status: ${text}. Show details`);
    this.panel.replaceChildren(...[
      h('p', { text: `Waiting to be sent: ${s.pending}` }),
      s.rejected ? h('p', { text: `Not accepted by the server: ${s.rejected} (see History)` }) : null,
      h('p', { text: `Last successful sync: ${s.last_success ? shortDateTime(s.last_success) : 'never'}` }),
      s.last_error ? h('p', { class: 'sync-error', text: `Last problem: ${s.last_error}` }) : null,
      // Signing in again as the same person keeps everything waiting on this device.
      s.last_error_kind === 'auth' ? h('p', {}, h('a', { href: '#/signin', text: 'Sign in again' })) : null,
      h('button', { type: 'button', class: 'btn btn-small', text: 'Sync now', disabled: s.running,
        onclick: () => this.dispatchEvent(new CustomEvent('sync-request', { bubbles: true })) }),
    ].filter((el) => el !== null)); // replaceChildren would print a null as text
  }
}

customElements.define('ew-sync-status', SyncStatus);
