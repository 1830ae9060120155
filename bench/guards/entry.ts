// The benchmark's page side: measures what each guarded API costs per call that the guards let
// through (the page's own and unknown requests), against the same call before the guards were
// installed. The browser's own work is replaced by no-ops first, so only the guard is timed.
import { installGuards } from '../../src/blockers/guards/index.js';
import { catalogEntries } from '../../src/blockers/trackers.js';
import { resolveTracking } from '../../src/config/tracking.js';
import { resolveConfig } from '../../src/config/resolve.js';

type Case = [name: string, run: () => unknown];

const noop = () => undefined;
const resolved = Promise.resolve(new Response(null));

function stubBrowserWork(): void {
  window.fetch = () => resolved;
  Navigator.prototype.sendBeacon = () => true;
  XMLHttpRequest.prototype.open = noop;
  XMLHttpRequest.prototype.send = noop;
  for (const proto of [HTMLImageElement.prototype, HTMLScriptElement.prototype, HTMLIFrameElement.prototype]) {
    Object.defineProperty(proto, 'src', { configurable: true, get: () => '', set: noop });
  }
  Object.defineProperty(Document.prototype, 'cookie', { configurable: true, get: () => '', set: noop });
  Element.prototype.setAttribute = noop;
}

function cases(): Case[] {
  const xhr = new XMLHttpRequest();
  const image = new Image();
  const parent = document.createElement('div');
  const child = document.createElement('span');
  return [
    ["fetch('/api/slots')", () => fetch('/api/slots')],
    ["fetch('https://cdn.example.com/app.js')", () => fetch('https://cdn.example.com/app.js')],
    ["sendBeacon('https://clinic.example.co.kr/log')", () => navigator.sendBeacon('https://clinic.example.co.kr/log', 'x')],
    ['xhr.open + send (first party)', () => (xhr.open('GET', '/api/slots'), xhr.send())],
    ["document.cookie = 'lang=ko'", () => (document.cookie = 'lang=ko; path=/')],
    ["image.src = 'https://cdn.example.com/a.png'", () => (image.src = 'https://cdn.example.com/a.png')],
    ["setAttribute('src', '/img/a.png')", () => image.setAttribute('src', '/img/a.png')],
    ['appendChild(element)', () => parent.appendChild(child)],
  ];
}

/** Median nanoseconds per call over `batches` batches of `size` calls. */
function median(run: () => unknown, batches: number, size: number): number {
  const perCall: number[] = [];
  for (let b = 0; b < batches; b++) {
    const start = performance.now();
    for (let i = 0; i < size; i++) run();
    perCall.push(((performance.now() - start) * 1e6) / size);
  }
  perCall.sort((x, y) => x - y);
  return perCall[Math.floor(perCall.length / 2)] as number;
}

export function measure(batches = 101, size = 2000): { name: string; baselineNs: number; guardedNs: number; overheadNs: number }[] {
  stubBrowserWork();
  const before = cases().map(([name, run]) => {
    median(run, 5, size); // warm up
    return { name, baselineNs: median(run, batches, size) };
  });
  installGuards({
    config: resolveConfig({ siteId: 'bench', policy: { url: '/privacy', version: '1' } }),
    tracking: resolveTracking({}, catalogEntries()),
    isGranted: (category) => category === 'necessary',
    onChange: noop,
  });
  return cases().map(([name, run], index) => {
    median(run, 5, size);
    const guardedNs = median(run, batches, size);
    const baselineNs = before[index]?.baselineNs ?? 0;
    return { name, baselineNs, guardedNs, overheadNs: Math.max(0, guardedNs - baselineNs) };
  });
}
