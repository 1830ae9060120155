// The benchmark's own origin on 127.0.0.1: one fixture page per adapter at /bench/page/<id>, the slow
// image, and the peers' files (node_modules/, dist/, .tmp/bench/) as static files from the repo root.
// No CSP on these pages: the peers inject inline styles, and the comparison must not break them.
import { createSiteServer } from '../scripts/serve.mjs';
import { SLOW_IMAGE_MS, renderPage } from './page.mjs';

const slowImage = `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="360"><rect width="960" height="360" fill="#cfe3e8"/></svg>`;

/**
 * Starts the server on a free port.
 * @param {import('./adapters/index.mjs').Adapter[]} adapters
 * @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function startBenchServer(adapters) {
  const byId = new Map(adapters.map((adapter) => [adapter.id, adapter]));
  const server = createSiteServer({
    folders: ['dist', 'node_modules', '.tmp/bench'],
    routes(req, res) {
      const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
      const page = /^\/bench\/page\/([\w-]+)$/.exec(pathname);
      if (page) {
        const adapter = byId.get(page[1] ?? '');
        if (!adapter) return false;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(renderPage(adapter.page()));
        return true;
      }
      if (pathname === '/bench/slow.svg') {
        setTimeout(() => res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'no-store' }).end(slowImage), SLOW_IMAGE_MS);
        return true;
      }
      if (pathname === '/privacy') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Privacy policy</title><h1>Privacy policy</h1>');
        return true;
      }
      return false;
    },
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}
