// The built chunks keep their boundaries (issue 12): the config check, the placeholder and the receipts
// part import no other chunk, so shared code can never pull them into the Lit chunk, and the loader
// retries the receipts part under a new URL knowing no module expects it at its plain one. They are
// served from dist/<version>/parts/, the Lit UI alone from dist/<version>/ui/, so a loader still
// cached from an earlier release asks for its own release's chunks. Reads dist/: run after the build.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chunkFolder, version } from '../../../scripts/chunk-folder.mjs';
import { withStaticImports } from '../../../scripts/size.mjs';
import { VERSION } from '../../../src/loader/start.js';

const dist = fileURLToPath(new URL(`../../../${chunkFolder}/`, import.meta.url));

describe('the built chunks', () => {
  it('sit in the folder of the version the loader asks under', () => {
    expect(VERSION).toBe(version);
    expect(existsSync(`${dist}ui/clinic-consent-ui.js`)).toBe(true);
  });

  it.each(['parts/config-check.js', 'parts/receipts.js', 'parts/placeholder.js', 'parts/impression.js', 'parts/launcher.js'])('%s imports no other chunk', (name) => {
    const file = `${dist}${name}`;
    expect(existsSync(file), `${name} is missing: run npm run build first`).toBe(true);
    expect([...withStaticImports(file)].map((path) => path.slice(dist.length))).toEqual([name]);
  });

  it('the UI folder holds only the UI: its entry, its own chunks, the locales and the history texts', () => {
    expect(readdirSync(`${dist}ui`).filter((name) => name.endsWith('.js')).sort()).toEqual(
      ['clinic-consent-disclosure.js', 'clinic-consent-ui.js', ...readdirSync(`${dist}ui`).filter((name) => /^(locale|history)-[a-zA-Z-]+\.js$/.test(name)), 'preferences.js'].sort(),
    );
  });

  it('the check sees a static import, so it cannot pass by reading nothing', () => {
    const ui = [...withStaticImports(`${dist}ui/preferences.js`)].map((path) => path.slice(dist.length));
    expect(ui).toContain('ui/clinic-consent-ui.js');
  });

  it('the loader opens with V8\'s compile hint, on a line of its own, where V8 looks for it', () => {
    const loader = readFileSync(fileURLToPath(new URL('../../../dist/clinic-consent.js', import.meta.url)), 'utf8');
    expect(loader.startsWith('//# allFunctionsCalledOnLoad\n!function(){')).toBe(true);
  });
});
