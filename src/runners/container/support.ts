/**
 * Whether this browser can run the full-Node runner, and if not, why and what
 * to do instead. Pure, so every failure path is unit-tested; the page feeds
 * it what the browser reports.
 */

export interface BrowserFacts {
  /** The teacher's course setting (`course.json`: webContainer). */
  enabled: boolean;
  crossOriginIsolated: boolean;
  sharedArrayBuffer: boolean;
  online: boolean;
  userAgent: string;
  /** navigator.deviceMemory in GiB, where the browser tells it. */
  deviceMemoryGiB?: number;
}

export type Support =
  | { ok: true; /** Boot only after an explicit click (iOS and low-memory devices crash on a big boot). */ askFirst: boolean }
  | { ok: false; reason: string; advice: string };

const LOCAL = 'Run `npx journey grade <lab>` on your machine, or keep using the browser runner for the stages marked “runs anywhere”.';

/** Decides whether and how to offer the full-Node runner. */
export function webContainerSupport(facts: BrowserFacts): Support {
  if (!facts.enabled) return { ok: false, reason: 'This course has the full-Node runner switched off.', advice: LOCAL };
  if (!facts.online) return { ok: false, reason: 'You are offline, and the full-Node runner loads its runtime from StackBlitz.', advice: LOCAL };
  if (!facts.sharedArrayBuffer || !facts.crossOriginIsolated) {
    return {
      ok: false,
      reason: 'This page is not cross-origin isolated (no SharedArrayBuffer), which the full-Node runner needs.',
      advice: `The site needs the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp on this page (see the README's deploy notes). ${LOCAL}`,
    };
  }
  const ua = facts.userAgent;
  const ios = /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && /Mobile\//.test(ua));
  const safari = /Safari\//.test(ua) && !/Chrome\/|Chromium\/|Edg\//.test(ua);
  const safariVersion = Number(/Version\/(\d+\.\d+)/.exec(ua)?.[1] ?? 0);
  if (safari && !ios && safariVersion > 0 && safariVersion < 16.4) {
    return { ok: false, reason: `Safari ${safariVersion} cannot run WebContainers (16.4 or newer is needed).`, advice: `Use a current Chrome, Edge or Firefox. ${LOCAL}` };
  }
  const lowMemory = facts.deviceMemoryGiB !== undefined && facts.deviceMemoryGiB < 4;
  return { ok: true, askFirst: ios || lowMemory };
}
