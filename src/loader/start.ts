// Starts Clinic Consent on a page: validates the config, decides from the choice cookie at once,
// sets Consent Mode defaults and markup gating, then reads IndexedDB and loads the UI only when
// something must be shown. Shared by the classic-script loader and the ESM entry. The stages live
// in stages.ts; this file runs them in order and builds the api from what they return.
import type { ClinicConsentApi, UiLanguage, UiModule } from '../api.js';
import type * as Placeholder from '../blockers/placeholder.js';
import { everything } from '../consent/rules.js';
import type { ConsentSnapshot } from '../consent/types.js';
import type * as Impression from '../receipts/impression.js';
import type * as FloatingButton from './launcher.js';
import type * as Receipts from '../receipts/index.js';
import { hookReceipts } from '../receipts/hook.js';
import { openOnClick } from './open-links.js';
import { guarded, launcherLoader, openState, readConfig, settle, startBlocking, uiLoader } from './stages.js';

export const VERSION = '0.1.0';

/** The lazily loaded pieces: the UI and its texts, the config checker (config/check-part.ts), placeholders, receipts, impressions and the floating button. */
export interface LazyParts {
  ui(): Promise<UiModule>;
  checker(): Promise<{ checkAndReport(raw: unknown): boolean }>;
  placeholder(): Promise<typeof Placeholder>;
  receipts?(): Promise<typeof Receipts>;
  impression?(): Promise<typeof Impression>;
  launcher?(): Promise<typeof FloatingButton>;
  /** The texts file of a language, fetched alongside the UI rather than after it. */
  locale: UiLanguage['texts'];
}

export function startClinicConsent(raw: unknown, lazy: LazyParts): ClinicConsentApi {
  // 1-3: the config, the state, then blocking (stages.ts says why each comes where it does).
  const config = readConfig(raw);
  const state = openState(config);
  const { store } = state;
  // A placeholder's "allow" adds its category to what is granted now.
  const isGranted = startBlocking(
    config,
    store,
    lazy,
    (category) => void api.accept({ categories: [...granted(store.state.categories), category], services: granted(store.state.services) }),
    (services) => receipts.leaked(services),
  );

  // 4-5: readiness (fail closed unless the config is checked) and the UI when something must be shown.
  const ui = uiLoader(config, lazy, () => api);
  let failedClosed = raw === undefined;
  const needsBanner = (snapshot: ConsentSnapshot) => !failedClosed && snapshot.known && (!snapshot.decided || snapshot.policyChanged);
  const settled = settle(raw, state, lazy, VERSION, () => (failedClosed = true));
  // Without a choice cookie (even a trusted config's) the banner is likely: fetch the UI while the rest is read.
  if (!failedClosed && !store.state.known) void ui.open().catch(() => undefined);
  const ready = settled.then((snapshot) => {
    if (needsBanner(snapshot)) {
      ui.open().then(
        (handle) => {
          // Another tab may have decided while the UI was downloading: ask only if still needed.
          if (!needsBanner(store.state)) return;
          // The receipts code follows the banner's render, not its request: the texts file may still be on its way.
          handle.showBanner().then((shown) => shown && receipts.shown(), () => undefined);
        },
        () => undefined,
      );
    }
    return snapshot;
  });
  // Before the stored choice is read: a GPC refusal recorded while reading is a decision too.
  // The texts a receipt records come from the UI's handle, once it is mounted.
  const receipts = hookReceipts(store, ready, lazy, VERSION, () => ui.mounted?.shownTexts() ?? null);
  // 6: the floating button, once a choice exists.
  const launcher = launcherLoader(config, store, lazy, () => api);

  // 7: the api the page (and the UI) drives it all with.
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
      void ui.open().then((handle) => handle.openPreferences(), () => undefined);
      receipts.prepare();
    },
    setLocale: (next) => {
      launcher.setLocale(next);
      ui.setLocale(next);
    },
  };

  guarded(() => openOnClick(api));
  // A privacy-policy page with the disclosure table needs the UI to render it, decided or not.
  const mountForDisclosure = () => {
    if (document.querySelector('clinic-consent-disclosure')) void ui.open().catch(() => undefined);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountForDisclosure, { once: true });
  else mountForDisclosure();
  // A page restored from the back/forward cache may hold a choice that changed meanwhile.
  addEventListener('pageshow', (event) => {
    if (event.persisted) void store.load().catch(() => undefined);
  });
  return api;
}

/** The ids granted in a state's map of categories or services. */
const granted = (map: Readonly<Record<string, boolean>>) => Object.keys(map).filter((id) => map[id]);
