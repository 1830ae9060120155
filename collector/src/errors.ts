/**
 * Every error the collector reports, with a stable `CC_ERR_*` code and its HTTP status, in one place.
 * A retired code is never reused; clients may match on `code`. Imports nothing from the rest of the collector.
 */

export const ERRORS = {
  CC_ERR_MEDIA_TYPE: { status: 415, message: 'send the body as text/plain or application/json' },
  CC_ERR_BODY_TOO_LARGE: { status: 413, message: 'the body is larger than the limit' },
  CC_ERR_BODY_EMPTY: { status: 400, message: 'the body is empty' },
  CC_ERR_JSON: { status: 400, message: 'the body is not valid JSON' },
  CC_ERR_SCHEMA: { status: 400, message: 'the body does not match the schema' },
  CC_ERR_NUL: { status: 400, message: 'a string contains the NUL character (U+0000), which cannot be stored' },
  CC_ERR_UNSTORABLE: { status: 400, message: 'a value cannot be stored as given' },
  CC_ERR_CANONICAL: { status: 400, message: 'the body has no RFC 8785 canonical form' },
  CC_ERR_HASH: { status: 400, message: 'hash does not match the canonical bytes of the receipt' },
  CC_ERR_TEXT_HASH: { status: 400, message: 'textHash does not match the attached texts' },
  CC_ERR_DEVICE_KEY: { status: 400, message: 'the consent id and the browser key do not belong together' },
  CC_ERR_DEVICE_SIGNATURE: { status: 400, message: 'the signature is not the browser key\'s over the receipt' },
  CC_ERR_CLIENT_TIME: { status: 400, message: 'clientTime is not a real date' },
  CC_ERR_SITE_UNKNOWN: { status: 403, message: 'siteId is not registered at this collector' },
  CC_ERR_ORIGIN: { status: 403, message: 'the Origin header is not one of the site\'s registered origins' },
  CC_ERR_CONFLICT: { status: 409, message: 'a receipt with this id was already stored with a different hash' },
  CC_ERR_RATE_CLIENT: { status: 429, message: 'too many requests from this client' },
  CC_ERR_RATE_SITE: { status: 429, message: 'too many requests for this site' },
  CC_ERR_RATE_CONSENT: { status: 429, message: 'too many receipts for this consent id' },
  CC_ERR_UNAUTHORIZED: { status: 401, message: 'a valid API token is required' },
  CC_ERR_FORBIDDEN: { status: 403, message: 'this token may not access that site' },
  CC_ERR_CROSS_ORIGIN: { status: 403, message: 'a state-changing request must come from a page of this collector' },
  CC_ERR_NOT_FOUND: { status: 404, message: 'not found' },
  CC_ERR_QUERY: { status: 400, message: 'a query parameter is invalid' },
  CC_ERR_SITE_EXISTS: { status: 409, message: 'a site with this id already exists' },
  CC_ERR_INTERNAL: { status: 500, message: 'internal error' },
  CC_ERR_UNAVAILABLE: { status: 503, message: 'the database is not reachable' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** An error meant for the client: its code fixes the status, its message names the mistake. */
export class CollectorError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;

  constructor(code: ErrorCode, detail?: string) {
    super(detail ? `${ERRORS[code].message}: ${detail}` : ERRORS[code].message);
    this.name = 'CollectorError';
    this.code = code;
    this.statusCode = ERRORS[code].status;
  }
}

/** The JSON body every error response has. */
export interface ErrorBody {
  readonly code: ErrorCode;
  readonly status: number;
  readonly message: string;
}

// Fastify's own error codes for problems found before a route handler runs, mapped onto ours.
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'CC_ERR_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'CC_ERR_BODY_TOO_LARGE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'CC_ERR_BODY_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'CC_ERR_BODY_EMPTY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'CC_ERR_JSON',
  FST_ERR_CTP_EMPTY_TYPE: 'CC_ERR_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'CC_ERR_MEDIA_TYPE',
  FST_ERR_VALIDATION: 'CC_ERR_SCHEMA',
};

interface ValidationIssue {
  readonly instancePath?: string;
  readonly message?: string;
  readonly params?: Record<string, unknown>;
}

function describeValidation(issues: readonly ValidationIssue[], context: string | undefined): string {
  const first = issues[0];
  if (!first) return 'invalid';
  const where = `${context ?? 'body'}${first.instancePath ?? ''}`;
  const extra = first.params?.['additionalProperty'];
  if (typeof extra === 'string') return `${where} has an unknown field "${extra}"`;
  return `${where} ${first.message ?? 'is invalid'}`;
}

/** Turns anything thrown during a request into our error body; unknown errors become CC_ERR_INTERNAL. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof CollectorError) {
    return { code: error.code, status: error.statusCode, message: error.message };
  }
  const e = error as { code?: unknown; statusCode?: unknown; validation?: ValidationIssue[]; validationContext?: string };
  if (Array.isArray(e.validation)) {
    const message = `${ERRORS.CC_ERR_SCHEMA.message}: ${describeValidation(e.validation, e.validationContext)}`;
    return { code: 'CC_ERR_SCHEMA', status: 400, message };
  }
  if (typeof e.code === 'string') {
    const mapped = FASTIFY_CODES[e.code];
    if (mapped) return { code: mapped, status: ERRORS[mapped].status, message: ERRORS[mapped].message };
    if (e.code === 'FST_ERR_RATE_LIMIT' || e.statusCode === 429) {
      return { code: 'CC_ERR_RATE_CLIENT', status: 429, message: ERRORS.CC_ERR_RATE_CLIENT.message };
    }
  }
  if (error instanceof SyntaxError) return { code: 'CC_ERR_JSON', status: 400, message: `${ERRORS.CC_ERR_JSON.message}: ${error.message}` };
  // PostgreSQL class 22 (data exception): the input, not the server, is at fault. The database's message quotes
  // the input, so only our own message goes back.
  if (typeof e.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code)) {
    return { code: 'CC_ERR_UNSTORABLE', status: 400, message: ERRORS.CC_ERR_UNSTORABLE.message };
  }
  if (typeof e.code === 'string' && /^(ECONNREFUSED|57P01|08)/.test(e.code)) {
    return { code: 'CC_ERR_UNAVAILABLE', status: 503, message: ERRORS.CC_ERR_UNAVAILABLE.message };
  }
  return { code: 'CC_ERR_INTERNAL', status: 500, message: ERRORS.CC_ERR_INTERNAL.message };
}
