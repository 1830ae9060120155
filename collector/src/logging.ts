/**
 * What the collector may write to its log: method, route pattern and status of a request, and of an error only its
 * type and code. Never a request body, a consent id, a client address or a database error's message or detail
 * (PostgreSQL quotes the offending input there, which for a receipt batch is other visitors' data).
 */

interface LoggableRequest {
  readonly method: string;
  readonly routeOptions?: { readonly url?: string };
}

/**
 * The route pattern (`/v1/sites/:siteId/consents/:consentId`), not the URL: a URL can carry a consent id in its
 * path. Requests that matched no route are logged without their path.
 */
export function requestSummary(request: LoggableRequest): { method: string; route: string } {
  return { method: request.method, route: request.routeOptions?.url ?? '(no route)' };
}

/** Type and code of an error (e.g. `error` / `22P05`), enough to find the cause, and none of its data. */
export function errorSummary(error: unknown): { type: string; code?: string } {
  const type = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(code) ? { type, code } : { type };
}

/** Fastify logger serializers (its defaults log the URL and the client address); errors go through errorSummary. */
export const serializers = {
  req: requestSummary,
  res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
};
