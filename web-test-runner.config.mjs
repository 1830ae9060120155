// Component and browser-API tests (IndexedDB, BroadcastChannel, Lit elements) in a real Chromium,
// served from http://127.0.0.1 by the web test runner. The browser comes from test/support/chromium.mjs.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumForRunners } from './test/support/chromium.mjs';

const chromium = chromiumForRunners();

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  hostname: '127.0.0.1',
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2021', tsconfig: 'tsconfig.base.json' })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromium.executablePath, args: chromium.args, headless: true },
    }),
  ],
};
