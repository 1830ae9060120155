/**
 * Where one receipt's time goes in the collector process (issue 17), stage by stage: each stage the ingest route
 * runs is timed alone over the bench's own bodies, in this process, one receipt after another, in CPU time (so the
 * other processes on a shared machine do not count). Schema validation is the route's compiled validator, taken from
 * a Fastify route with the receipt schema. What the stages do not cover (Fastify and Node HTTP, the
 * driver, GC) is what the closed-loop run's CPU per receipt leaves over.
 */
import Fastify from 'fastify';
import type { AnyReceipt } from '../../schema/device.js';
import { deviceConsentId, verifyDeviceSignature } from '../../collector/src/crypto/device.js';
import { generateSigner } from '../../collector/src/crypto/signer.js';
import { signAcks, type AckSubject } from '../../collector/src/crypto/acks.js';
import { checkReceipt, receiptRow } from '../../collector/src/receipts.js';
import { parseJson } from '../../collector/src/routes/ingest.js';
import { AJV_OPTIONS, sharedSchemas } from '../../collector/src/schemas.js';
import { deviceKeyPair, makeBodies, signedReceipt } from './bodies.js';
import { chunks } from './ceiling.js';

export interface Stage {
  readonly name: string;
  /** CPU microseconds per receipt. */
  readonly micros: number;
  /** Whether the bench's receipts (version 1, unsigned) go through this stage. */
  readonly inBench: boolean;
  /** For a stage the closed-loop run does not take: when it is taken instead. */
  readonly outside?: string;
}

/** Receipts per batch when acks are signed: about what the closed-loop run's transactions held (issue 17). */
const ACK_BATCH = 32;

/** CPU microseconds of this process since `before` (a process.cpuUsage() reading). */
const cpuSince = (before: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(before);
  return used.user + used.system;
};

function perItem<T>(items: readonly T[], work: (item: T) => unknown): number {
  for (const item of items.slice(0, 200)) work(item);
  const before = process.cpuUsage();
  for (const item of items) work(item);
  return cpuSince(before) / items.length;
}

/** Bodies signed by one browser key, as version-2 receipts are: for the device signature check. */
function signedBodies(bodies: readonly string[]): { receipt: AnyReceipt; canonical: string }[] {
  const key = deviceKeyPair();
  return bodies.map((body) => {
    const { receipt, canonical } = signedReceipt(JSON.parse(body) as Record<string, unknown>, key);
    return { receipt: receipt as unknown as AnyReceipt, canonical };
  });
}

/**
 * The ingest route's own body validator, as Fastify compiled it from the receipt schema (Ajv with the collector's
 * options). Timed directly: the difference of two routes through `inject` (the earlier way) also counted request
 * plumbing and read 80-100 µs, where the validator takes about a fifth of that.
 */
async function routeValidator(): Promise<(body: unknown) => boolean> {
  const schemas = sharedSchemas();
  const app = Fastify({ ajv: { customOptions: AJV_OPTIONS } });
  for (const version of schemas.receiptVersions) app.addSchema(version);
  let validator: ((body: unknown) => boolean) | undefined;
  app.post('/with', { schema: { body: schemas.receipt } }, async (request) => {
    validator = request.getValidationFunction('body') as (body: unknown) => boolean;
    return 'ok';
  });
  await app.inject({ method: 'POST', url: '/with', headers: { 'content-type': 'application/json' }, payload: makeBodies(1, 'validator')[0] });
  await app.close();
  const validate = validator;
  if (!validate) throw new Error('the route has no body validator');
  return (body) => {
    // A refused body would time the error path, not the one the bench's receipts take.
    if (!validate(body)) throw new Error('a bench receipt fails the receipt schema');
    return true;
  };
}

export async function profileStages(n = 2000): Promise<Stage[]> {
  const bodies = makeBodies(n, 'profile');
  const receipts = bodies.map((body) => JSON.parse(body) as AnyReceipt);
  const signer = generateSigner();
  const now = new Date();
  const signed = signedBodies(bodies);
  const subjects: AckSubject[] = receipts.map((receipt) => ({ receiptId: receipt.id, receiptHash: receipt.hash, serverTime: now.toISOString() }));
  return [
    { name: 'body parse (the route’s JSON parser, NUL check)', micros: perItem(bodies, (body) => parseJson(undefined as never, body, () => undefined)), inBench: true },
    { name: 'schema validation (the route’s compiled Ajv validator)', micros: perItem(receipts, await routeValidator()), inBench: true },
    { name: 'canonical form + SHA-256 (and the other checks of an unsigned receipt)', micros: perItem(receipts, (receipt) => checkReceipt(receipt)), inBench: true },
    {
      name: 'browser signature check of a version-2 receipt (ECDSA P-256 + key thumbprint)',
      micros: perItem(signed, ({ receipt, canonical }) =>
        'deviceKey' in receipt && deviceConsentId(receipt.deviceKey) === receipt.consentId && verifyDeviceSignature(receipt.deviceKey, canonical, receipt.signature),
      ),
      inBench: false,
      outside: 'version-2 receipts only',
    },
    {
      name: `acks signed with their batch (one Ed25519 signature and the Merkle paths for ${ACK_BATCH} receipts, the closed loop's average batch)`,
      micros: perItem(chunks(subjects, ACK_BATCH), (batch) => signAcks(signer, batch)) / ACK_BATCH,
      inBench: true,
    },
    { name: 'an ack signed alone (a batch of one: what every receipt cost when each ack had its own signature)', micros: perItem(subjects, (subject) => signAcks(signer, [subject])), inBench: false, outside: 'for comparison' },
    {
      name: 'row for the writer + its JSON for the driver',
      micros: perItem(
        receipts.map((receipt, index) => ({ receipt, checked: checkReceipt(receipt), ack: signAcks(signer, [subjects[index] as AckSubject])[0] })),
        ({ receipt, checked, ack }) => JSON.stringify({ ...receiptRow(receipt, checked, now), ack }),
      ),
      inBench: true,
    },
  ];
}
