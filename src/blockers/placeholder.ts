// The note that stands in for a blocked embed (iframe or image): it says why the content is
// missing and offers to allow its category. A lazily loaded chunk: most pages have no gated embed.
// The texts are inline (no locale file needed); clinics override them with the text keys
// `placeholder.message` and `placeholder.button`.
import { localize, pageLocale } from '../config/localize.js';
import type { ResolvedConfig } from '../config/types.js';

interface PlaceholderTexts {
  readonly message: string;
  readonly button: string;
  readonly names: Readonly<Record<string, string>>;
}

const builtIn: { readonly en: PlaceholderTexts } & Readonly<Record<string, PlaceholderTexts>> = {
  en: { message: 'This content is hidden until you allow {category} cookies.', button: 'Allow {category} cookies', names: { analytics: 'analytics', marketing: 'marketing' } },
  ko: { message: '{category} 쿠키를 허용하시면 이 콘텐츠가 표시됩니다.', button: '{category} 쿠키 허용', names: { analytics: '분석', marketing: '마케팅' } },
  ja: { message: '{category}Cookieを許可すると、このコンテンツが表示されます。', button: '{category}Cookieを許可する', names: { analytics: '分析', marketing: 'マーケティング' } },
};

function texts(config: ResolvedConfig, category: string): { message: string; button: string } {
  const locale = config.locale ?? pageLocale();
  const language = locale.split('-')[0] ?? locale;
  const defaults = builtIn[language] ?? builtIn.en;
  const overrides = config.texts[locale] ?? config.texts[language] ?? {};
  const label = localize(config.categories.find((entry) => entry.id === category)?.label, locale) ?? defaults.names[category] ?? category;
  const fill = (text: string) => text.replaceAll('{category}', label);
  return { message: fill(overrides['placeholder.message'] ?? defaults.message), button: fill(overrides['placeholder.button'] ?? defaults.button) };
}

/**
 * A placeholder stands in for content the patient would have seen. A tracking pixel (1×1) or an
 * element the page hides anyway (itself or a parent `hidden` / `display: none`) gets none: a note
 * about a picture nobody sees would only puzzle the patient.
 */
function unseen(element: Element): boolean {
  const tiny = (name: string) => Number.parseFloat(element.getAttribute(name) ?? 'NaN') <= 1;
  // checkVisibility is missing before Safari 17.4: there the pixel test alone decides.
  return tiny('width') || tiny('height') || ('checkVisibility' in element && !element.checkVisibility({ visibilityProperty: true }));
}

/**
 * Hides `element` and puts the placeholder after it; returns the placeholder, to remove once allowed,
 * or null for a pixel or hidden element, which needs none.
 */
export function placeholderFor(element: Element, config: ResolvedConfig, allow: (category: string) => void): HTMLElement | null {
  if (unseen(element)) return null;
  const category = element.getAttribute('data-consent') ?? '';
  const { message, button } = texts(config, category);
  const box = document.createElement('div');
  box.className = 'cc-placeholder';
  box.setAttribute('role', 'note');
  const paragraph = document.createElement('p');
  paragraph.textContent = message;
  const action = document.createElement('button');
  action.type = 'button';
  action.textContent = button;
  action.addEventListener('click', () => allow(category));
  box.append(paragraph, action);
  element.setAttribute('hidden', '');
  element.after(box);
  return box;
}
