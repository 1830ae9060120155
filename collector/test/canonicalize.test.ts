// The shared RFC 8785 canonicalize (schema/canonicalize.ts): the SDK and the collector hash these exact bytes, so
// it is checked against the RFC's own examples and the I-JSON limits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ackLeafInput, ackSigningInput, canonicalize, CanonicalizeError, receiptHashInput } from '../../schema/canonicalize.js';

describe('canonicalize (RFC 8785)', () => {
  it('serialises the example of RFC 8785 section 3.2.2', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalize(input)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('sorts property names by UTF-16 code units (RFC 8785 section 3.2.3)', () => {
    const input = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    expect(canonicalize({ b: 1, a: { d: [3, { z: 0, y: -0 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":0,"z":0}]},"b":1}');
  });

  it('serialises numbers the ECMAScript way', () => {
    expect(canonicalize([1e21, 1e-7, 123456789012345680000, 0.1 + 0.2, -0, 5e-324])).toBe('[1e+21,1e-7,123456789012345680000,0.30000000000000004,0,5e-324]');
  });

  it('refuses what has no canonical form: lone surrogates, non-finite numbers, undefined, non-plain objects', () => {
    expect(() => canonicalize({ a: '\ud800' })).toThrow(CanonicalizeError);
    expect(() => canonicalize({ ['\udc00']: 1 })).toThrow(CanonicalizeError);
    expect(() => canonicalize([Number.NaN])).toThrow(CanonicalizeError);
    expect(() => canonicalize({ a: undefined })).toThrow(CanonicalizeError);
    expect(() => canonicalize(new Date(0))).toThrow(CanonicalizeError);
    expect(canonicalize('\ud83d\ude00'), 'a proper pair is fine').toBe('"😀"');
  });

  it('hashes a receipt without its hash and texts, and an ack without its signature', () => {
    expect(receiptHashInput({ id: '1', hash: 'h', texts: { locale: 'ko' }, prev: null })).toBe('{"id":"1","prev":null}');
    expect(ackSigningInput({ signature: 's', receiptHash: 'h', kid: 'k' })).toBe('{"kid":"k","receiptHash":"h"}');
    expect(ackLeafInput({ signature: 's', batch: { size: 1 }, receiptHash: 'h', kid: 'k' })).toBe('{"kid":"k","receiptHash":"h"}');
    // Only the top-level members are left out: a member of the same name deeper down is part of the bytes.
    expect(receiptHashInput({ hash: 'h', a: { hash: 1, texts: [], signature: null } })).toBe('{"a":{"hash":1,"signature":null,"texts":[]}}');
    expect(receiptHashInput({ hash: 'h' }), 'nothing left').toBe('{}');
  });

  // Most strings take a fast path (quoted as they are); every other string, and every member name, must come out
  // exactly as JSON.stringify writes it (RFC 8785 section 3.2.2.2), whichever path it takes.
  it('writes every well-formed string and member name as JSON.stringify does, on either path', () => {
    const awkward = fc.constantFrom('"', '\\', '\u0000', '\u001f', '\n', '\u007f', '\u2028', '한', '😀', '\u00e9', 'a');
    const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.oneof(awkward, fc.string({ unit: 'grapheme', maxLength: 1 })) }));
    fc.assert(
      fc.property(text, text, (name, value) => {
        expect(canonicalize(value)).toBe(JSON.stringify(value));
        expect(canonicalize({ [name]: value })).toBe(`{${JSON.stringify(name)}:${JSON.stringify(value)}}`);
      }),
      { numRuns: 2000 },
    );
    for (const lone of ['\ud800', 'a\udbff', '\udc00b', '\ud83d\ud83d']) {
      expect(() => canonicalize(lone), `lone surrogate in ${JSON.stringify(lone)}`).toThrow(CanonicalizeError);
    }
  });
});
