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

export async function api(method, path, { body, raw, headers = {}, anonymous = false } = {}) {
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
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
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
/** POSTs YAML text (procedure drafts, scenarios). */
export const postYaml = (path, text) => api('POST', path, { raw: text, headers: { 'content-type': 'application/yaml' } });

/** Who signs in, with the unit directory: GET /v1/me?include=units, the read that starts every session in the console. */
export const getMe = () => get('/v1/me?include=units');

// The unit directory does not change within a session, and every page that
// names units needs it. Rather than a request of its own on each page (a second
// round trip for one navigation), it comes once per session inside the answer
// that the session starts with anyway (getMe) and is kept with the signed-in user.
let directory = { user: null, units: new Map() };
export function unitDirectory() {
  const user = session.currentUser();
  if (directory.user !== user) directory = { user, units: new Map((user?.included?.units ?? []).map((u) => [u.id, u])) };
  return directory.units;
}

/** POSTs a file as the raw body (the attachments API takes no multipart); its type is the file's own. */
export async function upload(path, file) {
  return api('POST', path, { raw: file, headers: { 'content-type': file.type || 'application/octet-stream' } });
}

/**
 * GETs a file (a scan, a printable form) with the officer's token: links cannot
 * carry it, so the console fetches the bytes and opens them from a blob: URL.
 */
export async function getBlob(path) {
  const bearer = session.token();
  const res = await fetch(path, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  if (res.ok) return res.blob();
  const text = await res.text();
  let problem;
  try {
    problem = JSON.parse(text);
  } catch {
    problem = { detail: text || `HTTP ${res.status}` };
  }
  throw new ApiError(res.status, problem);
}
