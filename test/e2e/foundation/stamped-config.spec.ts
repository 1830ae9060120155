// A config stamped as checked at build time (`clinic-consent check --stamp`) needs no runtime checker:
// the page never asks for it. A stamped config edited afterwards is checked in the browser as before,
// and fails closed when the edit broke it.
import { clinicConfig } from '../../support/configs.js';
import { VERSION } from '../../../src/loader/start.js';
import { stampFor } from '../../../src/storage/checked-config.js';
import { expect, openGated, ran, state, test } from '../support/clinic-page.js';

const CHECKER = `/dist/${VERSION}/parts/config-check.js`;
const stamped = () => {
  const config = clinicConfig();
  return { ...config, checked: stampFor(config, VERSION) };
};

test('a stamped config is trusted without the runtime checker, which is never requested', async ({ context }) => {
  const requested: string[] = [];
  context.on('request', (request) => requested.push(new URL(request.url()).pathname));
  const { page, errors, console } = await openGated(context, stamped());
  expect(await state(page)).toMatchObject({ known: true, decided: false });
  await page.evaluate(() => window.ClinicConsent!.acceptAll());
  await expect.poll(() => ran(page)).toContain('analytics-inline-1');
  expect(requested).toContain('/dist/clinic-consent.js');
  expect(requested).not.toContain(CHECKER);
  expect(console).toEqual([]);
  expect(errors).toEqual([]);
});

test('a stamped config edited afterwards is checked in the browser and, broken, runs nothing optional', async ({ context }) => {
  const requested: string[] = [];
  context.on('request', (request) => requested.push(new URL(request.url()).pathname));
  const config = stamped();
  const tampered = { ...config, categories: { ...config.categories, marketing: { services: [{ id: 'medisian-ads', name: 'Medisian', country: 'Korea' }] } } };
  const { page, errors, console } = await openGated(context, tampered);
  expect(requested).toContain(CHECKER);
  expect(console.filter((line) => line.includes('CC_ERR_CONFIG_FIELD'))).toHaveLength(1);
  await page.evaluate(() => window.ClinicConsent!.acceptAll());
  expect(await ran(page), 'decisions are ignored while the config is broken').toEqual(['page-own']);
  expect(await state(page)).toMatchObject({ categories: { analytics: false, marketing: false } });
  expect(errors).toEqual([]);
});
