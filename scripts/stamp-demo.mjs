// Stamps the demo clinic's config as checked (`clinic-consent check --stamp`, the built CLI, as a
// clinic's own build would run it), so the demo loads no runtime config checker. The config lives in
// demo/clinic-config.js as a JSON object assigned to window.ClinicConsentConfig; only that object is
// rewritten, and only when its stamp changes. A config with problems is left unstamped (the loader
// then checks it in the browser and fails closed) and the problems are printed.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const demoConfig = fileURLToPath(new URL('../demo/clinic-config.js', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli/clinic-consent.mjs', import.meta.url));
const ASSIGNMENT = /^(window\.ClinicConsentConfig = )(\{[\s\S]*\})(;\s*)$/m;

/** @returns {Promise<boolean>} whether the demo config is stamped now */
export async function stampDemoConfig() {
  const source = await readFile(demoConfig, 'utf8');
  const [, , object] = ASSIGNMENT.exec(source) ?? [];
  if (!object) throw new Error('demo/clinic-config.js: no `window.ClinicConsentConfig = {…};` to stamp');
  const folder = await mkdtemp(join(tmpdir(), 'cc-demo-stamp-'));
  try {
    const file = join(folder, 'clinic-config.json');
    await writeFile(file, object);
    const passed = await promisify(execFile)(process.execPath, [cli, 'check', file, '--stamp']).then(
      () => true,
      (error) => (console.error(`The demo config was not stamped:\n${error.stdout}`), false),
    );
    if (!passed) return false;
    const stamped = (await readFile(file, 'utf8')).trimEnd();
    if (stamped !== object) await writeFile(demoConfig, source.replace(ASSIGNMENT, (_, head, _object, tail) => `${head}${stamped}${tail}`));
    return true;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
