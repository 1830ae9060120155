// End-to-end tests against the built SDK on the demo site and test pages, served from 127.0.0.1.
import { defineConfig } from '@playwright/test';
import { chromiumForRunners } from './test/support/chromium.mjs';

const chromium = chromiumForRunners();
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath: chromium.executablePath, args: chromium.args },
    headless: true,
  },
  webServer: {
    command: `node scripts/serve.mjs --e2e --port ${port}`,
    url: `http://127.0.0.1:${port}/demo/`,
    reuseExistingServer: !process.env.CI,
  },
});
