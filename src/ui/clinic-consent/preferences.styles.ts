// Styles of the preference center's dialog, adopted by <clinic-consent> when the preference center is
// first opened, so a first visit that never opens it does not download them. Same palette variables.
import { css } from '../shadow-element.js';

export const preferencesStyles = css`
  dialog {
    background: var(--_bg);
    color: var(--_fg);
    font-size: 1rem;
    inline-size: min(42rem, calc(100% - 1rem));
    max-inline-size: none;
    max-block-size: calc(100% - 1rem);
    padding: 0;
    border: 1px solid var(--_line);
    border-radius: var(--cc-radius);
    box-shadow: 0 8px 32px rgb(0 0 0 / 0.35);
    flex-direction: column;
  }
  dialog[open] {
    display: flex;
    animation: cc-fade 0.2s ease-out;
  }
  h3 {
    font-size: 1rem;
    margin: 0 0 0.5rem;
  }
  /* A button that reads as a link (the history's download). */
  button.link {
    padding: 0;
    border: none;
    background: none;
    font-weight: 400;
    color: var(--_brand);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.55);
  }
  .head,
  dialog .actions {
    padding: 0.75rem var(--cc-space);
  }
  .head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    border-block-end: 1px solid var(--_line);
  }
  .head h2 {
    margin: 0;
  }
  .head button {
    flex: none;
    min-inline-size: 5rem;
  }
  .body {
    flex: 1;
    overflow-y: auto;
    padding: var(--cc-space);
  }
  dialog .actions {
    /* Accept all and Reject all side by side, equal; saving the switches spans the row above them. */
    grid-template-columns: repeat(2, minmax(0, 1fr));
    border-block-start: 1px solid var(--_line);
  }
  dialog .actions [part~='save'] {
    grid-column: 1 / -1;
  }
  @media (max-width: 22rem) {
    /* Too narrow for two labels such as 「すべて同意する」 side by side without breaking them. */
    dialog .actions {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .category {
    padding-block: 0.5rem;
    border-block-end: 1px solid var(--_line);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  .badge,
  .purpose,
  dl {
    color: var(--_muted);
  }
  .badge {
    font-size: 0.875rem;
  }
  summary {
    color: var(--_brand);
    padding-block: 0.5rem;
    cursor: pointer;
  }
  .service {
    margin-block: 0.5rem 1rem;
    padding-inline-start: 0.75rem;
    border-inline-start: 2px solid var(--_line);
  }
  .service-name {
    margin: 0 0 0.25rem;
    font-weight: 700;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(0, auto) minmax(0, 1fr);
    gap: 0.25rem 1rem;
    margin: 0 0 0.5rem;
    font-size: 0.9375rem;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .record {
    padding-block-start: 1rem;
  }
  @keyframes cc-fade {
    from {
      opacity: 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    dialog[open] {
      animation: none;
    }
  }
`;
