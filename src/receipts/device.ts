// The coarse device class a receipt and an impression carry, from media queries only: never the
// user agent or anything else that would help tell one visitor from another. Reads matchMedia only.
import type { DeviceClass } from '../../schema/types.js';

/**
 * Phone: a touch screen under 600 CSS px on its short side; tablet: any other touch-first screen;
 * else desktop. The screen's size (`device-*`), not the window's: a page without a viewport meta tag
 * lays out 980 px wide on a phone, and a narrow desktop window is still a desktop.
 */
export function deviceClass(): DeviceClass {
  const matches = (query: string): boolean => typeof matchMedia === 'function' && matchMedia(query).matches;
  if (!matches('(pointer: coarse)')) return 'desktop';
  return matches('(max-device-width: 599px), (max-device-height: 599px)') ? 'mobile' : 'tablet';
}
