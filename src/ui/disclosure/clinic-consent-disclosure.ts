// The <clinic-consent-disclosure> element: the table a clinic puts on its privacy-policy page, drawn
// from the same config as the banner so the two never drift apart. It answers Japan's external-
// transmission notice (外部送信規律) and PIPA's overseas-transfer notice. Texts render as text only.
import { html, nothing, render, type TemplateResult } from 'lit/html.js';
import type { ShownService } from '../../../schema/types.js';
import type { ResolvedConfig } from '../../config/types.js';
import { disclosureFor } from '../clinic-consent/preferences.js';
import { markLanguage, type LocaleState } from '../locale.js';
import { ShadowElement } from '../shadow-element.js';
import { styles } from './clinic-consent-disclosure.styles.js';

/**
 * Defines the element (once) and hands every table on the page the config and the UI's language.
 * Kept here, not in the UI entry, so the banner's download does not carry it.
 */
export function mountDisclosures(config: ResolvedConfig, locales: LocaleState): void {
  if (!customElements.get('clinic-consent-disclosure')) customElements.define('clinic-consent-disclosure', ClinicConsentDisclosureElement);
  for (const table of document.querySelectorAll('clinic-consent-disclosure')) {
    table.config = config;
    table.locales = locales;
  }
}

/**
 * Lists every service of the site's consent config with its category, recipient, country, purpose,
 * data sent, cookies and retention, in the page's language. Place it on the privacy-policy page;
 * the SDK fills it in.
 *
 * @summary The clinic's disclosure table of cookies and external transmissions.
 *
 * @csspart table - The `<table>`.
 * @csspart caption - Its caption.
 *
 * @cssproperty [--cc-table-border=#6b7785] - Cell border colour.
 * @cssproperty [--cc-table-head=rgb(127 127 127 / 0.12)] - Header row background.
 */
export class ClinicConsentDisclosureElement extends ShadowElement {
  static override styles = styles;

  config: ResolvedConfig | null = null;
  private localeState: LocaleState | null = null;
  private readonly refresh = (): void => {
    markLanguage(this, this.localeState?.locale ?? '');
    this.requestUpdate();
  };

  /** The UI's shared language; set by the SDK when it mounts. */
  get locales(): LocaleState | null {
    return this.localeState;
  }

  set locales(value: LocaleState | null) {
    this.localeState?.removeEventListener('change', this.refresh);
    this.localeState = value;
    if (this.isConnected) value?.addEventListener('change', this.refresh);
    this.refresh();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.localeState?.addEventListener('change', this.refresh);
  }

  disconnectedCallback(): void {
    this.localeState?.removeEventListener('change', this.refresh);
  }

  protected override update(): void {
    render(this.table(), this.renderRoot, { host: this });
  }

  private table(): TemplateResult | typeof nothing {
    const { config } = this;
    const texts = this.localeState?.texts;
    if (!config || !texts) return nothing;
    const locale = this.localeState?.locale ?? 'en';
    // The same strings the preference center lists and a receipt records (config/disclosure.ts).
    const rows = disclosureFor(config, locale, texts).flatMap((category) =>
      category.services.map((service) => ({ service, category: category.name })),
    );
    const t = texts;
    return html`<div class="scroll" tabindex="0" role="region" aria-labelledby="cc-caption">
      <table part="table">
        <caption id="cc-caption" part="caption">${t.tableCaption}</caption>
        <thead>
          <tr>
            ${[t.service, t.category, t.recipient, t.country, t.purpose, t.dataSent, t.cookies].map((label) => html`<th scope="col">${label}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(({ service, category }) => renderRow(service, category, t.retention))}
        </tbody>
      </table>
    </div>`;
  }
}

function renderRow(service: ShownService, category: string, retentionLabel: string): TemplateResult {
  // The clinic's names and values, isolated (<bdi>) so Latin ones keep their direction in an Arabic table.
  const cell = (text: string | undefined): TemplateResult => html`<td><bdi>${text ?? ''}</bdi></td>`;
  return html`<tr>
    <th scope="row"><bdi>${service.name}</bdi></th>
    <td>${category}</td>
    ${cell(service.thirdParty)}
    <td>${service.country ?? ''}</td>
    ${cell(service.purpose)} ${cell(service.dataSent)}
    <td>
      ${service.cookies.length
        ? html`<ul>
            ${service.cookies.map(
              (cookie) => html`<li><bdi>${cookie.name}</bdi>${cookie.retention ? ` (${retentionLabel}: ${cookie.retention})` : ''}</li>`,
            )}
          </ul>`
        : ''}
    </td>
  </tr>`;
}
