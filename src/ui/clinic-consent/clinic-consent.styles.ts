// Styles of <clinic-consent>'s banner and switches (the preference center adds its own when it
// first opens): logical properties only (so a right-to-left locale needs no rework),
// light and dark palettes that keep text at ≥ 4.5:1, no motion under prefers-reduced-motion.
// Adopted stylesheets, so a strict style-src without 'unsafe-inline' is fine.
import { css } from '../shadow-element.js';

const dark = css`
  --_bg: #161b22;
  --_fg: #e6edf3;
  --_muted: #b3bdc8;
  --_line: #8b96a3;
  --_brand: var(--cc-brand-dark);
  --_on: var(--cc-on-brand-dark);
`;

export const styles = css`
  :host {
    --cc-brand: #0b5f7a;
    --cc-on-brand: #ffffff;
    --cc-brand-dark: #7cc7e8;
    --cc-on-brand-dark: #0b1a22;
    --cc-font: inherit;
    --cc-radius: 8px;
    --cc-space: 1rem;
    --cc-z-index: 2147483000;
    --_bg: #ffffff;
    --_fg: #1c2430;
    --_muted: #4b5563;
    --_line: #6b7785;
    --_brand: var(--cc-brand);
    --_on: var(--cc-on-brand);
    display: block;
    font-family: var(--cc-font);
    line-height: 1.5;
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  * {
    box-sizing: border-box;
  }
  .banner {
    background: var(--_bg);
    color: var(--_fg);
    font-size: 1rem;
    position: fixed;
    inset-inline: 0;
    inset-block-end: 0;
    z-index: var(--cc-z-index);
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    /* The text scrolls when space is short (phones, 200 % zoom); the buttons always stay in view. */
    max-block-size: 70vh;
    padding: var(--cc-space);
    border-block-start: 4px solid var(--_brand);
    /* No entrance animation: the banner is readable in the first frame it is painted. */
    box-shadow: 0 -2px 16px rgb(0 0 0 / 0.25);
  }
  .banner > * {
    inline-size: 100%;
    max-inline-size: 64rem;
    margin-inline: auto;
  }
  .text {
    min-block-size: 4rem;
    overflow-y: auto;
  }
  .text > :last-child {
    margin-block-end: 0;
  }
  h2 {
    font-size: 1.25rem;
    line-height: 1.3;
    margin: 0 0 0.5rem;
  }
  p {
    margin: 0 0 0.75rem;
  }
  .notice {
    font-weight: 700;
    border-inline-start: 4px solid var(--_brand);
    padding-inline-start: 0.75rem;
  }
  a {
    color: var(--_brand);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .actions {
    /* Equal columns: Accept all and Reject all always get the same size, whatever their text. */
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 9rem), 1fr));
    gap: 0.5rem;
  }
  button {
    min-block-size: 44px;
    padding: 0.5rem 1rem;
    font: inherit;
    font-weight: 700;
    color: var(--_brand);
    background: var(--_bg);
    border: 2px solid var(--_brand);
    border-radius: var(--cc-radius);
    cursor: pointer;
  }
  button.primary {
    color: var(--_on);
    background: var(--_brand);
  }
  :focus-visible,
  input:focus-visible + .track {
    outline: 3px solid var(--_fg);
    outline-offset: 2px;
  }
  .done:focus {
    outline: none;
  }
  .toggles {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.5rem;
  }
  .switch {
    position: relative;
    display: inline-flex;
    align-items: center;
    gap: 0.75rem;
    min-block-size: 44px;
    font-weight: 700;
    cursor: pointer;
  }
  .switch input {
    /* Above the drawn track, so a tap or click lands on the real control. */
    position: absolute;
    z-index: 1;
    inset-inline-start: 0;
    inline-size: 2.75rem;
    block-size: 1.5rem;
    margin: 0;
    opacity: 0;
    cursor: inherit;
  }
  .track {
    position: relative;
    flex: none;
    inline-size: 2.75rem;
    block-size: 1.5rem;
    border: 2px solid var(--_line);
    border-radius: 1rem;
    background: var(--_bg);
  }
  .track::after {
    content: '';
    position: absolute;
    inset-block-start: 2px;
    inset-inline-start: 2px;
    inline-size: 1rem;
    block-size: 1rem;
    border-radius: 50%;
    background: var(--_line);
    transition: inset-inline-start 0.15s;
  }
  input:checked + .track {
    border-color: var(--_brand);
    background: var(--_brand);
  }
  input:checked + .track::after {
    inset-inline-start: calc(100% - 1rem - 2px);
    background: var(--_on);
  }
  input:disabled,
  input:disabled ~ * {
    cursor: not-allowed;
  }
  @media (prefers-reduced-motion: reduce) {
    .track::after {
      transition: none;
    }
  }
`;
