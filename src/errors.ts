// Every message the SDK may print, keyed by a stable code (a retired code is never reused).
// Messages reach the console only, once each: nothing here ever throws into the clinic's page.
// The README lists each code with what to do about it.

const messages = {
  CC_ERR_CONFIG_MISSING: 'no configuration found',
  CC_ERR_CONFIG_JSON: 'configuration is not valid JSON',
  CC_ERR_STORAGE_UNAVAILABLE: 'IndexedDB unavailable; the choice is kept in a cookie and memory only',
  CC_ERR_STORAGE_CORRUPT: 'stored choice unreadable; asking again',
  CC_ERR_LATE_LOADER: 'Google tags ran before this script: place it first in <head>',
  CC_ERR_UI_LOAD: 'banner could not be loaded',
  CC_ERR_BUTTON_LOAD: 'floating button could not be loaded',
  CC_ERR_INTERNAL: 'internal error caught',
  CC_WARN_TRACKER_LEAK: 'tracker markup loaded before consent; gate it (npm run gate-snippets)',
} as const;

/** The config check's code, printed from its own chunk (dist/<version>/parts/config-check.js) through reportConfig. */
const configMessages = {
  CC_ERR_CONFIG_FIELD: 'wrong configuration field',
} as const;

/**
 * The receipts part's codes, printed from its own chunk (dist/<version>/parts/receipts.js) through
 * reportReceipts: kept apart so the loader does not carry their texts. None of them fails closed.
 */
const receiptMessages = {
  CC_ERR_RECEIPTS_MEMORY: 'IndexedDB unavailable for receipts',
  CC_ERR_RECEIPT_REFUSED: 'the collector refused',
  CC_ERR_RECEIPT_UNREGISTERED: 'the collector does not accept receipts',
  CC_ERR_RECEIPT: 'could not keep',
} as const;

export type ErrorCode = keyof typeof messages;
export type ConfigErrorCode = keyof typeof configMessages;
export type ReceiptsErrorCode = keyof typeof receiptMessages;

const reported = new Set<string>();

/**
 * The one console line: prefix, code, message, detail; once per page for each code and detail.
 * Problems with the config or the UI mean only necessary cookies run; the line says so.
 */
function say(code: string, message: string, detail?: string): void {
  const key = code + (detail ?? '');
  if (reported.has(key)) return;
  reported.add(key);
  const failClosed = code.startsWith('CC_ERR_CONFIG') || code === 'CC_ERR_UI_LOAD' || code === 'CC_ERR_INTERNAL';
  console.warn(`[clinic-consent] ${code}: ${message}${detail ? `: ${detail}` : ''}${failClosed ? ' (only necessary cookies run)' : ''}`);
}

/** Prints one console line for a code and its detail, once per page, so the clinic knows why. */
export function report(code: ErrorCode, detail?: string): void {
  say(code, messages[code], detail);
}

/** report() for the config check's code. */
export function reportConfig(code: ConfigErrorCode, detail?: string): void {
  say(code, configMessages[code], detail);
}

/** report() for the receipts part's codes. */
export function reportReceipts(code: ReceiptsErrorCode, detail?: string): void {
  say(code, receiptMessages[code], detail);
}
