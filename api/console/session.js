// The signed-in officer. The bearer token lives in sessionStorage: it survives
// a reload but not closing the tab, and each tab may sign in as someone else.
// Expiry is the server's call (its clock is the truth): a 401 ends the session.
const KEY = 'motcua.session';

let me = null;

export function token() {
  return read()?.token ?? null;
}

export function save(session) {
  sessionStorage.setItem(KEY, JSON.stringify({ token: session.token, expiresAt: session.expiresAt }));
  me = null;
}

export function clear() {
  sessionStorage.removeItem(KEY);
  me = null;
}

/** The officer from GET /v1/me, once loaded: {username, role, unit: {id, code, level, name}}. */
export function currentUser() {
  return me;
}

export function setCurrentUser(user) {
  me = user;
}

function read() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
  } catch {
    return null; // a damaged entry means signed out
  }
}
