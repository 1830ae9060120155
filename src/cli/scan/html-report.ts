// The scan report as one self-contained HTML file: inline CSS, no script, and a CSP that allows
// nothing else, so the file can be mailed to a privacy officer and opened anywhere. Every text that
// comes from the site (titles, URLs, cookie names, labels) is escaped: a hostile page title is
// shown as text, never run.
import type { CookieReport, Leak, PageReport, PassReport, ScanReport } from './report.js';

export const escapeHtml = (value: unknown) =>
  String(value).replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);

/** A tagged template that escapes every interpolated value unless it is already markup (Html). */
class Html {
  constructor(readonly text: string) {}
  toString() {
    return this.text;
  }
}
const html = (strings: TemplateStringsArray, ...values: unknown[]) =>
  new Html(strings.reduce((out, part, index) => out + part + (index < values.length ? render(values[index]) : ''), ''));
const render = (value: unknown): string => (value instanceof Html ? value.text : Array.isArray(value) ? value.map(render).join('') : value === undefined || value === null ? '' : escapeHtml(value));

const CSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans KR","Noto Sans JP",sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:1.6rem;margin:0 0 4px}h2{font-size:1.25rem;margin:32px 0 8px;border-bottom:2px solid #d0d5dd;padding-bottom:4px}
h3{font-size:1.05rem;margin:20px 0 6px;word-break:break-all}
.meta{color:#475467;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{background:#fff;border:1px solid #d0d5dd;border-radius:8px;padding:10px 16px;min-width:130px}
.card b{display:block;font-size:1.5rem}
.card.bad{border-color:#d92d20;background:#fef3f2}.card.good{border-color:#079455;background:#ecfdf3}
.leak{background:#fff;border:1px solid #fda29b;border-inline-start:6px solid #d92d20;border-radius:6px;padding:10px 14px;margin:10px 0}
.leak p{margin:4px 0}.fix{color:#344054}
.ok{background:#ecfdf3;border:1px solid #75e0a7;border-radius:6px;padding:10px 14px}
table{border-collapse:collapse;width:100%;background:#fff;margin:6px 0 12px;font-size:.9rem}
th,td{border:1px solid #d0d5dd;padding:4px 8px;text-align:start;vertical-align:top;word-break:break-all}
th{background:#eef1f5}
code,pre{font-family:ui-monospace,Consolas,monospace;font-size:.85rem}
pre{background:#fff;border:1px solid #d0d5dd;border-radius:6px;padding:12px;overflow:auto}
.tag{display:inline-block;border-radius:4px;padding:0 6px;font-size:.8rem;background:#eef1f5}
.tag.marketing{background:#fee4e2}.tag.analytics{background:#fef0c7}.tag.unknown{background:#e9d7fe}
details{margin:8px 0}summary{cursor:pointer;font-weight:600}
`;

const tag = (category: string | undefined) => html`<span class="tag ${category ?? 'unknown'}">${category ?? 'unknown'}</span>`;

function leakBlock(leak: Leak) {
  const where = leak.kind === 'markup' ? html`<b>Line ${leak.line}</b> · <code>&lt;${leak.tag}&gt;</code> <code>${leak.url}</code>` : leak.kind === 'cookie' ? html`cookie <code>${leak.cookie}</code>` : html`<code>${leak.url}</code>`;
  return html`<div class="leak"><p><b>${leak.service}</b> ${tag(leak.category)} · ${where}</p><p>${leak.text}</p><p class="fix"><b>Fix:</b> ${leak.fix}</p></div>`;
}

const cookieRows = (cookies: readonly CookieReport[]) =>
  cookies.length
    ? html`<table><tr><th>cookie</th><th>domain</th><th>party</th><th>expires</th><th>service</th><th>set by</th></tr>${cookies.map(
        (cookie) => html`<tr><td><code>${cookie.name}</code></td><td>${cookie.domain}</td><td>${cookie.party}</td><td>${cookie.expires}</td><td>${cookie.service}</td><td>${cookie.setBy}</td></tr>`,
      )}</table>`
    : html`<p>No cookies.</p>`;

const passBlock = (title: string, pass: PassReport) => html`<h4>${title}</h4>
  ${cookieRows(pass.cookies)}
  ${pass.resources.length
    ? html`<table><tr><th>script, pixel or tracker request</th><th>type</th><th>service</th></tr>${pass.resources.map((resource) => html`<tr><td><code>${resource.url}</code></td><td>${resource.type}</td><td>${resource.service} ${tag(resource.category)}</td></tr>`)}</table>`
    : html`<p>No third-party scripts, pixels or tracker requests.</p>`}
  <p>Third-party hosts: ${pass.thirdPartyHosts.length ? pass.thirdPartyHosts.join(', ') : 'none'}.</p>`;

function pageBlock(page: PageReport) {
  const loader = page.loader.found
    ? page.loader.first
      ? html`The Clinic Consent loader is first in &lt;head&gt; (line ${page.loader.line}).`
      : html`The loader is at line ${page.loader.line}, but ${page.loader.before.length ? html`these scripts run before it: <code>${page.loader.before.join(', ')}</code>` : html`not in &lt;head&gt;`}.`
    : html`<b>No Clinic Consent loader on this page.</b>`;
  return html`<details><summary>${page.title || '(no title)'} — <code>${page.url}</code></summary>
  <p>HTTP ${page.status}. ${loader}</p>
  ${page.sensitiveFields.length ? html`<p>Asks for: ${page.sensitiveFields.map((field) => `${field.kind} (“${field.field}”)`).join(', ')}.</p>` : ''}
  ${passBlock('Before any choice', page.beforeChoice)}
  ${passBlock(page.afterAccept.accepted ? 'After “accept all”' : 'Second visit (no banner to accept)', page.afterAccept)}
  </details>`;
}

export function htmlReport(report: ScanReport): string {
  const byPage = new Map<string, Leak[]>();
  for (const leak of report.leaks) byPage.set(leak.page, [...(byPage.get(leak.page) ?? []), leak]);
  const body = html`<main>
<h1>What ${report.site} does before and after consent</h1>
<p class="meta">Scanned ${report.scannedAt} by ${report.tool.name} ${report.tool.version} · ${report.summary.pages} page(s), each opened twice in a fresh browser: before any choice, and after “accept all”.</p>
<div class="cards">
  <div class="card ${report.leaks.length ? 'bad' : 'good'}"><b>${report.leaks.length}</b>leak(s) before consent</div>
  <div class="card"><b>${report.summary.trackers}</b>tracker service(s)</div>
  <div class="card"><b>${report.summary.unknownHosts}</b>unknown host(s)</div>
  <div class="card"><b>${report.summary.sensitivePages}</b>page(s) with a sensitive form</div>
  <div class="card"><b>${report.summary.pages}</b>page(s) scanned</div>
</div>
<h2>Leaks: what reaches a tracker before the patient chooses</h2>
${report.leaks.length
  ? [...byPage].map(([page, leaks]) => html`<h3>${page}</h3>${leaks.map(leakBlock)}`)
  : html`<p class="ok">Nothing reached a tracker and no tracker cookie was set before a choice, on every page scanned.</p>`}
<h2>Trackers</h2>
${report.trackers.length
  ? html`<table><tr><th>service</th><th>category</th><th>recipient</th><th>country</th><th>hosts</th><th>cookies</th><th>pages before a choice</th><th>pages after accept</th></tr>${report.trackers.map(
      (tracker) => html`<tr><td>${tracker.name}<br><code>${tracker.service}</code></td><td>${tag(tracker.category)}</td><td>${tracker.thirdParty}</td><td>${tracker.country}</td><td>${tracker.hosts.join(', ')}</td><td>${tracker.cookies.join(', ')}</td><td>${tracker.beforeChoice.length}</td><td>${tracker.afterAccept.length}</td></tr>`,
    )}</table>`
  : html`<p>No tracker from the catalog was seen.</p>`}
<h2>Hosts and cookies to classify</h2>
<p>These are not in the tracker catalog. The scanner does not guess: tell Clinic Consent what they are (config <code>tracking.entries</code> for trackers, a service in <code>categories</code> for the disclosure table).</p>
${report.unknownHosts.length ? html`<table><tr><th>third-party host</th><th>pages</th></tr>${report.unknownHosts.map((host) => html`<tr><td>${host.host}</td><td>${host.pages.join(', ')}</td></tr>`)}</table>` : html`<p>No unknown third-party host.</p>`}
${report.unknownCookies.length ? html`<table><tr><th>cookie</th><th>domain</th><th>party</th><th>pages</th></tr>${report.unknownCookies.map((cookie) => html`<tr><td><code>${cookie.name}</code></td><td>${cookie.domain}</td><td>${cookie.party}</td><td>${cookie.pages.join(', ')}</td></tr>`)}</table>` : html`<p>No unclassified cookie.</p>`}
<h2>Forms asking for personal or health details</h2>
${report.sensitivePaths.length
  ? html`<p>Candidates for <code>tracking.sensitivePaths</code> (no tracker runs there, whatever the consent):</p><table><tr><th>path</th><th>fields</th></tr>${report.sensitivePaths.map((entry) => html`<tr><td><code>${entry.path}</code></td><td>${entry.fields.map((field) => `${field.kind}: ${field.field}`).join('; ')}</td></tr>`)}</table>`
  : html`<p>No form asking for a name, phone number, birth date or health details.</p>`}
<h2>Draft config</h2>
<p>The services found, by category, with their recipients and cookies, ready for the JSON config block (it passes <code>npx clinic-consent check</code>). Replace <code>siteId</code> and <code>policy</code> with yours; fill in the purposes.</p>
<pre>${JSON.stringify(report.draftConfig, null, 2)}</pre>
<h2>Pages</h2>
${report.pages.map(pageBlock)}
${report.skipped.length ? html`<h2>Not scanned</h2><table><tr><th>page</th><th>why</th></tr>${report.skipped.map((entry) => html`<tr><td>${entry.url}</td><td>${entry.reason}</td></tr>`)}</table>` : ''}
</main>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Clinic Consent scan: ${escapeHtml(report.site)}</title>
<style>${CSS}</style>
</head>
<body>
${body.text}
</body>
</html>
`;
}
