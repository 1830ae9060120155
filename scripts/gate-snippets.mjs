#!/usr/bin/env node
// Rewrites the known tracker snippets of an HTML file (a clinic's template) into markup gating:
// `<script type="text/plain" data-consent="analytics">`, `<img|iframe data-consent=… data-src=…>`.
// Gated markup is never requested before consent, not even by Chromium's preload scanner, which
// no JavaScript guard can stop. Trackers are recognised with the SDK's own catalog.
//
//   npm run gate-snippets -- page.html --out gated.html   # gated HTML to a file, a summary on stderr
//   npm run gate-snippets -- page.html --write            # rewrite the file in place
//   node scripts/gate-snippets.mjs page.html > gated.html # stdout (npm run adds its own lines there)
//   npm run gate-snippets -- page.html --skip google-analytics,google-tag-manager   # Consent Mode "advanced"
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const attr = (attrs, name) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
const attrValue = (attrs, name) => {
  const found = attr(attrs, name);
  return found ? (found[1] ?? found[2] ?? found[3] ?? '') : null;
};
const withoutAttr = (attrs, name) => attrs.replace(new RegExp(`\\s${name}(?:\\s*=\\s*(?:"[^"]*"|'[^']*'|[^\\s>]+))?(?=[\\s/>]|$)`, 'i'), '');
// Values come from HTML attributes already (entities intact); only a quote needs escaping.
const escapeAttr = (value) => value.replace(/"/g, '&quot;');
const isRunnable = (type) => type === null || /^(|module|(text|application)\/(x-)?(java|ecma)script)$/i.test(type.trim());
/** Absolute form of a src for matching: protocol-relative and scheme-less hosts included. */
const absolute = (src) => (/^(?:[a-z][\w+.-]*:)?\/\//i.test(src) ? src : '');

/**
 * Gates every tracker snippet in `html`. `match` is the SDK's catalog matcher (guards/match.ts);
 * `skip` lists service ids to leave alone. Returns the new HTML and one line per change.
 */
export function gateSnippets(html, match, skip = []) {
  const changes = [];
  const tracker = (url) => {
    const entry = url ? match.url(url) : undefined;
    return entry && entry.category !== 'necessary' && !skip.includes(entry.service) ? entry : undefined;
  };
  const note = (entry, what) => changes.push(`${entry.service} (${entry.category}): ${what}`);

  let out = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi, (whole, attrs, body) => {
    if (attr(attrs, 'data-consent') || !isRunnable(attrValue(attrs, 'type'))) return whole;
    const src = attrValue(attrs, 'src');
    let entry;
    if (src) entry = tracker(absolute(src));
    else {
      // An inline snippet that loads a tracker names its URL; one that only calls a tracker's
      // global (Naver's wcs_do, Kakao's kakaoPixel) is caught by the catalog's markers.
      const urls = body.match(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s'"`<>)]*/gi) ?? [];
      const marker = match.inline(body, () => false);
      const found = [...urls.map(tracker), marker && !skip.includes(marker.service) ? marker : undefined].filter(Boolean);
      // A block reaching several trackers waits for the strictest of their categories.
      entry = found.find((candidate) => candidate.category === 'marketing') ?? found[0];
    }
    if (!entry) return whole;
    const type = attrValue(attrs, 'type');
    let gated = withoutAttr(attrs, 'type');
    if (type && !/^(text|application)\/(x-)?(java|ecma)script$/i.test(type.trim())) gated += ` data-type="${escapeAttr(type)}"`;
    note(entry, src ? `script ${src}` : 'inline snippet');
    return `<script type="text/plain" data-consent="${entry.category}"${gated}>${body}</script>`;
  });

  out = out.replace(/<(img|iframe)\b([^>]*?)(\/?)>/gi, (whole, tag, attrs, selfClose) => {
    if (attr(attrs, 'data-consent')) return whole;
    const src = attrValue(attrs, 'src');
    const entry = src ? tracker(absolute(src.replace(/&amp;/g, '&'))) : undefined;
    if (!entry) return whole;
    note(entry, `${tag.toLowerCase()} ${src}`);
    return `<${tag} data-consent="${entry.category}" data-src="${escapeAttr(src)}"${withoutAttr(withoutAttr(attrs, 'src'), 'srcset')}${selfClose}>`;
  });
  return { html: out, changes };
}

async function main(argv) {
  const valueOf = (flag) => (argv.includes(flag) ? (argv[argv.indexOf(flag) + 1] ?? '') : null);
  const file = argv.find((arg, index) => !arg.startsWith('--') && !['--skip', '--out'].includes(argv[index - 1] ?? ''));
  const out = valueOf('--out');
  if (!file || out === '' || (out !== null && argv.includes('--write'))) {
    console.error('usage: gate-snippets <page.html> [--out <gated.html> | --write] [--skip service,service]');
    return 2;
  }
  const skip = (valueOf('--skip') ?? '').split(',').filter(Boolean);
  // The catalog is TypeScript in src/; tsx (a devDependency) loads it without a build.
  const { tsImport } = await import('tsx/esm/api');
  const here = fileURLToPath(import.meta.url);
  const { createMatcher } = await tsImport('../src/blockers/guards/match.ts', here);
  const { catalogEntries } = await tsImport('../src/blockers/trackers.ts', here);
  const path = resolve(file);
  const { html, changes } = gateSnippets(await readFile(path, 'utf8'), createMatcher(catalogEntries()), skip);
  for (const change of changes) console.error(`gated ${change}`);
  console.error(changes.length ? `${changes.length} tracker snippet part(s) gated.` : 'no known tracker snippet found.');
  if (argv.includes('--write')) await writeFile(path, html);
  else if (out !== null) await writeFile(resolve(out), html);
  else process.stdout.write(html);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`gate-snippets: ${error.message}`);
      process.exit(1);
    },
  );
}
