// @ts-check
/** JSON over fetch with the session's bearer token; non-2xx answers are errors, never success. */

/** @type {string | null} */
let token = null;

let epoch = 0;

/** @param {string | null} value */
export function setToken(value) { token = value; epoch += 1; }

/** Changes whenever the session does: work begun under one session must not land in the next. */
export const sessionEpoch = () => epoch;

/** Whether a session token is set (sync waits for one). */
export const hasToken = () => token !== null;

export class ApiError extends Error {
  /**
   * @param {number} status  HTTP status, 0 when the network failed
   * @param {string} message
   * @param {Record<string, string[]>} [errors]  per-field messages from the server
   */
  constructor(status, message, errors = {}) {
    super(message);
    this.status = status;
    this.errors = errors;
  }
}

/**
 * Call the API. Resolves with the parsed body (null for 204), rejects with ApiError.
 * A Blob body (part of a file being uploaded) is sent as raw bytes, anything else as JSON.
 * @param {string} path  e.g. "/api/sync"
 * @param {{method?: string, body?: unknown, timeoutMs?: number, onHeaders?: (headers: Headers) => void}} [options]
 *   onHeaders: sees a successful answer's headers (e.g. the insights' X-Analysis-Updating)
 */
export async function api(path, { method = 'GET', body, timeoutMs = 20000, onHeaders } = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  const raw = body instanceof Blob;
  if (body !== undefined) headers['Content-Type'] = raw ? 'application/octet-stream' : 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(path, {
      method, headers, body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs), cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'No connection to the server.');
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data?.message ?? `Server answered ${res.status}.`, data?.errors);
  onHeaders?.(res.headers);
  return data;
}

/**
 * Fetch an authenticated file (PDF, CSV, JSON) and hand it to the browser as a save.
 * Lives here because only the shell knows where the session's token is kept.
 * @param {string} path  e.g. "/api/reports/clinician.pdf?from=...&to=..."
 * @param {string} filename  the name the browser saves it under
 * @returns {Promise<void>} rejects with ApiError (status 0 = no network) whose message can be shown
 */
export async function download(path, filename) {
  /** @type {Record<string, string>} */
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(path, { headers, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'No connection to the server — downloads need one.');
  }
  if (!res.ok) {
    const data = await res.json().catch(() => null);
    throw new ApiError(res.status, data?.message ?? `The server answered ${res.status}.`, data?.errors);
  }
  saveBlob(await res.blob(), filename);
}

/** @param {Blob} blob @param {string} filename */
function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000); // revoking at once can cancel the save
}
