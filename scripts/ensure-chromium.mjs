// The web end-to-end test drives Debian's Chromium through playwright-core (browsers are never downloaded).
// On this project's machine kind (Debian, root) a missing Chromium is installed with apt-get, so the README's
// test command works on a fresh machine; elsewhere this prints how to install it and fails.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.PVPLAN_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.error(`pvplan tests: ${CHROMIUM} is missing; installing Debian's chromium with apt-get…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  } else {
    console.error(`pvplan tests need Chromium at ${CHROMIUM} for the web end-to-end test.\nInstall it (Debian: sudo apt-get install chromium) or set PVPLAN_CHROMIUM to its path.`);
    process.exit(1);
  }
}
