// The disclosure in one language, as the patient sees it: each category's name and description and each
// service's name, purpose, data, recipient, country, cookies and retention. The preference center and the
// privacy-page table render these strings and the receipts chunk records them with the texts shown, so what was
// shown and what was recorded come from one function. Never imported by the loader: only by the UI's chunks and
// the receipts part.
import type { ShownCategory, ShownService } from '../../schema/types.js';
import { categoryText, localize, type UiStrings } from './localize.js';
import type { ResolvedCategory, ResolvedConfig, ServiceConfig } from './types.js';

/** A country's name in `locale` ("KR" → "대한민국"), or its code where the browser has no name for it. */
export function countryName(code: string | undefined, locale: string): string {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** `{ [key]: value }`, or nothing for an empty value: a receipt's texts hold no empty strings. */
const given = <K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> => (value ? ({ [key]: value } as Record<K, string>) : {});

export function shownService(service: ServiceConfig, locale: string): ShownService {
  return {
    id: service.id,
    name: localize(service.name, locale) || service.id,
    ...given('purpose', localize(service.purpose, locale)),
    ...given('dataSent', localize(service.dataSent, locale)),
    ...given('thirdParty', localize(service.thirdParty, locale)),
    ...given('country', countryName(service.country, locale)),
    cookies: (service.cookies ?? []).map((cookie) => ({ name: cookie.name, ...given('retention', localize(cookie.retention, locale)) })),
  };
}

export function shownCategory(category: ResolvedCategory, locale: string, strings: UiStrings): ShownCategory {
  return {
    id: category.id,
    name: categoryText(category, 'label', locale, strings),
    ...given('description', categoryText(category, 'purpose', locale, strings)),
    services: category.services.map((service) => shownService(service, locale)),
  };
}

/** Every category of the config, in the order the preference center lists them. */
export const shownDisclosure = (config: ResolvedConfig, locale: string, strings: UiStrings): ShownCategory[] =>
  config.categories.map((category) => shownCategory(category, locale, strings));
