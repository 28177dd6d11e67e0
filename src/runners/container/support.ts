/**
 * Whether this browser can run the full-Node runner, and if not, why and what
 * to do instead. Pure, so every failure path is unit-tested; the page feeds
 * it what the browser reports.
 */

import { fill, uiStrings, type UiStrings } from '../../site/i18n/ui.ts';

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

/** Decides whether and how to offer the full-Node runner, saying why not in `t`'s language. */
export function webContainerSupport(facts: BrowserFacts, t: UiStrings = uiStrings('en')): Support {
  const local = t.fnLocal;
  if (!facts.enabled) return { ok: false, reason: t.fnOff, advice: local };
  if (!facts.online) return { ok: false, reason: t.fnOffline, advice: local };
  if (!facts.sharedArrayBuffer || !facts.crossOriginIsolated) return { ok: false, reason: t.fnNotIsolated, advice: fill(t.fnIsolationAdvice, { local }) };
  const ua = facts.userAgent;
  const ios = /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && /Mobile\//.test(ua));
  const safari = /Safari\//.test(ua) && !/Chrome\/|Chromium\/|Edg\//.test(ua);
  const safariVersion = Number(/Version\/(\d+\.\d+)/.exec(ua)?.[1] ?? 0);
  if (safari && !ios && safariVersion > 0 && safariVersion < 16.4) {
    return { ok: false, reason: fill(t.fnOldSafari, { version: safariVersion }), advice: fill(t.fnCurrentBrowser, { local }) };
  }
  const lowMemory = facts.deviceMemoryGiB !== undefined && facts.deviceMemoryGiB < 4;
  return { ok: true, askFirst: ios || lowMemory };
}
