// The SDKs under test. Adding a tool means writing one adapter file and listing it here.

/**
 * @typedef {object} Adapter
 * @property {string} id          URL-safe name; the page is served at /bench/page/<id>
 * @property {string} label       name and pinned version for the table
 * @property {boolean} [ours]     the SDK the budgets apply to
 * @property {string} [variantOf] another setup of the adapter with this id: reported, neither budgeted nor a peer
 * @property {string} setup       one line for RESULTS.md: how the page includes it, per its docs
 * @property {(root: string) => Promise<void>} [prepare]  one-off build step before any run
 * @property {() => { head: string, bodyEnd?: string }} page  what its docs put in the page
 * @property {(path: string) => boolean} own  whether a served path is the SDK's (sizes, script time)
 * @property {string} banner      in-page JS expression giving the banner element (or null)
 * @property {string} accept      Playwright selector of "accept all" in the banner
 * @property {string} reject      Playwright selector of "reject all" in the banner
 * @property {string} [settled]   in-page JS expression, true once the work a choice started has finished
 *                                (the accept flow waits for it, bounded, before the returning visit)
 */

import c15t from './c15t.mjs';
import clinicConsent, { plain as clinicConsentPlain } from './clinic-consent.mjs';
import klaro from './klaro.mjs';
import tarteaucitron from './tarteaucitron.mjs';
import vanillaCookieconsent from './vanilla-cookieconsent.mjs';

/** @type {Adapter[]} */
export const adapters = [clinicConsent, clinicConsentPlain, vanillaCookieconsent, klaro, tarteaucitron, c15t];
