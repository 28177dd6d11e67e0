/**
 * Whether this browser can run the full-Node runner, decided without loading
 * it: the answer (offline, not isolated, a phone) must come even when the
 * runner's own code cannot be fetched.
 */
import { webContainerSupport, type Support } from '../runners/container/support.ts';
import { pageStrings } from './ui.ts';

/** What this browser allows, from its own reports and the course setting, said in the page's language. */
export function browserSupport(enabled: boolean): Support {
  return webContainerSupport({
    enabled,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    online: navigator.onLine,
    userAgent: navigator.userAgent,
    ...('deviceMemory' in navigator ? { deviceMemoryGiB: Number((navigator as { deviceMemory?: number }).deviceMemory) } : {}),
  }, pageStrings());
}
