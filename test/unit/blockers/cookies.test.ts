// Where a refused tracker's cookie is deleted: the host and every parent domain. A public suffix
// (co.kr) is among them; the browser ignores a deletion there, which is why no suffix list is kept.
import { describe, expect, it } from 'vitest';
import { cookieDomains } from '../../../src/blockers/cookies.js';

describe('cookieDomains', () => {
  it('walks from the host up to the last two labels', () => {
    expect(cookieDomains('m.clinic.co.kr')).toEqual(['m.clinic.co.kr', 'clinic.co.kr', 'co.kr']);
    expect(cookieDomains('www.clinic.com')).toEqual(['www.clinic.com', 'clinic.com']);
    expect(cookieDomains('clinic.com')).toEqual(['clinic.com']);
  });

  it('keeps single labels and IP addresses to the host alone', () => {
    expect(cookieDomains('localhost')).toEqual(['localhost']);
    expect(cookieDomains('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(cookieDomains('[::1]')).toEqual(['[::1]']);
  });
});
