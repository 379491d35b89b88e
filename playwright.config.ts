import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/support/chromium.ts';
import { E2E_API_URL, E2E_PORT } from './tests/support/e2e-env.ts';

const launchOptions = { executablePath: findChromium(), args: CHROMIUM_ARGS };

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.test.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json']],
  use: { baseURL: `http://127.0.0.1:${E2E_PORT}`, launchOptions, serviceWorkers: 'block' },
  projects: [
    // *.desktop.test.ts: checks that need only one browser shape (built files, full sweeps of every detail page).
    {
      name: 'mobile',
      testIgnore: ['**/*.desktop.test.ts', '**/*.last.test.ts'],
      use: { ...devices['Pixel 7'], launchOptions, defaultBrowserType: 'chromium' },
    },
    // *.mobile.test.ts: journeys on one phone (they also write bench/results/journeys.json).
    {
      name: 'desktop',
      testIgnore: ['**/*.mobile.test.ts', '**/*.last.test.ts'],
      use: { ...devices['Desktop Chrome'], launchOptions },
    },
    // *.last.test.ts: tests that change what every other test relies on in the shared test API (closing the
    // questionnaire version in use: tests/e2e/survey-form-closed.last.test.ts). They run on a phone once both
    // projects above have finished, in the same run, so `npm test` counts them; one at a time, since each may
    // change what the next relies on (two copies of the closing test side by side close each other's version).
    // Playwright skips them when a test above failed (that failure is already counted). Alone: `… test
    // tests/e2e/x.last.test.ts --project=closing --no-deps` (with a file filter but without --no-deps, the two
    // projects above run in full first: filters do not reach a dependency).
    {
      name: 'closing',
      testMatch: '**/*.last.test.ts',
      dependencies: ['mobile', 'desktop'],
      workers: 1,
      use: { ...devices['Pixel 7'], launchOptions, defaultBrowserType: 'chromium' },
    },
  ],
  webServer: [
    {
      // dist/ must have been built with tests/support/e2e-env.ts's e2eBuildEnv() (npm test does).
      command: `"${process.execPath}" scripts/serve.ts`,
      env: { PORT: String(E2E_PORT) },
      url: `http://127.0.0.1:${E2E_PORT}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `"${process.execPath}" tests/support/e2e-api.ts`,
      url: `${E2E_API_URL}/auth/v1/health`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
