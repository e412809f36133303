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
 * @param {string} path  e.g. "/api/sync"
 * @param {{method?: string, body?: unknown, timeoutMs?: number}} [options]
 */
export async function api(path, { method = 'GET', body, timeoutMs = 20000 } = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs), cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'No connection to the server.');
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data?.message ?? `Server answered ${res.status}.`, data?.errors);
  return data;
}
