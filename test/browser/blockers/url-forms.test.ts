// Property test (issue 13), in Chromium because its URL parser is the one that decides where a request
// goes: every spelling of a catalog tracker's URL (upper case, full-width and ideographic characters,
// percent escapes in the host, trailing dot, port, credentials, protocol-relative, backslashes) is the
// same tracker entry as the plain form, so no spelling gets past the guards. Fixed seed.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { createPolicy } from '../../../src/blockers/guards/policy.js';
import { catalogEntries } from '../../../src/blockers/trackers.js';
import { resolveConfig } from '../../../src/config/resolve.js';

const config = resolveConfig({ siteId: 'url-forms', policy: { url: '/', version: '1' } }, catalogEntries());
const policy = createPolicy({ config, tracking: config.tracking, isGranted: () => false });
// Every plain pattern of the catalog as a URL: `host` or `host/path-prefix`.
const plainUrls = catalogEntries().flatMap((entry) => entry.patterns.filter((pattern) => !pattern.includes('*')).map((pattern) => `https://${pattern.includes('/') ? pattern : `${pattern}/`}`));

const fullWidth = (char: string) => (/[a-z0-9]/i.test(char) ? String.fromCharCode(char.charCodeAt(0) + 0xfee0) : char);
const escaped = (char: string) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** One spelling of `host`: each character kept, upper-cased, full-width or percent-escaped; each dot as ".", "。" or "．". */
const hostForm = (host: string) =>
  fc.tuple(...[...host].map((char) => (char === '.' ? fc.constantFrom('.', '\u3002', '\uff0e') : fc.constantFrom(char, char.toUpperCase(), fullWidth(char), escaped(char))))).map((chars) => chars.join(''));

const urlForm = fc.constantFrom(...plainUrls).chain((plain) => {
  const url = new URL(plain);
  return fc
    .record({
      scheme: fc.constantFrom('https://', 'http://', 'HTTPS://', '//', 'https:\\\\', 'https:/\\', '\\\\', ' https://', 'ht\ttps://'),
      credentials: fc.constantFrom('', 'user@', 'user:pass@', ':@'),
      host: hostForm(url.hostname),
      trailingDot: fc.boolean(),
      port: fc.constantFrom('', ':443', ':80', ':8443', ':'),
      query: fc.constantFrom('', '?a=1', '#x'),
    })
    .map((form) => ({
      plain,
      form: `${form.scheme}${form.credentials}${form.host}${form.trailingDot ? '.' : ''}${form.port}${url.pathname.replaceAll('/', form.scheme.includes('\\') ? '\\' : '/')}${url.search}${form.query}`,
    }));
});

describe('any URL form of a catalog tracker (Chromium URL parser)', () => {
  it('finds the same tracker entry as the plain form', () => {
    fc.assert(
      fc.property(urlForm, ({ plain, form }) => {
        const expected = policy.blocks(plain);
        expect(expected, plain).to.not.equal(undefined);
        // The browser must agree this spelling goes to the tracker's host, or it is no bypass at all.
        fc.pre(new URL(form, location.href).hostname.replace(/\.$/, '') === new URL(plain).hostname);
        expect(policy.blocks(form)?.service, `${form} (plain: ${plain})`).to.equal(expected?.service);
      }),
      { seed: 13, numRuns: 600 },
    );
  });
});
