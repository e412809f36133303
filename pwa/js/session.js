// @ts-check
/** Sign up, sign in, sign out. The session (token + user) lives in IndexedDB so the service worker can sync too. */
import { api, ApiError, setToken } from './api.js';
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

// Each account this browser has signed in to gets a device key from the server. Sent with
// the next sign-in, it lets the owner in even while someone else's wrong guesses have
// locked the account for unknown devices. Kept in localStorage, apart from the data that
// sign-out erases: it is no secret on its own (the password is still needed).
const DEVICE_KEYS = 'emberwise.device-keys';

/** @returns {Record<string, string>} */
function deviceKeys() {
  try { return JSON.parse(localStorage.getItem(DEVICE_KEYS) ?? '{}') ?? {}; } catch { return {}; }
}

/** @param {string} email @param {string | undefined} key */
function rememberDeviceKey(email, key) {
  if (!key) return;
  try { localStorage.setItem(DEVICE_KEYS, JSON.stringify({ ...deviceKeys(), [email.toLowerCase()]: key })); } catch { /* private mode: the lock then applies here too */ }
}

/**
 * Sign in; rejects with ApiError (401 wrong email or password, 422, 429 too many tries).
 * @param {string} email
 * @param {string} password
 */
export async function signIn(email, password) {
  const device_key = deviceKeys()[email.toLowerCase()];
  const { device_key: key, ...session } = await api('/api/auth/login', {
    method: 'POST', body: device_key ? { email, password, device_key } : { email, password } });
  rememberDeviceKey(email, key);
  return begin(session);
}

export const TAKEN = 'We could not create an account with this email. If it is already yours, '
  + 'sign in with its password instead.';

/**
 * Create the account (in this device's time zone, so reminders and days are local), then
 * sign in. The server answers the same whether or not the email was free, so a failed
 * sign-in right after is the first sign that it was taken (and had another password).
 * @param {string} email
 * @param {string} password
 */
export async function signUp(email, password) {
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  await api('/api/auth/register', { method: 'POST', body: { email, password, timezone } });
  try {
    return await signIn(email, password);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) throw new ApiError(401, TAKEN);
    throw err;
  }
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
