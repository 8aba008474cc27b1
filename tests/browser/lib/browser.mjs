// Shared by every browser test script: launches Debian's Chromium (/usr/bin/chromium, installed by
// tests/run.sh) headless through playwright-core, keeps screenshots as test artefacts, and turns a
// failed check into a non-zero exit with a readable message.
//
// A script is run by the .NET test (ChainPos.TestSupport.BrowserScript) with:
//   CHAINPOS_BASE_URL        the page's server, e.g. http://127.0.0.1:5081
//   CHAINPOS_SCREENSHOT_DIR  where screenshots go (the test prints it)
// plus whatever the script documents for itself.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const baseUrl = required('CHAINPOS_BASE_URL');
const screenshotDir = required('CHAINPOS_SCREENSHOT_DIR');
mkdirSync(screenshotDir, { recursive: true });

export function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`environment variable ${name} is not set`);
    process.exit(2);
  }
  return value;
}

/** Starts Chromium with the flags this machine needs (no sandbox as root, no background networking). */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves a full-page screenshot named `${name}.png` into the artefact folder and returns its path. */
export async function screenshot(page, name) {
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
  return path;
}

let checks = 0;

/** Records one check; throws with `message` when `condition` is false. */
export function check(condition, message) {
  if (!condition) {
    throw new Error(`check failed: ${message}`);
  }
  checks++;
  console.log(`ok ${checks} - ${message}`);
}

/**
 * Runs `body(page, browser)` in a fresh browser; on failure saves a screenshot named `failure`,
 * prints the error and exits 1; on success prints "all N checks passed" (the .NET test looks for it).
 * Console errors and failed requests of the page are printed, so a broken page says why.
 */
export async function run(body, { viewport = { width: 1024, height: 768 } } = {}) {
  const browser = await launch();
  const page = await browser.newPage({ viewport });
  page.on('console', (msg) => { if (msg.type() === 'error') console.log(`page console error: ${msg.text()}`); });
  page.on('pageerror', (err) => console.log(`page error: ${err.message}`));
  try {
    await body(page, browser);
    console.log(`all ${checks} checks passed`);
  } catch (err) {
    console.error(err.stack || String(err));
    try { await screenshot(page, 'failure'); } catch { /* the page may be gone */ }
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}
