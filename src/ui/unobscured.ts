// Keeps the page's focused element out from under the fixed banner (WCAG 2.2 SC 2.4.11, which axe
// does not check): the host grows by the banner's height at the end of the page, so even the last
// footer link can scroll above it, and a focused element behind the banner is scrolled into view.
// The banner is fixed rather than in flow so that it never shifts the page (CLS 0).

/** Starts watching; returns the function that stops and restores the page. */
export function keepFocusUnobscured(host: HTMLElement, banner: HTMLElement): () => void {
  const root = document.documentElement;
  const previousPadding = root.style.scrollPaddingBlockEnd;
  const fit = (): void => {
    const height = `${Math.ceil(banner.getBoundingClientRect().height)}px`;
    host.style.blockSize = height;
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
    host.style.blockSize = '';
    root.style.scrollPaddingBlockEnd = previousPadding;
  };
}
