// Rewrites the known tracker snippets of an HTML file (a clinic's template) into markup gating:
// `<script type="text/plain" data-consent="analytics">`, `<img|iframe data-consent=… data-src=…>`.
// Gated markup is never requested before consent, not even by Chromium's preload scanner, which
// no JavaScript guard can stop. Trackers are recognised with the SDK's own catalog, which the caller
// passes in: `npm run gate-snippets` loads it from src/ (scripts/gate-snippets.mjs), the packaged
// `clinic-consent gate` command has it bundled (src/cli/index.ts).
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

const attr = (attrs, name) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
/** The value of attribute `name` in a tag's attribute text, as written (entities intact); null when absent. */
export const attrValue = (attrs, name) => {
  const found = attr(attrs, name);
  return found ? (found[1] ?? found[2] ?? found[3] ?? '') : null;
};
const withoutAttr = (attrs, name) => attrs.replace(new RegExp(`\\s${name}(?:\\s*=\\s*(?:"[^"]*"|'[^']*'|[^\\s>]+))?(?=[\\s/>]|$)`, 'i'), '');
// Values come from HTML attributes already (entities intact); only a quote needs escaping.
const escapeAttr = (value) => value.replace(/"/g, '&quot;');
/** Whether a `<script type>` (null: no type attribute) makes the browser run, and preload, the script. */
export const isRunnable = (type) => type === null || /^(|module|(text|application)\/(x-)?(java|ecma)script)$/i.test(type.trim());
/** Absolute form of a src for matching: protocol-relative and scheme-less hosts included. */
export const absolute = (src) => (/^(?:[a-z][\w+.-]*:)?\/\//i.test(src) ? src : '');

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

/**
 * The command: `<page.html> [--out <gated.html> | --write] [--skip service,service]`, with `usage`
 * naming the command in its usage line. Gated HTML goes to the file or stdout, one line per change
 * to stderr. Returns the exit code (2 for a wrong command line).
 */
export async function gateCommand(argv, match, usage = 'gate-snippets') {
  const valueOf = (flag) => (argv.includes(flag) ? (argv[argv.indexOf(flag) + 1] ?? '') : null);
  const file = argv.find((arg, index) => !arg.startsWith('--') && !['--skip', '--out'].includes(argv[index - 1] ?? ''));
  const out = valueOf('--out');
  if (!file || out === '' || (out !== null && argv.includes('--write'))) {
    console.error(`usage: ${usage} <page.html> [--out <gated.html> | --write] [--skip service,service]`);
    return 2;
  }
  const skip = (valueOf('--skip') ?? '').split(',').filter(Boolean);
  const path = resolve(file);
  const { html, changes } = gateSnippets(await readFile(path, 'utf8'), match, skip);
  for (const change of changes) console.error(`gated ${change}`);
  console.error(changes.length ? `${changes.length} tracker snippet part(s) gated.` : 'no known tracker snippet found.');
  if (argv.includes('--write')) await writeFile(path, html);
  else if (out !== null) await writeFile(resolve(out), html);
  else process.stdout.write(html);
  return 0;
}
