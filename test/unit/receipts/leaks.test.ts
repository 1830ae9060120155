// Leak reports (issue 19): a path can name a patient or a doctor, so a report names a page by its first segment,
// a prefix the clinic declared, or on a sensitive page only its rule's index; and whatever the path, the collector
// accepts the report the SDK builds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leakMark, leakPlace, leakReportOf } from '../../../src/receipts/leaks.js';
import { collectorCheck, type CollectorCheck } from '../../support/collector-check.js';

const encoded = (path: string) => new URL(path, 'https://clinic.example').pathname;
const place = (pathname: string, leakPaths: string[] = [], sensitivePaths: string[] = []) => leakPlace({ leakPaths, sensitivePaths }, pathname);

describe('leakPlace', () => {
  it('cuts a path to its first segment: a doctor or a patient further down is never named', () => {
    expect(place('/doctors/dr-kim/profile')).toEqual({ path: '/doctors' });
    expect(place(encoded('/의료진/김원장'))).toEqual({ path: encoded('/의료진') });
    expect(place('/')).toEqual({ path: '/' });
    expect(place('/index.html')).toEqual({ path: '/index.html' });
  });

  it('keeps as many segments as the longest declared prefix the page is under', () => {
    const declared = ['/implants/*', '/ko/events/*/detail'];
    expect(place('/implants/all-on-4/price', declared)).toEqual({ path: '/implants/all-on-4' });
    expect(place('/ko/events/spring/detail/7', declared)).toEqual({ path: '/ko/events/spring/detail' });
    expect(place('/ko/about/team', declared), 'not under a declared prefix').toEqual({ path: '/ko' });
    expect(place(encoded('/임플란트/상담/1'), ['/임플란트/*']), 'declared in Korean, matched percent-encoded').toEqual({ path: encoded('/임플란트/상담') });
  });

  it('names a sensitive page by its rule index only, whatever the leak prefixes say', () => {
    const sensitive = ['/consult', '/예약', '/*/forms/health'];
    expect(place(encoded('/예약/step-2'), ['/예약/*'], sensitive)).toEqual({ sensitive: 1 });
    expect(place('/ko/forms/health/1', [], sensitive)).toEqual({ sensitive: 2 });
    expect(place('/consultations', [], sensitive), 'a prefix holds at segment boundaries only').toEqual({ path: '/consultations' });
  });

  it('escapes what the URL parser leaves in a path, and cuts an endless one without breaking an escape', () => {
    expect(place('/a|b[1]^%zz')).toEqual({ path: '/a%7Cb%5B1%5D%5E%25zz' });
    const long = place(`/${'%EC%98%88'.repeat(100)}`);
    expect('path' in long && long.path.length).toBeLessThanOrEqual(512);
    expect('path' in long && long.path).toMatch(/^\/(%EC%98%88)+$/);
  });
});

describe('the report', () => {
  let collector: CollectorCheck;
  beforeAll(async () => {
    collector = await collectorCheck();
  });
  afterAll(() => collector.close());

  it('carries the tracker ids and the place, nothing else, and the collector accepts it', async () => {
    const paths = ['/', '/doctors/dr-kim', encoded('/예약'), '/a|b', `/${'x'.repeat(600)}`, '/%', "/!$&'()*+,;=:@~"];
    for (const pathname of paths) {
      const report = leakReportOf('cellreand', ['meta-pixel', 'meta-pixel', 'google-analytics'], place(pathname), '3f1e2d4c-5b6a-4789-8abc-def012345678', Date.UTC(2026, 10, 23, 23, 59));
      expect(Object.keys(report).sort()).toEqual(['day', 'id', 'path', 'schema', 'siteId', 'trackers']);
      expect(report).toMatchObject({ day: '2026-11-23', trackers: ['meta-pixel', 'google-analytics'] });
      expect(await collector.leak(report), pathname).toBeNull();
    }
    const sensitive = leakReportOf('cellreand', ['meta-pixel'], { sensitive: 99 }, '3f1e2d4c-5b6a-4789-8abc-def012345678', Date.UTC(2026, 10, 23));
    expect(Object.keys(sensitive).sort()).toEqual(['day', 'id', 'schema', 'sensitive', 'siteId', 'trackers']);
    expect(await collector.leak(sensitive)).toBeNull();
  });

  it('is remembered per page, and per sensitive rule', () => {
    expect(leakMark({ path: '/doctors' })).toBe('leak /doctors');
    expect(leakMark({ sensitive: 0 })).not.toBe(leakMark({ path: '/0' }));
  });
});
