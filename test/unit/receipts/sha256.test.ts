// The bundled SHA-256 is what plain-http clinic pages hash receipts with: it must give exactly the
// digests the collector computes with Node's crypto, or every receipt from such a page is refused.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../src/receipts/sha256.js';
import { sha256Hex } from '../../../src/receipts/crypto.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const nodeHex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the bundled SHA-256', () => {
  it('matches the FIPS 180-4 examples', () => {
    const ascii = (text: string) => new TextEncoder().encode(text);
    expect(hex(sha256(ascii('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(ascii('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with Node for every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = new Uint8Array(randomBytes(length));
      expect(hex(sha256(bytes)), `${length} random bytes`).toBe(nodeHex(bytes));
    }
  });

  it('agrees with Node on a receipt-sized Korean and Japanese text', () => {
    const text = '분석 쿠키: 방문 빈도 및 시간, 취향과 관심사 분석. 分析クッキーを使用します。'.repeat(40);
    const bytes = new TextEncoder().encode(text);
    expect(hex(sha256(bytes))).toBe(nodeHex(bytes));
  });
});

describe('sha256Hex', () => {
  it('gives the same digest through crypto.subtle as through the bundled fallback', async () => {
    const text = '{"a":"동의","b":"同意"}';
    expect(await sha256Hex(text)).toBe(hex(sha256(new TextEncoder().encode(text))));
  });
});
