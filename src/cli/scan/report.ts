// Turns the two visits of each page into the scan report: leaks first (what reached a tracker
// before the patient chose, with the line to fix when the HTML itself asks for it), then per page
// and per tracker, the hosts nobody has classified, the forms that make a page sensitive, and a
// draft config. Pure: the same visits give the same report, which the unit tests rely on.
import type { Matcher } from '../../blockers/guards/match.js';
import type { TrackerEntry } from '../../config/tracking.js';
import { CHOICE_COOKIE } from '../../storage/choice-cookie.js';
import { sensitiveFields, type SensitiveField } from './forms.js';
import { loaderPosition, preloadFindings, type LoaderPosition, type MarkupFinding } from './markup.js';
import { VENDORS } from './vendors.js';
import type { CookieSeen, Visit } from './visit.js';

export interface Leak {
  readonly page: string;
  readonly service: string;
  readonly category: string;
  /** markup: written in the HTML (preload); request: sent by a script; cookie: a tracker cookie set. */
  readonly kind: 'markup' | 'request' | 'cookie';
  readonly url?: string;
  readonly line?: number;
  readonly tag?: string;
  readonly cookie?: string;
  readonly setBy?: string;
  /** What happened, in plain words. */
  readonly text: string;
  /** What to change. */
  readonly fix: string;
}

export interface CookieReport {
  readonly name: string;
  readonly domain: string;
  readonly expires: string;
  readonly party: 'first' | 'third';
  readonly service: string;
  readonly setBy: string;
}

export interface ResourceReport {
  readonly url: string;
  readonly type: string;
  /** The catalog service, or "unknown". */
  readonly service: string;
  readonly category?: string;
}

export interface PassReport {
  readonly cookies: readonly CookieReport[];
  readonly thirdPartyHosts: readonly string[];
  /** Third-party scripts and pixels, and every request to a tracker host. */
  readonly resources: readonly ResourceReport[];
}

export interface PageReport {
  readonly url: string;
  readonly title: string;
  readonly status: number;
  readonly loader: LoaderPosition;
  readonly markup: readonly MarkupFinding[];
  readonly beforeChoice: PassReport;
  readonly afterAccept: PassReport & { readonly accepted: boolean };
  readonly sensitiveFields: readonly SensitiveField[];
}

export interface TrackerReport {
  readonly service: string;
  readonly category: string;
  readonly name: string;
  readonly thirdParty: string;
  readonly country: string;
  readonly hosts: readonly string[];
  readonly cookies: readonly string[];
  readonly beforeChoice: readonly string[];
  readonly afterAccept: readonly string[];
}

export interface ScanReport {
  readonly tool: { readonly name: 'clinic-consent scan'; readonly version: string; readonly userAgent: string };
  readonly site: string;
  readonly scannedAt: string;
  readonly summary: { readonly pages: number; readonly leaks: number; readonly trackers: number; readonly unknownHosts: number; readonly sensitivePages: number };
  readonly leaks: readonly Leak[];
  readonly trackers: readonly TrackerReport[];
  readonly unknownHosts: readonly { readonly host: string; readonly pages: readonly string[] }[];
  readonly unknownCookies: readonly { readonly name: string; readonly domain: string; readonly party: 'first' | 'third'; readonly pages: readonly string[] }[];
  readonly sensitivePaths: readonly { readonly path: string; readonly page: string; readonly fields: readonly SensitiveField[] }[];
  readonly pages: readonly PageReport[];
  readonly skipped: readonly { readonly url: string; readonly reason: string }[];
  readonly draftConfig: Record<string, unknown>;
}

export interface ScannedPage {
  readonly url: string;
  readonly before: Visit;
  readonly after: Visit;
}

/** The site's own hosts: the start host, with and without "www.", and their subdomains. */
export function siteHosts(startHost: string): (host: string) => boolean {
  const base = startHost.toLowerCase().replace(/^www\./, '');
  return (host) => {
    const name = host.toLowerCase().replace(/^\./, '');
    return name === base || name.endsWith(`.${base}`) || base.endsWith(`.${name}`);
  };
}

const trackerOf = (entry: TrackerEntry | undefined) => (entry && entry.category !== 'necessary' ? entry : undefined);
const unique = <T>(items: Iterable<T>) => [...new Set(items)];
/** The tracker a cookie belongs to: by its name, or by the tracker domain it is set on. */
const cookieTracker = (cookie: { name: string; domain: string }, match: Matcher) =>
  trackerOf(match.cookie(cookie.name)) ?? trackerOf(match.url(`//${cookie.domain.replace(/^\./, '')}/`));
const withoutQuery = (url: string) => url.replace(/[?#].*$/, '');
/** The SDK's own cookie, which holds the patient's choice: necessary, never a tracker. */
const OWN_COOKIES = new Set([CHOICE_COOKIE, `__Host-${CHOICE_COOKIE}`]);
const describeSetter = (setBy: CookieSeen['setBy']) => (setBy ? `${setBy.via === 'response' ? 'the response of' : 'the script'} ${setBy.url}` : 'unknown');

function passReport(visit: Visit, match: Matcher, own: (host: string) => boolean): PassReport {
  const cookies = visit.cookies.map((cookie) => ({
    name: cookie.name,
    domain: cookie.domain,
    expires: cookie.expires,
    party: own(cookie.domain) ? ('first' as const) : ('third' as const),
    service: OWN_COOKIES.has(cookie.name) ? 'clinic-consent' : (cookieTracker(cookie, match)?.service ?? 'unknown'),
    setBy: describeSetter(cookie.setBy),
  }));
  const seen = new Set<string>();
  const resources: ResourceReport[] = [];
  for (const request of visit.requests) {
    const entry = trackerOf(match.url(request.url));
    const thirdParty = !own(request.host);
    if (!entry && !(thirdParty && (request.type === 'script' || request.type === 'image'))) continue;
    const key = `${request.type} ${withoutQuery(request.url)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    resources.push({ url: request.url, type: request.type, service: entry?.service ?? 'unknown', category: entry?.category });
  }
  const thirdPartyHosts = unique(visit.requests.filter((request) => request.url.startsWith('http') && !own(request.host)).map((request) => request.host)).sort();
  return { cookies, thirdPartyHosts, resources };
}

const GATE_FIX =
  'Mark it up as gated, so the browser never fetches it before consent: <script type="text/plain" data-consent="CATEGORY" src="…"> for a script, data-src instead of src (with data-consent="CATEGORY") on an <img> or <iframe>. For a whole template, run: npx clinic-consent gate page.html --out gated.html (in the repository: npm run gate-snippets).';

function leaksOf(page: PageReport, before: Visit, match: Matcher, own: (host: string) => boolean): Leak[] {
  const leaks: Leak[] = [];
  const gate = (category: string) => GATE_FIX.replace('CATEGORY', category);
  const markupUrls = new Set<string>();
  for (const finding of page.markup) {
    markupUrls.add(withoutQuery(new URL(finding.url, page.url).href));
    leaks.push({
      page: page.url,
      service: finding.service,
      category: finding.category,
      kind: 'markup',
      url: finding.url,
      line: finding.line,
      tag: finding.tag,
      text: `Line ${finding.line} of this page's HTML loads ${finding.service} (${finding.category}) with a <${finding.tag}> tag. The browser fetches it as soon as it reads the HTML, before the patient has chosen, and no script can stop that.`,
      fix: gate(finding.category),
    });
  }
  const scriptFix = page.loader.found
    ? page.loader.first
      ? 'Mark up the snippet that sends it as gated (data-consent, or npx clinic-consent gate); if it is already gated, report it to Clinic Consent: the loader should have held it.'
      : `Move the Clinic Consent loader to the top of <head>, before ${page.loader.before.join(', ')}: scripts that run before it are not guarded.`
    : 'Add the Clinic Consent loader as the first script in <head>; nothing on this page holds trackers until the patient chooses.';
  const reported = new Set<string>();
  for (const request of before.requests) {
    const entry = trackerOf(match.url(request.url));
    const key = withoutQuery(request.url);
    if (!entry || markupUrls.has(key) || reported.has(key)) continue;
    reported.add(key);
    leaks.push({
      page: page.url,
      service: entry.service,
      category: entry.category,
      kind: 'request',
      url: request.url,
      text: `Before the patient chose, the page sent a request (${request.type}) to ${entry.service} (${entry.category}): ${key}.`,
      fix: scriptFix,
    });
  }
  // Every tracker cookie written before a choice, whether it is still there or was removed since.
  const cookies = new Map<string, { name: string; domain: string; party: string; setBy: string }>();
  for (const cookie of page.beforeChoice.cookies) cookies.set(cookie.name, cookie);
  for (const write of before.written) if (!cookies.has(write.name)) cookies.set(write.name, { name: write.name, domain: '', party: write.via === 'script' || own(new URL(write.url).hostname) ? 'first' : 'third', setBy: describeSetter(write) });
  for (const cookie of cookies.values()) {
    const entry = cookieTracker(cookie, match);
    if (!entry) continue;
    const where = cookie.domain ? ` on ${cookie.domain}` : ' (removed again later)';
    leaks.push({
      page: page.url,
      service: entry.service,
      category: entry.category,
      kind: 'cookie',
      cookie: cookie.name,
      setBy: cookie.setBy,
      text: `Before the patient chose, the ${cookie.party}-party cookie ${cookie.name} (${entry.service}) was set${where} by ${cookie.setBy}.`,
      fix: scriptFix,
    });
  }
  return leaks;
}

/** A path prefix for `tracking.sensitivePaths`: the page's folder, or the page itself. */
function sensitivePrefix(url: string): string {
  const path = decodeURIComponentSafe(new URL(url).pathname);
  const trimmed = path.replace(/\/index\.[a-z]+$/i, '/').replace(/\/+$/, '');
  return trimmed || '/';
}

function decodeURIComponentSafe(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** A config that passes `clinic-consent check`: the services found, by category, with their recipients. */
function draftConfig(site: URL, trackers: readonly TrackerReport[], sensitivePaths: readonly string[], entries: readonly TrackerEntry[], policyUrl: string): Record<string, unknown> {
  const categories: Record<string, { services: unknown[] }> = {};
  for (const tracker of trackers) {
    const entry = entries.find((candidate) => candidate.service === tracker.service);
    const vendor = VENDORS[tracker.service];
    const cookies = (entry?.cookies ?? []).map((name) => {
      const retention = vendor?.retention?.[name];
      return retention ? { name, retention } : { name };
    });
    const service = { id: tracker.service, name: tracker.name, thirdParty: tracker.thirdParty, country: tracker.country, ...(cookies.length ? { cookies } : {}) };
    (categories[tracker.category] ??= { services: [] }).services.push(service);
  }
  const siteId = site.hostname.toLowerCase().replace(/^www\./, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).padEnd(2, '0');
  return {
    siteId,
    policy: { url: policyUrl, version: new Date().toISOString().slice(0, 10) },
    categories,
    ...(sensitivePaths.length ? { tracking: { sensitivePaths } } : {}),
  };
}

/** The report of a finished crawl. */
export function buildReport(input: {
  readonly start: string;
  readonly version: string;
  readonly userAgent: string;
  readonly pages: readonly ScannedPage[];
  readonly skipped: readonly { readonly url: string; readonly reason: string }[];
  readonly match: Matcher;
  readonly entries: readonly TrackerEntry[];
}): ScanReport {
  const site = new URL(input.start);
  const own = siteHosts(site.hostname);
  const { match } = input;
  const pages: PageReport[] = input.pages.map(({ url, before, after }) => ({
    url,
    title: before.title,
    status: before.status,
    loader: loaderPosition(before.source),
    markup: preloadFindings(before.source, match),
    beforeChoice: passReport(before, match, own),
    afterAccept: { ...passReport(after, match, own), accepted: after.accepted },
    sensitiveFields: sensitiveFields(before.fields),
  }));
  const leaks = pages.flatMap((page, index) => leaksOf(page, (input.pages[index] as ScannedPage).before, match, own));

  const trackers = new Map<string, TrackerReport & { hosts: string[]; cookies: string[]; beforeChoice: string[]; afterAccept: string[] }>();
  const note = (service: string, category: string, page: string, when: 'beforeChoice' | 'afterAccept', host?: string, cookie?: string) => {
    const vendor = VENDORS[service];
    const tracker = trackers.get(service) ?? { service, category, name: vendor?.name ?? service, thirdParty: vendor?.thirdParty ?? '', country: vendor?.country ?? '', hosts: [], cookies: [], beforeChoice: [], afterAccept: [] };
    trackers.set(service, tracker);
    if (host && !tracker.hosts.includes(host)) tracker.hosts.push(host);
    if (cookie && !tracker.cookies.includes(cookie)) tracker.cookies.push(cookie);
    if (!tracker[when].includes(page)) tracker[when].push(page);
  };
  for (const page of pages) {
    for (const when of ['beforeChoice', 'afterAccept'] as const) {
      for (const resource of page[when].resources) if (resource.category) note(resource.service, resource.category, page.url, when, new URL(resource.url).hostname);
      for (const cookie of page[when].cookies) {
        const entry = cookieTracker(cookie, match);
        if (entry) note(entry.service, entry.category, page.url, when, undefined, cookie.name);
      }
    }
    for (const finding of page.markup) note(finding.service, finding.category, page.url, 'beforeChoice', new URL(finding.url, page.url).hostname);
  }

  const unknownHosts = new Map<string, Set<string>>();
  const unknownCookies = new Map<string, { name: string; domain: string; party: 'first' | 'third'; pages: Set<string> }>();
  for (const page of pages) {
    for (const pass of [page.beforeChoice, page.afterAccept]) {
      for (const host of pass.thirdPartyHosts) {
        if (trackerOf(match.url(`//${host}/`)) || pass.resources.some((resource) => resource.service !== 'unknown' && new URL(resource.url).hostname === host)) continue;
        const where = unknownHosts.get(host) ?? new Set<string>();
        unknownHosts.set(host, where);
        where.add(page.url);
      }
      for (const cookie of pass.cookies) {
        if (cookie.service !== 'unknown') continue;
        const key = `${cookie.name} ${cookie.domain}`;
        const known = unknownCookies.get(key) ?? { name: cookie.name, domain: cookie.domain, party: cookie.party, pages: new Set<string>() };
        unknownCookies.set(key, known);
        known.pages.add(page.url);
      }
    }
  }

  const sensitivePaths = pages.filter((page) => page.sensitiveFields.length).map((page) => ({ path: sensitivePrefix(page.url), page: page.url, fields: page.sensitiveFields }));
  const trackerList = [...trackers.values()].sort((a, b) => a.category.localeCompare(b.category) || a.service.localeCompare(b.service));
  const policyLink = input.pages.flatMap(({ before }) => before.links).find((link) => /privacy|개인정보|個人情報|プライバシー|隐私|隱私/i.test(decodeURIComponentSafe(link)));
  const policyUrl = policyLink && new URL(policyLink).origin === site.origin ? new URL(policyLink).pathname : '/privacy';

  return {
    tool: { name: 'clinic-consent scan', version: input.version, userAgent: input.userAgent },
    site: site.origin,
    scannedAt: new Date().toISOString(),
    summary: { pages: pages.length, leaks: leaks.length, trackers: trackerList.length, unknownHosts: unknownHosts.size, sensitivePages: sensitivePaths.length },
    leaks,
    trackers: trackerList,
    unknownHosts: [...unknownHosts].map(([host, where]) => ({ host, pages: [...where] })).sort((a, b) => a.host.localeCompare(b.host)),
    unknownCookies: [...unknownCookies.values()].map((cookie) => ({ ...cookie, pages: [...cookie.pages] })),
    sensitivePaths,
    pages,
    skipped: input.skipped,
    draftConfig: draftConfig(site, trackerList, unique(sensitivePaths.map((entry) => entry.path)), input.entries, policyUrl),
  };
}
