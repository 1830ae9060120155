// What the collector accepts, without a database: a Fastify app with the collector's own body parser, Ajv
// options and body schemas (collector/src/schemas.ts) and its own receipt check (hash, canonical form, real
// time), as the ingest routes apply them before a site is looked up. Tests of the SDK ask it "would this arrive?".
import Fastify, { type FastifyInstance } from 'fastify';
import { checkReceipt, parseStrictTime } from '../../collector/src/receipts.js';
import { parseJson } from '../../collector/src/routes/ingest.js';
import { AJV_OPTIONS, sharedSchemas } from '../../collector/src/schemas.js';
import { toErrorBody } from '../../collector/src/errors.js';
import type { ConsentReceiptV1, ImpressionV1 } from '../../schema/types.js';

export interface CollectorCheck {
  /** Null when the collector would accept `body`, else its error code and message. */
  receipt(body: unknown): Promise<string | null>;
  impression(body: unknown): Promise<string | null>;
  leak(body: unknown): Promise<string | null>;
  close(): Promise<void>;
}

export async function collectorCheck(): Promise<CollectorCheck> {
  const app: FastifyInstance = Fastify({ ajv: { customOptions: AJV_OPTIONS } });
  const schemas = sharedSchemas();
  for (const version of schemas.receiptVersions) app.addSchema(version);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJson);
  app.setErrorHandler((error, _request, reply) => {
    const body = toErrorBody(error);
    void reply.code(body.status).send(body);
  });
  app.post('/receipt', { schema: { body: schemas.receipt } }, async (request) => {
    checkReceipt(request.body as ConsentReceiptV1);
    return { ok: true };
  });
  app.post('/impression', { schema: { body: schemas.impression } }, async (request) => {
    const { day } = request.body as ImpressionV1;
    if (!parseStrictTime(`${day}T00:00:00Z`)) throw new Error(`day ${day} is not a real date`);
    return { ok: true };
  });
  app.post('/leak', { schema: { body: schemas.leak } }, async () => ({ ok: true }));
  await app.ready();
  const post = async (url: string, body: unknown): Promise<string | null> => {
    const response = await app.inject({ method: 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    return response.statusCode === 200 ? null : `${response.statusCode} ${response.body}`;
  };
  return {
    receipt: (body) => post('/receipt', body),
    impression: (body) => post('/impression', body),
    leak: (body) => post('/leak', body),
    close: () => app.close(),
  };
}
