// @ts-check
/** Settings section: who is signed in, sync details, sign out (which erases this device's copy). */
import { h, shortDateTime } from '../ui/dom.js';

/** @param {HTMLElement} root @param {import('../app.js').AppContext} ctx */
export function render(root, ctx) {
  const status = h('p', { class: 'muted' });
  const paint = (/** @type {import('../sync.js').SyncState} */ s) => {
    status.textContent = `Waiting to sync: ${s.pending}. Last successful sync: ${s.last_success ? shortDateTime(s.last_success) : 'never'}.`;
  };
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
  );
  return off;
}
