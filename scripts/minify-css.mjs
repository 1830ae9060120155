// Minifies the CSS inside Lit's css`…` tagged templates at build time. Terser leaves template
// strings alone, so without this every comment and indent of the *.styles.ts files ships to the
// patient. Only whitespace, comments and spellings with a shorter twin go (`0.5rem` is `.5rem`,
// `#ffffff` is `#fff`); nothing whose removal could change a rule: spaces are kept before `:` (a
// descendant pseudo-class) and around `+`/`-` (calc()), a number's digits before its point are kept
// unless they are a lone 0 (`10.5rem` stays).

/** Minified CSS text; a single space may remain at either end (it may separate a neighbour). */
function squeeze(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .replace(/(^|[\s:,(/])0\.(\d)/g, '$1.$2')
    .replace(/#([\da-f])\1([\da-f])\2([\da-f])\3\b/gi, '#$1$2$3');
}

/** Minifies a stylesheet. */
export function minifyCss(text) {
  return squeeze(text).trim();
}

/** The css`…` templates of `code`, each static part minified; interpolations are kept as written. */
export function minifyCssTemplates(code) {
  return code.replace(/\bcss`([^`]*)`/g, (_template, body) => {
    const parts = body.split(/(\$\{[^}]*\})/).map((part) => (part.startsWith('${') ? part : squeeze(part)));
    return `css\`${parts.join('').trim()}\``;
  });
}

/** Rollup plugin: applies minifyCssTemplates to the style modules (`*.styles.ts`). */
export function minifyCssLiterals() {
  return {
    name: 'minify-css-literals',
    transform(code, id) {
      // No mappings rather than wrong ones: the whitespace that lines were counted by is gone.
      return /\.styles\.ts$/.test(id) ? { code: minifyCssTemplates(code), map: { mappings: '' } } : null;
    },
  };
}
