// api.mjs: the fetch wrapper for /api/v1. Sends the session cookie (same origin), names the
// page's kind of token (X-Firedrill-As), adds the CSRF guard header on every change, and turns
// every failure into an ApiError carrying the server's plain-language message and problems. A
// drill moving between servers (503 drill_moving, nothing recorded) is asked again by itself.
import { lang, t, tOpt } from './i18n.mjs';

const TIMEOUT_MS = 30000;

export class ApiError extends Error {
  constructor(status, code, message, problems = [], suggestion = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.problems = Array.isArray(problems) ? problems : [];
    this.suggestion = suggestion;   // 422 did_you_mean: the action the server thinks was meant
  }
}

/** api('player').get('/drills/ID'), .post(path, body), .put(path, body), .del(path) */
export function api(kind) {
  async function request(method, path, body, accept = 'application/json') {
    const headers = { 'X-Firedrill-As': kind, Accept: accept };
    if (method !== 'GET' && method !== 'HEAD') headers['X-Firedrill-Request'] = '1';
    const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    for (let attempt = 0; ; attempt++) {
      try {
        return await send(path, init);
      } catch (failure) {
        // A drill moving to another server recorded nothing: send the same request again.
        const wait = failure.code === 'drill_moving' ? MOVING_RETRY.waits[attempt] : undefined;
        if (wait === undefined) throw failure;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }
  return {
    kind,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body ?? {}),
    put: (path, body) => request('PUT', path, body ?? {}),
    del: (path) => request('DELETE', path),
  };
}

/**
 * Several servers share the drills: when the server running a drill stops, another takes it
 * over within seconds, and meanwhile a request about it is answered 503 drill_moving with
 * nothing recorded. The pages send it again after these waits (ms) before showing the error.
 */
export const MOVING_RETRY = { waits: [1000, 2000, 3000, 4000, 5000] };

/** One request: the answer's body (JSON or text), or an ApiError. */
async function send(path, init) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  let res;
  try {
    res = await fetch('/api/v1' + path, { ...init, signal: abort.signal });
  } catch (e) {
    const timedOut = e && e.name === 'AbortError';
    throw new ApiError(0, timedOut ? 'timeout' : 'network', t(timedOut ? 'error.timeout' : 'error.network'));
  } finally {
    clearTimeout(timer);
  }
  const type = res.headers.get('Content-Type') || '';
  if (!res.ok) {
    let error = null;
    if (type.includes('json')) {
      try { error = (await res.json()).error; } catch { /* not JSON after all */ }
    }
    const code = error?.code || 'http_' + res.status;
    const failure = new ApiError(res.status, code, errorMessage(code, error?.message, res.status), error?.problems, error?.suggestion || null);
    failure.serverMessage = error?.message || '';   // the server's own words (English), for pages that read which field it names
    throw failure;
  }
  if (type.includes('json')) return res.json();
  return res.text();
}

/**
 * The message people read: in Japanese the catalog's words for the error code (the server
 * writes English), in English the server's own message.
 */
function errorMessage(code, serverMessage, status) {
  if (lang() !== 'en') return tOpt('error.' + code) ?? t('error.http', { status });
  return serverMessage || tOpt('error.' + code) || t('error.http', { status });
}

/** The drill id of the page, from the address: #drill=ID. */
export function drillIdFromHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  return params.get('drill') || '';
}

export const enc = encodeURIComponent;

/**
 * The first sign-in this browser holds among `kinds` (tried in order) whose session is of
 * one of those kinds: `{ client, session }`; else `{ error }`, the last answer that was not
 * "not signed in" (or null when there was none).
 */
export async function firstSession(kinds) {
  let error = null;
  for (const kind of kinds) {
    const client = api(kind);
    try {
      const session = await client.get('/session');
      if (kinds.includes(session.kind)) return { client, session };
    } catch (err) {
      if (err.status !== 401) error = err;
    }
  }
  return { error };
}
