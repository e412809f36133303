// @ts-check
/**
 * History: the recent weeks of check-ins, newest first, each with its sync state, editable and
 * (after asking) deletable; older ones a batch at a time on request, so the page stays short.
 */
import { h, toast, shortDateTime } from '../ui/dom.js';
import { newestFirst, batchEnd } from '../domain/checkin.js';
import { labelOf } from '../domain/vocabulary.js';
import { levelColours } from '../ui/scale.js';
import { keepViewState } from '../ui/redraw-state.js';

const STATE_TEXT = { pending: 'Waiting to sync', synced: 'Synced', rejected: 'Not accepted' };

/** A one-line summary of the filled sections. @param {Record<string, any>} d */
function summary(d) {
  const parts = [];
  if (d.locations?.length) parts.push(d.locations.map(labelOf).join(', '));
  if (d.qualities?.length) parts.push(d.qualities.join(', '));
  if (d.sleep_hours !== undefined) parts.push(`slept ${d.sleep_hours} h`);
  if (d.activity_minutes !== undefined) parts.push(`${d.activity_minutes} min active`);
  if (d.stress !== undefined) parts.push(`stress ${d.stress}`);
  if (d.notes) parts.push(`“${d.notes.slice(0, 60)}${d.notes.length > 60 ? '…' : ''}”`);
  return parts.join(' · ');
}

/** "Tue 1 Dec" and "08:05" apart, in the device's locale and zone: the two lines of an entry. @param {string} iso */
function dayAndTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return { day: '', time: '' };
  return { day: d.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' }),
    time: d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) };
}

/**
 * One check-in as two short lines (pain, day, time, flare) with Edit: at 200% text on a 320 px
 * phone an entry with its sections, sync state and Delete was about 550 px tall, two a screen.
 * The rest (what was filled in, the sync state, Delete) waits behind "More"; what needs the
 * person (warning signs, a rejected or conflicting edit, "Waiting to sync") stays in sight.
 * @param {import('../outbox.js').LocalRecord} rec
 * @param {import('../app.js').AppContext} ctx
 * @param {{asking: Set<string>, open: Set<string>}} kept  ids whose "Delete?" question or "More"
 *   is open; kept by the view, so a redraw (a sync's answer) keeps them instead of closing them
 */
function entry(rec, ctx, { asking, open }) {
  const d = rec.data;
  const badge = h('span', { class: 'pain-badge', 'aria-label': d.pain === undefined ? 'No pain rating' : `Pain ${d.pain} of 10`, text: d.pain ?? '–' });
  if (d.pain !== undefined) {
    const c = levelColours(d.pain);
    badge.style.setProperty('--level', c.fill);
    badge.style.setProperty('--level-text', c.text);
  }
  const errors = rec.state === 'rejected' ? Object.entries(rec.errors ?? {}).map(([f, m]) => `${f}: ${[m].flat().join(' ')}`).join('; ') : '';
  const when = shortDateTime(d.at);
  const { day, time } = dayAndTime(d.at);
  const detailsId = `entry-more-${rec.id}`;
  const details = h('div', { class: 'entry-details', id: detailsId, hidden: !open.has(rec.id) });
  const more = h('button', { type: 'button', class: 'link-button entry-more', 'aria-expanded': String(open.has(rec.id)), 'aria-controls': detailsId,
    text: 'More', 'aria-label': `More about the check-in from ${when}`,
    onclick: () => {
      const opening = details.hidden;
      if (opening) open.add(rec.id); else open.delete(rec.id);
      details.hidden = !opening;
      more.setAttribute('aria-expanded', String(opening));
    } });
  const deleting = h('div', { class: 'row entry-delete' });
  // Edit is the main action, always in sight; Delete is quiet, behind "More", and asks once,
  // in place, before anything is lost.
  const showDelete = () => deleting.replaceChildren(
    h('button', { type: 'button', class: 'link-button', text: 'Delete', 'aria-label': `Delete check-in from ${when}`, onclick: () => ask(true) }));
  const ask = (/** @type {boolean} */ focus) => {
    asking.add(rec.id);
    const keep = h('button', { type: 'button', class: 'btn btn-small btn-quiet', text: 'Keep it', onclick: () => { asking.delete(rec.id); showDelete(); deleting.querySelector('button')?.focus(); } });
    deleting.replaceChildren(
      // Announced when asked; a redraw puts the same question back without announcing it again.
      h('span', { class: 'confirm-text', role: focus ? 'alert' : null, text: `Delete the check-in from ${when}? This cannot be undone.` }),
      h('button', { type: 'button', class: 'btn btn-small btn-danger', text: 'Delete', 'aria-label': `Yes, delete the check-in from ${when}`, onclick: del }),
      keep);
    if (focus) keep.focus();
  };
  const del = async () => {
    asking.delete(rec.id);
    open.delete(rec.id);
    await ctx.remove('checkin', rec.id);
    toast('Check-in deleted.');
  };
  showDelete();
  if (asking.has(rec.id) && !rec.deleted) { ask(false); details.hidden = false; more.setAttribute('aria-expanded', 'true'); }
  details.append(
    summary(d) ? h('p', { class: 'entry-body', text: summary(d) }) : h('p', { class: 'entry-body', text: 'Nothing else was filled in.' }),
    h('p', {}, h('span', { class: `state state-${rec.state}`, text: STATE_TEXT[rec.state] ?? rec.state })),
    ...(rec.deleted ? [] : [deleting]));
  return h('li', { class: 'entry', 'data-id': rec.id, 'data-state': rec.state, ...(rec.conflict ? { 'data-conflict': 'yes' } : {}) },
    h('div', { class: 'entry-head' }, badge,
      h('div', { class: 'entry-when' }, h('strong', { text: day }), ' ', h('span', { class: 'entry-time', text: time }),
        d.flare ? h('span', { class: 'tag', text: 'Flare' }) : null,
        // Not yet on the server, or refused by it: said in sight, not behind "More".
        rec.state === 'synced' ? null : h('span', { class: `state state-${rec.state}`, text: STATE_TEXT[rec.state] ?? rec.state }))),
    d.red_flags?.length ? h('p', {}, h('span', { class: 'tag', text: `Warning signs: ${d.red_flags.length}` }), ' ', h('a', { href: '#/redflags', text: 'what to do' })) : null,
    errors ? h('p', { class: 'field-error', text: `The server did not accept this entry: ${errors}. Edit it to fix.` }) : null,
    rec.conflict ? conflictNote(rec, ctx) : null,
    h('div', { class: 'row entry-actions' },
      rec.deleted ? null : h('a', { class: 'btn btn-small btn-quiet', href: `#/checkin/${encodeURIComponent(rec.id)}`, text: 'Edit', 'aria-label': `Edit check-in from ${when}` }),
      more),
    details);
}

/**
 * An edit from this device that was made on an older version and not kept in full: say
 * which fields the other version kept, show this device's values, and let the person choose.
 * @param {import('../outbox.js').LocalRecord} rec
 * @param {import('../app.js').AppContext} ctx
 */
function conflictNote(rec, ctx) {
  const c = /** @type {NonNullable<typeof rec.conflict>} */ (rec.conflict);
  const fields = c.fields.filter((f) => f !== 'deleted');
  const what = rec.deleted ? 'This check-in was deleted on another device while you edited it here.'
    : c.deleted ? 'You deleted this check-in here, but it had been changed on another device, so it was kept.'
      : `This check-in was also changed on another device; its ${fields.map((f) => f.replace(/_/g, ' ')).join(', ')} ${fields.length > 1 ? 'were' : 'was'} kept.`;
  const mine = c.deleted ? '' : fields.map((f) => `${f.replace(/_/g, ' ')} ${c.mine[f] ?? '(empty)'}`).join(', ');
  return h('div', { class: 'conflict-note', role: 'status' },
    h('p', { text: mine ? `${what} Yours here: ${mine}.` : what }),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'btn btn-small', text: c.deleted ? 'Delete it' : 'Use mine',
        onclick: () => (c.deleted ? ctx.remove('checkin', rec.id) : ctx.save('checkin', c.mine, rec.id)) }),
      h('button', { type: 'button', class: 'btn btn-small btn-quiet', text: 'Keep this', onclick: () => ctx.keepServer('checkin', rec.id) })));
}

/** @param {HTMLElement} root @param {import('../app.js').AppContext} ctx */
export function render(root, ctx) {
  const list = h('ul', { class: 'entries' });
  const more = h('div', { class: 'history-more' });
  root.append(h('h1', { text: 'Your check-ins' }), list, more);
  let alive = true;
  let batches = 1;
  // After "Show older": the index of the first added entry, focused once it is drawn.
  let focusFrom = -1;
  let painted = 0;
  const asking = new Set();
  const open = new Set();
  const paint = async () => {
    // Paints overlap (two syncs' answers in quick succession): only the newest one draws,
    // so an older list never lands on top of a newer one.
    const seq = ++painted;
    const live = await ctx.records('checkin');
    // Shown with this device's values: a deleted copy has none of its own.
    const deletedWithConflict = (await ctx.conflicts('checkin')).filter((r) => r.deleted)
      .map((r) => ({ ...r, data: r.conflict?.mine ?? {} }));
    const all = newestFirst([...deletedWithConflict, ...live]);
    if (!alive || seq !== painted) return;
    let cut = 0;
    for (let b = 0; b < batches && cut < all.length; b++) cut = batchEnd(all, cut);
    const records = all.slice(0, cut);
    // The focus (on a question's "Keep it", say) stays where it was across the redraw.
    const restore = keepViewState(root);
    // Older entries were cut off without a word; say how many and offer them.
    const oldest = records.length ? new Date(String(records[records.length - 1].data.at)) : null;
    more.replaceChildren(...(oldest && all.length > cut ? [
      h('p', { class: 'muted', text: `Showing ${cut} of ${all.length} check-ins, back to ${oldest.toLocaleDateString(undefined, { day: 'numeric', month: 'long' })}.` }),
      h('button', { type: 'button', class: 'btn', text: 'Show older check-ins',
        onclick: () => { focusFrom = cut; batches += 1; paint(); } })] : []));
    list.replaceChildren(...(records.length ? records.map((r) => entry(r, ctx, { asking, open }))
      : [h('li', { class: 'history-empty' },
        h('p', { class: 'muted', text: 'No check-ins yet. Each one you save appears here, also while offline, and you can edit or delete it.' }),
        h('a', { href: '#/checkin', class: 'btn btn-primary', text: 'Make your first check-in' }))]));
    restore();
    // The added entries go below, in place; reading (and the keyboard) goes on from the first.
    const first = focusFrom >= 0 ? /** @type {HTMLElement | undefined} */ (list.children[focusFrom]) : undefined;
    focusFrom = -1;
    if (first) {
      // Its date at the top of the screen (focusing Edit alone scrolled the date out of sight).
      first.scrollIntoView({ block: 'start' });
      /** @type {HTMLElement} */ (first.querySelector('a[href], button') ?? first).focus({ preventScroll: true });
    }
  };
  paint();
  const off = ctx.on('records-changed', ({ types }) => { if (types.includes('checkin')) paint(); });
  return () => { alive = false; off(); };
}
