// Styles of <clinic-consent-disclosure>: a plain table that takes the policy page's own font and
// colours, scrolling sideways inside its own focusable region on narrow screens (a data table is
// exempt from reflow, the page around it is not).
import { css } from '../shadow-element.js';

export const styles = css`
  :host {
    --cc-table-border: #6b7785;
    --cc-table-head: rgb(127 127 127 / 0.12);
    display: block;
  }
  .scroll {
    overflow-x: auto;
  }
  .scroll:focus-visible {
    outline: 3px solid currentColor;
    outline-offset: 2px;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    font-size: 0.9375rem;
  }
  caption {
    text-align: start;
    font-weight: 700;
    padding-block-end: 0.5rem;
  }
  th,
  td {
    border: 1px solid var(--cc-table-border);
    padding: 0.5rem;
    text-align: start;
    vertical-align: top;
    min-inline-size: 7rem;
  }
  thead th {
    background: var(--cc-table-head);
  }
  ul {
    margin: 0;
    padding-inline-start: 1rem;
  }
`;
