// The README's "Add it to a clinic site" example is a real config: it passes the config check, and
// each service id is the catalog's id for that vendor in the same category, with cookies the catalog
// knows for it, so the guards apply the vendor's rule to exactly the service the patient allowed.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/blockers/guards/match.js';
import { catalogEntries } from '../../../src/blockers/trackers.js';
import { checkConfig } from '../../../src/config/check.js';

interface ExampleConfig {
  categories: Record<string, { services: { id: string; cookies?: { name: string }[] }[] }>;
}

const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## Add it to a clinic site'));
const json = /<script type="application\/json" id="clinic-privacy-config">([\s\S]*?)<\/script>/.exec(section)?.[1] ?? '';
const gating = /```html\n(<script type="text\/plain"[\s\S]*?)```/.exec(section)?.[1] ?? '';
const example = JSON.parse(json) as ExampleConfig;
const match = createMatcher(catalogEntries());
const catalogIds = new Set(catalogEntries().map((entry) => entry.service));

describe("the README's config example", () => {
  it('passes the config check', () => {
    expect(checkConfig(example)).toEqual([]);
  });

  it('names catalog services in their own category, with cookies the catalog knows for them', () => {
    const services = Object.entries(example.categories).flatMap(([category, { services }]) => services.map((service) => ({ category, ...service })));
    expect(services.length).toBeGreaterThan(1);
    for (const service of services) {
      const entry = catalogEntries().find((candidate) => candidate.service === service.id);
      expect(entry?.category, service.id).toBe(service.category);
      for (const cookie of service.cookies ?? []) expect(match.cookie(cookie.name)?.service, cookie.name).toBe(service.id);
    }
  });

  it('lists every catalog id in the text, and gates markup only with declared service ids', () => {
    const listed = /\*\*A service's `id` ties it to the tracker catalog\.\*\*([\s\S]*?)\n\n/.exec(section)?.[1] ?? '';
    for (const id of catalogIds) expect(listed, id).toContain(`\`${id}\``);
    const declared = Object.values(example.categories).flatMap(({ services }) => services.map((service) => service.id));
    const used = [...gating.matchAll(/data-consent-service="([^"]+)"/g)].map((found) => found[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const id of used) expect(declared).toContain(id);
  });
});
