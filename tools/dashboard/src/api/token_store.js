// The officer's bearer token, for a coopd that requires authentication. Kept in
// sessionStorage (gone when the tab closes), never in the URL or localStorage.

const KEY = 'coopledger.token';

export function currentToken() {
  try {
    return sessionStorage.getItem(KEY) || '';
  } catch (_) {
    return '';
  }
}

export function saveToken(token) {
  const trimmed = String(token || '').trim();
  if (trimmed) sessionStorage.setItem(KEY, trimmed);
  else sessionStorage.removeItem(KEY);
}

// The headers that carry it: `Authorization: Bearer <token>`, or none in open mode.
export function authorizationHeaders() {
  const token = currentToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}
