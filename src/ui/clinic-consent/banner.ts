// The banner's first layer and the short confirmation that replaces it after a choice
// (GOV.UK pattern). Accept all and Reject all share one style and size; dismissing is not consent.
import { html, nothing, type TemplateResult } from 'lit/html.js';
import { categoryText, fill, type ConsentView } from './view.js';

export function renderBanner(view: ConsentView, withToggles: boolean): TemplateResult {
  const { t, config } = view;
  const optional = config.categories.filter((category) => !category.required);
  return html`<div class="text">
      <h2 id="cc-banner-title" part="title">${t.bannerTitle}</h2>
      ${notice(view)}
      <p>${t.bannerBody}</p>
      <p>${t.bannerRefuse} <a href=${config.policy.url} part="link">${t.policyLink}</a></p>
    </div>
    ${withToggles
      ? html`<div class="toggles" role="group" aria-labelledby="cc-banner-title">
          ${optional.map((category) => renderSwitch(view, category.id, categoryText(view, category, 'label'), 'b'))}
        </div>`
      : nothing}
    <div class="actions" part="actions">
      <button class="primary" part="button accept" @click=${() => view.decide('accept')}>${t.acceptAll}</button>
      <button class="primary" part="button reject" @click=${() => view.decide('reject')}>${t.rejectAll}</button>
      ${withToggles ? html`<button part="button save" @click=${() => view.decide('save')}>${t.save}</button>` : nothing}
      <button
        part="button choose"
        @click=${() => view.openPreferences()}
        @pointerenter=${() => view.loadPreferences()}
        @focus=${() => view.loadPreferences()}
      >
        ${t.choose}
      </button>
    </div>`;
}

/** Why the patient is asked again, if they are: a new policy, changed items, or an expired choice. */
function notice(view: ConsentView): TemplateResult | typeof nothing {
  const { t, state, config } = view;
  let text = '';
  if (state.policyChanged) text = t.policyChanged;
  else if (state.expired) text = t.expired;
  else if (state.consentId && state.pending.length) {
    const items = config.categories.filter((category) => state.pending.includes(category.id));
    text = fill(t.itemsChanged, { items: items.map((category) => categoryText(view, category, 'label')).join(', ') });
  }
  return text ? html`<p class="notice" part="notice">${text}</p>` : nothing;
}

export function renderConfirmation(view: ConsentView, kind: 'accept' | 'reject' | 'save' | 'withdraw', reload: boolean): TemplateResult {
  const { t } = view;
  const message = kind === 'accept' ? t.doneAccepted : kind === 'save' ? t.doneSaved : kind === 'withdraw' ? t.doneWithdrawn : t.doneRejected;
  return html`<p class="done" tabindex="-1">${message}${reload ? html` ${t.reloadHint}` : nothing}</p>
    <div class="actions" part="actions">
      ${reload ? html`<button part="button reload" @click=${() => location.reload()}>${t.reload}</button>` : nothing}
      <button part="button hide" @click=${() => view.hideConfirmation()}>${t.hide}</button>
    </div>`;
}

/** A labelled switch; `scope` keeps ids unique between the banner and the preference center. */
export function renderSwitch(view: ConsentView, id: string, label: string, scope: string, locked = false, describedBy?: string): TemplateResult {
  const on = locked || view.draft[id] === true;
  return html`<label class="switch" part="switch">
    <input
      type="checkbox"
      role="switch"
      id="cc-${scope}-${id}"
      .checked=${on}
      ?disabled=${locked}
      aria-describedby=${describedBy ?? nothing}
      @change=${(event: Event) => view.toggle(id, (event.target as HTMLInputElement).checked)}
    /><span class="track" aria-hidden="true"></span><span class="name">${label}</span>
  </label>`;
}
