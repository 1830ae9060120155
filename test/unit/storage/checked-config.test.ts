// The build-time stamp (`clinic-consent check --stamp`): a config carrying a stamp that matches it and
// this SDK version skips the runtime check; any edit, forgery or other version does not. Runs in Node,
// where there is no localStorage, so only the stamp can say "checked" here.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConfig } from '../../../src/config/check.js';
import { VERSION } from '../../../src/loader/start.js';
import { stampFor, wasChecked } from '../../../src/storage/checked-config.js';
import { clinicConfig } from '../../support/configs.js';

const stamped = <T extends object>(config: T, version = VERSION) => ({ ...config, checked: stampFor(config, version) });

describe('config stamp', () => {
  it('is honoured after the trip through a JSON file and a page (stamp round trip)', () => {
    const config = stamped(clinicConfig());
    expect(wasChecked(JSON.parse(JSON.stringify(config)), VERSION)).toBe(true);
    expect(checkConfig(config), 'the checker accepts the stamp field').toEqual([]);
  });

  it('names the config without its stamp, so re-stamping gives the same stamp', () => {
    const config = stamped(clinicConfig());
    expect(stampFor(config, VERSION)).toBe(config.checked);
  });

  it('is void once the config is edited after stamping: the runtime check runs', () => {
    const config = stamped(clinicConfig());
    expect(wasChecked({ ...config, consentLifetimeDays: 30 }, VERSION)).toBe(false);
    expect(wasChecked({ ...config, policy: { ...config.policy, version: '2099-01-01' } }, VERSION)).toBe(false);
  });

  it('is void when forged with a wrong hash, made by another SDK version, or not a string', () => {
    const config = clinicConfig();
    expect(wasChecked({ ...config, checked: `${VERSION}:0` }, VERSION)).toBe(false);
    expect(wasChecked({ ...config, checked: stampFor(config, '0.0.9') }, VERSION)).toBe(false);
    expect(wasChecked(stamped(config, '0.0.9'), VERSION)).toBe(false);
    expect(wasChecked({ ...config, checked: true }, VERSION)).toBe(false);
    expect(wasChecked(config, VERSION)).toBe(false);
  });

  it('never throws on configs that are not objects', () => {
    for (const raw of [null, 'text', 7, [], undefined]) expect(wasChecked(raw, VERSION)).toBe(false);
  });
});

describe('clinic-consent check --stamp (built CLI)', () => {
  const cli = join(import.meta.dirname, '../../../dist/cli/clinic-consent.mjs');
  let folder = '';
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, [cli, 'check', ...args]).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
  beforeAll(async () => {
    if (!existsSync(cli)) throw new Error('Build first: npm run build (npm test does).');
    folder = await mkdtemp(join(tmpdir(), 'cc-stamp-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('stamps a passing config in place, and the loader-side check accepts that stamp', async () => {
    const file = join(folder, '설정 config.json');
    await writeFile(file, JSON.stringify(clinicConfig()));
    expect(await run(file, '--stamp')).toMatchObject({ code: 0, stdout: expect.stringContaining('stamped as checked') });
    const written = JSON.parse(await readFile(file, 'utf8'));
    expect(written.checked).toMatch(new RegExp(`^${VERSION.replaceAll('.', '\\.')}:[0-9a-z]+$`));
    expect(wasChecked(written, VERSION)).toBe(true);
    expect(await run(file, '--stamp'), 'stamping again keeps the same stamp').toMatchObject({ code: 0 });
    expect(JSON.parse(await readFile(file, 'utf8')).checked).toBe(written.checked);
  });

  it('refuses to stamp a config with problems and leaves the file as it was', async () => {
    const file = join(folder, 'broken.json');
    const text = JSON.stringify({ ...clinicConfig(), siteId: 'Not A Site Id' });
    await writeFile(file, text);
    expect(await run('--stamp', file)).toMatchObject({ code: 1, stdout: expect.stringContaining('siteId') });
    expect(await readFile(file, 'utf8')).toBe(text);
  });
});
