// The offline start-up path stays flat: every module the check-in screen needs is preloaded in
// index.html, so the browser fetches them in parallel instead of one import level at a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PWA = resolve(dirname(fileURLToPath(import.meta.url)), '../../pwa');

/** Static imports (not dynamic import()) of one module, as site paths like "/js/api.js". */
function staticImports(sitePath) {
  const src = readFileSync(join(PWA, sitePath), 'utf8');
  const found = [...src.matchAll(/^\s*import\s+(?:[^'"()]*?\s+from\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  return found.map((spec) => '/' + relative(PWA, resolve(join(PWA, dirname(sitePath)), spec)));
}

function closure(entries) {
  const seen = new Set();
  const walk = (p) => {
    if (seen.has(p)) return;
    seen.add(p);
    if (p.endsWith('.js')) staticImports(p).forEach(walk);
  };
  entries.forEach(walk);
  return seen;
}

test('every module of the check-in start-up path is modulepreloaded', () => {
  const html = readFileSync(join(PWA, 'index.html'), 'utf8');
  const preloaded = new Set([...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]));
  const needed = [...closure(['/js/app.js', '/js/views/checkin.js'])].filter((p) => p.endsWith('.js'));
  assert.deepEqual(needed.filter((p) => !preloaded.has(p)), []);
  for (const p of preloaded) assert.ok(needed.includes(p), `${p} is preloaded but not on the start-up path`);
});
