// The guards in a real Chromium: a stand-in tracker (a clinic entry for this server's fixtures
// folder) is held, dropped, released in order and silenced again, while the page's own scripts,
// requests and cookies pass untouched.
import { expect } from '@open-wc/testing';
import { installGuards } from '../../../src/blockers/guards/index.js';
import { requested, standIn, testContext, until } from './fixtures/context.js';

const context = testContext();
installGuards(context);

const runs = () => window.__trackerRuns ?? [];
const cookieNames = () => document.cookie.split(';').map((pair) => pair.split('=')[0]?.trim());

describe('tracker guards', () => {
  beforeEach(() => {
    context.deny('marketing');
    window.__trackerRuns = [];
  });

  it('holds dynamically inserted tracker scripts and runs them once, in order, when granted', async () => {
    const a = document.createElement('script');
    a.src = standIn('a.js');
    document.head.appendChild(a);
    const b = document.createElement('script');
    b.setAttribute('src', standIn('b.js'));
    document.body.append(b);
    const own = document.createElement('script');
    own.src = '/test/browser/blockers/fixtures/own.js';
    const ownLoaded = new Promise((resolve) => own.addEventListener('load', resolve));
    document.head.insertBefore(own, document.head.firstChild);
    await ownLoaded;
    expect(runs(), 'only the page script ran before consent').to.deep.equal(['own']);
    expect(requested(a.src) + requested(b.src), 'no tracker script was even fetched').to.equal(0);

    context.grant('marketing');
    await until(() => runs().length === 3, 'both trackers to run');
    expect(runs()).to.deep.equal(['own', 'a', 'b']);
    context.grant('marketing');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runs(), 'each ran once').to.deep.equal(['own', 'a', 'b']);
  });

  it('holds tracker scripts inserted through replaceChildren or a Range\'s insertNode and surroundContents, which the browser starts at once', async () => {
    // Regression: only the insertion methods the guards patched were checked synchronously; the others
    // were left to the parser's observer, which runs a microtask after the browser has started the script.
    const hosts = [0, 1, 2, 3].map(() => document.body.appendChild(document.createElement('div')));
    const viaReplace = document.createElement('script');
    viaReplace.src = standIn('a.js');
    hosts[0]?.replaceChildren(viaReplace);
    const fragment = document.createDocumentFragment();
    const viaFragment = document.createElement('script');
    viaFragment.src = standIn('b.js');
    fragment.replaceChildren(viaFragment);
    hosts[1]?.replaceChildren(fragment);
    const viaRange = document.createElement('script');
    viaRange.src = standIn('c.js');
    const range = document.createRange();
    range.selectNodeContents(hosts[2] as HTMLElement);
    range.insertNode(viaRange);
    // The script becomes the parent of the range's contents, and is inserted where they were.
    const viaSurround = document.createElement('script');
    viaSurround.src = standIn('d.js');
    const around = document.createRange();
    around.selectNodeContents(hosts[3] as HTMLElement);
    around.surroundContents(viaSurround);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runs(), 'no tracker ran before consent').to.deep.equal([]);
    expect([viaReplace, viaFragment, viaRange, viaSurround].map((script) => requested(script.src)), 'none was fetched').to.deep.equal([0, 0, 0, 0]);

    context.grant('marketing');
    await until(() => runs().length === 4, 'the four trackers to run');
    expect(runs()).to.deep.equal(['a', 'b', 'c', 'd']);
    hosts.forEach((host) => host.remove());
  });

  it('drops tracker pixels written through a shadow root\'s HTML, setHTMLUnsafe or a contextual fragment', async () => {
    // Regression: only Element's innerHTML, outerHTML and insertAdjacentHTML were swept; an image the
    // other HTML sinks create starts its request as soon as it exists, connected or not.
    const host = document.body.appendChild(document.createElement('div'));
    const shadow = host.attachShadow({ mode: 'open' });
    const pixels = [0, 1, 2, 3].map(() => standIn('pixel.gif'));
    shadow.innerHTML = `<img src="${pixels[0]}">`;
    shadow.append(document.createElement('span'));
    (shadow.lastChild as Element).setHTMLUnsafe(`<img src="${pixels[1]}">`);
    const fragment = document.createRange().createContextualFragment(`<img src="${pixels[2]}">`);
    host.append(fragment);
    const detached = document.createElement('div');
    detached.setHTMLUnsafe(`<p><img src="${pixels[3]}"></p>`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pixels.map(requested), 'no pixel request left the page').to.deep.equal([0, 0, 0, 0]);
    host.remove();
  });

  it('holds a script whose src is set after it was inserted', async () => {
    const script = document.createElement('script');
    document.head.appendChild(script);
    script.src = standIn('a.js');
    expect(script.type).to.equal('text/plain');
    context.grant('marketing');
    await until(() => runs().includes('a'), 'the late-src tracker to run');
  });

  it('holds an inline call of a held tracker\'s global until the tracker has run, instead of letting it throw', async () => {
    const loader = document.createElement('script');
    loader.src = standIn('define-global.js');
    document.head.appendChild(loader);
    const call = document.createElement('script');
    call.text = `standInPixel('1234').pageView();`;
    document.head.appendChild(call);
    expect(runs()).to.deep.equal([]);
    context.grant('marketing');
    await until(() => runs().includes('pageView 1234'), 'the call to run after its tracker');
    expect(runs()).to.deep.equal(['defined', 'pageView 1234']);
  });

  it('drops tracker pixels, fetch, XHR and sendBeacon before consent and after withdrawal', async () => {
    const image = new Image();
    const pixel = standIn('pixel.gif');
    image.src = pixel;
    const beacon = standIn('pixel.gif');
    expect(navigator.sendBeacon(beacon, 'x'), 'looks queued to the tracker').to.equal(true);
    const fetched = standIn('pixel.gif');
    const response = await fetch(fetched);
    expect(response.status).to.equal(204);
    const xhrUrl = standIn('pixel.gif');
    const xhr = new XMLHttpRequest();
    xhr.open('GET', xhrUrl);
    xhr.send();
    const holder = document.createElement('div');
    const viaHtml = standIn('pixel.gif');
    holder.innerHTML = `<img src="${viaHtml}">`;
    document.body.append(holder);
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const url of [pixel, beacon, fetched, xhrUrl, viaHtml]) expect(requested(url), url).to.equal(0);
    holder.remove();

    context.grant('marketing');
    const allowed = standIn('pixel.gif');
    expect((await fetch(allowed)).status).to.equal(200);
    context.deny('marketing');
    const silenced = standIn('pixel.gif');
    expect((await fetch(silenced)).status, 'silenced after withdraw').to.equal(204);
    expect(requested(silenced)).to.equal(0);
  });

  it('keeps guarding when a tracker wraps fetch again, or borrows APIs from a fresh iframe', async () => {
    const guarded = window.fetch;
    window.fetch = function (...args: Parameters<typeof fetch>) {
      return guarded.apply(this, args);
    };
    try {
      expect((await fetch(standIn('pixel.gif'))).status).to.equal(204);
    } finally {
      window.fetch = guarded;
    }
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const borrowed = frame.contentWindow as Window & typeof globalThis;
    const url = standIn('pixel.gif');
    expect(borrowed.navigator.sendBeacon(url, 'x')).to.equal(true);
    const image = new borrowed.Image();
    image.src = url;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(requested(url) + borrowed.performance.getEntriesByName(url).length).to.equal(0);
    frame.remove();
  });

  it('drops tracker cookie writes until granted, and clears them when the category is withdrawn', async () => {
    document.cookie = '_standin_id=1; path=/';
    document.cookie = 'own_pref=ko; path=/';
    expect(cookieNames()).not.to.include('_standin_id');
    expect(cookieNames(), 'the page cookie is untouched').to.include('own_pref');
    localStorage.setItem('standin.visits', '1');

    context.grant('marketing');
    document.cookie = '_standin_id=1; path=/';
    expect(cookieNames()).to.include('_standin_id');

    context.deny('marketing');
    expect(cookieNames(), 'cleared on withdraw').not.to.include('_standin_id');
    expect(localStorage.getItem('standin.visits'), 'named storage cleared').to.equal(null);
    document.cookie = '_standin_id=2; path=/';
    expect(cookieNames(), 'a running tracker cannot set it again').not.to.include('_standin_id');
    expect(cookieNames()).to.include('own_pref');
    document.cookie = 'own_pref=; max-age=0; path=/';
  });

  it('lets the page\'s own requests and elements through unchanged', async () => {
    const response = await fetch('/test/browser/blockers/fixtures/pixel.gif');
    expect(response.status).to.equal(200);
    const image = new Image();
    image.src = '/test/browser/blockers/fixtures/pixel.gif?own';
    expect(image.getAttribute('src')).to.equal('/test/browser/blockers/fixtures/pixel.gif?own');
    const script = document.createElement('script');
    script.src = '/test/browser/blockers/fixtures/own.js?again';
    document.head.appendChild(script);
    expect(script.type).to.equal('');
  });
});
