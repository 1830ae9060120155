// Finds the clinic's configuration on the page: the JSON block named by the loader's
// data-config attribute, else window.ClinicConsentConfig. Reads the DOM, changes nothing.
import { report } from '../errors.js';

declare global {
  interface Window {
    ClinicConsentConfig?: unknown;
  }
}

/** The raw configuration, or undefined (already reported) when there is none or it is not JSON. */
export function readRawConfig(script: HTMLOrSVGScriptElement | null): unknown {
  const blockId = script?.getAttribute('data-config');
  if (blockId) {
    const block = document.getElementById(blockId);
    if (!block) {
      report('CC_ERR_CONFIG_MISSING', `data-config="${blockId}" names no element`);
      return undefined;
    }
    try {
      return JSON.parse(block.textContent ?? '');
    } catch (error) {
      report('CC_ERR_CONFIG_JSON', `#${blockId}: ${(error as Error).message}`);
      return undefined;
    }
  }
  if (window.ClinicConsentConfig !== undefined) return window.ClinicConsentConfig;
  report('CC_ERR_CONFIG_MISSING');
  return undefined;
}
