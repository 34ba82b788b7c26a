import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests against the built app: the api (apps/api/dist) serves apps/web/dist at `/`.
 * Build both first (`npx nx run web:e2e` does). Chromium comes from Debian (/usr/bin/chromium);
 * never run `npx playwright install`.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['html', { outputFolder: './playwright-report', open: 'never' }],
    // CI sums this report into its closing "N passed, N failed" line.
    ...(process.env.TEST_REPORT_DIR
      ? ([['json', { outputFile: `${process.env.TEST_REPORT_DIR}/e2e-web.json` }]] as const)
      : []),
  ],
  use: {
    baseURL,
    locale: 'nl-NL',
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: 'node ../api/dist/main.js',
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      // A fresh embedded database per run, so the demo data is always the same.
      DATA_DIR: `../../.data/e2e-${Date.now()}`,
      LOG_LEVEL: 'warn',
    },
  },
});
