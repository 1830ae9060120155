// `clinic-consent scan <url> [--pages N] [--delay ms] [--out dir]`: crawls the site in Chromium and
// writes report.html, report.json and draft-config.json. Exit code 0: no leak; 1: leaks found (so a
// CI job can fail on them), or no page could be scanned, or the scan could not run; 2: a wrong command line.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findChrome, ScanError } from './chrome.js';
import { scanSite } from './crawl.js';
import { htmlReport } from './html-report.js';

export const SCAN_USAGE = 'clinic-consent scan <url> [--pages 50] [--delay 500] [--out clinic-consent-scan]';

const FLAGS = ['--pages', '--delay', '--out', '--settle'] as const;

/** The flags' values, or a message naming the wrong one. */
export function scanArguments(argv: readonly string[]): { url: string; pages: number; delayMs: number; settleMs: number; out: string } | string {
  const valueOf = (flag: string) => (argv.includes(flag) ? (argv[argv.indexOf(flag) + 1] ?? '') : undefined);
  const positional = argv.filter((arg, index) => !arg.startsWith('--') && !FLAGS.includes(argv[index - 1] as (typeof FLAGS)[number]));
  const unknown = argv.find((arg) => arg.startsWith('--') && !FLAGS.includes(arg as (typeof FLAGS)[number]));
  if (unknown) return `unknown option ${unknown}`;
  if (positional.length !== 1) return 'give one site address';
  const number = (flag: string, fallback: number, min: number) => {
    const raw = valueOf(flag);
    if (raw === undefined) return fallback;
    return /^\d+$/.test(raw) && Number(raw) >= min ? Number(raw) : `${flag} expects a whole number of at least ${min}, got "${raw}"`;
  };
  const pages = number('--pages', 50, 1);
  const delayMs = number('--delay', 500, 0);
  const settleMs = number('--settle', 3000, 0);
  for (const value of [pages, delayMs, settleMs]) if (typeof value === 'string') return value;
  const out = valueOf('--out') ?? 'clinic-consent-scan';
  if (!out) return '--out expects a folder';
  return { url: positional[0] as string, pages: pages as number, delayMs: delayMs as number, settleMs: settleMs as number, out };
}

export async function scanCommand(argv: readonly string[], version: string): Promise<number> {
  const args = scanArguments(argv);
  if (typeof args === 'string') {
    console.error(`clinic-consent scan: ${args}\nusage: ${SCAN_USAGE}`);
    return 2;
  }
  try {
    const chrome = await findChrome();
    console.error(`Scanning ${args.url} with ${chrome.executablePath} (${chrome.source}), up to ${args.pages} page(s).`);
    const report = await scanSite({ ...args, executablePath: chrome.executablePath, version, log: (line) => console.error(line) });
    const folder = resolve(args.out);
    await mkdir(folder, { recursive: true });
    await writeFile(resolve(folder, 'report.html'), htmlReport(report));
    await writeFile(resolve(folder, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(resolve(folder, 'draft-config.json'), `${JSON.stringify(report.draftConfig, null, 2)}\n`);
    const { summary } = report;
    if (!summary.pages) {
      // Nothing was scanned (robots.txt, an error page): say why rather than report a clean site.
      for (const entry of report.skipped) console.error(`not scanned: ${entry.url} (${entry.reason})`);
      console.error('clinic-consent scan: no page could be scanned, so nothing can be said about this site.');
      return 1;
    }
    console.error(
      `${summary.pages} page(s) scanned: ${summary.leaks} leak(s) before consent, ${summary.trackers} tracker service(s), ${summary.unknownHosts} unknown host(s), ${summary.sensitivePages} page(s) with a sensitive form.`,
    );
    console.error(`Report: ${resolve(folder, 'report.html')} (also report.json, draft-config.json)`);
    return summary.leaks ? 1 : 0;
  } catch (error) {
    if (!(error instanceof ScanError)) throw error;
    console.error(`clinic-consent scan: ${error.message}`);
    return 1;
  }
}
