// @ts-check
/**
 * The app controller: builds the AppContext `ctx` every view receives, runs the hash router,
 * and starts syncing (on open, on save, on "online", every minute while visible, and when
 * the service worker asks).
 */
import { ROUTES, DEFAULT_ROUTE, SIGNIN_ROUTE } from './routes.js';
import { api, download } from './api.js';
import { saveRecord, removeRecord, listRecords, listConflicts, getRecord, retryRejected, dismissConflict } from './outbox.js';
import { syncNow, syncState, requestBackgroundSync } from './sync.js';
import { restore, currentUser, signIn, signUp, signOut, updateAccount, refreshAccount } from './session.js';
import { on, emit } from './events.js';
import { registerWorker } from './sw-bridge.js';
import { h, toast } from './ui/dom.js';
import { buildTabBar, keepTabBarFitted } from './ui/tab-bar.js';
import './ui/sync-status.js';
import { echoLongChoices } from './ui/select-echo.js';

const SYNC_EVERY_MS = 60_000;
/** Said once the service worker has cached the app (exported for the browser tests). Short:
 * at 200% text on a 320 px phone "Emberwise now works offline." took three lines, and even
 * at the foot of the screen reached the pain scale's last row; this takes two. */
export const OFFLINE_NOTICE = 'Works offline now.';

/** Sync soon after a local write; Background Sync covers a page closed before that. */
function afterWrite() {
  syncNow();
  requestBackgroundSync();
}

/**
 * The AppContext given to every view.
 * @typedef {object} AppContext
 * @property {typeof api} api  `ctx.api(path, {method, body})` — JSON fetch with the bearer token; rejects with ApiError
 * @property {typeof download} download  `ctx.download(path, filename)` — fetch a file with the bearer token and save it; rejects with ApiError
 * @property {(type: string) => Promise<import('./outbox.js').LocalRecord[]>} records  live local records of a type, newest write first
 * @property {(type: string, id: string) => Promise<import('./outbox.js').LocalRecord | undefined>} record  one local record
 * @property {(type: string, data: object, id?: string) => Promise<string>} save  IndexedDB + outbox, then sync; resolves with the id once stored locally
 * @property {(type: string, id: string) => Promise<void>} remove  tombstone + outbox, then sync
 * @property {(type: string) => Promise<import('./outbox.js').LocalRecord[]>} conflicts  local records (deleted ones too) carrying a conflict the server reported
 * @property {(type: string, id: string) => Promise<void>} keepServer  forget this device's values after a conflict
 * @property {(hash: string) => void} navigate  e.g. ctx.navigate('#/history')
 * @property {() => Promise<void>} sync  sync now (never rejects; see syncState)
 * @property {typeof syncState} syncState  {pending, rejected, running, last_success, last_error}
 * @property {(event: string, fn: (detail: any) => void) => () => void} on  "records-changed" {types}, "sync-state", "session"; returns unsubscribe
 * @property {typeof signIn} signIn  (email, password) -> user; rejects with ApiError
 * @property {typeof signUp} signUp  (email, password) -> user, signed in at once
 * @property {typeof signOut} signOut  revoke the token, erase this device's data
 * @property {typeof updateAccount} updateAccount  ({name?, birth_date?, checkin_sections?}) -> user; rejects with ApiError
 * @property {import('./session.js').User | null} user
 * @property {string[]} params  hash segments after the route name ("#/checkin/abc" -> ["abc"])
 * @property {BackLink | null} back  this screen's way back (the bar above the view shows it too)
 */

/** @typedef {{href: string, label: string}} BackLink */

/** @type {AppContext} */
export const ctx = {
  api,
  download,
  records: listRecords,
  record: getRecord,
  async save(type, data, id) {
    const saved = await saveRecord(type, data, id);
    afterWrite();
    return saved;
  },
  async remove(type, id) {
    await removeRecord(type, id);
    afterWrite();
  },
  conflicts: listConflicts,
  keepServer: dismissConflict,
  navigate(hash) { location.hash = hash; },
  sync: syncNow,
  syncState,
  on,
  signIn,
  signUp,
  signOut,
  updateAccount,
  get user() { return currentUser(); },
  params: [],
  back: null,
};

/** @type {(() => void) | void} */
let cleanup;
let renderSeq = 0;

/** "#/checkin/abc" -> ["checkin", "abc"] */
function parseHash() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return { name: parts[0] ?? DEFAULT_ROUTE, params: parts.slice(1) };
}

/** The hash last rendered, to tell a new screen from a redraw of the same one. */
let lastShown = '';
/** The screen last rendered, and the one a `returns` screen was opened from. @type {{name: string, hash: string} | null} */
let lastScreen = null;
/** @type {{name: string, hash: string} | null} */
let openedFrom = null;

async function route() {
  if (location.hash && !location.hash.startsWith('#/')) return; // in-page anchors
  let { name, params } = parseHash();
  if (!(name in ROUTES)) name = DEFAULT_ROUTE;
  if (!ROUTES[name].public && !currentUser()) name = SIGNIN_ROUTE;
  const seq = ++renderSeq;
  const mod = await ROUTES[name].load();
  if (seq !== renderSeq) return; // a later navigation won
  if (typeof cleanup === 'function') cleanup();
  const root = /** @type {HTMLElement} */ (document.getElementById('view'));
  root.replaceChildren();
  document.title = `${ROUTES[name].title} · Emberwise`;
  // A redraw, or a link to itself (the warning signs link to themselves), keeps where it was opened from.
  if (lastScreen && lastScreen.name !== name) openedFrom = ROUTES[name].returns ? lastScreen : null;
  lastScreen = { name, hash: location.hash || `#/${name}` };
  const back = backLink(name);
  markNav(name, back ? tabOf(back.name) : undefined);
  showBack(back);
  cleanup = mod.render(root, Object.assign(Object.create(ctx), { params, back: back && { href: back.href, label: back.label } }));
  document.body.dataset.route = name;
  // A new screen opens at its top: the window kept the last screen's scroll, so a switch from
  // far down the check-in landed halfway down Practices. A redraw of the same screen (a
  // session change) keeps the place.
  const shown = location.hash;
  if (shown !== lastShown) window.scrollTo(0, 0);
  lastShown = shown;
  // After an in-app navigation, screen readers start at the new view, not the old link.
  if (seq > 1 && !root.contains(document.activeElement)) root.focus({ preventScroll: true });
}

/**
 * Light the current tab; a sub-screen lights its parent's tab ("true": that section, not the page).
 * @param {string} current
 * @param {string} [parent]
 */
function markNav(current, parent) {
  for (const a of document.querySelectorAll('#tabs a')) {
    const name = a.getAttribute('data-route');
    if (name === current) a.setAttribute('aria-current', 'page');
    else if (name === parent) a.setAttribute('aria-current', 'true');
    else a.removeAttribute('aria-current');
  }
}

/**
 * A sub-screen's way back: to its tab, or for a `returns` screen to where it was opened from
 * (the check-in when opened directly). A visitor goes back to sign-in rather than to a screen
 * that needs an account.
 * @param {string} name the screen being shown
 * @returns {{name: string, href: string, label: string, called: string, short?: string} | null}
 */
function backLink(name) {
  const route = ROUTES[name];
  const from = route.returns ? (openedFrom ?? { name: DEFAULT_ROUTE, hash: `#/${DEFAULT_ROUTE}` }) : route.parent && { name: route.parent, hash: `#/${route.parent}` };
  if (!from) return null;
  const target = !currentUser() && !ROUTES[from.name].public ? { name: SIGNIN_ROUTE, hash: `#/${SIGNIN_ROUTE}` } : from;
  const to = ROUTES[target.name];
  const called = to.called ?? to.title;
  return { name: target.name, href: target.hash, label: `Back to ${called}`, called, short: to.short };
}

/** The tab a screen belongs to (itself, or its parent). @param {string} name */
function tabOf(name) {
  return ROUTES[name].nav ? name : ROUTES[name].parent;
}

/**
 * Show the way back above the view. It lives outside #view so a view that redraws itself
 * cannot drop it. "Back to" is its own span: where the words do not fit on one line (200% text
 * on a small phone) the CSS hides it visually, so the link reads "‹ Practices" on one line while
 * its name stays "Back to Practices".
 * @param {{href: string, label: string, called: string, short?: string} | null} back
 */
function showBack(back) {
  const bar = /** @type {HTMLElement} */ (document.getElementById('back'));
  bar.hidden = !back;
  if (!back) return bar.replaceChildren();
  // A long title ("Import from a phone or watch") also has a short form, shown where the whole
  // would wrap (CSS); the link's name is then the whole label, which holds the shown words.
  const names = back.short
    ? [h('span', { class: 'back-link-name back-link-full', text: back.called }), h('span', { class: 'back-link-name back-link-short', text: back.short })]
    : [h('span', { class: 'back-link-name', text: back.called })];
  // One span around all: the link is a flex box, and two flex items would lose the space between.
  bar.replaceChildren(h('a', { href: back.href, class: back.short ? 'back-link has-short' : 'back-link', 'aria-label': back.short ? back.label : null },
    h('span', {}, h('span', { class: 'back-link-to', text: 'Back to ' }), ...names)));
}

function buildNav() {
  const nav = /** @type {HTMLElement} */ (document.getElementById('tabs'));
  nav.hidden = !currentUser();
  buildTabBar(nav, Object.entries(ROUTES).filter(([, r]) => r.nav));
  const status = /** @type {HTMLElement} */ (document.querySelector('ew-sync-status'));
  status.hidden = !currentUser(); // nothing to sync for a visitor
  if (currentUser()) syncState().then((s) => { /** @type {any} */ (status).state = s; });
}

/** @param {() => void} apply */
function showUpdate(apply) {
  const bar = /** @type {HTMLElement} */ (document.getElementById('update'));
  bar.replaceChildren(
    h('span', { text: 'A new version of Emberwise is ready.' }),
    h('button', { type: 'button', class: 'btn btn-small', text: 'Update now', onclick: apply }),
  );
  bar.hidden = false;
}

function startSyncTriggers() {
  window.addEventListener('online', () => syncNow());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') syncNow();
  });
  setInterval(() => { if (document.visibilityState === 'visible') syncNow(); }, SYNC_EVERY_MS);
  const status = /** @type {any} */ (document.querySelector('ew-sync-status'));
  on('sync-state', (state) => { status.state = state; });
  status.addEventListener('sync-request', () => syncNow());
  syncState().then((s) => { status.state = s; });
}

async function boot() {
  await restore();
  buildNav();
  keepTabBarFitted(/** @type {HTMLElement} */ (document.getElementById('tabs')));
  echoLongChoices(/** @type {HTMLElement} */ (document.getElementById('view')));
  on('session', () => { buildNav(); route(); });
  window.addEventListener('hashchange', route);
  await route();
  startSyncTriggers();
  if (currentUser()) await retryRejected().catch(() => {});
  refreshAccount();
  // Ask the browser not to evict IndexedDB under storage pressure: the outbox lives there.
  navigator.storage?.persist?.().catch(() => {});
  syncNow();
  registerWorker({
    onUpdate: showUpdate,
    onReady: () => toast(OFFLINE_NOTICE, { polite: true }),
    onMessage: (msg) => {
      if (msg?.type === 'sync') syncNow();
      if (msg?.type === 'records-changed') emit('records-changed', { types: msg.types ?? [] });
    },
  }).catch(() => { /* no service worker (e.g. private mode): the app still works online */ });
}

boot();
