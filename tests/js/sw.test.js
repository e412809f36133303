// The service worker's routing table and cache lifecycle, run in a sandbox with fake
// caches (sw.js is a classic script with server-filled placeholders, so it is loaded as text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const SOURCE = readFileSync(new URL('../../pwa/sw.js', import.meta.url), 'utf8');
const PRECACHE = ['/', '/index.html', '/css/app.css', '/js/app.js'];
const ORIGIN = 'https://emberwise.test';

function load(version = 'v2') {
  const listeners = {};
  const stores = new Map([['emberwise-shell-v1', new Map()], ['someone-else', new Map()]]);
  const caches = {
    open: async (name) => {
      if (!stores.has(name)) stores.set(name, new Map());
      const store = stores.get(name);
      return {
        addAll: async (reqs) => reqs.forEach((r) => store.set(new URL(r.url, ORIGIN).pathname, `cached ${r.url}`)),
        match: async (path) => store.get(path),
      };
    },
    keys: async () => [...stores.keys()],
    delete: async (name) => stores.delete(name),
  };
  const self = {
    location: new URL(ORIGIN),
    addEventListener: (type, fn) => { listeners[type] = fn; },
    clients: { claim: async () => {}, matchAll: async () => [] },
    skipWaiting: () => { self.skipped = true; },
    registration: {},
    navigator: {},
  };
  const source = SOURCE.replace('"__EMBERWISE_VERSION__"', JSON.stringify(version))
    .replace('__EMBERWISE_PRECACHE__', JSON.stringify(PRECACHE));
  vm.runInNewContext(source, { self, caches, URL, Request: class { constructor(url) { this.url = url; } },
    fetch: async (req) => `network ${req.url ?? req}`, indexedDB: {}, console });
  return { listeners, stores, self };
}

/** Dispatch a fetch event; resolves with what the worker answered, or undefined if it let it pass. */
async function fetchEvent(listeners, { url, method = 'GET', mode = 'cors' }) {
  let answer;
  listeners.fetch({ request: { url: new URL(url, ORIGIN).href, method, mode }, respondWith: (p) => { answer = p; } });
  return answer && (await answer);
}

async function installed() {
  const sw = load();
  let done;
  sw.listeners.install({ waitUntil: (p) => { done = p; } });
  await done;
  return sw;
}

test('install caches every shell URL under the versioned name', async () => {
  const { stores } = await installed();
  assert.deepEqual([...stores.get('emberwise-shell-v2').keys()].sort(), [...PRECACHE].sort());
});

test('activate deletes only its own old caches', async () => {
  const { listeners, stores } = await installed();
  let done;
  listeners.activate({ waitUntil: (p) => { done = p; } });
  await done;
  assert.deepEqual([...stores.keys()].sort(), ['emberwise-shell-v2', 'someone-else']);
});

test('shell files come from the cache; other pages get the app shell', async () => {
  const { listeners } = await installed();
  assert.equal(await fetchEvent(listeners, { url: '/js/app.js' }), 'cached /js/app.js');
  assert.equal(await fetchEvent(listeners, { url: '/some/deep/link', mode: 'navigate' }), 'cached /');
  assert.equal(await fetchEvent(listeners, { url: '/index.html', mode: 'navigate' }), 'cached /index.html');
});

test('the API, writes, unknown files and other origins are left to the network', async () => {
  const { listeners } = await installed();
  assert.equal(await fetchEvent(listeners, { url: '/api/sync', mode: 'navigate' }), undefined);
  assert.equal(await fetchEvent(listeners, { url: '/api/checkins' }), undefined);
  assert.equal(await fetchEvent(listeners, { url: '/css/app.css', method: 'POST' }), undefined);
  assert.equal(await fetchEvent(listeners, { url: '/not-in-the-shell.png' }), undefined);
  assert.equal(await fetchEvent(listeners, { url: 'https://elsewhere.example/js/app.js' }), undefined);
});

test('the page can ask a waiting worker to take over', () => {
  const { listeners, self } = load();
  listeners.message({ data: { type: 'something-else' } });
  assert.equal(self.skipped, undefined);
  listeners.message({ data: { type: 'skip-waiting' } });
  assert.equal(self.skipped, true);
});
