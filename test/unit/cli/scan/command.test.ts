// The scan command line: defaults, and a message naming what is wrong.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { findChrome, NO_CHROME, ScanError } from '../../../../src/cli/scan/chrome.js';
import { scanArguments } from '../../../../src/cli/scan/command.js';
import { escapeHtml } from '../../../../src/cli/scan/html-report.js';

describe('scanArguments', () => {
  it('has polite defaults', () => {
    expect(scanArguments(['https://clinic.example/'])).toEqual({ url: 'https://clinic.example/', pages: 50, delayMs: 500, settleMs: 3000, out: 'clinic-consent-scan' });
  });

  it('reads every flag in any order', () => {
    expect(scanArguments(['--pages', '3', 'http://127.0.0.1:8080/', '--delay', '0', '--out', 'scan', '--settle', '200'])).toEqual({ url: 'http://127.0.0.1:8080/', pages: 3, delayMs: 0, settleMs: 200, out: 'scan' });
  });

  it.each([
    [[], 'give one site address'],
    [['a', 'b'], 'give one site address'],
    [['a', '--pages', '0'], '--pages expects a whole number of at least 1, got "0"'],
    [['a', '--delay', 'soon'], '--delay expects a whole number of at least 0, got "soon"'],
    [['a', '--out'], '--out expects a folder'],
    [['a', '--depth', '2'], 'unknown option --depth'],
  ])('%j: %s', (argv, message) => {
    expect(scanArguments(argv)).toBe(message);
  });
});

describe('findChrome', () => {
  it('takes CHROME_PATH first, and names it when nothing is there', async () => {
    expect(await findChrome({ CHROME_PATH: process.execPath })).toEqual({ executablePath: process.execPath, source: 'CHROME_PATH' });
    await expect(findChrome({ CHROME_PATH: '/nowhere/chrome' })).rejects.toThrow(new ScanError('CHROME_PATH is set to /nowhere/chrome, but no file is there.'));
  });

  it('finds a browser in a fresh clone of this repository without CHROME_PATH (at the latest the devDependency @sparticuz/chromium)', async () => {
    const found = await findChrome({});
    expect(existsSync(found.executablePath)).toBe(true);
  });

  it('names every option when none is found', () => {
    expect(NO_CHROME).toMatch(/CHROME_PATH[\s\S]*install Google Chrome or Chromium[\s\S]*npx playwright-core install chromium[\s\S]*npm install @sparticuz\/chromium/);
  });
});

describe('escapeHtml', () => {
  it('escapes every character that could end a text or an attribute', () => {
    expect(escapeHtml(`<script>"x" & 'y'</script>`)).toBe('&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;');
  });
});
