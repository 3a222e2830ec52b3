// The one place that talks HTTP to /v1. Failures become ApiError carrying the
// server's problem+json (detail, code, errors[]) so screens can show it verbatim.
import * as session from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  get code() {
    return this.problem.code ?? null;
  }
}

/** Fired when the server no longer accepts the token; the app returns to the login screen. */
export const UNAUTHENTICATED = 'motcua:unauthenticated';

export async function api(method, path, { body, headers = {}, anonymous = false } = {}) {
  const bearer = anonymous ? null : session.token();
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { title: 'Network error', detail: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại. (The server cannot be reached; check the network and retry.)' });
  }
  const text = await res.text();
  let payload = null;
  try {
    payload = text ? JSON.parse(text) : null;
  } catch {
    payload = { detail: text };
  }
  if (res.ok) return payload;
  // Parallel requests may all meet the expired token: only the first ends the session.
  if (res.status === 401 && bearer && session.token() === bearer) {
    session.clear();
    window.dispatchEvent(new CustomEvent(UNAUTHENTICATED));
  }
  throw new ApiError(res.status, payload && typeof payload === 'object' ? payload : { detail: String(payload) });
}

export const get = (path) => api('GET', path);
export const post = (path, body, headers) => api('POST', path, { body, headers });

// Units rarely change during a shift: fetch the directory once per page load.
let units = null;
export async function unitDirectory() {
  if (!units) {
    units = get('/v1/units')
      .then((r) => new Map(r.items.map((u) => [u.id, u])))
      .catch((e) => {
        units = null;
        throw e;
      });
  }
  return units;
}
