// What the banner and preference-center templates need from the element: texts, the current state
// and the actions. Kept as an interface so the templates stay plain functions, one file each.
import { categoryText as categoryTextIn } from '../../config/localize.js';
import type { BundledLocale } from '../../config/locale-choice.js';
import type { ResolvedCategory, ResolvedConfig } from '../../config/types.js';
import type { ConsentSnapshot } from '../../consent/types.js';
import type { ReceiptsApi } from '../../receipts/types.js';
import type { Texts } from '../texts.js';

export type Decision = 'accept' | 'reject' | 'save' | 'withdraw';

export interface ConsentView {
  readonly config: ResolvedConfig;
  readonly state: ConsentSnapshot;
  readonly locale: string;
  /** The texts file the locale reads (the loader's choice, so no view repeats the rules). */
  readonly bundle: BundledLocale;
  readonly t: Texts;
  /** Switch positions not yet saved, per optional category. */
  readonly draft: Readonly<Record<string, boolean>>;
  /** The switches drawn so far, by id, so each is drawn once and then kept up to date (banner.ts). */
  readonly switches: Map<string, HTMLLabelElement>;
  /** The patient's receipts (the api's), for the history view. */
  readonly receipts: ReceiptsApi;
  toggle(category: string, on: boolean): void;
  decide(decision: Decision): void;
  openPreferences(): void;
  /** Starts fetching the preference center ahead of a likely click. */
  loadPreferences(): void;
  closePreferences(): void;
  hideConfirmation(): void;
}

/** Built-in categories have translated defaults; the clinic's own label or purpose wins. */
export const categoryText = (view: Pick<ConsentView, 'locale' | 't'>, category: ResolvedCategory, field: 'label' | 'purpose'): string =>
  categoryTextIn(category, field, view.locale, view.t);

/** Fills `{n}`-style placeholders; values are numbers or plain text, never markup. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
