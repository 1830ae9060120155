// The in-page probe, added as an init script before any page script runs. It watches, frame by
// frame, for the adapter's banner to become visible (flash detection uses the same signal) and sums
// layout shifts. It must stay cheap: it runs on every SDK's page, inside the measured window.

/**
 * @param {string} bannerExpression in-page JS expression that yields the banner element or null
 * @returns {string} script source for `page.addInitScript`
 */
export function probeSource(bannerExpression) {
  return `(() => {
  if (window !== window.top) return;
  const bench = (window.__bench = { bannerAt: null, cls: 0, loadAt: null });
  const find = () => ${bannerExpression};
  // Visible means rendered, not transparent or hidden, with some of it inside the viewport.
  const visible = (el) => {
    if (!el || !el.isConnected) return false;
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  };
  // rAF's timestamp is the start of the frame that paints what the callback sees, from navigation start.
  const tick = (frameTime) => {
    let seen = false;
    try { seen = visible(find()); } catch { /* the SDK's element is not there yet */ }
    if (seen) bench.bannerAt = frameTime;
    else if (frameTime < 30000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) bench.cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  addEventListener('load', () => { bench.loadAt = performance.now(); });
})();`;
}
