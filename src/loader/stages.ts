// The stages start.ts runs in order, each a small function a reader can follow on its own:
// read and resolve the config, open the state, start blocking, settle readiness (the fail-closed
// chain) and load the UI when needed. Each returns what the next stages need; none throws into the page.
import type { ClinicConsentApi, UiHandle } from '../api.js';
import { clearStored } from '../blockers/cookies.js';
import { startConsentMode } from '../blockers/consent-mode.js';
import { startGate } from '../blockers/gate.js';
import { installGuards } from '../blockers/guards/index.js';
import { hideReferrer, sensitiveMatcher } from '../blockers/sensitive.js';
import { catalogEntries } from '../blockers/trackers.js';
import { localeChoice } from '../config/locale-choice.js';
import { NECESSARY, resolveConfig } from '../config/resolve.js';
import type { ClinicConsentConfig, ResolvedConfig } from '../config/types.js';
import { ConsentChangeEvent } from '../consent/events.js';
import { createConsentStore, type ConsentStore } from '../consent/store.js';
import type { ConsentSnapshot } from '../consent/types.js';
import { report } from '../errors.js';
import { rememberChecked, wasChecked } from '../storage/checked-config.js';
import { createChoiceStorage, type ChoiceStorage } from '../storage/choice-storage.js';
import { connectTabs } from '../storage/tab-sync.js';
import { bannerVisible, type Launcher } from './launcher.js';
import { watchLeaks } from './leaks.js';
import type { LazyParts } from './start.js';

const fallbackConfig: ClinicConsentConfig = { siteId: 'unconfigured', policy: { url: '/', version: '0' } };

/** 1. The config with every default filled in, over the blockers' tracker catalog; a config too broken to read gets the fallback (the checker names what is wrong). */
export function readConfig(raw: unknown): ResolvedConfig {
  const trackers = catalogEntries();
  try {
    return resolveConfig((raw ?? fallbackConfig) as ClinicConsentConfig, trackers);
  } catch {
    return resolveConfig(fallbackConfig, trackers);
  }
}

/** 2. The consent state: storage (choice cookie + IndexedDB), the store on it, and the other tabs it hears from and tells. */
export function openState(config: ResolvedConfig): { storage: ChoiceStorage; store: ConsentStore } {
  const storage = createChoiceStorage(config);
  // Another tab's message is only a hint to re-read storage (any same-origin script can post one).
  const tabs = connectTabs(() => void store.receive());
  const store = createConsentStore(config, storage, { onPersisted: (record) => tabs.announce(record) });
  return { storage, store };
}

/**
 * 3. Blocking: the guards first, before Consent Mode or anything else gives a tracker a chance to run,
 * then Consent Mode defaults and markup gating, all refreshed on every change of the choice.
 * `allow` grants one more category from a placeholder; `leaked` hears of trackers that got past
 * the guards (leaks.ts). Returns what may run now.
 */
export function startBlocking(config: ResolvedConfig, store: ConsentStore, lazy: LazyParts, allow: (category: string) => void, leaked: (services: string[]) => void): (category: string, service?: string) => boolean {
  const { tracking } = config;
  const sensitive = sensitiveMatcher(tracking.sensitivePaths);
  guarded(() => hideReferrer(sensitive));
  // What may run on this page: the patient's choice, except that nothing optional runs on a sensitive page.
  const isGranted = (category: string, service?: string) => store.isGranted(category, service) && (category === NECESSARY || !sensitive(location.pathname));
  const policy = installGuards({ config, tracking, isGranted, onChange: (listener) => store.addEventListener(ConsentChangeEvent.type, listener) });
  if (policy) watchLeaks(policy, leaked);
  const updateConsentMode = config.consentMode.enabled ? startConsentMode(config) : null;
  const gate = startGate({
    isGranted,
    placeholder: (element) => lazy.placeholder().then(({ placeholderFor }) => placeholderFor(element, config, allow), () => null),
  });
  store.addEventListener(ConsentChangeEvent.type, (event) => {
    const { detail } = event as ConsentChangeEvent;
    guarded(() => {
      clearDenied(config, detail.state);
      updateConsentMode?.(isGranted);
      gate.refresh();
    });
    document.dispatchEvent(new ConsentChangeEvent(detail));
  });
  return isGranted;
}

/**
 * 4. Readiness, the fail-closed chain. A config stamped as checked at build time, or seen to pass the
 * check in this browser before (storage/checked-config.ts), is trusted at once, so
 * a returning visitor is decided synchronously; any other config waits for the checker, and nothing
 * optional runs meanwhile. A refused config, no config or any error leaves only necessary running
 * (`failClosed` is told). Resolves with the state once the stored choice is known, never rejects.
 */
export function settle(raw: unknown, { store, storage }: { store: ConsentStore; storage: ChoiceStorage }, lazy: LazyParts, version: string, failClosed: () => void): Promise<ConsentSnapshot> {
  const trusted = raw !== undefined && wasChecked(raw, version);
  if (trusted) guarded(() => store.unlock());
  // Reading is harmless before the check passes; nothing read is applied until then.
  else if (raw !== undefined) guarded(() => storage.prefetch());
  const checked: Promise<boolean> = trusted
    ? Promise.resolve(true)
    : raw === undefined
      ? Promise.resolve(false)
      : lazy.checker().then(({ checkAndReport }) => {
          if (!checkAndReport(raw)) return false;
          rememberChecked(raw, version);
          store.unlock();
          return true;
        });
  const closed = (): ConsentSnapshot => {
    failClosed();
    store.failClosed();
    return store.state;
  };
  return checked
    .then((valid) => (valid ? store.load() : closed()))
    .catch(() => (report('CC_ERR_INTERNAL', 'starting'), closed()));
}

/**
 * 5. The UI, loaded when needed: once, with the texts file of its language fetched alongside
 * (the UI would only ask once it has loaded), and told any setLocale() made meanwhile.
 */
export function uiLoader(config: ResolvedConfig, lazy: LazyParts, api: () => ClinicConsentApi) {
  let ui: Promise<UiHandle> | null = null;
  let locale: string | null = null;
  const language = { speaks: localeChoice(config), texts: lazy.locale };
  const loader = {
    /** The mounted UI's handle (its texts on screen go into receipts), once it is mounted. */
    mounted: undefined as UiHandle | undefined,
    open(): Promise<UiHandle> {
      if (!ui) void lazy.locale(language.speaks(locale).bundle).catch(() => undefined);
      return (ui ??= lazy
        .ui()
        .then((module) => {
          const handle = (loader.mounted = module.mountUi(api(), language));
          if (locale) handle.setLocale(locale);
          return handle;
        })
        .catch((error: unknown) => {
          ui = null;
          report('CC_ERR_UI_LOAD', String(error));
          throw error;
        }));
    },
    setLocale(next: string): void {
      locale = next;
      void ui?.then((handle) => handle.setLocale(next), () => undefined);
    },
  };
  return loader;
}

/**
 * 6. The floating button (launcher.ts, its own part), fetched once a choice exists: the store says so
 * when it has read the stored choice and on every decision. A first visit does not download it before
 * the patient's choice; the button would hide until then anyway.
 */
export function launcherLoader(config: ResolvedConfig, store: ConsentStore, lazy: LazyParts, api: () => ClinicConsentApi) {
  let requested: string | null = null;
  let banner = false;
  let launcher: Promise<Launcher> | undefined;
  // The UI's public event (ui/events.ts), by name: its class would bring UI code into the loader.
  document.addEventListener('clinic-consent:banner', (event) => (banner = bannerVisible(event)));
  store.addEventListener(ConsentChangeEvent.type, () => {
    if (launcher || !config.ui.floatingButton || !store.state.decided || !lazy.launcher) return;
    launcher = lazy.launcher().then(({ installLauncher }) => installLauncher(api(), { requested, banner, speaks: localeChoice(config) }));
    // Not a reason to fail closed: the choice is made and kept; only this way back to it is missing.
    launcher.catch((error: unknown) => report('CC_ERR_BUTTON_LOAD', String(error)));
  });
  return {
    setLocale(next: string): void {
      requested = next;
      void launcher?.then((button) => button.setLocale(next), () => undefined);
    },
  };
}

/** Deletes the cookies and localStorage keys of every service that may not run now. */
function clearDenied(config: ResolvedConfig, state: ConsentSnapshot): void {
  if (!state.known) return;
  const denied = config.categories.flatMap((category) => category.services.filter((service) => !state.services[service.id]));
  clearStored(
    denied.flatMap((service) => service.cookies ?? []),
    denied.flatMap((service) => service.localStorageKeys ?? []),
  );
}

/** Runs a step so that an error in it is reported, never thrown into the clinic's page. */
export function guarded(step: () => void): void {
  try {
    step();
  } catch (error) {
    report('CC_ERR_INTERNAL', String(error));
  }
}
