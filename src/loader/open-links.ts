// Any element with `data-cc-open` (a footer link "Cookie settings", say) opens the preference center.
// In the loader, not the floating button's part: such a link works from the first click on any page.
import type { ClinicConsentApi } from '../api.js';

export function openOnClick(api: Pick<ClinicConsentApi, 'openPreferences'>): void {
  document.addEventListener('click', (event) => {
    if ((event.target as Element).closest?.('[data-cc-open]')) {
      event.preventDefault();
      api.openPreferences();
    }
  });
}
