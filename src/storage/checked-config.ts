// Remembers (in localStorage) the last configuration that passed the full check, by hash, so the
// loader can trust it on the next page view without downloading the checker again. Any change
// of the config or of the SDK version makes the hash differ and the check run again.
const KEY = 'cc-clinic-checked';

export function wasChecked(hash: string): boolean {
  try {
    return localStorage.getItem(KEY) === hash;
  } catch {
    return false;
  }
}

export function rememberChecked(hash: string): void {
  try {
    localStorage.setItem(KEY, hash);
  } catch {
    // Storage disabled: the check simply runs on every page view.
  }
}
