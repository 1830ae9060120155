// Acks signed a batch at a time (crypto/acks.ts): every ack of a batch verifies on its own with the published key,
// any change to an ack or to its place in the batch breaks it, malformed acks are refused without an exception, and
// acks signed one by one before this change (version 1) still verify.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ackLeafInput, ackSigningInput } from '../../schema/canonicalize.js';
import type { Ack, AckV1, AckV2 } from '../../schema/types.js';
import { rootSigningInput, signAcks, verifyAck, type AckSubject } from '../src/crypto/acks.js';
import { generateSigner, verifySignature } from '../src/crypto/signer.js';

const signer = generateSigner();
const other = generateSigner();

const subject = (n: number): AckSubject => ({
  receiptId: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
  receiptHash: createHash('sha256').update(String(n)).digest('hex'),
  serverTime: new Date(Date.UTC(2026, 11, 1, 9, 0, 0, n % 1000)).toISOString(),
});
const subjects = (size: number): AckSubject[] => Array.from({ length: size }, (_, n) => subject(n));

describe('acks signed with their batch', () => {
  it('verify one by one for every batch size to 40 and around one and two full batches, with paths no longer than the tree is high', () => {
    const sizes = [...Array.from({ length: 40 }, (_, i) => i + 1), 63, 64, 65, 127, 128, 130];
    for (const size of sizes) {
      const acks = signAcks(signer, subjects(size));
      expect(new Set(acks.map((ack) => ack.signature)).size, 'one signature per batch').toBe(1);
      acks.forEach((ack, index) => {
        expect(ack).toMatchObject({ schema: 'clinic-consent/ack/2', ...subject(index), kid: signer.kid, batch: { size, index } });
        expect(ack.batch.path.length).toBeLessThanOrEqual(Math.ceil(Math.log2(size)));
        expect(verifyAck(signer.jwk, ack), `ack ${index} of ${size}`).toBe(true);
      });
      expect(verifyAck(other.jwk, acks[0] as AckV2), 'another key').toBe(false);
    }
  });

  it('are the documented bytes: leaves and nodes prefixed, a lone last node moved up, the root signed with the size', () => {
    const acks = signAcks(signer, subjects(3));
    const sha = (...parts: (Buffer | string)[]): Buffer => parts.reduce((hash, part) => hash.update(part), createHash('sha256')).digest();
    const [l0, l1, l2] = acks.map((ack) => sha(Buffer.from([0]), ackLeafInput(ack as unknown as Record<string, unknown>))) as [Buffer, Buffer, Buffer];
    const root = sha(Buffer.from([1]), sha(Buffer.from([1]), l0, l1), l2);
    expect(rootSigningInput(root.toString('base64url'), 3)).toBe(`{"root":"${root.toString('base64url')}","schema":"clinic-consent/ack-root/1","size":3}`);
    expect(verifySignature(signer.jwk, rootSigningInput(root.toString('base64url'), 3), acks[0]?.signature ?? '')).toBe(true);
    expect(acks.map((ack) => ack.batch.path)).toEqual([
      [l1.toString('base64url'), l2.toString('base64url')],
      [l0.toString('base64url'), l2.toString('base64url')],
      [sha(Buffer.from([1]), l0, l1).toString('base64url')],
    ]);
  });

  it('break when anything of the ack or of its place in the batch changes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 70 }), fc.nat(), fc.nat(), (size, pick, swap) => {
        const acks = signAcks(signer, subjects(size));
        const ack = acks[pick % size] as AckV2;
        const neighbour = acks[(pick + 1 + (swap % (size - 1))) % size] as AckV2;
        const forged: Ack[] = [
          { ...ack, serverTime: '2000-01-01T00:00:00.000Z' },
          { ...ack, receiptHash: neighbour.receiptHash },
          { ...ack, receiptId: neighbour.receiptId },
          { ...ack, kid: other.kid },
          { ...ack, batch: { ...ack.batch, index: neighbour.batch.index } },
          { ...ack, batch: { ...ack.batch, size: size + 1 } },
          { ...ack, batch: { ...ack.batch, path: neighbour.batch.path } },
          { ...ack, batch: { ...ack.batch, path: [...ack.batch.path, ack.batch.path[0] ?? ''] } },
          { ...ack, batch: { ...ack.batch, path: ack.batch.path.slice(1) } },
          { ...ack, signature: signAcks(signer, [subject(size + 7)])[0]?.signature ?? '' },
          { ...ack, extra: 'member' } as AckV2,
          { ...ack, schema: 'clinic-consent/ack/1' } as unknown as AckV1,
        ];
        const changedPath = ack.batch.path.map((hash, i) => (i === swap % ack.batch.path.length ? `${hash.slice(0, -1)}${hash.endsWith('A') ? 'B' : 'A'}` : hash));
        forged.push({ ...ack, batch: { ...ack.batch, path: changedPath } });
        // Siblings in another order (a path of one has no other order).
        if (ack.batch.path.length > 1) forged.push({ ...ack, batch: { ...ack.batch, path: [...ack.batch.path].reverse() } });
        return verifyAck(signer.jwk, ack) && forged.every((bad) => !verifyAck(signer.jwk, bad));
      }),
      { numRuns: 60 },
    );
  });

  it('refuse a malformed ack without throwing', () => {
    const [ack] = signAcks(signer, subjects(5)) as [AckV2];
    const malformed: unknown[] = [
      { ...ack, batch: undefined },
      { ...ack, batch: null },
      { ...ack, batch: { ...ack.batch, size: 0, index: 0 } },
      { ...ack, batch: { ...ack.batch, size: 2 ** 40 } },
      { ...ack, batch: { ...ack.batch, index: -1 } },
      { ...ack, batch: { ...ack.batch, index: 5 } },
      { ...ack, batch: { ...ack.batch, index: 0.5 } },
      { ...ack, batch: { ...ack.batch, size: '5' } },
      { ...ack, batch: { ...ack.batch, path: 'not a list' } },
      { ...ack, batch: { ...ack.batch, path: [1, 2, 3] } },
      { ...ack, batch: { ...ack.batch, path: ack.batch.path.map((hash) => `${hash}=`) } },
      { ...ack, serverTime: '\uD800' },
      { ...ack, signature: 42 },
      { ...ack, schema: 'clinic-consent/ack/3' },
    ];
    for (const bad of malformed) expect(verifyAck(signer.jwk, bad as Ack), JSON.stringify(bad)).toBe(false);
  });

  it('leave acks signed one by one (version 1, kept by browsers and in the database) verifiable', () => {
    const unsigned = { schema: 'clinic-consent/ack/1', ...subject(1), kid: signer.kid } as const;
    const v1: AckV1 = { ...unsigned, signature: signer.sign(ackSigningInput(unsigned)) };
    expect(verifyAck(signer.jwk, v1)).toBe(true);
    expect(verifyAck(signer.jwk, { ...v1, serverTime: '2000-01-01T00:00:00.000Z' })).toBe(false);
  });
});
