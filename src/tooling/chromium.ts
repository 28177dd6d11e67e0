/**
 * Launches the Chrome or Chromium on this machine with playwright-core. The
 * course never downloads a browser: it uses the installed one (found by
 * host-tools.ts) and says what to install when there is none.
 */
import { chromium, type Browser } from 'playwright-core';
import { detectPlatform, findTool, realHost, TOOLS, type HostEnv } from './host-tools.ts';

/** Flags for a quiet headless run: no sandbox (root in CI), no GPU, no calls home on a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The browser executable: `CHROMIUM_PATH` or `CHROME_PATH` if set, else the first known path that exists. */
export function findChromium(host: HostEnv = realHost): string {
  const found = findTool('chromium', host);
  if (found) return found;
  const fromEnv = host.env['CHROMIUM_PATH'] ?? host.env['CHROME_PATH'];
  if (fromEnv) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.`);
  throw new Error(
    `No Chrome or Chromium found for the browser tests: ${TOOLS.chromium.install[detectPlatform(host.platform)]},\n` +
      'or point CHROMIUM_PATH at a Chrome/Chromium executable. (The course never downloads a browser itself; `npx journey doctor` checks every tool.)',
  );
}

/** Launches headless Chromium with the course's flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
}
