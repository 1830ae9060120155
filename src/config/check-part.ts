// The config check as the loader fetches it (dist/<version>/parts/config-check.js): the check and its
// console lines, printed from here so the loader carries neither the check nor that code's text.
import { reportConfig } from '../errors.js';
import { checkConfig } from './check.js';

/** Checks `raw` and prints one CC_ERR_CONFIG_FIELD line per problem; true when the config is valid. */
export function checkAndReport(raw: unknown): boolean {
  const problems = checkConfig(raw);
  for (const problem of problems) reportConfig('CC_ERR_CONFIG_FIELD', problem);
  return !problems.length;
}
