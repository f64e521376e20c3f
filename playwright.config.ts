import { defineConfig } from '@playwright/test';

/**
 * End-to-end suite against the production build. It needs `npm run build` first (CI runs the build
 * before `npm run test:e2e`): the web server below runs `next start`, which serves `.next` as it is.
 *
 * Every run starts a fresh embedded database (profile `e2e`, demo data seeded at start), so specs may
 * change data, but they share one server and one database: keep workers at 1.
 */
// E2E_PORT lets several checkouts on one machine run the suite side by side.
const PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // The Playwright browsers cannot be downloaded here: use Debian's Chromium.
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    // Signs in once per role (sign-in is rate limited per email and per IP) and saves e2e/.auth/*.json.
    { name: 'setup', testMatch: /auth\.setup\.ts$/ },
    {
      name: 'chromium',
      testMatch: /\.spec\.ts$/,
      dependencies: ['setup'],
    },
  ],
  webServer: {
    command: `./node_modules/.bin/next start -p ${PORT}`,
    url: `${baseURL}/api/health`,
    env: {
      COMMUNITYOS_DB_PROFILE: 'e2e',
      COMMUNITYOS_DB_FRESH: '1',
      // Every journey signs up its own fans from 127.0.0.1; the default of 10 per IP per hour is for people.
      SIGNUP_LIMIT_PER_IP_HOUR: '200',
    },
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
