// Each language's texts file, imported only when chosen. The ES module build reaches them through this
// map; the classic loader fetches dist/<version>/ui/locale-<code>.js by URL (loader/index.ts), so the
// banner's own chunk carries no map of ten imports.
import type { BundledLocale } from '../../config/locale-choice.js';
import type { Texts } from '../texts.js';

export const localeFiles: Record<BundledLocale, () => Promise<{ default: Texts }>> = {
  ko: () => import('./ko.js'),
  en: () => import('./en.js'),
  ja: () => import('./ja.js'),
  'zh-Hans': () => import('./zh-Hans.js'),
  'zh-Hant': () => import('./zh-Hant.js'),
  vi: () => import('./vi.js'),
  th: () => import('./th.js'),
  ru: () => import('./ru.js'),
  mn: () => import('./mn.js'),
  ar: () => import('./ar.js'),
};
