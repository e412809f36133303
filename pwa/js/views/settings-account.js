// @ts-check
/**
 * Settings section: who is signed in, sync details, sign out (which erases this device's copy),
 * and deleting the account (DELETE /api/account): the app had no way to it, though the README
 * promises erasure.
 */
import { h, shortDateTime, toast } from '../ui/dom.js';

/** @param {HTMLElement} root @param {import('../app.js').AppContext} ctx */
export function render(root, ctx) {
  const status = h('p', { class: 'muted' });
  const paint = (/** @type {import('../sync.js').SyncState} */ s) => { status.textContent = syncWords(s); };
  ctx.syncState().then(paint);
  const off = ctx.on('sync-state', paint);
  const out = async () => {
    await ctx.sync();
    const { pending } = await ctx.syncState();
    const warning = pending
      ? `${pending} entries have not reached the server yet and will be lost if you sign out now. Sign out anyway?`
      : 'Sign out? Your entries stay on the server; this device’s copy is erased.';
    if (!confirm(warning)) return;
    await ctx.signOut();
    ctx.navigate('#/signin');
  };
  root.append(
    h('p', { text: `Signed in as ${ctx.user?.email ?? ''}` }),
    status,
    h('button', { type: 'button', class: 'btn btn-danger', text: 'Sign out', onclick: out }),
    deleteAccount(ctx),
  );
  return off;
}

/**
 * Where this device's entries are, in words: "Waiting to sync: 0." said nothing to a tired
 * person (is 0 good?).
 * @param {import('../sync.js').SyncState} s
 */
function syncWords(s) {
  const last = s.last_success ? ` Last sync: ${shortDateTime(s.last_success)}.` : '';
  if (s.pending) return `${s.pending} ${s.pending === 1 ? 'entry is' : 'entries are'} on this device only, waiting to reach the server.${last}`;
  return s.last_success ? `Everything on this device is also on the server.${last}` : 'Not synced with the server yet.';
}

/**
 * "Delete my account": a quiet action that asks in place (as History's Delete does), says what
 * goes and offers the export first; only a yes erases anything.
 * @param {import('../app.js').AppContext} ctx
 */
function deleteAccount(ctx) {
  const box = h('div', { class: 'row entry-actions account-delete' });
  const quiet = () => box.replaceChildren(h('button', { type: 'button', class: 'link-button', text: 'Delete my account', onclick: ask }));
  const erase = async () => {
    try {
      await ctx.api('/api/account', { method: 'DELETE' });
    } catch (error) {
      const offline = /** @type {any} */ (error).status === 0;
      toast(offline ? 'You are offline, so nothing was deleted. Try again when you are online.' : 'Your account could not be deleted. Nothing was changed; please try again.', { kind: 'error', ms: 8000 });
      return;
    }
    await ctx.signOut();  // erases this device's copy too
    ctx.navigate('#/signin');
    toast('Your account and everything in it are deleted.');
  };
  function ask() {
    box.replaceChildren(
      h('span', { class: 'confirm-text', role: 'alert', text: 'Delete your account? Every check-in, report, reminder and setting is erased from the server and this device. This cannot be undone.' }),
      h('a', { class: 'btn btn-small btn-quiet', href: '#/reports', text: 'Download my data first' }),
      h('button', { type: 'button', class: 'btn btn-small btn-danger', text: 'Delete everything', onclick: erase }),
      h('button', { type: 'button', class: 'btn btn-small btn-quiet', text: 'Keep my account', onclick: () => { quiet(); box.querySelector('button')?.focus(); } }));
    /** @type {HTMLElement | null} */ (box.querySelector('button:last-child'))?.focus();  // the safe answer, not Delete
  }
  quiet();
  return box;
}
