// The production recipe of collector/README.md as the tests read it: the command the systemd unit and the
// Dockerfile start, and the example environment file of collector/deploy/.
import { readFileSync } from 'node:fs';

/** The command the recipe starts, relative to the folder the package is installed in. */
export const INSTALLED_BIN = 'node_modules/.bin/clinic-consent-collector';

export const deployFile = (name: string): string => readFileSync(new URL(`../deploy/${name}`, import.meta.url), 'utf8');

/** The variables of an environment file (`NAME=value` lines, as systemd's EnvironmentFile and Docker's env_file read them). */
export function parseEnvFile(text: string): Record<string, string> {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}
