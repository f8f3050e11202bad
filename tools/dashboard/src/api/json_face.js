// One call to coopd's JSON face: `POST /coop.v1.<Service>/<Method>` with the request in
// protobuf's JSON mapping, the reply message back as an object (int64 fields arrive as
// strings). Failures throw ApiError; a 401 also tells the listeners of onUnauthenticated (the
// token form).

import { ApiError } from './api_error.js';
import { authorizationHeaders } from './token_store.js';

const unauthenticatedListeners = new Set();

export function onUnauthenticated(listener) {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export function reportUnauthenticated(error) {
  for (const listener of unauthenticatedListeners) listener(error);
}

export async function callMethod(service, method, request, { signal } = {}) {
  let response;
  try {
    response = await fetch(`/coop.v1.${service}/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...authorizationHeaders() },
      body: JSON.stringify(request || {}),
      cache: 'no-store',
      signal,
    });
  } catch (cause) {
    if (cause?.name === 'AbortError') throw cause;
    throw ApiError.unreachable(cause);
  }
  const text = await response.text();
  if (!response.ok) {
    const error = ApiError.fromReply(response.status, text);
    if (error.unauthenticated) reportUnauthenticated(error);
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (_) {
    throw new ApiError({ httpStatus: response.status, code: 'INTERNAL', message: text.slice(0, 300) });
  }
}
