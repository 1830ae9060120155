// Types for scripts/serve.mjs, for the tests that import it.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export const DEMO_FOLDERS: string[];
export const E2E_FOLDERS: string[];
export function strictPolicy(nonce: string, extraConnect?: string[]): string;
export function createSiteServer(options?: {
  root?: string;
  folders?: string[];
  connectSources?: string[];
  routes?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
}): Server;
