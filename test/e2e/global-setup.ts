// Without Chromium a local run skips the browser tests with a visible notice; CI requires them.
import { BROWSER_AVAILABLE, CHROMIUM_PATH } from '../../playwright.config';

export default function globalSetup() {
  if (BROWSER_AVAILABLE) return;
  const required = process.env.CI === 'true' || process.env.TCCSD_REQUIRE_BROWSER === '1';
  const message = `Chromium not found at ${CHROMIUM_PATH} (install: apt-get install -y chromium).`;
  if (required) throw new Error(`${message} Browser tests are required here (CI).`);
  console.warn(`\n*** SKIPPING BROWSER TESTS: ${message} ***\n`);
}
