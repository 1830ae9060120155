// ChoiceStorage's early read: the loader starts reading IndexedDB while the config is still being
// checked, and the first readDatabase() after that uses the read already under way.
import { expect } from '@open-wc/testing';
import { resolveConfig } from '../../../src/config/resolve.js';
import type { ConsentRecord } from '../../../src/consent/types.js';
import { createChoiceStorage } from '../../../src/storage/choice-storage.js';
import { clinicConfig, forgetChoice } from '../ui/fixtures.js';

const record = (decidedAt: number): ConsentRecord => ({
  format: 1,
  consentId: '6f1c2b1e-3c1d-4a8e-9a57-0c7b1e2f3a4b',
  decidedAt,
  expiresAt: decidedAt + 86_400_000,
  policyVersion: '1',
  fingerprints: {},
  categories: { necessary: true, analytics: false },
  services: {},
  method: 'reject-all',
});

describe('ChoiceStorage.prefetch', () => {
  afterEach(forgetChoice);

  it('hands the read started early to the next readDatabase(), and reads afresh after that', async () => {
    const config = resolveConfig(clinicConfig());
    await createChoiceStorage(config).write(record(1_000));
    const storage = createChoiceStorage(config);
    storage.prefetch();
    // Written after the early read began: readDatabase() answers with what was there before.
    await createChoiceStorage(config).write(record(2_000));
    expect((await storage.readDatabase()).record?.decidedAt, 'the read started by prefetch()').to.equal(1_000);
    expect((await storage.readDatabase()).record?.decidedAt, 'a fresh read after it').to.equal(2_000);
  });
});
