/**
 * Stage browser: Chromium's own WebSocket, in a page, talks to your server.
 * The test serves a page from a small HTTP server of its own, starts the
 * Chromium installed on this machine headless on that page, and the page
 * reports what it saw back with fetch. Nothing is downloaded; without a
 * Chromium the stage fails and says what to install (`npx journey doctor`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabAssertionError } from '@lab-kit';
import { listenWebSocket } from '@impl/server.ts';
import type { WebSocketServer } from '@impl/server-types.ts';
import type { ConnectionEvent } from '@impl/connection-types.ts';
import { within } from './fixtures/within.ts';

/** Where Chrome or Chromium usually is; CHROMIUM_PATH or CHROME_PATH first. */
const CANDIDATES = [
  process.env['CHROMIUM_PATH'],
  process.env['CHROME_PATH'],
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** What the page reports for each connection it made. */
interface PageReport {
  echoedText?: string;
  echoedBinary?: number[];
  serverClosed?: { code: number; reason: string; wasClean: boolean };
  pageClosed?: { code: number; reason: string; wasClean: boolean };
  error?: string;
}

/** The page: two connections, one after the other; the results go back by POST. */
function page(port: number): string {
  return `<!doctype html><meta charset="utf-8"><title>order status</title><script>
const report = {};
const url = 'ws://127.0.0.1:${port}/orders/42/status';
const closeOf = (e) => ({ code: e.code, reason: e.reason, wasClean: e.wasClean });
const done = () => fetch('/report', { method: 'POST', body: JSON.stringify(report) });
const first = new WebSocket(url);
first.binaryType = 'arraybuffer';
first.onopen = () => first.send('order 42: paid ✓');
first.onmessage = (event) => {
  if (typeof event.data === 'string') {
    report.echoedText = event.data;
    first.send(new Uint8Array([1, 2, 3, 250]).buffer);
  } else {
    report.echoedBinary = Array.from(new Uint8Array(event.data));
    first.close(4100, 'page done');
  }
};
first.onerror = () => { report.error = 'the first connection failed'; };
first.onclose = (event) => {
  report.pageClosed = closeOf(event);
  const second = new WebSocket(url);
  second.onopen = () => second.send('close me');
  second.onerror = () => { report.error = 'the second connection failed'; };
  second.onclose = (e) => { report.serverClosed = closeOf(e); done(); };
};
</script>`;
}

let server: WebSocketServer | undefined;
let site: Server | undefined;
let browser: ChildProcess | undefined;
let profile: string | undefined;
let report: PageReport | undefined;
let problem: string | undefined;
const serverSaw: { origins: (string | undefined)[]; closes: Extract<ConnectionEvent, { type: 'close' }>[] } = { origins: [], closes: [] };

beforeAll(async () => {
  const chromium = CANDIDATES.find((path) => path && existsSync(path));
  if (!chromium) {
    problem = 'no Chrome or Chromium found: install one (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH; `npx journey doctor` checks it';
    return;
  }
  try {
    server = await listenWebSocket({
      host: '127.0.0.1',
      port: 0,
      onOpen: (_peer, request) => serverSaw.origins.push(request.origin),
      onMessage: (peer, data) => (data === 'close me' ? peer.close(4001, 'order complete') : typeof data === 'string' ? peer.sendText(data) : peer.sendBinary(data)),
      onClose: (_peer, event) => serverSaw.closes.push(event),
    });
  } catch (error) {
    problem = `listenWebSocket failed: ${(error as Error).message}`;
    return;
  }
  const reported = new Promise<PageReport>((resolve) => {
    site = createServer((request, response) => {
      if (request.method === 'POST') {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => {
          response.end('ok');
          resolve(JSON.parse(body) as PageReport);
        });
        return;
      }
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page(server!.port));
    });
  });
  await new Promise<void>((resolve) => site!.listen(0, '127.0.0.1', resolve));
  const address = site!.address() as { port: number };
  profile = mkdtempSync(join(tmpdir(), 'journey-chromium-'));
  browser = spawn(
    chromium,
    ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`, `http://127.0.0.1:${address.port}/`],
    { stdio: 'ignore' },
  );
  try {
    report = await within(10_000, reported, 'the page’s report (Chromium started, the page ran both connections)');
  } catch (error) {
    problem = (error as Error).message;
  }
}, 11_500);

afterAll(async () => {
  browser?.kill('SIGKILL');
  await Promise.allSettled([server?.close(), new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)))]);
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** The page's report, or a failure saying why there is none. */
function pageReport(): PageReport {
  if (!report) throw new LabAssertionError(problem ?? 'no report from the page', 'no report', 'a report');
  return report;
}

describe('Chromium’s WebSocket, connecting to your server', () => {
  it('opens, and gets its text and binary messages echoed', () => {
    const seen = pageReport();
    expect(seen.error, 'an error event in the page (the handshake failed, or the connection broke)').toBeUndefined();
    expect({ text: seen.echoedText, binary: seen.echoedBinary }, 'what the page received').toEqual({ text: 'order 42: paid ✓', binary: [1, 2, 3, 250] });
  });

  it('sends its page’s Origin, which your server reads', () => {
    pageReport();
    expect(serverSaw.origins[0], 'RFC 6455 §4.1 item 8 (and §10.2: a server can refuse origins it does not trust)').toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('closes with 4100 from the page, cleanly on both sides', () => {
    const seen = pageReport();
    expect(seen.pageClosed && { code: seen.pageClosed.code, wasClean: seen.pageClosed.wasClean }, 'the page’s close event: your Close echoed 4100 (its reason is up to you)').toEqual({ code: 4100, wasClean: true });
    expect(serverSaw.closes[0], 'your server’s close event').toEqual({ type: 'close', code: 4100, reason: 'page done', wasClean: true });
  });

  it('closes with 4001 from your server, and the page sees the code and reason', () => {
    expect(pageReport().serverClosed, 'the page’s close event').toEqual({ code: 4001, reason: 'order complete', wasClean: true });
  });
});
