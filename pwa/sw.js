/* Emberwise service worker — one classic script, no imports (module workers are too new to rely on).
 * The server fills VERSION (content hash) and PRECACHE (every shell URL) when serving /sw.js.
 * IndexedDB schema: see pwa/js/store.js (records, outbox, meta) — keep in step. */
'use strict';

const VERSION = "__EMBERWISE_VERSION__";
const PRECACHE = __EMBERWISE_PRECACHE__;
const CACHE_PREFIX = 'emberwise-shell-';
const CACHE = CACHE_PREFIX + VERSION;
const DB_NAME = 'emberwise';
const DB_VERSION = 1;

/* ---- lifecycle ---------------------------------------------------------------------- */

self.addEventListener('install', (event) => {
  // Awaited: the new version only installs when every shell file is cached.
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(PRECACHE.map((u) => new Request(u, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  // The page-side bridge asks for this after the person taps "Update now".
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

/* ---- fetch: a routing table with early returns -------------------------------------- */

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;   // never touch other origins
  if (req.method !== 'GET') return;                  // writes go straight to the network
  if (url.pathname.startsWith('/api/')) return;      // API answers are never cached
  if (PRECACHE.includes(url.pathname)) return event.respondWith(cacheFirst(url.pathname, req));
  if (req.mode === 'navigate') return event.respondWith(cacheFirst('/', req)); // any other page: the app shell
});

let shellCache = null; // opened once per worker life: the start-up path makes ~35 lookups

/** Shell files are versioned with the cache, so the cached copy is the right one; offline too. */
async function cacheFirst(path, req) {
  shellCache = shellCache || caches.open(CACHE);
  const cached = await (await shellCache).match(path);
  return cached || fetch(req);
}

/* ---- IndexedDB (same schema as js/store.js) ----------------------------------------- */

function idb(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Open the app's database only if the app created it (a signed-in page exists). */
async function openDb() {
  const known = indexedDB.databases ? (await indexedDB.databases()).some((d) => d.name === DB_NAME) : true;
  if (!known) return null;
  const request = indexedDB.open(DB_NAME, DB_VERSION);
  request.onupgradeneeded = () => request.transaction.abort(); // never create it from here
  const db = await idb(request).catch(() => null);
  if (db) db.onversionchange = () => db.close(); // let sign-out delete it
  return db;
}

function transaction(db, names, mode, fn) {
  const t = db.transaction(names, mode);
  const done = new Promise((resolve, reject) => {
    t.oncomplete = resolve;
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
  const stores = {};
  for (const n of names) stores[n] = t.objectStore(n);
  return Promise.all([fn(stores), done]).then(([result]) => result);
}

/* ---- Background Sync: push the outbox from here, then let open pages pull ------------- */

self.addEventListener('sync', (event) => {
  if (event.tag === 'outbox') event.waitUntil(syncFromWorker());
});

/**
 * Upload whatever is queued (a failure rejects, so the browser retries later), then tell open
 * pages to sync, which pulls the server's changes and refreshes what they show. Uploading here
 * even with a page open matters: a page in a background tab may be frozen and never answer.
 */
async function syncFromWorker() {
  const run = () => pushOutbox();
  await (self.navigator.locks ? self.navigator.locks.request('emberwise-sync', run) : run());
  await tellWindows({ type: 'sync' });
}

async function tellWindows(message) {
  for (const w of await self.clients.matchAll({ type: 'window' })) w.postMessage(message);
}

/**
 * Send queued changes and settle the outbox exactly as the page does (remove an entry only when
 * applied and not edited in flight). The cursor is NOT advanced: pulling and merging the
 * server's changes is left to the page, which asks for them again from the same cursor.
 * A failure rejects, so the browser retries the sync later.
 */
async function pushOutbox() {
  const db = await openDb();
  if (!db) return;
  try {
    // A long offline stretch can queue thousands: go on while full batches are being accepted.
    for (let round = 0; round < 50; round++) {
      const { sent, settled } = await pushBatch(db);
      if (sent < BATCH || settled === 0) break;
    }
  } finally {
    db.close();
  }
}

const BATCH = 500;

/** Upload the oldest queued changes and settle them; returns how many were sent and settled. */
async function pushBatch(db) {
  const { entries, session, deviceId, cursor } = await transaction(db, ['outbox', 'meta'], 'readonly', async (s) => ({
    entries: (await idb(s.outbox.getAll())).filter((e) => e.rejected_rev !== e.rev)
      .sort((a, b) => a.order - b.order).slice(0, BATCH),
    session: await idb(s.meta.get('session')),
    deviceId: await idb(s.meta.get('device_id')),
    cursor: (await idb(s.meta.get('cursor'))) ?? 0,
  }));
  if (!entries.length || !session || !session.token) return { sent: 0, settled: 0 };
  const res = await fetch('/api/sync', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: 'Bearer ' + session.token },
    // limit 1: the pulled changes are ignored here (the page pulls them), so ask for few.
    body: JSON.stringify({ device_id: deviceId, cursor, limit: 1, changes: entries.map((e) => e.change) }),
  });
  if (!res.ok) throw new Error('sync answered ' + res.status);
  const body = await res.json();
  const applied = new Set(body.applied || []);
  const versions = body.versions || {};
  // Conflicts are left queued: the page's next sync gets the same answer and shows it.
  const settled = await transaction(db, ['outbox', 'records'], 'readwrite', async (s) => {
    let count = 0;
    for (const sent of entries) {
      if (!applied.has(sent.change.id)) continue;
      const now = await idb(s.outbox.get(sent.key));
      if (!now) continue;
      if (now.rev !== sent.rev) { // edited while in flight: the newer edit now stands on this version
        const base = sent.change.deleted ? null : sent.change.data;
        s.outbox.put(Object.assign({}, now, { change: Object.assign({}, now.change, { base_version: versions[sent.change.id], base: base }) }));
        continue;
      }
      s.outbox.delete(sent.key);
      const rec = await idb(s.records.get([sent.change.type, sent.change.id]));
      if (rec) s.records.put(Object.assign({}, rec, { state: 'synced', errors: undefined, conflict: undefined, version: versions[sent.change.id] }));
      count += 1;
    }
    return count;
  });
  return { sent: entries.length, settled };
}

/* ---- push notifications ---------------------------------------------------------------- */

self.addEventListener('push', (event) => {
  let p = {};
  try { p = event.data ? event.data.json() : {}; } catch (e) { p = { title: 'Emberwise', body: event.data && event.data.text() }; }
  const options = {
    body: p.body || '',
    tag: p.tag || p.kind || 'emberwise',           // same tag replaces a duplicate
    renotify: false,
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    data: { url: p.url || '#/checkin', kind: p.kind, occurrence_id: p.occurrence_id, alert_id: p.alert_id },
    actions: (p.actions || []).filter((a) => ['log', 'done', 'snooze'].includes(a.action)).slice(0, 2),
  };
  event.waitUntil(self.registration.showNotification(p.title || 'Emberwise', options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(onNotificationClick(event.action, event.notification.data || {}));
});

/**
 * "done" / "snooze" are answered from here without opening the app; "log" ("Log now" on a
 * check-in reminder) opens the quick check-in and counts the reminder as done; a plain tap
 * opens the notification's route.
 */
async function onNotificationClick(action, data) {
  if (action === 'log') {
    const opened = openApp('#/checkin'); // first, while the click still lets us open a window
    if (data.occurrence_id) await recordReminderAction(data.occurrence_id, 'done');
    return opened;
  }
  if ((action === 'done' || action === 'snooze') && data.occurrence_id) {
    return recordReminderAction(data.occurrence_id, action);
  }
  return openApp(data.url || '#/checkin');
}

/** Focus an open window on the notification's route, or open one. */
async function openApp(hash) {
  const url = new URL('/' + (hash.startsWith('#') ? hash : '#' + hash), self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const w of windows) {
    if (new URL(w.url).origin !== self.location.origin) continue;
    await w.focus().catch(() => null); // focus needs the click's activation; navigating does not
    return w.navigate ? w.navigate(url).catch(() => null) : null;
  }
  return self.clients.openWindow(url);
}

/** Queue a reminder_action record in the outbox (same shape as the page writes), then sync. */
async function recordReminderAction(occurrenceId, action) {
  const db = await openDb();
  if (!db) return;
  try {
    const id = self.crypto.randomUUID();
    const now = new Date().toISOString();
    await transaction(db, ['records', 'outbox', 'meta'], 'readwrite', async (s) => {
      const deviceId = await idb(s.meta.get('device_id'));
      const change = { type: 'reminder_action', id, updated_at: now, deleted: false,
        data: { occurrence_id: occurrenceId, action, at: now } };
      s.outbox.put({ key: 'reminder_action:' + id, rev: 1, order: Date.now(), change });
      s.records.put({ type: 'reminder_action', id, updated_at: now, device_id: deviceId, deleted: false,
        data: change.data, state: 'pending' });
    });
  } finally {
    db.close();
  }
  await tellWindows({ type: 'records-changed', types: ['reminder_action'] });
  if (self.registration.sync) {
    await self.registration.sync.register('outbox').catch(() => syncFromWorker().catch(() => null));
  } else {
    await syncFromWorker().catch(() => null); // else the page sends it on next open
  }
}
