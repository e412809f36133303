// @ts-check
/**
 * The app's one event bus, so data modules can tell views what changed without knowing them.
 * Events: "records-changed" {types: string[]}, "sync-state" (SyncState), "session" {user}.
 */
export const bus = new EventTarget();

/**
 * @param {string} name
 * @param {object} [detail]
 */
export function emit(name, detail = {}) {
  bus.dispatchEvent(new CustomEvent(name, { detail }));
}

/**
 * Listen until the returned function is called (views call it from their cleanup).
 * @param {string} name
 * @param {(detail: any) => void} fn
 * @returns {() => void}
 */
export function on(name, fn) {
  const listener = (/** @type {Event} */ e) => fn(/** @type {CustomEvent} */ (e).detail);
  bus.addEventListener(name, listener);
  return () => bus.removeEventListener(name, listener);
}
