// Fetch wrapper for /api/v1: bearer token, Accept-Language, one error shape,
// and one automatic refresh on 401 before giving up and sending the user to the login page.

import { langTag, t } from './i18n.js';

const BASE = '/api/v1';
const ACCESS_KEY = 'tongbei.accessToken';
const REFRESH_KEY = 'tongbei.refreshToken';

/** An API failure: HTTP status, stable code, localized message and optional field messages. */
export class ApiError extends Error {
  constructor(status, code, message, fields) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields || null;
  }
}

function read(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    if (value == null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    /* private mode without storage: the session lasts for this page only */
  }
}

export const tokens = {
  get access() {
    return read(ACCESS_KEY);
  },
  get refresh() {
    return read(REFRESH_KEY);
  },
  save(answer) {
    write(ACCESS_KEY, answer.accessToken);
    write(REFRESH_KEY, answer.refreshToken);
  },
  clear() {
    write(ACCESS_KEY, null);
    write(REFRESH_KEY, null);
  },
};

function headers(withBody, auth) {
  const h = { Accept: 'application/json', 'Accept-Language': langTag() };
  if (withBody) h['Content-Type'] = 'application/json';
  const access = tokens.access;
  if (auth && access) h.Authorization = `Bearer ${access}`;
  return h;
}

async function send(path, method, body, auth) {
  try {
    return await fetch(BASE + path, {
      method,
      headers: headers(body !== undefined, auth),
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', t('error.network'));
  }
}

async function toError(res) {
  let payload = null;
  try {
    payload = await res.json();
  } catch {
    /* not JSON: fall back to a generic message */
  }
  const err = payload && payload.error;
  if (err && err.message) return new ApiError(res.status, err.code || 'error', err.message, err.fields);
  const fallback = { 401: 'error.sessionExpired', 403: 'error.forbidden', 404: 'error.notFound' }[res.status];
  return new ApiError(res.status, err?.code || 'http_' + res.status, fallback ? t(fallback) : t('error.generic', { status: res.status }));
}

let refreshing = null;

/** Exchange the refresh token once; concurrent callers share the same attempt. */
function refreshTokens() {
  if (!refreshing) {
    refreshing = (async () => {
      const refreshToken = tokens.refresh;
      if (!refreshToken) return false;
      const res = await send('/auth/refresh', 'POST', { refreshToken }, false).catch(() => null);
      if (!res || !res.ok) return false;
      tokens.save(await res.json());
      return true;
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

function authLost() {
  tokens.clear();
  window.dispatchEvent(new CustomEvent('tongbei:auth-lost'));
  return new ApiError(401, 'unauthorized', t('error.sessionExpired'));
}

/**
 * Call the API. Resolves with the parsed JSON (null for 204), rejects with ApiError.
 * options: method, body, auth (default true).
 */
export async function api(path, { method = 'GET', body, auth = true } = {}) {
  const usedToken = tokens.access;
  let res = await send(path, method, body, auth);
  if (res.status === 401 && auth) {
    // A wrong current password (POST /me/password) is a 401 about credentials, not about the token.
    const first = await toError(res);
    if (first.code === 'invalid_credentials') throw first;
    // Another request may already have refreshed the tokens; otherwise refresh once.
    const renewed = (tokens.access && tokens.access !== usedToken) || (await refreshTokens());
    if (!renewed) throw authLost();
    res = await send(path, method, body, auth);
    if (res.status === 401) throw authLost();
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return null;
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

/** Build a query string from an object, skipping empty values. */
export function query(params) {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => v != null && v !== '' && q.set(k, v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export async function login(username, password) {
  const answer = await api('/auth/login', { method: 'POST', body: { username, password }, auth: false });
  tokens.save(answer);
  return answer;
}

export async function logout() {
  const refreshToken = tokens.refresh;
  try {
    if (refreshToken && tokens.access) await api('/auth/logout', { method: 'POST', body: { refreshToken } });
  } finally {
    tokens.clear();
  }
}
