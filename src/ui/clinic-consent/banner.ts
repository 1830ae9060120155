// The banner's first layer and the short confirmation that replaces it after a choice (GOV.UK
// pattern), built by hand (../dom.ts): they are on every first visit's path. Accept all and Reject
// all share one style and size; dismissing is not consent.
import { h } from '../dom.js';
import { categoryText, fill, type ConsentView } from './view.js';

/** The first layer's content; `withToggles` adds a switch per optional category (the Korean default). */
export function buildBanner(view: ConsentView, withToggles: boolean): Node[] {
  const { t, config } = view;
  const notice = noticeText(view);
  const parts = [
    h(
      'div',
      { class: 'text' },
      h('h2', { id: 'cc-banner-title', part: 'title' }, t.bannerTitle),
      notice && h('p', { class: 'notice', part: 'notice' }, notice),
      h('p', {}, t.bannerBody),
      h('p', {}, t.bannerRefuse, ' ', h('a', { href: config.policy.url, part: 'link' }, t.policyLink)),
    ),
    withToggles && h('div', { class: 'toggles', role: 'group', 'aria-labelledby': 'cc-banner-title' }, ...bannerSwitches(view)),
    h(
      'div',
      { class: 'actions', part: 'actions' },
      h('button', { class: 'primary', part: 'button accept', onclick: () => view.decide('accept') }, t.acceptAll),
      h('button', { class: 'primary', part: 'button reject', onclick: () => view.decide('reject') }, t.rejectAll),
      withToggles && h('button', { part: 'button save', onclick: () => view.decide('save') }, t.save),
      h(
        'button',
        { part: 'button choose', onclick: () => view.openPreferences(), onpointerenter: () => view.loadPreferences(), onfocus: () => view.loadPreferences() },
        t.choose,
      ),
    ),
  ];
  return parts.filter((part) => part !== false);
}

/** The first layer's switches, brought up to date (the same elements each time: see switchControl). */
export const bannerSwitches = (view: ConsentView): HTMLLabelElement[] =>
  view.config.categories.filter((category) => !category.required).map((category) => switchControl(view, category.id, categoryText(view, category, 'label'), 'b'));

/** Why the patient is asked again, if they are: a new policy, changed items, or an expired choice ('' if not). */
export function noticeText(view: ConsentView): string {
  const { t, state, config } = view;
  if (state.policyChanged) return t.policyChanged;
  if (state.expired) return t.expired;
  if (!state.consentId || !state.pending.length) return '';
  const items = config.categories.filter((category) => state.pending.includes(category.id));
  return fill(t.itemsChanged, { items: items.map((category) => categoryText(view, category, 'label')).join(', ') });
}

export function buildConfirmation(view: ConsentView, kind: 'accept' | 'reject' | 'save' | 'withdraw', reload: boolean): Node[] {
  const { t } = view;
  const message = kind === 'accept' ? t.doneAccepted : kind === 'save' ? t.doneSaved : kind === 'withdraw' ? t.doneWithdrawn : t.doneRejected;
  return [
    h('p', { class: 'done', tabindex: '-1' }, message, reload && ` ${t.reloadHint}`),
    h(
      'div',
      { class: 'actions', part: 'actions' },
      reload && h('button', { part: 'button reload', onclick: () => location.reload() }, t.reload),
      h('button', { part: 'button hide', onclick: () => view.hideConfirmation() }, t.hide),
    ),
  ];
}

/**
 * A labelled switch; `scope` keeps ids unique between the banner and the preference center. The same
 * element comes back for the same scope and id, brought up to date, so redrawing around it (the
 * preference center's template, say) keeps the patient's focus on it.
 */
export function switchControl(view: ConsentView, id: string, label: string, scope: string, locked = false, describedBy?: string): HTMLLabelElement {
  const key = `cc-${scope}-${id}`;
  let control = view.switches.get(key);
  if (!control) {
    control = h(
      'label',
      { class: 'switch', part: 'switch' },
      h('input', { type: 'checkbox', role: 'switch', id: key, onchange: (event) => view.toggle(id, (event.target as HTMLInputElement).checked) }),
      h('span', { class: 'track', 'aria-hidden': 'true' }),
      h('span', { class: 'name' }),
    );
    view.switches.set(key, control);
  }
  const input = control.querySelector('input') as HTMLInputElement;
  input.checked = locked || view.draft[id] === true;
  input.disabled = locked;
  if (describedBy) input.setAttribute('aria-describedby', describedBy);
  else input.removeAttribute('aria-describedby');
  (control.lastElementChild as HTMLElement).textContent = label;
  return control;
}
