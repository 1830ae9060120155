// The demo clinic's own script: the language switch (it changes <html lang>, which the consent UI
// follows) and the "what ran" panel that the stand-in trackers write to. Loaded first in <head>, so
// the language is set before the consent loader reads it and before anything is drawn. It runs no
// tracker and sets no cookie, so it may come before the loader.
(function () {
  const offered = ['ko', 'en', 'ja', 'zh-Hans', 'zh-Hant', 'vi', 'th', 'ru', 'mn', 'ar'];

  // Web fonts from @fontsource, as <link>s in <head> before the first paint: these machines have no
  // CJK, Thai or Arabic system fonts. Each family is split by unicode-range, so a page downloads only
  // the subsets its characters need. Noto Sans covers Vietnamese and all of Cyrillic (Mongolian's Ө
  // and Ү are outside Noto Sans KR's Cyrillic subset).
  for (const family of ['kr', 'jp', '', 'sc', 'tc', 'thai', 'arabic']) {
    for (const weight of ['400', '700']) {
      const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: `/node_modules/@fontsource/noto-sans${family && '-'}${family}/${weight}.css` });
      document.head.append(link);
    }
  }
  const fromUrl = new URLSearchParams(location.search).get('lang');
  let saved = null;
  try {
    saved = localStorage.getItem('demo-lang');
  } catch {
    // Storage blocked: the page simply starts in Korean.
  }
  const lang = offered.includes(fromUrl) ? fromUrl : offered.includes(saved) ? saved : 'ko';
  document.documentElement.lang = lang;

  const pending = [];
  function write(kind, message) {
    const list = document.getElementById('demo-log');
    if (!list) {
      pending.push([kind, message]);
      return;
    }
    const item = document.createElement('li');
    item.textContent = `${new Date().toLocaleTimeString()} [${kind}] ${message}`;
    list.append(item);
    showCookies();
  }
  function showCookies() {
    const target = document.getElementById('demo-cookies');
    if (target) target.textContent = document.cookie || '(none)';
  }
  /** Called by the stand-in trackers in demo/trackers/ when they run. */
  window.demoLog = write;

  function setLang(next) {
    document.documentElement.lang = next;
    try {
      localStorage.setItem('demo-lang', next);
    } catch {
      // Not remembered across pages; the switch still works.
    }
    const url = new URL(location.href);
    url.searchParams.set('lang', next);
    history.replaceState(null, '', url);
    for (const button of document.querySelectorAll('[data-set-lang]')) {
      button.setAttribute('aria-pressed', String(button.dataset.setLang === next));
    }
    for (const link of document.querySelectorAll('a[data-keep-lang]')) {
      const target = new URL(link.href);
      target.searchParams.set('lang', next);
      link.href = target.href;
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    setLang(document.documentElement.lang);
    for (const button of document.querySelectorAll('[data-set-lang]')) {
      button.addEventListener('click', () => setLang(button.dataset.setLang));
    }
    for (const [kind, message] of pending.splice(0)) write(kind, message);
    showCookies();
    // Consent changes (and withdrawal clearing cookies) show up in the panel.
    document.addEventListener('clinic-consent:change', (event) => {
      write('consent', `${event.detail.method}: ${JSON.stringify(event.detail.state.categories)}`);
    });
    setInterval(showCookies, 1000);
  });
})();
