// Sensitive paths: where no analytics or marketing runs whatever the consent.
import { describe, expect, it } from 'vitest';
import { sensitiveMatcher } from '../../../src/blockers/sensitive.js';

describe('sensitiveMatcher', () => {
  const sensitive = sensitiveMatcher(['/booking', '/consultation/', '/*/forms/health']);

  it.each(['/booking', '/booking/', '/booking/step-2', '/BOOKING', '/consultation', '/consultation/new', '/ko/forms/health', '/en/forms/health/1'])(
    'covers %s',
    (path) => expect(sensitive(path)).toBe(true),
  );

  it.each(['/', '/bookings', '/about/booking', '/consult', '/ko/forms/healthy'])('leaves %s alone', (path) => expect(sensitive(path)).toBe(false));

  it('covers nothing when no paths are listed, and everything under "/"', () => {
    expect(sensitiveMatcher([])('/booking')).toBe(false);
    expect(sensitiveMatcher(['/'])('/any/page')).toBe(true);
  });
});

// Regression (issue 13, defect 1): the browser percent-encodes location.pathname, so "/예약" in the
// config never matched "/%EC%98%88%EC%95%BD" and trackers ran on the booking page.
describe('sensitiveMatcher with non-ASCII paths', () => {
  const booking = encodeURI('/예약');
  const sensitive = sensitiveMatcher(['/예약', '/予約/*/フォーム', encodeURI('/상담')]);

  it.each([
    ['the encoded pathname the browser gives', booking],
    ['its lower-case escapes', booking.toLowerCase()],
    ['a trailing slash', `${booking}/`],
    ['a deeper step', `${booking}/2`],
    ['a Japanese wildcard path', encodeURI('/予約/ja/フォーム')],
    ['a path the config wrote encoded, read decoded', '/상담'],
    ['a path the config wrote encoded, read encoded', encodeURI('/상담/new')],
  ])('covers %s', (_what, path) => expect(sensitive(path), path).toBe(true));

  it.each([encodeURI('/예약하기'), encodeURI('/about/예약'), '/%E0%A4%A', '/%', encodeURI('/予約/フォーム')])('leaves %s alone, without throwing', (path) =>
    expect(sensitive(path), path).toBe(false),
  );

  it('reads a path with a query string by its pathname only', () => {
    const url = new URL(`http://clinic.test/예약?name=${encodeURIComponent('김')}&phone=010`);
    expect(sensitive(url.pathname)).toBe(true);
  });
});
