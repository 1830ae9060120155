// The build's CSS minifier for Lit's css`…` templates: it may drop comments and whitespace, never
// a space that carries meaning.
import { describe, expect, it } from 'vitest';
import { minifyCss, minifyCssTemplates } from '../../../scripts/minify-css.mjs';

describe('minifyCss', () => {
  it('drops comments, indentation and the last semicolon of a block', () => {
    expect(minifyCss('\n  /* why */\n  .banner,\n  dialog {\n    color: red;\n    inset-block-end: 0;\n  }\n')).toBe('.banner,dialog{color:red;inset-block-end:0}');
  });

  it('keeps the spaces that carry meaning: descendant pseudo-classes, calc() operators, media-query words', () => {
    expect(minifyCss('.a :focus-visible { inset: calc(100% - 1rem + 2px); }')).toBe('.a :focus-visible{inset:calc(100% - 1rem + 2px)}');
    expect(minifyCss('@media (prefers-reduced-motion: reduce) and (min-width: 40rem) { .x { animation: none; } }')).toBe(
      '@media (prefers-reduced-motion:reduce) and (min-width:40rem){.x{animation:none}}',
    );
  });

  it('writes a lone 0 before a decimal point and a doubled hex colour in their short form, nothing else', () => {
    expect(minifyCss('.a { margin: 0 0 0.5rem; gap: 10.5rem 0.75rem; box-shadow: 0 -2px 0 rgb(0 0 0 / 0.25); transition: x 0.15s; }')).toBe(
      '.a{margin:0 0 .5rem;gap:10.5rem .75rem;box-shadow:0 -2px 0 rgb(0 0 0 / .25);transition:x .15s}',
    );
    expect(minifyCss('.a { color: #ffffff; background: #0b5f7a; border-color: #AABBCC; outline-color: #aabbccdd; }')).toBe(
      '.a{color:#fff;background:#0b5f7a;border-color:#ABC;outline-color:#aabbccdd}',
    );
  });
});

describe('minifyCssTemplates', () => {
  it('minifies the static parts of every css`…` template and keeps interpolations as written', () => {
    const source = "const a = css`\n  :host([theme='dark']) {\n    ${dark}\n  }\n`;\nconst b = html`<p> keep  me </p>`;";
    expect(minifyCssTemplates(source)).toBe("const a = css`:host([theme='dark']){${dark}}`;\nconst b = html`<p> keep  me </p>`;");
  });
});
