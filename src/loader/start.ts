// Starts Clinic Consent on a page: validates the config, decides from the choice cookie at once,
// sets Consent Mode defaults and markup gating, then reads IndexedDB and loads the UI only when
// something must be shown. Shared by the classic-script loader and the ESM entry.
import type { ClinicConsentApi, UiHandle, UiModule } from '../api.js';
import type * as Placeholder from '../blockers/placeholder.js';
import type * as Receipts from '../receipts/index.js';
import { clearStored } from '../blockers/cookies.js';
import { startConsentMode } from '../blockers/consent-mode.js';
import { startGate } from '../blockers/gate.js';
import { installGuards } from '../blockers/guards/index.js';
import { hideReferrer, sensitiveMatcher } from '../blockers/sensitive.js';
import { resolveTrackingConfig } from '../blockers/tracking-config.js';
import { bundleFor, chosenLocale, type BundledLocale } from '../config/locale-choice.js';
import { NECESSARY, resolveConfig } from '../config/resolve.js';
import type { ClinicConsentConfig, ResolvedConfig } from '../config/types.js';
import { hash } from '../consent/fingerprint.js';
import { ConsentChangeEvent } from '../consent/events.js';
import { installLauncher } from '../ui/launcher.js';
import { everything } from '../consent/rules.js';
import { ConsentStore } from '../consent/store.js';
import type { ConsentSnapshot } from '../consent/types.js';
import { report } from '../errors.js';
import { hookReceipts } from '../receipts/hook.js';
import { ChoiceStorage } from '../storage/choice-storage.js';
import { rememberChecked, wasChecked } from '../storage/checked-config.js';
import { connectTabs } from '../storage/tab-sync.js';

export const VERSION = '0.1.0';

/** The lazily loaded pieces: the Lit UI and its texts, the config checker (config/check.ts), placeholders and receipts. */
export interface LazyParts {
  ui(): Promise<UiModule>;
  checker(): Promise<{ checkConfig(raw: unknown): string[] }>;
  placeholder(): Promise<typeof Placeholder>;
  receipts?(): Promise<typeof Receipts>;
  /** The texts file of a language, fetched alongside the UI rather than after it. */
  locale?(bundle: BundledLocale): Promise<unknown>;
}

const fallbackConfig: ClinicConsentConfig = { siteId: 'unconfigured', policy: { url: '/', version: '0' } };

export function startClinicConsent(raw: unknown, lazy: LazyParts): ClinicConsentApi {
  let config: ResolvedConfig;
  try {
    config = resolveConfig((raw ?? fallbackConfig) as ClinicConsentConfig);
  } catch {
    // Too broken to even read; the checker will name what is wrong.
    config = resolveConfig(fallbackConfig);
  }
  const storage = new ChoiceStorage(config);
  const tabs = connectTabs(() => void store.receive());
  const store = new ConsentStore(config, storage, { onPersisted: (record) => tabs.announce(record) });
  const tracking = resolveTrackingConfig((raw as { tracking?: unknown } | undefined)?.tracking);
  const sensitive = sensitiveMatcher(tracking.sensitivePaths);
  guarded(() => hideReferrer(sensitive));
  // What may run on this page: the patient's choice, except that nothing optional runs on a sensitive page.
  const isGranted = (category: string, service?: string) =>
    store.isGranted(category, service) && (category === NECESSARY || !sensitive(location.pathname));
  // The guards go first, before Consent Mode or anything else gives a tracker a chance to run.
  installGuards({ config, tracking, isGranted, onChange: (listener) => store.addEventListener(ConsentChangeEvent.type, listener) });

  const updateConsentMode = config.consentMode.enabled ? startConsentMode(config) : null;
  const gate = startGate({
    isGranted,
    placeholder: (element) =>
      lazy.placeholder().then(
        ({ placeholderFor }) => placeholderFor(element, config, (category) => void api.accept({ categories: [...grantedCategories(store.state), category], services: grantedServices(store.state) })),
        () => null,
      ),
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

  let ui: Promise<UiHandle> | null = null;
  let locale: string | null = null;
  const openUi = (): Promise<UiHandle> => {
    // The UI would only ask for its texts once it has loaded: ask now, in parallel (the browser fetches a module once).
    if (!ui) void lazy.locale?.(bundleFor(chosenLocale(config, locale))).catch(() => undefined);
    return (ui ??= lazy
      .ui()
      .then((module) => {
        const handle = module.mountUi(api);
        if (locale) handle.setLocale(locale);
        return handle;
      })
      .catch((error: unknown) => {
        ui = null;
        report('CC_ERR_UI_LOAD', String(error));
        throw error;
      }));
  };
  let failedClosed = raw === undefined;
  const needsBanner = (state: ConsentSnapshot) => !failedClosed && state.known && (!state.decided || state.policyChanged);

  // A config seen to pass the check before is trusted at once, so a returning visitor is decided
  // synchronously; any other config waits for the checker, and nothing optional runs meanwhile.
  const configHash = raw === undefined ? '' : hash(VERSION + JSON.stringify(raw));
  const trusted = raw !== undefined && wasChecked(configHash);
  if (trusted) guarded(() => store.unlock());
  // Without a choice cookie the banner is likely: fetch the UI while the rest is read.
  if (!failedClosed && !store.state.known) void openUi().catch(() => undefined);
  // Reading is harmless before the check passes; nothing read is applied until then.
  if (!trusted && raw !== undefined) guarded(() => storage.prefetch());
  const checked: Promise<boolean> = trusted
    ? Promise.resolve(true)
    : raw === undefined
      ? Promise.resolve(false)
      : lazy.checker().then(({ checkConfig }) => {
          const problems = checkConfig(raw);
          for (const problem of problems) report('CC_ERR_CONFIG_FIELD', problem);
          if (problems.length) return false;
          rememberChecked(configHash);
          store.unlock();
          return true;
        });
  const ready = checked
    .then((valid) => {
      if (valid) return store.load();
      failedClosed = true;
      store.failClosed();
      return store.state;
    })
    .catch(() => {
      report('CC_ERR_INTERNAL', 'starting');
      failedClosed = true;
      store.failClosed();
      return store.state;
    })
    .then((state) => {
      if (needsBanner(state)) {
        openUi().then(
          (handle) => {
            // Another tab may have decided while the UI was downloading: ask only if still needed.
            if (!needsBanner(store.state)) return;
            handle.showBanner();
            receipts.shown();
          },
          () => undefined,
        );
      }
      return state;
    });
  // Before the stored choice is read: a GPC refusal recorded while reading is a decision too.
  const receipts = hookReceipts(store, ready, lazy.receipts, VERSION);

  const api: ClinicConsentApi = {
    version: VERSION,
    config,
    ready,
    receipts: { history: receipts.history, download: receipts.download },
    getState: () => store.state,
    isGranted,
    acceptAll: () => store.decide(everything(config, store.state.gpc), 'accept-all'),
    rejectAll: () => store.decide({}, 'reject-all'),
    accept: (choice) => store.decide(choice, 'preferences'),
    withdraw: () => store.decide({}, 'withdraw'),
    openPreferences: () => {
      if (failedClosed) return;
      void openUi().then((handle) => handle.openPreferences(), () => undefined);
      receipts.prepare();
    },
    setLocale: (next) => {
      locale = next;
      void ui?.then((handle) => handle.setLocale(next), () => undefined);
    },
  };

  guarded(() => installLauncher(api));
  // A privacy-policy page with the disclosure table needs the UI to render it, decided or not.
  const mountForDisclosure = () => {
    if (document.querySelector('clinic-consent-disclosure')) void openUi().catch(() => undefined);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountForDisclosure, { once: true });
  else mountForDisclosure();
  // A page restored from the back/forward cache may hold a choice that changed meanwhile.
  addEventListener('pageshow', (event) => {
    if (event.persisted) void store.load().catch(() => undefined);
  });
  return api;
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

const grantedCategories = (state: ConsentSnapshot) => Object.keys(state.categories).filter((id) => state.categories[id]);
const grantedServices = (state: ConsentSnapshot) => Object.keys(state.services).filter((id) => state.services[id]);

/** Runs a step so that an error in it is reported, never thrown into the clinic's page. */
function guarded(step: () => void): void {
  try {
    step();
  } catch (error) {
    report('CC_ERR_INTERNAL', String(error));
  }
}
