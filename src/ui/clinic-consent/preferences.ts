// The preference center's content (inside a native modal <dialog>): a switch and plain purpose per
// category, the services in it with recipient, country, data, cookies and retention (expandable),
// the patient's own consent record, and Save / Accept all / Reject all. A lazy chunk of its own.
import { html, nothing, render, type TemplateResult } from 'lit/html.js';
import type { ShownService } from '../../../schema/types.js';
import { shownCategory, shownDisclosure } from '../../config/disclosure.js';
import { switchControl } from './banner.js';
import { styleSheet } from '../shadow-element.js';
import { renderHistory } from './history.js';
import { preferencesStyles } from './preferences.styles.js';
import { fill, type ConsentView } from './view.js';

/** The preference center's styles, one sheet for every <clinic-consent> that adopts it. */
export const preferencesSheet = styleSheet(preferencesStyles);

/** Draws the preference center into its dialog; lit-html keeps what did not change (and the focus in it). */
export function drawPreferences(dialog: HTMLDialogElement, view: ConsentView): void {
  render(renderPreferences(view), dialog);
}

function renderPreferences(view: ConsentView): TemplateResult {
  const { t, config, state, locale } = view;
  return html`<div class="head">
      <h2 id="cc-prefs-title" part="title">${t.prefsTitle}</h2>
      <button class="close" part="button close" @click=${() => view.closePreferences()}>${t.close}</button>
    </div>
    <div class="body">
      <p>${t.prefsIntro} <a href=${config.policy.url} part="link">${t.policyLink}</a></p>
      ${config.categories.map((category) => {
        // Global Privacy Control refused marketing for the patient; say why the switch is off.
        const gpc = state.gpc && category.id === 'marketing';
        const describedBy = `cc-purpose-${category.id}${gpc ? ' cc-gpc' : ''}`;
        // The same strings a receipt records as the disclosure shown (config/disclosure.ts).
        const shown = shownCategory(category, view.locale, view.t);
        return html`<section class="category" part="category">
          <div class="row">
            ${switchControl(view, category.id, shown.name, 'p', category.required, describedBy)}
            ${category.required ? html`<span class="badge">${t.alwaysOn}</span>` : nothing}
          </div>
          <p id="cc-purpose-${category.id}" class="purpose">${shown.description ?? ''}</p>
          ${gpc ? html`<p id="cc-gpc" class="notice" part="gpc-note">${t.gpcNote}</p>` : nothing}
          ${shown.services.length
            ? html`<details part="services">
                <summary>${fill(t.services, { n: shown.services.length })}</summary>
                ${shown.services.map((service) => renderService(view, service))}
              </details>`
            : nothing}
        </section>`;
      })}
      <section class="record" part="record" aria-labelledby="cc-record-title">
        <h3 id="cc-record-title">${t.recordTitle}</h3>
        ${state.consentId && state.decidedAt
          ? html`<dl>
                <dt>${t.consentId}</dt>
                <dd class="id"><bdi dir="ltr">${state.consentId}</bdi></dd>
                <dt>${t.decidedAt}</dt>
                <dd>${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(state.decidedAt)}</dd>
              </dl>
              ${Object.entries(state.categories).some(([id, on]) => on && !isRequired(view, id))
                ? html`<button class="primary" part="button withdraw" @click=${() => view.decide('withdraw')}>${t.withdraw}</button>`
                : nothing}`
          : html`<p>${t.noRecord}</p>`}
        ${renderHistory(view)}
      </section>
    </div>
    <div class="actions" part="actions">
      <button class="primary" part="button save" @click=${() => view.decide('save')}>${t.save}</button>
      <button class="primary" part="button accept" @click=${() => view.decide('accept')}>${t.acceptAll}</button>
      <button class="primary" part="button reject" @click=${() => view.decide('reject')}>${t.rejectAll}</button>
    </div>`;
}

/**
 * The disclosure for the privacy page's table. Handed on from here, not imported there, so the builder is bundled
 * into this chunk: a chunk of its own would cost the preference center one more round trip when it opens.
 */
export const disclosureFor: typeof shownDisclosure = (config, locale, strings) => shownDisclosure(config, locale, strings);

function isRequired(view: ConsentView, id: string): boolean {
  return view.config.categories.some((category) => category.id === id && category.required);
}

function renderService(view: ConsentView, service: ShownService): TemplateResult {
  const { t } = view;
  // Names and values come from the clinic, often in Latin letters inside Arabic text: each is isolated
  // (<bdi>) so its own direction holds and its punctuation stays with it ("Medisian Inc.", "_ga").
  const row = (label: string, value: string | TemplateResult[] = ''): TemplateResult | typeof nothing =>
    value.length ? html`<dt>${label}</dt><dd>${typeof value === 'string' ? html`<bdi>${value}</bdi>` : value}</dd>` : nothing;
  const cookies = service.cookies.map(
    (cookie, index) => html`${index ? ', ' : ''}<bdi>${cookie.name}</bdi>${cookie.retention ? ` (${cookie.retention})` : ''}`,
  );
  return html`<div class="service">
    <p class="service-name"><bdi>${service.name}</bdi></p>
    <dl>
      ${row(t.recipient, service.thirdParty)} ${row(t.country, service.country)} ${row(t.purpose, service.purpose)}
      ${row(t.dataSent, service.dataSent)} ${row(t.cookies, cookies)}
    </dl>
  </div>`;
}
