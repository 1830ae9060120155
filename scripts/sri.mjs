// Prints the Subresource Integrity hash of the built loader (dist/clinic-consent.js), for the
// `integrity` attribute of the clinic's script tag: `npm run build && npm run sri`.
// The hash holds for this exact build; rebuild, re-run, and update the tag with each new version.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `sha384-…` integrity value of `bytes`. */
export const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/clinic-consent.js');
  console.log(`${sri(readFileSync(file))}  dist/clinic-consent.js`);
}
