// @ts-check
/**
 * Page side of the service worker: registration, the "update available" bridge (ask the
 * waiting worker to skip waiting, reload once it controls the page) and messages from it.
 */

/** @typedef {{onUpdate: (apply: () => void) => void, onReady: () => void, onMessage: (data: any) => void}} Hooks */

/**
 * Register /sw.js and report a waiting update. Reloads when the page asked for the update.
 * @param {Hooks} hooks
 */
export async function registerWorker(hooks) {
  if (!('serviceWorker' in navigator)) return;
  const sw = navigator.serviceWorker;
  const firstInstall = !sw.controller;
  let reloading = false;
  sw.addEventListener('message', (e) => hooks.onMessage(e.data));
  sw.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
  });
  const reg = await sw.register('/sw.js', { scope: '/', updateViaCache: 'none' });
  /** @param {ServiceWorker} worker */
  const offer = (worker) => hooks.onUpdate(() => { reloading = true; worker.postMessage({ type: 'skip-waiting' }); });
  if (reg.waiting && sw.controller) offer(reg.waiting);
  reg.addEventListener('updatefound', () => {
    const worker = reg.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state !== 'installed') return;
      if (sw.controller) offer(worker);
      else if (firstInstall) hooks.onReady();
    });
  });
  // Look for a new version when the person comes back to the app.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') reg.update().catch(() => {});
  });
}
