// @ts-check
/**
 * Turning Web Push on and off for this browser. Permission is only ever asked from a tap
 * (turnOn is called from a click handler); pushManager.subscribe() is wrapped in a timeout
 * because it can hang when the browser cannot reach its vendor's push service.
 */
import { withTimeout, base64UrlToBytes } from './domain/notify.js';

const SUBSCRIBE_TIMEOUT_MS = 15000;
const READY_TIMEOUT_MS = 10000;

/** @typedef {'unsupported'|'denied'|'on'|'off'|'stopped'} PushStatus */

export const pushSupported = () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

async function registration() {
  return withTimeout(navigator.serviceWorker.ready, READY_TIMEOUT_MS,
    'The app’s offline worker is not running yet. Reload the page and try again.');
}

/** @returns {Promise<PushStatus>} */
export async function pushStatus() {
  if (!pushSupported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  const reg = await registration().catch(() => null);
  const sub = reg ? await reg.pushManager.getSubscription() : null;
  return sub && Notification.permission === 'granted' ? 'on' : 'off';
}

/**
 * What the server says about this person's browsers: whether this one stopped receiving
 * (the server disables a subscription that failed for days) and how many others did.
 * @param {import('./app.js').AppContext['api']} api
 * @returns {Promise<{thisStopped: boolean, othersStopped: number}>}
 */
export async function deliveryState(api) {
  const reg = await registration().catch(() => null);
  const sub = reg ? await reg.pushManager.getSubscription() : null;
  const listed = /** @type {{endpoint: string, disabled: boolean}[]} */ (await api('/api/push/subscriptions'));
  const mine = sub ? listed.find((s) => s.endpoint === sub.endpoint) : undefined;
  return { thisStopped: Boolean(mine?.disabled),
    othersStopped: listed.filter((s) => s.disabled && s !== mine).length };
}

/**
 * Ask permission, subscribe, and register the subscription with the server.
 * Subscribing again is also the fix for a browser the server stopped sending to.
 * Rejects with an Error whose message can be shown as is (see subscribeProblem).
 * @param {import('./app.js').AppContext['api']} api
 */
export async function turnOn(api) {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw Object.assign(new Error('permission'), { permission });
  const reg = await registration();
  const { public_key: key } = /** @type {{public_key: string}} */ (await api('/api/push/key'));
  const sub = await withTimeout(
    reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(key) }),
    SUBSCRIBE_TIMEOUT_MS,
    'Your browser’s push service did not answer within 15 seconds, so notifications are still off. Try again later or on another network.');
  await api('/api/push/subscriptions', { method: 'POST', body: sub.toJSON() });
}

/**
 * Stop notifications to this browser (server first, so a failure leaves a state we can retry).
 * @param {import('./app.js').AppContext['api']} api
 */
export async function turnOff(api) {
  const reg = await registration();
  const sub = await reg.pushManager.getSubscription();
  if (!sub) return;
  await api('/api/push/subscriptions', { method: 'DELETE', body: { endpoint: sub.endpoint } });
  await sub.unsubscribe();
}
