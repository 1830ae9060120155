// The platform guides (docs/platforms/) give only what the project supports: the README's loader tag, configs that
// pass the SDK's check, commands the package's CLI has, and a WordPress plugin that prints the README's example
// config and loader first in <head>. (PHP is not run here; the plugin is small enough to be read whole.)
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkConfig } from '../../../src/config/check.js';

const root = new URL('../../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
const readme = read('README.md');
const guides = readdirSync(new URL('docs/platforms/', root)).filter((name) => name.endsWith('.md')).map((name) => ({ name, text: read(`docs/platforms/${name}`) }));
const plugin = read('docs/platforms/wordpress/clinic-consent.php');

const CONFIG_BLOCK = /<script type="application\/json" id="clinic-privacy-config">([\s\S]*?)<\/script>/g;
const readmeConfig = JSON.parse(new RegExp(CONFIG_BLOCK.source).exec(readme.slice(readme.indexOf('## Add it to a clinic site')))?.[1] ?? 'null') as unknown;
/** The README's loader tag with its `src` left open: `<script src="…" data-config="clinic-privacy-config"></script>`. */
const LOADER = /<script src="([^"]+\/clinic-consent\.js)" data-config="clinic-privacy-config"><\/script>/;

describe('the platform guides', () => {
  it('are listed in their index, which the README links', () => {
    expect(readme).toContain('(docs/platforms/README.md)');
    const index = guides.find((guide) => guide.name === 'README.md')?.text ?? '';
    for (const { name } of guides.filter((guide) => guide.name !== 'README.md')) {
      if (name !== 'hosted-files.md') expect(index, name).toContain(`](${name})`);
    }
    for (const [, link] of guides.flatMap((guide) => [...guide.text.matchAll(/\]\(([\w./-]+?)(#[\w-]+)?\)/g)])) {
      expect(() => read(`docs/platforms/${link}`), `${link} exists`).not.toThrow();
    }
  });

  it('give configs that pass the SDK check', () => {
    const blocks = guides.flatMap((guide) => [...guide.text.matchAll(CONFIG_BLOCK)].map((match) => ({ name: guide.name, json: match[1] ?? '' })));
    expect(blocks.length).toBeGreaterThan(0);
    for (const { name, json } of blocks) expect(checkConfig(JSON.parse(json)), name).toEqual([]);
  });

  it("give the loader only as the README's tag, never async or deferred", () => {
    expect(readme).toMatch(LOADER);
    const tags = guides.flatMap((guide) => [...guide.text.matchAll(/<script[^>]*clinic-consent\.js[^>]*>/g)].map((match) => ({ name: guide.name, tag: match[0] })));
    expect(tags.length).toBeGreaterThan(0);
    for (const { name, tag } of tags) expect(`${tag}</script>`, name).toMatch(LOADER);
  });

  it('name only commands the package has', () => {
    const commands = guides.flatMap((guide) => [...guide.text.matchAll(/npx (clinic-consent(?:-collector)?) (\w+)/g)].map((match) => `${match[1]} ${match[2]}`));
    expect(commands.length).toBeGreaterThan(0);
    const cli = read('src/cli/index.ts');
    const collectorCli = read('collector/src/cli.ts');
    for (const command of commands) {
      const [program, name] = command.split(' ');
      expect(program === 'clinic-consent' ? cli : collectorCli, command).toContain(`'${name}'`);
    }
  });
});

describe('the WordPress plugin', () => {
  const config = /const CLINIC_CONSENT_CONFIG = <<<'JSON'\n([\s\S]*?)\nJSON;\n/.exec(plugin)?.[1] ?? 'null';
  const src = /const CLINIC_CONSENT_SRC = '([^']+)';/.exec(plugin)?.[1];

  it("prints the README's example config, which passes the check", () => {
    expect(JSON.parse(config)).toEqual(readmeConfig);
    expect(checkConfig(JSON.parse(config))).toEqual([]);
    expect(plugin, 'the block and the id the loader reads').toContain(`echo '<script type="application/json" id="clinic-privacy-config">', CLINIC_CONSENT_CONFIG, "</script>\\n";`);
  });

  it("prints the README's loader tag, first on wp_head", () => {
    expect(readme).toContain(`<script src="${src}" data-config="clinic-privacy-config"></script>`);
    expect(plugin).toContain(`echo '<script src="', esc_url(CLINIC_CONSENT_SRC), '" data-config="clinic-privacy-config"></script>', "\\n";`);
    expect(plugin).toMatch(/add_action\('wp_head', static function \(\) \{[\s\S]*?\}, PHP_INT_MIN\);\n$/);
    expect(plugin, 'never loaded outside WordPress').toContain("defined('ABSPATH') || exit;");
  });
});
