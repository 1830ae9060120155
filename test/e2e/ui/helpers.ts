// Helpers for the UI's end-to-end tests on the demo clinic site (served with a strict header CSP):
// open it in a language as a first-time visitor, reach into <clinic-consent>'s shadow root, and
// collect CSP violations and page errors so every test can assert that none happened.
import { expect as baseExpect, type Page } from '@playwright/test';

/** Playwright's expect with room for a machine busy with other test runs (web fonts, Lit, IndexedDB). */
export const expect = baseExpect.configure({ timeout: 15_000 });

export const locales = ['ko', 'en', 'ja', 'zh-Hans', 'zh-Hant', 'vi', 'th', 'ru', 'mn', 'ar'] as const;
export type Locale = (typeof locales)[number];

declare global {
  interface Window {
    cspViolations: string[];
    demoLog?: (kind: string, message: string) => void;
  }
}

/** Starts collecting CSP violations and page errors; call before the first navigation. */
export async function watchPage(page: Page): Promise<{ errors: string[] }> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`));
  });
  return { errors };
}

/** Opens a demo page in `lang` and waits for the banner (a first visit: the context is fresh). */
export async function openDemo(page: Page, lang: Locale, path = '/demo/'): Promise<void> {
  await page.goto(`${path}?lang=${lang}`);
  await expect(page.locator('clinic-consent .banner h2'), 'the banner shows on a first visit').toBeVisible();
  // CJK, Thai and Arabic glyphs come from the @fontsource web fonts.
  await page.evaluate(() => document.fonts.ready);
}

export const banner = (page: Page) => page.locator('clinic-consent .banner');
export const dialog = (page: Page) => page.locator('clinic-consent dialog');

/** Opens the preference center from the banner's Choose button and waits until it is open. */
export async function openPreferences(page: Page): Promise<void> {
  await banner(page).locator('[part~="choose"]').click();
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).locator('#cc-p-analytics')).toBeAttached();
}

/** Describes the focused element, looking through shadow roots, with its box and whether it is inside the banner or dialog. */
export function focused(page: Page) {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    const host = document.querySelector('clinic-consent');
    const root = host?.shadowRoot;
    const bannerBox = root?.querySelector('.banner')?.getBoundingClientRect() ?? null;
    const box = active?.getBoundingClientRect();
    return {
      label: active ? `${active.tagName.toLowerCase()} ${((active as HTMLElement).innerText ?? '').trim().slice(0, 40)}` : 'none',
      inBanner: !!active && !!root?.querySelector('.banner')?.contains(active),
      inDialog: !!active && !!root?.querySelector('dialog')?.contains(active),
      outline: active ? getComputedStyle(active).outlineStyle : 'none',
      top: box?.top ?? 0,
      bottom: box?.bottom ?? 0,
      bannerTop: bannerBox?.top ?? null,
      viewport: innerHeight,
    };
  });
}

export const cspViolations = (page: Page): Promise<string[]> => page.evaluate(() => window.cspViolations);
