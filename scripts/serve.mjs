// A small static server for the demo clinic site and the end-to-end test pages, on 127.0.0.1
// (IndexedDB and secure-context APIs need an http origin, not file://).
// An HTML file that contains the placeholder {{nonce}} is served with a strict header
// Content-Security-Policy built around a fresh nonce, so pages can prove the SDK works under it.
// Only listed folders are served: the repository also holds the collector's secrets (data/), its
// sources and git metadata, none of which a browser must ever read.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const mimeTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** The policy the strict test pages and the demo run under; `extraConnect` adds e.g. the collector. */
export function strictPolicy(nonce, extraConnect = []) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${extraConnect.join(' ')}`.trim(),
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types clinic-consent lit-html',
  ].join('; ');
}

/** What the demo needs: its pages, the built SDK, and the Korean and Japanese web fonts. */
export const DEMO_FOLDERS = ['demo', 'dist', 'node_modules/@fontsource'];
/** The end-to-end suite also loads its own pages from test/e2e/. */
export const E2E_FOLDERS = [...DEMO_FOLDERS, 'test/e2e'];

/** True when `path` (absolute, normalized) lies inside one of `folders` under `root`. */
function isServed(root, path, folders) {
  const inside = relative(root, path).split(sep).join('/');
  return folders.some((folder) => inside === folder || inside.startsWith(`${folder}/`));
}

/**
 * Creates (does not start) the server. Only files inside `folders` (relative to `root`) are answered. `routes` may answer a request first: return true when handled.
 * @param {{ root?: string, folders?: string[], connectSources?: string[], routes?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean | Promise<boolean> }} options
 */
export function createSiteServer({ root = repoRoot, folders = DEMO_FOLDERS, connectSources = [], routes } = {}) {
  return createServer(async (req, res) => {
    try {
      if (routes && (await routes(req, res))) return;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/') {
        res.writeHead(302, { location: '/demo/' }).end();
        return;
      }
      let path = normalize(join(root, decodeURIComponent(url.pathname)));
      if (!isServed(root, path, folders)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      if ((await stat(path).catch(() => null))?.isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path).catch(() => null);
      if (!body) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const headers = { 'content-type': mimeTypes[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      if (extname(path) === '.html' && body.includes('{{nonce}}')) {
        const nonce = randomBytes(16).toString('base64');
        headers['content-security-policy'] = strictPolicy(nonce, connectSources);
        res.writeHead(200, headers).end(body.toString('utf8').replaceAll('{{nonce}}', nonce));
        return;
      }
      res.writeHead(200, headers).end(body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[process.argv.indexOf('--port') + 1]) || 4173;
  const folders = process.argv.includes('--e2e') ? E2E_FOLDERS : DEMO_FOLDERS;
  createSiteServer({ folders }).listen(port, '127.0.0.1', () =>
    console.log(`serving ${folders.join(', ')} of ${repoRoot} at http://127.0.0.1:${port}/`),
  );
}
