/**
 * Renders the dashboard pages to HTML strings from already-queried data: the stats page, the proof page, the site
 * list and the login form. No database access and no request handling here.
 */
import type { ProofV1 } from '../proof/export.js';
import type { ProofCheck } from '../proof/verify.js';
import type { Site } from '../sites.js';
import type { ItemNames } from '../stats/names.js';
import { OVERVIEW_COLUMNS, type OverviewReport } from '../stats/overview.js';
import type { Rates, StatsReport } from '../stats/query.js';
import { CSV_TABLES, type CsvTable } from '../stats/csv.js';
import { numberTexts } from './definitions.js';
import { clinicTime, proofWords, renderShownTexts } from './proof-view.js';
import { escapeHtml as e, page } from './html.js';
import { leaksSection } from './leaks-view.js';
import type { LeakRow } from '../leaks.js';
import { formatsFor, LANG_NAMES, MESSAGES, type Lang, type Messages } from './i18n.js';
import { COLORS, horizontalBars, lineChart, stackedBars } from './svg.js';

function header(lang: Lang, m: Messages, title: string, langHref: (l: Lang) => string, signedIn: boolean): string {
  const others = (Object.keys(LANG_NAMES) as Lang[]).filter((other) => other !== lang);
  return `<h1>${e(title)}</h1>${others.map((other) => `<a href="${e(langHref(other))}" lang="${other}">${LANG_NAMES[other]}</a>`).join('')}` +
    (signedIn ? `<form method="post" action="/dashboard/logout"><button>${e(m.logout)}</button></form>` : '');
}

export function loginPage(lang: Lang, failed: boolean): string {
  const m = MESSAGES[lang];
  const body = `<section><h2>${e(m.login)}</h2><p>${e(m.loginHint)}</p>${failed ? `<p class="bad">${e(m.notVerified)}</p>` : ''}
<form method="post" action="/dashboard/login?lang=${lang}"><label>${e(m.token)}<input name="token" type="password" autocomplete="current-password" required size="50"></label>
<p><button>${e(m.login)}</button></p></form></section>`;
  return page(lang, m.title, header(lang, m, m.title, (l) => `/dashboard?lang=${l}`, false), body);
}

/** The sites a token reads (an agency's group, or all for the admin), one row each, linking to each site's page. */
export function overviewPage(lang: Lang, report: OverviewReport): string {
  const m = MESSAGES[lang];
  const h = OVERVIEW_COLUMNS[lang];
  const f = formatsFor(lang);
  const period = new URLSearchParams({ from: report.from, to: report.to });
  const rows = report.sites.map((s) => `<tr><td><a href="/dashboard/sites/${encodeURIComponent(s.siteId)}?${e(period.toString())}&amp;lang=${lang}">${e(s.name)}</a><br><small>${e(s.siteId)}</small></td>
<td>${s.decisions === 0 ? '–' : e(f.percent(s.consentRate))}</td><td>${e(f.number(s.decisions))}</td><td>${e(f.number(s.withdrawals))}</td><td>${e(f.number(s.receipts))}</td><td>${s.lastReceiptAt ? clinicTime(s.lastReceiptAt, s.timeZone, lang) : '–'}</td></tr>`).join('');
  const csv = `/dashboard/overview.csv?${e(new URLSearchParams({ from: report.from, to: report.to, lang }).toString())}`;
  const body = `<section><h2>${e(m.sites)}</h2><p>${e(m.from)} ${e(report.from)} · ${e(m.to)} ${e(report.to)} · <a href="${csv}">${e(m.exportCsv)}</a></p>
<div class="table" role="region" tabindex="0" aria-label="${e(m.sites)}"><table><thead><tr><th scope="col">${e(h.site)}</th><th scope="col">${e(h.consentRate)}</th><th scope="col">${e(h.decisions)}</th><th scope="col">${e(h.withdrawals)}</th><th scope="col">${e(h.receipts)}</th><th scope="col">${e(h.lastReceipt)}</th></tr></thead>
<tbody>${rows || `<tr><td colspan="6">${e(m.none)}</td></tr>`}</tbody></table></div></section>`;
  return page(lang, m.sites, header(lang, m, m.sites, (l) => `/dashboard?${period.toString()}&lang=${l}`, true), body);
}

const deviceLabel = (m: Messages, key: string): string => (key === 'mobile' || key === 'tablet' || key === 'desktop' ? m[key] : key);

function kpi(label: string, value: string, note: string, definition: string): string {
  return `<div class="kpi"><small>${e(label)}</small><b>${e(value)}</b><small>${e(note)}</small><p class="def">${e(definition)}</p></div>`;
}

function options(values: readonly string[], selected: string | undefined, allLabel: string, label = (v: string) => v): string {
  return `<option value="">${e(allLabel)}</option>${values.map((v) => `<option value="${e(v)}"${v === selected ? ' selected' : ''}>${e(label(v))}</option>`).join('')}`;
}

/**
 * `leaks`: trackers seen loading before consent; `names`: the categories' and services' names as the site's
 * receipts recorded them (an id without one shows as itself); `toOverview`: the reader sees several sites
 * (an admin or a group token), so the page links back to their overview.
 */
export function statsPage(lang: Lang, site: Site, report: StatsReport, facets: { locales: string[]; policyVersions: string[] }, extras: { leaks?: readonly LeakRow[]; names?: ItemNames; toOverview?: boolean } = {}): string {
  const { leaks = [], names, toOverview = false } = extras;
  const m = MESSAGES[lang];
  const q = report.query;
  const params = new URLSearchParams({ from: q.from, to: q.to, ...(q.locale ? { locale: q.locale } : {}), ...(q.policyVersion ? { policyVersion: q.policyVersion } : {}), ...(q.deviceClass ? { deviceClass: q.deviceClass } : {}) });
  const base = `/dashboard/sites/${encodeURIComponent(site.id)}`;
  const t = report.totals;
  const f = formatsFor(lang);
  const rateRows = (rows: ReadonlyArray<{ key: string } & Rates>, label = (k: string) => k) =>
    rows.map((row) => ({ label: label(row.key), value: row.consentRate, note: `(${row.optIn}/${row.decisions})` }));
  const itemRows = (kind: 'category' | 'service') =>
    report.items.filter((i) => i.kind === kind).map((i) => ({ label: names?.[kind].get(i.id) ?? i.id, value: i.rate, note: `(${i.granted}/${i.total})` }));
  const n = numberTexts(lang);
  const tableNames: Record<CsvTable, string> = { summary: n.summary, days: m.byDay, languages: m.byLocale, 'policy-versions': m.byPolicyVersion, devices: m.byDeviceClass, categories: m.categories, services: m.services };
  const csvLinks = CSV_TABLES.map((table) => `<a href="/dashboard/sites/${encodeURIComponent(site.id)}/stats.csv?${e(new URLSearchParams({ ...Object.fromEntries(params), table, lang }).toString())}">${e(tableNames[table])}</a>`);
  // The day's bar is its banner views: decisions take their share of them, the rest is "no choice".
  const share = (d: Rates): number => 1 - d.noChoiceRate;
  const legend = [[m.acceptAll, COLORS.accept], [m.custom, COLORS.custom], [m.rejectAll, COLORS.reject], [n.withdrawn, COLORS.withdrawn], [m.noChoice, COLORS.none]]
    .map(([name, color]) => `<span><i style="background:${color}"></i>${e(name ?? '')}</span>`).join('');
  const body = `${toOverview ? `<p><a href="/dashboard?lang=${lang}">${e(m.sites)}</a></p>` : ''}
<form class="filters" method="get" action="${base}"><input type="hidden" name="lang" value="${lang}">
<label>${e(m.from)}<input type="date" name="from" value="${e(q.from)}"></label><label>${e(m.to)}<input type="date" name="to" value="${e(q.to)}"></label>
<label>${e(m.locale)}<select name="locale">${options(facets.locales, q.locale, m.all)}</select></label>
<label>${e(m.policyVersion)}<select name="policyVersion">${options(facets.policyVersions, q.policyVersion, m.all)}</select></label>
<label>${e(m.deviceClass)}<select name="deviceClass">${options(['mobile', 'tablet', 'desktop'], q.deviceClass, m.all, (v) => deviceLabel(m, v))}</select></label>
<button>${e(m.apply)}</button></form>
<p class="csv">${e(m.exportCsv)}: ${csvLinks.join(' · ')}</p>
<div class="kpis" style="margin-top:1rem">${kpi(m.consentRate, f.percent(t.consentRate), `${f.number(t.optIn)} / ${f.number(t.decisions)} ${n.consentIds}`, n.consentRateDef)}${kpi(m.acceptAll, f.percent(t.acceptAllRate), `${f.number(t.acceptAll)} ${n.consentIds}`, n.acceptAllDef)}${kpi(m.rejectAll, f.percent(t.rejectAllRate), `${f.number(t.rejectAll + t.gpc)} ${n.consentIds}`, n.rejectAllDef)}${kpi(m.custom, f.percent(t.customRate), `${f.number(t.custom)} ${n.consentIds}`, n.customDef)}${kpi(n.withdrawn, f.percent(t.withdrawalRate), `${f.number(t.withdrawals)} ${n.consentIds}`, n.withdrawnDef)}${kpi(m.noChoice, f.percent(t.noChoiceRate), `${f.number(t.impressions)} ${n.views}`, n.noChoiceDef)}</div>
<p><small>${e(n.daysIn.replace('{zone}', report.timeZone))} ${e(m.rawNote)}</small></p>
<section><h2>${e(m.byDay)}</h2>${lineChart(m.byDay, report.byDay.map((d) => ({ label: d.key, value: d.empty ? null : d.consentRate })), n.noData)}</section>
<section><h2>${e(m.outcomesByDay)}</h2><p class="legend">${legend}</p>${stackedBars(m.outcomesByDay, report.byDay.map((d) => ({ label: d.key, parts: d.empty ? null : [
    { name: m.acceptAll, value: d.acceptAllRate * share(d), color: COLORS.accept }, { name: m.custom, value: d.customRate * share(d), color: COLORS.custom },
    { name: m.rejectAll, value: d.rejectAllRate * share(d), color: COLORS.reject }, { name: n.withdrawn, value: d.withdrawalRate * share(d), color: COLORS.withdrawn },
    { name: m.noChoice, value: d.noChoiceRate, color: COLORS.none }] })), n.noData)}</section>
<section><h2>${e(m.byLocale)}</h2>${horizontalBars(m.byLocale, rateRows(report.byLocale))}</section>
<section><h2>${e(m.byPolicyVersion)}</h2>${horizontalBars(m.byPolicyVersion, rateRows(report.byPolicyVersion))}</section>
<section><h2>${e(m.byDeviceClass)}</h2>${horizontalBars(m.byDeviceClass, rateRows(report.byDeviceClass, (k) => deviceLabel(m, k)))}</section>
<section><h2>${e(m.categories)}</h2>${horizontalBars(m.categories, itemRows('category'))}</section>
<section><h2>${e(m.services)}</h2>${horizontalBars(m.services, itemRows('service'))}</section>
${leaksSection(lang, leaks, site.timeZone ?? 'UTC')}
<section><h2>${e(m.proof)}</h2><form method="get" action="${base}/consents"><input type="hidden" name="lang" value="${lang}">
<label>${e(m.consentId)}<input name="consentId" required pattern="[A-Za-z0-9_-]{16,64}" size="40"></label> <button>${e(m.lookup)}</button></form></section>`;
  return page(lang, `${m.title} · ${site.name}`, header(lang, m, `${m.title} · ${site.name}`, (l) => `${base}?${params.toString()}&lang=${l}`, true), body);
}

export function proofPage(lang: Lang, site: Site, proof: ProofV1, check: ProofCheck): string {
  const m = MESSAGES[lang];
  const w = proofWords(lang);
  const zone = site.timeZone ?? 'UTC';
  const base = `/dashboard/sites/${encodeURIComponent(site.id)}`;
  const deviceNote = (ok: boolean | null): string =>
    ok === null ? `<small>${e(m.deviceUnsigned)}</small>` : ok ? `<span class="good">${e(m.deviceSigned)}</span>` : `<span class="bad">${e(m.deviceBad)}</span>`;
  const status = (s: string): string => (s === 'ok' ? `<span class="good">${e(m.ok)}</span>` : `<span class="bad">${e(s === 'pending' ? m.pending : m.fork)}</span>`);
  const rows = proof.receipts.map((r, i) => {
    const c = check.receipts[i];
    const decided = Object.entries(r.receipt.categories).map(([id, d]) => `${e(id)}: ${d.granted ? '✔' : '✘'}`).join(', ') +
      Object.entries(r.receipt.services).map(([id, d]) => `<br><small>${e(id)}${d.thirdParty ? ` (${e(d.thirdParty)}, ${e(d.country ?? '')})` : ''}: ${d.granted ? '✔' : '✘'}</small>`).join('');
    return `<tr><td>${clinicTime(r.receivedAt, zone, lang)}</td><td>${clinicTime(r.receipt.clientTime, zone, lang)}</td><td>${e(w.methods[r.receipt.method] ?? r.receipt.method)}</td><td>${decided}</td><td>${e(r.receipt.policy.version)}</td>
<td>${status(r.chainStatus)}</td><td>${c?.hashOk && c.signatureOk ? `<span class="good">${e(m.verified)}</span>` : `<span class="bad">${e(m.notVerified)}</span>`}<br><small>${e(r.ack.kid)}</small><br>${deviceNote(c?.deviceSignatureOk ?? false)}</td></tr>`;
  }).join('');
  const texts = Object.entries(proof.texts).map(([hash, t]) => `<h3><small>${e(hash)}</small> (${e(t.locale)})</h3>${renderShownTexts(t, lang)}`).join('');
  const problems = check.problems.length ? `<section><h2 class="bad">${e(m.problems)}</h2><ul>${check.problems.map((p) => `<li>${e(p)}</li>`).join('')}</ul></section>` : '';
  const body = `<p><a href="${base}?lang=${lang}">${e(m.back)}</a> · <a href="${base}/proof.json?consentId=${encodeURIComponent(proof.consentId)}" download="proof-${e(proof.consentId)}.json">${e(m.downloadJson)}</a></p>
<p>${e(m.consentId)}: <code>${e(proof.consentId)}</code> · ${e(m.chain)}: ${check.ok ? `<span class="good">${e(m.verified)}</span>` : `<span class="bad">${e(m.notVerified)}</span>`}</p>${problems}
<section><h2>${e(m.history)}</h2><p><small>${e(w.timesIn.replace('{zone}', zone))}</small></p><div class="table" role="region" tabindex="0" aria-label="${e(m.history)}"><table><thead><tr><th>${e(m.received)}</th><th>${e(m.clientTime)}</th><th>${e(m.method)}</th><th></th><th>${e(m.policyVersion)}</th><th>${e(m.chain)}</th><th>${e(m.signature)}</th></tr></thead><tbody>${rows || `<tr><td colspan="7">${e(m.none)}</td></tr>`}</tbody></table></div></section>
<section><h2>${e(m.textsShown)}</h2>${texts || e(m.none)}</section>`;
  const href = (l: Lang) => `${base}/consents?consentId=${encodeURIComponent(proof.consentId)}&lang=${l}`;
  return page(lang, `${m.proof} · ${site.name}`, header(lang, m, `${m.proof} · ${site.name}`, href, true), body);
}
