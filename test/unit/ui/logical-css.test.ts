// The SDK's styles use logical properties only (inline-start/end, block-start/end), so an Arabic
// banner mirrors by `dir="rtl"` alone. A physical left or right in any stylesheet or CSSOM call under
// src/ would leave that part unmirrored in Arabic; this check finds it.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = new URL('../../../src/', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

// CSS: margin-left, padding-right, border-left(-width), border-top-right-radius, scroll-margin-left,
// inset-left, left:, right:, and text-align/float/clear: left|right.
const physicalCss =
  /(?<![\w-])(?:(?:margin|padding|border|scroll-margin|scroll-padding|inset)-(?:left|right)(?:-[a-z]+)?|border-(?:top|bottom)-(?:left|right)-radius|left|right)\s*:|(?<![\w-])(?:text-align|float|clear)\s*:\s*(?:left|right)\b/;
// CSSOM: element.style.left / .style.marginRight / setProperty('padding-left', ...).
const physicalCssom = /\.style\.(?:left|right|(?:margin|padding|border|scrollMargin|scrollPadding)(?:Left|Right)\w*)\b|setProperty\(\s*['"`][\w-]*(?:left|right)/;

/** The text inside string and template literals: where CSS lives in these sources. */
const literals = (code: string): string[] => code.match(/`[^`]*`|'[^'\n]*'|"[^"\n]*"/g) ?? [];

/** Every physical left/right in a source file, as `line: text`. */
function physical(code: string): string[] {
  const found = literals(code).filter((text) => physicalCss.test(text));
  const cssom = code.split('\n').filter((line) => physicalCssom.test(line));
  return [...found, ...cssom].map((text) => text.trim().slice(0, 80));
}

describe('logical CSS only', () => {
  it('finds no physical left/right property in any style under src/', () => {
    const files = sources(src);
    expect(files.some((file) => file.endsWith('clinic-consent.styles.ts')), 'the styles were scanned').toBe(true);
    const offenders = files.flatMap((file) => physical(readFileSync(file, 'utf8')).map((hit) => `${relative(src, file)}: ${hit}`));
    expect(offenders).toEqual([]);
  });

  it('would find one (the check can fail)', () => {
    for (const bad of ['css`.a { margin-left: 4px; }`', "'button{padding-right:2px}'", 'css`p { text-align: left }`', "'x{left:0}'", 'css`b{border-top-left-radius:2px}`', 'el.style.marginLeft = "2px";', "el.style.setProperty('padding-right', '1px')"]) {
      expect(physical(bad), bad).not.toEqual([]);
    }
    for (const fine of ['css`.a { margin-inline-start: 4px; inset-inline-end: 0; text-align: start }`', 'a.left < b.right', '// the left column', "'left'"]) {
      expect(physical(fine), fine).toEqual([]);
    }
  });
});
