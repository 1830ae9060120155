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
