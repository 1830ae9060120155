// Keeps the page's focused element out from under the fixed banner (WCAG 2.2 SC 2.4.11, which axe
// does not check): a spacer as tall as the banner goes at the very end of the page, so even the last
// footer link can scroll above it, and a focused element behind the banner is scrolled into view.
// The banner is fixed rather than in flow, and the spacer comes after everything, so nothing on the
// page ever moves (CLS 0).

/** Starts watching; returns the function that stops and restores the page. */
export function keepFocusUnobscured(host: HTMLElement, banner: HTMLElement): () => void {
  const root = document.documentElement;
  const previousPadding = root.style.scrollPaddingBlockEnd;
  // An unknown element, so the site's own CSS for divs cannot reach it; CSSOM styles pass a strict CSP.
  const spacer = document.createElement('cc-spacer');
  spacer.setAttribute('aria-hidden', 'true');
  spacer.style.display = 'block';
  document.body.append(spacer);
  const fit = (): void => {
    const height = `${Math.ceil(banner.getBoundingClientRect().height)}px`;
    spacer.style.blockSize = height;
    // Browsers honour scroll-padding when they scroll a newly focused element into view.
    root.style.scrollPaddingBlockEnd = height;
  };
  const observer = new ResizeObserver(fit);
  observer.observe(banner);
  const onFocus = (event: FocusEvent): void => {
    const target = event.target;
    if (!(target instanceof Element) || target === host) return;
    // After the browser's own focus scrolling, which runs once the focus events are dispatched.
    requestAnimationFrame(() => {
      const overlap = target.getBoundingClientRect().bottom - banner.getBoundingClientRect().top;
      if (overlap > 0) window.scrollBy({ top: overlap + 8, behavior: 'instant' });
    });
  };
  document.addEventListener('focusin', onFocus);
  return () => {
    observer.disconnect();
    document.removeEventListener('focusin', onFocus);
    spacer.remove();
    root.style.scrollPaddingBlockEnd = previousPadding;
  };
}
