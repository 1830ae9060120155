// Serves the scan fixture site (test/e2e/scan/site/) at the root of its own origin on 127.0.0.1,
// with the built loader under /dist/, a first-party Set-Cookie on the booking page, a page that never
// answers (/broken.html), and a log of
// every path asked for (so a test can prove robots.txt kept the scanner out of a page).
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
const site = resolve(import.meta.dirname, 'site');
const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.txt': 'text/plain; charset=utf-8' };

export interface FixtureSite {
  readonly origin: string;
  /** Decoded paths requested so far, in order. */
  readonly requested: string[];
  close(): Promise<void>;
}

export async function serveFixtureSite(): Promise<FixtureSite> {
  const requested: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    requested.push(path);
    // A page whose server drops the connection: the scan must note it and go on.
    if (path === '/broken.html') return void req.socket.destroy();
    let file = path.startsWith('/dist/') ? join(root, path) : join(site, path);
    if (!file.startsWith(path.startsWith('/dist/') ? join(root, 'dist') : site)) return void res.writeHead(404).end();
    if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file).catch(() => null);
    if (!body) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const headers: Record<string, string> = { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
    if (path === '/예약/') headers['set-cookie'] = 'booking_session=b-1; Path=/; HttpOnly; SameSite=Lax';
    res.writeHead(200, headers).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requested,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
