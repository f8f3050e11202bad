// A failed call to coopd's JSON face, as the server explained it: the HTTP status, the gRPC
// code's name, the server's message (already "vi / en") and the rule's id when it named one.
// A call that never got an answer (network down, server stopped) has httpStatus 0.

export class ApiError extends Error {
  constructor({ httpStatus, code, message, ruleId }) {
    super(message || code || `HTTP ${httpStatus}`);
    this.name = 'ApiError';
    this.httpStatus = httpStatus;
    this.code = code || '';
    this.serverMessage = message || '';
    this.ruleId = ruleId || '';
  }

  // The error body `{"code":…,"httpStatus":…,"message":…,"ruleId":…}`; a body that is not
  // such JSON (a proxy's page) is kept as the message, cut short.
  static fromReply(httpStatus, bodyText) {
    try {
      const body = JSON.parse(bodyText);
      if (body && typeof body === 'object') {
        return new ApiError({
          httpStatus,
          code: typeof body.code === 'string' ? body.code : '',
          message: typeof body.message === 'string' ? body.message : '',
          ruleId: typeof body.ruleId === 'string' ? body.ruleId : '',
        });
      }
    } catch (_) {
      // not JSON: fall through
    }
    return new ApiError({ httpStatus, code: '', message: String(bodyText || '').slice(0, 300) });
  }

  static unreachable(cause) {
    return new ApiError({ httpStatus: 0, code: 'UNAVAILABLE', message: String(cause?.message || cause || '') });
  }

  get unauthenticated() {
    return this.httpStatus === 401;
  }
}
