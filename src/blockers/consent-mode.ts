// Google Consent Mode v2: defines dataLayer/gtag before any Google tag runs, sends the
// `default` command (every mapped signal denied until known) and an `update` whenever the
// state is known or changes. https://developers.google.com/tag-platform/security/guides/consent
import type { ConsentModeSignal, ResolvedConfig } from '../config/types.js';
import { report } from '../errors.js';

type Signals = Partial<Record<ConsentModeSignal, 'granted' | 'denied'>>;

declare global {
  interface Window {
    dataLayer?: unknown[];
    gtag?: (...args: unknown[]) => void;
  }
}

/** Sets up gtag with the defaults; returns the function that sends an update for the current grants. */
export function startConsentMode(config: ResolvedConfig): (isGranted: (category: string) => boolean) => void {
  const dataLayer = (window.dataLayer ??= []);
  if (dataLayer.some(isTagCommand)) report('CC_ERR_LATE_LOADER');
  // gtag.js reads Arguments objects from the dataLayer, not arrays: keep Google's own shape.
  window.gtag ??= function gtag() {
    // eslint-disable-next-line prefer-rest-params
    dataLayer.push(arguments);
  };
  const mapping = Object.entries(config.consentMode.signals) as [ConsentModeSignal, string][];
  const signals = (granted: (category: string) => boolean): Signals =>
    Object.fromEntries(mapping.map(([signal, target]) => [signal, target === 'granted' || (target !== 'denied' && granted(target)) ? 'granted' : 'denied']));
  window.gtag('consent', 'default', { ...signals(() => false), wait_for_update: config.consentMode.waitForUpdate });
  return (isGranted) => window.gtag?.('consent', 'update', signals(isGranted));
}

/** A `config` or `event` command, or GTM's start event: signs that a tag ran before the loader. */
function isTagCommand(entry: unknown): boolean {
  if (entry && typeof entry === 'object' && 'event' in entry) return String((entry as { event: unknown }).event).startsWith('gtm.');
  const first = (entry as ArrayLike<unknown> | null)?.[0];
  return first === 'config' || first === 'event';
}
