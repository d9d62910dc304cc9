// `npm run test:e2e`: the browser tests need Debian's Chromium. Without it a local run says so
// plainly and skips them; CI (CI=true) or TCCSD_REQUIRE_BROWSER=1 makes a missing browser fail.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.TCCSD_CHROMIUM ?? '/usr/bin/chromium';
const required = process.env.CI === 'true' || process.env.TCCSD_REQUIRE_BROWSER === '1';

if (!existsSync(chromium)) {
  const message = `Chromium not found at ${chromium} (install it: apt-get install -y chromium).`;
  if (required) {
    console.error(`${message}\nThe browser tests are required here: failing.`);
    process.exit(1);
  }
  console.warn(`\n*** SKIPPING THE BROWSER TESTS: ${message} ***\n`);
  process.exit(0);
}

const run = (command, args) => {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run('electron-vite', ['build']);
run('playwright', ['test', ...process.argv.slice(2)]);
