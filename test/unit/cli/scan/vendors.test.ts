// Every catalog service has its recipient for the draft config, and a retention is only given for
// a cookie the catalog knows for that service.
import { describe, expect, it } from 'vitest';
import { catalogEntries } from '../../../../src/blockers/trackers.js';
import { VENDORS } from '../../../../src/cli/scan/vendors.js';

describe('VENDORS', () => {
  it('has exactly one row per catalog service', () => {
    expect(Object.keys(VENDORS).sort()).toEqual(catalogEntries().map((entry) => entry.service).sort());
  });

  it.each(catalogEntries().map((entry) => [entry.service, entry.cookies] as const))('%s: recipient, country, and retentions only for its catalog cookies', (service, cookies) => {
    const vendor = VENDORS[service]!;
    expect(vendor.thirdParty).not.toBe('');
    expect(vendor.country).toMatch(/^[A-Z]{2}$/);
    for (const name of Object.keys(vendor.retention ?? {})) expect(cookies).toContain(name);
  });
});
