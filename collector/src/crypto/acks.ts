/**
 * Acknowledgments signed a batch at a time (issue 17). One Ed25519 signature took about 85 µs of the ~450 µs the
 * collector spends on a receipt; the writer commits receipts in batches anyway, so it signs one Merkle root per
 * batch and gives each ack the path from its own leaf to that root. Every ack still verifies on its own, with the
 * published key and nothing else (schema/README.md, "The acknowledgment", gives the bytes):
 *
 * - leaf = SHA-256(0x00 ‖ UTF-8(ackLeafInput(ack))), the ack without `batch` and `signature`;
 * - node = SHA-256(0x01 ‖ left ‖ right); on each level nodes pair up left to right, and a last node without a
 *   partner moves up unchanged; the prefixes keep a leaf from passing for a node and the reverse;
 * - signature = Ed25519 over UTF-8(canonicalize({ schema: "clinic-consent/ack-root/1", root, size })).
 *
 * The path holds hashes of the other acks of the batch only: nothing of another patient's receipt can be read from it.
 */
import { hash } from 'node:crypto';
import { ackLeafInput, ackSigningInput, canonicalize } from '../../../schema/canonicalize.js';
import { ACK_ROOT_SCHEMA, ACK_SCHEMA, BATCH_ACK_SCHEMA, type Ack, type AckV2 } from '../../../schema/types.js';
import { decodeExact } from './base64url.js';
import { verifySignature, type PublicJwk, type Signer } from './signer.js';

/** What an ack states about one stored receipt. */
export interface AckSubject {
  readonly receiptId: string;
  readonly receiptHash: string;
  /** ISO 8601 UTC with milliseconds: when the collector received it. */
  readonly serverTime: string;
}

/** A batch as large as this one could never come from the writer; a claimed size above it is refused unread. */
const MAX_BATCH = 1 << 16;
const NODE = Buffer.from([1]);
const SHA256_BYTES = 32;

// One-shot hashing: a hash object per leaf and node cost more than the rest of signing a batch.
const leafHash = (ack: Readonly<Record<string, unknown>>): Buffer => hash('sha256', `\u0000${ackLeafInput(ack)}`, 'buffer');
const nodeHash = (left: Buffer, right: Buffer): Buffer => hash('sha256', Buffer.concat([NODE, left, right]), 'buffer');

/** The text the batch's one signature is over. */
export function rootSigningInput(root: string, size: number): string {
  return canonicalize({ schema: ACK_ROOT_SCHEMA, root, size });
}

/** Signs the acks of one batch (at least one subject) with one signature; the acks come back in the subjects' order. */
export function signAcks(signer: Signer, subjects: readonly AckSubject[]): AckV2[] {
  const unsigned = subjects.map(({ receiptId, receiptHash, serverTime }) => ({ schema: BATCH_ACK_SCHEMA as typeof BATCH_ACK_SCHEMA, receiptId, receiptHash, serverTime, kid: signer.kid }));
  // The tree level by level, leaves first; a node at position p of a level has p ^ 1 as its partner, and its parent
  // at position p >> 1 (a last node without a partner keeps its hash one level up).
  const levels: Buffer[][] = [unsigned.map(leafHash)];
  for (let level = levels[0] as Buffer[]; level.length > 1; ) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const right = level[i + 1];
      next.push(right === undefined ? (level[i] as Buffer) : nodeHash(level[i] as Buffer, right));
    }
    levels.push(next);
    level = next;
  }
  const root = levels.at(-1)?.[0];
  if (!root) throw new Error('signAcks needs at least one receipt');
  const text = levels.map((level) => level.map((node) => node.toString('base64url')));
  const size = unsigned.length;
  const signature = signer.sign(rootSigningInput(root.toString('base64url'), size));
  return unsigned.map((ack, index) => {
    const path: string[] = [];
    for (let depth = 0; depth < text.length - 1; depth++) {
      const partner = text[depth]?.[(index >> depth) ^ 1];
      if (partner !== undefined) path.push(partner);
    }
    return { ...ack, batch: { size, index, path }, signature };
  });
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** The root a version-2 ack's path leads to (base64url), or undefined for a malformed `batch`. */
function rootOf(ack: AckV2): string | undefined {
  const { size, index, path } = (ack.batch ?? {}) as Partial<AckV2['batch']>;
  if (!isCount(size) || !isCount(index) || !Array.isArray(path) || size < 1 || size > MAX_BATCH || index >= size) return undefined;
  let node = leafHash(ack as unknown as Record<string, unknown>);
  let position = index;
  let width = size;
  let used = 0;
  while (width > 1) {
    const hasPartner = position % 2 === 1 || position + 1 < width;
    if (hasPartner) {
      const partner = decodeExact(path[used++], SHA256_BYTES);
      if (!partner) return undefined;
      node = position % 2 === 1 ? nodeHash(partner, node) : nodeHash(node, partner);
    }
    position = Math.floor(position / 2);
    width = Math.ceil(width / 2);
  }
  return used === path.length ? node.toString('base64url') : undefined;
}

/** Whether `ack`, of either version, carries a valid signature of `key`. Never throws on a malformed ack. */
export function verifyAck(key: Pick<PublicJwk, 'x'>, ack: Ack): boolean {
  try {
    if (ack.schema === ACK_SCHEMA) return verifySignature(key, ackSigningInput(ack as unknown as Record<string, unknown>), ack.signature);
    if (ack.schema !== BATCH_ACK_SCHEMA) return false;
    const root = rootOf(ack);
    return root !== undefined && verifySignature(key, rootSigningInput(root, ack.batch.size), ack.signature);
  } catch {
    // A member that is not JSON-canonical (a lone surrogate, say) in a forged ack.
    return false;
  }
}
