// @ts-check
/** Sign up, sign in, sign out. The session (token + user) lives in IndexedDB so the service worker can sync too. */
import { api, setToken } from './api.js';
import { getMeta, setMeta, destroy } from './store.js';
import { emit } from './events.js';

/**
 * @typedef {{id: number, email: string, timezone?: string, name?: string | null,
 *   birth_date?: string | null, checkin_sections?: string[] | null}} User
 */

/** @type {User | null} */
let user = null;

/** The signed-in user, or null. */
export const currentUser = () => user;

/** Restore the session saved on this device (works offline). */
export async function restore() {
  const saved = await getMeta('session');
  user = saved?.user ?? null;
  setToken(saved?.token ?? null);
  return user;
}

/** @param {{token: string, user: User}} session */
async function begin(session) {
  const previous = await getMeta('session');
  // Another account's entries must never be sent under this one: start from an empty store.
  if (previous?.user && previous.user.id !== session.user.id) await destroy();
  await setMeta('session', session);
  user = session.user;
  setToken(session.token);
  emit('session', { user });
  return user;
}

/**
 * Sign in; rejects with ApiError (401/422) on bad credentials.
 * @param {string} email
 * @param {string} password
 */
export async function signIn(email, password) {
  return begin(await api('/api/auth/login', { method: 'POST', body: { email, password } }));
}

/**
 * Create the account (in this device's time zone, so reminders and days are local); signed in at once.
 * @param {string} email
 * @param {string} password
 */
export async function signUp(email, password) {
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return begin(await api('/api/auth/register', { method: 'POST', body: { email, password, timezone } }));
}

/** Revoke the token if the server is reachable, then erase everything stored on this device. */
export async function signOut() {
  await api('/api/auth/logout', { method: 'POST', timeoutMs: 5000 }).catch(() => null);
  setToken(null);
  user = null;
  await destroy();
  emit('session', { user });
}

/** @param {User} fresh */
async function keepUser(fresh) {
  const saved = await getMeta('session');
  if (!saved?.user || saved.user.id !== fresh.id) return;
  await setMeta('session', { ...saved, user: fresh });
  user = fresh;
  emit('account', { user });
}

/**
 * Change account settings (name, date of birth, check-in sections, time zone); the saved
 * session keeps the answer, so the check-in shows the chosen sections offline too.
 * Rejects with ApiError (status 0 when offline).
 * @param {Partial<User>} changes
 */
export async function updateAccount(changes) {
  const fresh = /** @type {User} */ (await api('/api/account', { method: 'PATCH', body: changes }));
  await keepUser(fresh);
  return fresh;
}

/** Fetch the account once online, so a layout chosen on another device arrives here too. */
export async function refreshAccount() {
  if (!user) return;
  const fresh = await api('/api/account', { timeoutMs: 8000 }).catch(() => null);
  if (fresh) await keepUser(/** @type {User} */ (fresh));
}
