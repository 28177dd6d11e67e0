/**
 * Finds a Chrome or Chromium to drive with playwright-core. The course never
 * downloads a browser: it uses the one on the machine, and says what to
 * install when there is none.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const KNOWN_PATHS: Record<string, string[]> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  ],
};

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
export function findChromium(env = process.env, platform = process.platform): string {
  const fromEnv = env['CHROMIUM_PATH'] ?? env['CHROME_PATH'];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.`);
  }
  const found = (KNOWN_PATHS[platform] ?? []).find((p) => existsSync(p));
  if (found) return found;
  throw new Error(
    'No Chrome or Chromium found for the browser tests.\n' +
      '  Debian/Ubuntu: sudo apt-get install chromium\n' +
      '  macOS: install Google Chrome, or `brew install --cask chromium`\n' +
      '  Windows: install Google Chrome\n' +
      'or point CHROMIUM_PATH at a Chrome/Chromium executable. (The course never downloads a browser itself.)',
  );
}

/** Launches headless Chromium with the course's flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
}
