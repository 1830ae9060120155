/**
 * Strict base64url for signatures and hashes that a verification reads. Node's decoder skips characters outside the
 * alphabet, accepts padding and ignores the unused bits of the last character, so one signature has many spellings
 * that all decode to the same bytes and all verify. A verifier that accepts them reports an edited proof, checkpoint
 * or receipt as valid; only the one spelling the schemas give (no padding, nothing else) is read here.
 */
export function decodeExact(text: unknown, bytes: number): Buffer | undefined {
  if (typeof text !== 'string' || text.length !== Math.ceil((bytes * 4) / 3)) return undefined;
  const decoded = Buffer.from(text, 'base64url');
  return decoded.length === bytes && decoded.toString('base64url') === text ? decoded : undefined;
}
