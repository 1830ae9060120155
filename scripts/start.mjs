// `npm start` (after the build): the collector on an embedded PostgreSQL, and the demo clinic site
// beside it, wired together: the demo's receipts go to /v1/receipts on its own origin, which this
// server passes on to the collector. Prints the URLs, and stops both cleanly on Ctrl+C.
import { request } from 'node:http';
import { register } from 'tsx/esm/api';
import { createSiteServer } from './serve.mjs';
import { stampDemoConfig } from './stamp-demo.mjs';

register();
const { startCollector } = await import('../collector/src/start.ts');

const demoPort = Number(process.env.DEMO_PORT ?? 8080);
const collectorPort = Number(process.env.COLLECTOR_PORT ?? 8787);
let collector = null;

/** Same-origin /v1/ for the demo page: forwards to the collector, keeping method, headers and body. */
function forwardToCollector(req, res) {
  if (!req.url?.startsWith('/v1/')) return false;
  if (!collector) {
    res.writeHead(503, { 'content-type': 'text/plain' }).end('collector starting');
    return true;
  }
  const target = new URL(req.url, collector.url);
  const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.writeHead(502, { 'content-type': 'text/plain' }).end('collector unreachable'));
  req.pipe(upstream);
  return true;
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server.address().port));
  }).catch((error) => {
    if (error.code !== 'EADDRINUSE' || port === 0) throw error;
    console.log(`port ${port} is busy; using a free one (set DEMO_PORT to choose)`);
    return listen(server, 0);
  });
}

// Checked at build time, as a clinic's build would: the demo then loads no runtime config checker.
await stampDemoConfig();
const site = createSiteServer({ routes: forwardToCollector });
const port = await listen(site, demoPort);
const demoOrigins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
try {
  collector = await startCollector({ port: collectorPort, siteOrigins: demoOrigins });
} catch (error) {
  console.error(`The collector could not start: ${error.message}`);
  site.close();
  process.exit(1);
}

console.log(`
Clinic Consent is running.
  Demo clinic site   ${demoOrigins[0]}/demo/
  Dashboard          ${collector.dashboardUrl}
  Admin login        ${collector.adminLogin}
  Signing keys       ${collector.publicKeyUrl}
Receipts from the demo go to ${demoOrigins[0]}/v1/receipts and on to the collector (site id "${collector.siteId}").
Press Ctrl+C to stop.`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  site.close();
  await collector.close().catch((error) => console.error(`stopping the collector: ${error.message}`));
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
